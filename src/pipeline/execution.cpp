#include "pipeline/execution.h"

#include <filesystem>

#include "pipeline/synthesis.h"
#include "relsynth/settings.h"
#include "runs/fingerprint.h"
#include "runs/recorder.h"

namespace relsynth {

std::string training_part(const Plan& plan) {
  std::string out = to_json(plan.metadata, -1);
  for (const Setting& setting : all_settings())
    if (setting.section != SettingSection::Generation && setting.key != "threads")
      out += "\n" + setting.name() + "=" + setting.get(plan.settings);
  return out;
}

runs::ExecutionRequest execution_request(const Plan& plan) {
  runs::ExecutionRequest request;
  request.name = plan.name;
  request.plan_text = plan_to_yaml(plan);
  request.seed = plan.settings.generate.seed;
  request.scale = plan.settings.generate.scale;
  request.root_rows = plan.rows;
  request.source = display_uri(plan.source);
  request.destination = display_uri(plan.destination);
  return request;
}

std::optional<SynthesisReport> run_execution(runs::RunStore& store, int64_t id, const Plan& plan,
                                             const ExecutionOptions& options, Progress& progress) {
  SynthOptions o = synth_options(plan);
  o.yes = options.yes;
  o.settings.train.refit_tables = options.refit_tables;
  // Fits are kept beside the executions: a re-run after a failure resumes where it stopped.
  o.settings.train.fit_cache = store.absolute_folder() + "/fit-cache";
  store.start(id);
  std::vector<std::string> tables;
  for (const TableMeta& table : plan.metadata.tables) tables.push_back(table.name);
  runs::ExecutionRecorder recorder(store, id, progress, tables);
  std::optional<SynthesisReport> report;
  try {
    auto destination = open_checked(o, progress);
    o.destination_to_check = destination.get();
    const std::string training = training_part(plan);
    TrainRun run =
        train_from(o, progress, options.report,
                   [&](const Metadata& metadata, const Database& data) -> std::optional<Model> {
                     const std::string key =
                         runs::training_key(training, runs::source_fingerprint(metadata, data));
                     store.record_training_key(id, key);
                     if (options.retrain) return std::nullopt;
                     const std::optional<runs::Execution> earlier = store.reusable_model(key);
                     if (!earlier) return std::nullopt;
                     progress.step("reusing the model of execution " + std::to_string(earlier->id));
                     const std::string adopted = store.adopt_model(id, *earlier);
                     Model model = Model::load(adopted);
                     progress.done("training skipped: same plan and source");
                     return model;
                   });
    if (store.get(id).model_file.empty()) {
      progress.step("saving the model");
      run.model.save(store.model_file(id));
      store.record_model(id, store.model_file(id));
      progress.done();
    }
    const std::map<std::string, int64_t> written =
        generate_to(run.model, o, *destination, progress);
    destination.reset();
    int64_t rows = 0;
    for (const auto& [table, count] : written) rows += count;
    store.record_output(id, display_uri(o.destination), rows);
    if (options.report) {
      report = report_on(o, run, store.report_html_file(id), store.report_json_file(id), progress);
      store.record_report(id, store.report_html_file(id), store.report_json_file(id));
      for (const auto& [copy, original] : {std::pair{plan.report_html, store.report_html_file(id)},
                                           std::pair{plan.report_json, store.report_json_file(id)}})
        if (!copy.empty())
          std::filesystem::copy_file(original, copy,
                                     std::filesystem::copy_options::overwrite_existing);
    }
    recorder.succeeded();
  } catch (const ExecutionCancelled& e) {
    recorder.cancelled(e.what());
    throw;
  } catch (const std::exception& e) {
    recorder.failed(options.scrub ? options.scrub(e.what()) : std::string(e.what()));
    throw;
  }
  return report;
}

}  // namespace relsynth

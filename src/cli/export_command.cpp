// relsynth export RUN --to DEST: an execution's output written again, to any destination.
// Generation is a pure function of (model, seed, scale or root rows), so the execution's model
// regenerates exactly what it wrote. The export is an execution of its own ("export of run 3"):
// it holds the destination's lock, has a timeline, and `relsynth runs cancel` stops it.
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/numbers.h"
#include "core/text.h"
#include "relsynth/error.h"
#include "relsynth/synth.h"
#include "runs/recorder.h"
#include "runs/run_store.h"

namespace relsynth::cli {

namespace {

struct ExportOptions {
  std::string store = runs::RunStore::default_folder();
  int64_t id = 0;
  std::string destination;
  bool overwrite = false;
  int threads = 0;
};

std::string named(const runs::Execution& e) {
  return "execution " + std::to_string(e.id) + " (" + e.name + ")";
}

// The execution to export: it succeeded and its model file is still there.
runs::Execution exportable(runs::RunStore& store, int64_t id) {
  const runs::Execution e = store.get(id);
  if (e.status != runs::Status::Succeeded)
    throw UsageError(named(e) + " " + runs::to_string(e.status) +
                     "; only a succeeded execution has an output to export");
  std::error_code ec;
  if (e.model_file.empty() || !std::filesystem::is_regular_file(e.model_file, ec))
    throw UsageError(
        named(e) + ": its model file " +
        (e.model_file.empty() ? std::string("was never recorded") : e.model_file + " is gone") +
        ", and export regenerates the output from it; run the plan again instead");
  return e;
}

}  // namespace

Runner add_export_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand(
      "export",
      "Write an execution's output again, to any destination (regenerated from its "
      "model with its seed and size)");
  command->add_option("run", o->id, "The execution's id (`relsynth runs list` shows them)")
      ->required()
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--to", o->destination,
                   "Destination: a SQLite file, csv:DIR, tsv:DIR, postgresql://... or mysql://...")
      ->required();
  command->add_flag("--overwrite", o->overwrite, "Replace an existing destination");
  command->add_option("--threads", o->threads, "Threads (0: all cores)")
      ->check(whole_number(0, 1024));
  add_store_option(command, o->store);
  return [o, &global] {
    runs::RunStore store(o->store, false);
    const runs::Execution from = exportable(store, o->id);
    check_outputs({{"model", from.model_file, false, true}, {"--to", o->destination, true}});
    Progress progress(global.quiet);
    DestinationOptions destination_options;
    destination_options.overwrite = o->overwrite;
    destination_options.on_warning = [&progress](const std::string& text) {
      progress.message("warning: " + text);
    };
    // Refuses an existing destination (without --overwrite) before anything is recorded.
    auto destination = open_destination(o->destination, destination_options);

    runs::ExecutionRequest request;
    request.name = "export of " + from.name;
    request.plan_text = from.plan_text;
    request.plan_hash = from.plan_hash;
    request.seed = from.seed;
    request.scale = from.scale;
    request.root_rows = from.root_rows;
    request.source = from.source;
    request.destination = display_uri(o->destination);
    request.training_key = from.training_key;
    const int64_t id = store.create(request);
    runs::DestinationLock lock;
    try {
      lock = store.lock_destination(id, o->destination);
    } catch (const Error&) {
      store.remove(id);  // it never started: not worth a line in the history
      throw;
    }
    store.start(id);
    runs::ExecutionRecorder recorder(store, id, progress);
    try {
      progress.step("loading the model of execution " + std::to_string(from.id));
      const std::string model_file = store.adopt_model(id, from);
      const Model model = Model::load(model_file);
      progress.done();
      GenerateOptions generate_options;
      generate_options.seed = from.seed;
      generate_options.scale = from.scale;
      generate_options.root_rows = from.root_rows;
      generate_options.threads = o->threads;
      int64_t rows = 0;
      for (const auto& [table, count] : generate(model, generate_options, *destination, progress))
        rows += count;
      store.record_output(id, display_uri(o->destination), rows);
      recorder.succeeded();
      if (!global.quiet)
        std::fprintf(stderr, "execution %lld: wrote %s rows to %s (as execution %lld did)\n",
                     static_cast<long long>(id), with_commas(rows).c_str(),
                     display_uri(o->destination).c_str(), static_cast<long long>(from.id));
    } catch (const std::exception& e) {
      recorder.failed(e.what());
      throw;
    }
    return 0;
  };
}

}  // namespace relsynth::cli

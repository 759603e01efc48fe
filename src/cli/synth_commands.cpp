// relsynth train | generate | synth: learn a database, generate its synthetic twin.
#include <cstdio>
#include <limits>
#include <memory>

#include "cli/commands.h"
#include "cli/numbers.h"
#include "cli/pipeline.h"
#include "cli/synthesis.h"
#include "core/temp_files.h"
#include "relsynth/error.h"
#include "relsynth/settings.h"
#include "relsynth/synth.h"
#include "synth/synthesis_model.h"
#include "synth/treatments.h"

namespace relsynth::cli {

namespace {

constexpr double kMaxRowsWithoutYes = 1e9;  // documented in the README

void add_train_options(CLI::App* command, SynthOptions& o) {
  command->add_option("-m,--metadata", o.source.metadata_path,
                      "Metadata JSON (from `inspect -o`) instead of inferring it");
  command->add_option("--holdout-to", o.holdout_to,
                      "Write the held-out rows there (for `report --holdout`)");
  command->add_option("--only", o.source.only, "Train only these tables");
  command->add_option("--ignore", o.source.ignore, "Leave these tables out");
  command->add_option("--preserve", o.settings.train.preserve,
                      "Copy these (reference) tables as they are; children link to their keys");
}

void add_generate_options(CLI::App* command, SynthOptions& o) {
  command
      ->add_option("--to", o.destination,
                   "Destination: a SQLite file (.db/.sqlite/.sqlite3, sqlite:PATH), a "
                   "directory of CSV files (csv:DIR, tsv:DIR), postgresql://... or mysql://...")
      ->required();
  command->add_option("--rows", o.rows, "Exact row count of a root table: TABLE=N");
  command->add_flag("--overwrite", o.overwrite, "Replace an existing destination");
  command->add_flag("--yes", o.yes,
                    "Go ahead with a run of over a billion rows, or bigger than the free space");
}

void parse_rows(SynthOptions& o) {
  for (const std::string& item : o.rows) {
    size_t eq = item.rfind('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError("--rows expects TABLE=N, got " + quote_name(item));
    try {
      size_t used = 0;
      long long count = std::stoll(item.substr(eq + 1), &used);
      if (used != item.size() - eq - 1 || count < 0) throw std::invalid_argument("not a count");
      o.settings.generate.root_rows[item.substr(0, eq)] = count;
    } catch (const std::exception&) {
      throw UsageError("--rows expects TABLE=N with a whole number from 0, got " +
                       quote_name(item));
    }
  }
  if (!o.settings.generate.root_rows.empty() && o.settings.generate.scale != 1.0)
    throw UsageError("pass either --scale or --rows, not both");
}

// A destination for the held-out rows, checked before any work.
std::unique_ptr<Destination> open_holdout(const SynthOptions& o, Progress& progress) {
  if (!o.holdout_to.empty() && o.settings.holdout == 0)
    throw UsageError("--holdout-to needs --holdout SHARE");
  if (o.holdout_to.empty()) return nullptr;
  DestinationOptions options;
  options.overwrite = o.overwrite;
  options.on_warning = [&progress](const std::string& text) {
    progress.message("warning: " + text);
  };
  return open_destination(o.holdout_to, options);
}

}  // namespace

TrainRun train_from(SynthOptions& o, Progress& progress, bool keep_data, const ModelReuse& reuse) {
  auto holdout_destination = open_holdout(o, progress);
  o.source.null_token = o.settings.null_token;
  o.source.encoding = o.settings.encoding;
  o.source.train_rows = o.settings.train.train_rows;
  o.source.seed = o.settings.train.seed;
  LoadedSource loaded = load_source(o.source, progress);
  // Orphans are reported by training itself, with what becomes of them.
  for (const std::string& warning : loaded.warnings)
    if (warning.rfind("orphans", 0) != 0) progress.message("warning: " + warning);
  if (o.settings.train.train_rows > 0 && !loaded.subset) {
    progress.step("choosing a training subset");
    loaded.data = subset_database(loaded.metadata, loaded.data, o.settings.train.train_rows,
                                  o.settings.train.seed);
    progress.done(with_commas(static_cast<int64_t>(loaded.data.total_rows())) + " rows");
  }
  TrainRun run;
  HoldoutSplit split;
  Database* training = &loaded.data;
  if (o.settings.holdout > 0) {
    progress.step("holding out rows");
    split = split_holdout(loaded.metadata, loaded.data, o.settings.holdout, o.settings.train.seed);
    training = &split.training;
    progress.done(with_commas(static_cast<int64_t>(split.holdout.total_rows())) + " rows");
    if (holdout_destination) {
      progress.step("writing the holdout");
      // A bag of real rows per table: their parents may be training rows, so no foreign key.
      Metadata plain = loaded.metadata;
      for (TableMeta& table : plain.tables) table.foreign_keys.clear();
      write_database(*holdout_destination, plain, split.holdout);
      progress.done(display_uri(o.holdout_to));
    }
  }
  if (reuse) {
    if (std::optional<Model> reused = reuse(loaded.metadata, loaded.data)) {
      run.model = std::move(*reused);
      if (keep_data) {
        run.metadata = std::move(loaded.metadata);
        run.real = std::move(loaded.data);
        run.holdout = std::move(split.holdout);
      }
      return run;
    }
  }
  Database completed;
  if (o.settings.complete_parents) {
    if (training == &loaded.data && keep_data) {  // the report compares with the rows as read
      completed = loaded.data;
      training = &completed;
    }
    progress.step("completing parent tables");
    const std::vector<std::string> notes = complete_parents(loaded.metadata, *training);
    progress.done(notes.empty() ? "no key dangles" : with_commas(notes.size()) + " foreign keys");
    for (const std::string& note : notes) progress.message("note: " + note);
  }
  run.model = train(loaded.metadata, *training, o.settings.train, progress);
  for (const std::string& warning : run.model.warnings()) progress.message("warning: " + warning);
  if (keep_data) {
    run.metadata = std::move(loaded.metadata);
    run.real = std::move(loaded.data);
    run.holdout = std::move(split.holdout);
  }
  return run;
}

namespace {

// A run far bigger than usual, or bigger than the destination's free space, is said before it
// starts and needs --yes.
void check_size(const Model& model, const SynthOptions& o) {
  const OutputEstimate estimate = estimate_output(model, o.settings.generate);
  const std::string folder = destination_folder(o.destination);
  const double free = folder.empty() ? -1 : free_space(folder);
  auto amount = [](double value) { return with_commas(static_cast<int64_t>(value)); };
  if (o.yes) return;
  if (estimate.rows > kMaxRowsWithoutYes)
    throw UsageError("this run would write about " + amount(estimate.rows) + " rows (more than " +
                     amount(kMaxRowsWithoutYes) +
                     "); pass --yes to go ahead, or a smaller --scale");
  if (free >= 0 && estimate.bytes > free)
    throw UsageError("this run would write about " + amount(estimate.bytes / 1e6) + " MB to " +
                     folder + ", which has " + amount(free / 1e6) +
                     " MB free; pass --yes to try anyway, or a smaller --scale");
}

}  // namespace

std::map<std::string, int64_t> generate_to(const Model& model, SynthOptions& o,
                                           Destination& destination, Progress& progress) {
  check_size(model, o);
  o.settings.generate.threads = o.settings.train.threads;
  auto written = generate(model, o.settings.generate, destination, progress);
  int64_t total = 0;
  for (const auto& [table, rows] : written) total += rows;
  if (!progress.quiet())
    std::fprintf(stderr, "wrote %s rows in %zu tables to %s\n", with_commas(total).c_str(),
                 written.size(), display_uri(o.destination).c_str());
  return written;
}

std::unique_ptr<Destination> open_checked(const SynthOptions& o, Progress& progress) {
  DestinationOptions options;
  options.overwrite = o.overwrite;
  options.on_warning = [&progress](const std::string& text) {
    progress.message("warning: " + text);
  };
  return open_destination(o.destination, options);  // refuses an existing one before any work
}

void report_on(const SynthOptions& o, const TrainRun& run, const std::string& html,
               const std::string& json, Progress& progress) {
  // The output is compared with the data as training saw it: excluded tables and columns left
  // out, hashed and masked values as the model learned them.
  const std::vector<std::string>& preserve = o.settings.train.preserve;
  const TreatedSource treated = apply_treatments(run.metadata, run.real, preserve);
  const Metadata& metadata = treated.metadata;
  const Database& real = treated.data ? *treated.data : run.real;
  std::optional<TreatedSource> holdout;
  if (o.settings.holdout > 0) holdout = apply_treatments(run.metadata, run.holdout, preserve);
  progress.step("reading the synthetic database back");
  const Database synthetic = read_present_tables(o.destination, metadata, {});
  progress.done();
  ReportRequest request;
  request.html_path = html;
  request.json_path = json;
  request.real_name = display_uri(o.source.uri);
  request.synthetic_name = display_uri(o.destination);
  // With --rows the root tables set the size; otherwise the run's scale is known.
  if (o.rows.empty() && o.settings.generate.root_rows.empty())
    request.scale = o.settings.generate.scale;
  const Database* held_out = !holdout ? nullptr : holdout->data ? &*holdout->data : &run.holdout;
  write_report(request, metadata, real, synthetic, held_out, progress);
}

Runner add_train_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<SynthOptions>();
  CLI::App* command = app.add_subcommand("train", "Learn a database and save the model file");
  command
      ->add_option("source", o->source.uri,
                   "A SQLite file, a directory of CSV/TSV files, a .zip/.tar.gz of them, "
                   "postgresql://... or mysql://...")
      ->required();
  command->add_option("-o,--output", o->model_path, "Model file to write (e.g. model.rsm)")
      ->required();
  add_train_options(command, *o);
  add_setting_flags(command, o->settings, kTrainCommand);
  return [o, &global] {
    Progress progress(global.quiet);
    check_outputs({{"source", o->source.uri},
                   {"-m", o->source.metadata_path, false, true},
                   {"-o", o->model_path, true, true},
                   {"--holdout-to", o->holdout_to, true}});
    Model model = train_from(*o, progress).model;
    progress.step("saving the model");
    model.save(o->model_path);
    progress.done(o->model_path);
    return 0;
  };
}

// generate --preserve: a table is copied only if training stored its real rows in the model
// file; generation alone cannot bring them back.
void check_preserved(const Model& model, const std::vector<std::string>& preserve) {
  const SynthesisModel& impl = model.impl();
  check_table_names(impl.metadata, "--preserve", preserve);
  for (const std::string& name : preserve) {
    if (!impl.tables[impl.table_index(name)].copied)
      throw UsageError("--preserve " + quote_name(name) +
                       ": the model file does not hold its real rows (it was modelled); train "
                       "with `relsynth train SOURCE --preserve " +
                       name + " ...` to copy it as it is");
  }
}

Runner add_generate_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<SynthOptions>();
  CLI::App* command =
      app.add_subcommand("generate", "Generate a synthetic database from a model file");
  command->add_option("model", o->model_path, "Model file written by `train`")->required();
  add_generate_options(command, *o);
  add_setting_flags(command, o->settings, kGenerateCommand);
  command->add_option("--preserve", o->settings.train.preserve,
                      "Tables to copy as they are: the model file must hold them (train with "
                      "--preserve); small reference tables always are");
  return [o, &global] {
    parse_rows(*o);
    check_outputs({{"model", o->model_path, false, true}, {"--to", o->destination, true}});
    Progress progress(global.quiet);
    progress.step("loading the model");
    Model model = Model::load(o->model_path);
    progress.done();
    check_preserved(model, o->settings.train.preserve);
    auto destination = open_checked(*o, progress);
    generate_to(model, *o, *destination, progress);
    return 0;
  };
}

Runner add_synth_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<SynthOptions>();
  CLI::App* command =
      app.add_subcommand("synth", "Learn a database and generate its synthetic twin in one go");
  command
      ->add_option("source", o->source.uri,
                   "A SQLite file, a directory of CSV/TSV files, a .zip/.tar.gz of them, "
                   "postgresql://... or mysql://...")
      ->required();
  add_train_options(command, *o);
  add_generate_options(command, *o);
  add_setting_flags(command, o->settings, kTrainCommand | kGenerateCommand);
  command->add_option("--save-model", o->model_path, "Also save the model file");
  command->add_option("--report", o->report_html,
                      "Then compare the result with the source: an HTML report to this file");
  command->add_option("--report-json", o->report_json, "... and/or the JSON report");
  return [o, &global] {
    parse_rows(*o);
    check_outputs({{"source", o->source.uri},
                   {"-m", o->source.metadata_path, false, true},
                   {"--to", o->destination, true},
                   {"--save-model", o->model_path, true, true},
                   {"--report", o->report_html, true, true},
                   {"--report-json", o->report_json, true, true},
                   {"--holdout-to", o->holdout_to, true}});
    Progress progress(global.quiet);
    auto destination = open_checked(*o, progress);
    const bool report = !o->report_html.empty() || !o->report_json.empty();
    TrainRun run = train_from(*o, progress, report);
    if (!o->model_path.empty()) run.model.save(o->model_path);
    generate_to(run.model, *o, *destination, progress);
    destination.reset();
    if (report) report_on(*o, run, o->report_html, o->report_json, progress);
    return 0;
  };
}

}  // namespace relsynth::cli

// relsynth train | generate | synth: learn a database, generate its synthetic twin.
#include <cstdio>
#include <iostream>
#include <limits>
#include <memory>

#include "cli/commands.h"
#include "cli/numbers.h"
#include "core/temp_files.h"
#include "pipeline/reporting.h"
#include "pipeline/source_loading.h"
#include "pipeline/synthesis.h"
#include "relsynth/error.h"
#include "relsynth/settings.h"
#include "relsynth/synth.h"
#include "synth/synthesis_model.h"
#include "synth/treatments.h"

namespace relsynth::cli {

namespace {

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

// --units K..L (or K): the units of the run to generate, 0-based and inclusive.
void parse_units(const std::string& text, GenerateOptions& options) {
  if (text.empty()) return;
  const size_t dots = text.find("..");
  auto number = [&](const std::string& part) {
    size_t used = 0;
    long long value = -1;
    try {
      value = std::stoll(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (part.empty() || used != part.size() || value < 0)
      throw UsageError("--units expects K..L (unit numbers from 0, e.g. 0..3) or K, got " +
                       quote_name(text));
    return static_cast<int64_t>(value);
  };
  options.first_unit = number(dots == std::string::npos ? text : text.substr(0, dots));
  options.last_unit =
      dots == std::string::npos ? options.first_unit : number(text.substr(dots + 2));
  if (options.last_unit < options.first_unit)
    throw UsageError("--units " + text + ": the last unit comes before the first");
}

}  // namespace

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
  auto units = std::make_shared<std::string>();
  command->add_option("--units", *units,
                      "Generate only units K..L (0-based, inclusive) of the run: a run of scale "
                      "N has ceil(N) independent units, and the parts of any split add up to "
                      "the whole run's output (copied tables come with unit 0)");
  return [o, units, &global] {
    parse_rows(*o);
    parse_units(*units, o->settings.generate);
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
    o->destination_to_check = destination.get();
    const bool report = !o->report_html.empty() || !o->report_json.empty();
    TrainRun run = train_from(*o, progress, report);
    if (!o->model_path.empty()) run.model.save(o->model_path);
    generate_to(run.model, *o, *destination, progress);
    destination.reset();
    if (report) {
      const SynthesisReport done = report_on(*o, run, o->report_html, o->report_json, progress);
      std::cout << human_summary(done.request, done.report);
    }
    return 0;
  };
}

}  // namespace relsynth::cli

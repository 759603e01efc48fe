#include "pipeline/synthesis.h"

#include <cmath>
#include <cstdio>

#include "core/temp_files.h"
#include "core/text.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

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

namespace {

// The schema the output will have: the source's without the tables and columns it excludes.
Metadata output_schema(Metadata metadata) {
  std::erase_if(metadata.tables,
                [](const TableMeta& table) { return table.treatment == TableTreatment::Exclude; });
  for (TableMeta& table : metadata.tables)
    std::erase_if(table.columns, [](const ColumnMeta& column) {
      return column.treatment.kind == Treatment::Exclude;
    });
  return metadata;
}

}  // namespace

TrainRun train_from(SynthOptions& o, Progress& progress, bool keep_data, const ModelReuse& reuse) {
  auto holdout_destination = open_holdout(o, progress);
  o.source.null_token = o.settings.null_token;
  o.source.encoding = o.settings.encoding;
  o.source.train_rows = o.settings.train.train_rows;
  o.source.seed = o.settings.train.seed;
  LoadedSource loaded = load_source(o.source, progress);
  if (o.destination_to_check) o.destination_to_check->check(output_schema(loaded.metadata));
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
  if (keep_data) {
    run.model = train(loaded.metadata, *training, o.settings.train, progress);
  } else {
    // Nothing reads the rows after training: it frees them as it goes (the peak is then not
    // the whole source plus the whole model).
    if (training != &loaded.data) loaded.data = Database();
    run.model = train(loaded.metadata, std::move(*training), o.settings.train, progress);
  }
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
    std::fprintf(stderr, "wrote %s row%s in %zu table%s to %s\n", with_commas(total).c_str(),
                 total == 1 ? "" : "s", written.size(), written.size() == 1 ? "" : "s",
                 display_uri(o.destination).c_str());
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

SynthOptions synth_options(const Plan& plan) {
  SynthOptions o;
  o.source.uri = plan.source;
  o.source.metadata = &plan.metadata;
  o.source.metadata_origin = "the plan";
  for (const TableMeta& table : plan.metadata.tables) {
    if (table.treatment == TableTreatment::Exclude) o.source.ignore.push_back(table.name);
    if (table.treatment == TableTreatment::Preserve)
      o.settings.train.preserve.push_back(table.name);
  }
  const std::vector<std::string> preserve = o.settings.train.preserve;
  o.settings = plan.settings;
  o.settings.train.preserve = preserve;
  o.settings.generate.root_rows = plan.rows;
  for (const auto& [name, ratio] : plan.ratios)  // validated: a root with a known row count
    o.settings.generate.root_rows[name] =
        std::llround(static_cast<double>(plan.metadata.find_table(name)->row_count) * ratio);
  o.settings.generate.threads = o.settings.train.threads;
  o.destination = plan.destination;
  o.overwrite = plan.overwrite;
  return o;
}

}  // namespace relsynth

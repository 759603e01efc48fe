#include "pipeline/reporting.h"

#include <cstdio>
#include <optional>

#include "core/temp_files.h"
#include "pipeline/synthesis.h"
#include "relsynth/error.h"
#include "relsynth/inference.h"
#include "synth/treatments.h"

namespace relsynth {

namespace {

// Whether every column of `a` has the storage type and format `b` gives it (inference may read
// text as dates or numbers, and then the rows are read again with those types).
bool same_types(const Metadata& a, const Metadata& b) {
  for (const TableMeta& table : a.tables) {
    const TableMeta* other = b.find_table(table.name);
    if (!other) return false;
    for (const ColumnMeta& column : table.columns) {
      const ColumnMeta* o = other->find_column(column.name);
      if (!o || o->type != column.type || o->format != column.format) return false;
    }
  }
  return true;
}

}  // namespace

ReportInputs read_report_inputs(const std::string& real_uri, const std::string& synthetic_uri,
                                const Metadata* given, const SourceOptions& source_options,
                                Progress& progress) {
  auto real = open_source(real_uri, source_options);
  auto synthetic = open_source(synthetic_uri, source_options);
  return read_report_inputs(*real, *synthetic, display_uri(synthetic_uri), given, progress);
}

ReportInputs read_report_inputs(Source& real_source, Source& synthetic_source,
                                const std::string& synthetic_name, const Metadata* given,
                                Progress& progress) {
  ReportInputs out;
  progress.step("reading real data");
  Metadata declared = real_source.describe();
  if (given) {
    out.untreated = *given;
    out.real = read_database(real_source, out.untreated);
  } else {
    out.real = read_database(real_source, declared);
    progress.done(std::to_string(out.real.total_rows()) + " rows");
    progress.step("inferring metadata");
    out.untreated = infer_metadata(declared, out.real).metadata;
    if (!same_types(out.untreated, declared)) out.real = read_database(real_source, out.untreated);
  }
  progress.done(std::to_string(out.real.total_rows()) + " rows");
  TreatedSource treated = apply_treatments(out.untreated, out.real, {});
  out.metadata = std::move(treated.metadata);
  if (treated.data) out.real = std::move(*treated.data);

  progress.step("reading synthetic data");
  out.synthetic = read_present_tables(synthetic_source, synthetic_name, out.metadata);
  progress.done(std::to_string(out.synthetic.total_rows()) + " rows");
  return out;
}

Database read_present_tables(const std::string& uri, const Metadata& metadata,
                             const SourceOptions& source_options) {
  auto source = open_source(uri, source_options);
  return read_present_tables(*source, display_uri(uri), metadata);
}

Database read_present_tables(Source& source, const std::string& name, const Metadata& metadata) {
  // A database of another schema is bad input, not a synthetic database with empty tables.
  const Metadata present = source.describe();
  for (const TableMeta& table : metadata.tables) {
    const TableMeta* found = present.find_table(table.name);
    if (!found)
      throw InputError(name + ": " + locate(table.name) + " is missing (the metadata has it)");
    for (const ColumnMeta& column : table.columns)
      if (!found->find_column(column.name))
        throw InputError(name + ": " + locate(table.name, column.name) +
                         " is missing (the metadata has it)");
  }
  return read_database(source, metadata);
}
Report write_report(const ReportRequest& request, const Metadata& metadata, const Database& real,
                    const Database& synthetic, const Database* holdout, Progress& progress) {
  progress.step("evaluating");
  ReportOptions report_options;
  report_options.seed = request.seed;
  report_options.max_rows = request.max_rows;
  report_options.detection = request.detection;
  report_options.privacy = request.privacy;
  report_options.scale = request.scale;
  Report report = evaluate(metadata, real, synthetic, report_options, holdout);
  progress.done();

  if (!request.json_path.empty()) {
    write_file_atomically(request.json_path, to_json(report) + "\n", "report");
    if (!progress.quiet())
      std::fprintf(stderr, "report written to %s\n", request.json_path.c_str());
  }
  if (!request.html_path.empty()) {
    write_file_atomically(
        request.html_path,
        to_html(report, metadata, request.synthetic_name + " vs " + request.real_name), "report");
    if (!progress.quiet())
      std::fprintf(stderr, "HTML report written to %s\n", request.html_path.c_str());
  }
  return report;
}

SynthesisReport report_on(const SynthOptions& o, const TrainRun& run, const std::string& html,
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
  Report report = write_report(request, metadata, real, synthetic, held_out, progress);
  return {std::move(request), std::move(report)};
}

}  // namespace relsynth

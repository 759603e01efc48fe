// What a report compares, read the same way by every front end: the real database with its
// metadata (given, or inferred), treated as training saw it, and the synthetic database.
#pragma once

#include <string>

#include "relsynth/io.h"
#include "relsynth/metadata.h"
#include "relsynth/progress.h"
#include "relsynth/report.h"
#include "relsynth/table.h"

namespace relsynth {

struct SynthOptions;  // pipeline/synthesis.h
struct TrainRun;

struct ReportInputs {
  Metadata metadata;   // as training saw it: excluded tables and columns left out
  Metadata untreated;  // as given or inferred (a holdout is read with it)
  Database real;       // hashed and masked values as the model learned them
  Database synthetic;
};

// Reads `real` (with `metadata`, or inferring it when null), applies the metadata's treatments,
// then reads the same tables from `synthetic`.
ReportInputs read_report_inputs(const std::string& real, const std::string& synthetic,
                                const Metadata* metadata, const SourceOptions& source_options,
                                Progress& progress);
// The same from sources already open (tables in memory); `synthetic_name` names it in errors.
ReportInputs read_report_inputs(Source& real, Source& synthetic, const std::string& synthetic_name,
                                const Metadata* metadata, Progress& progress);

// The tables of `metadata` from the database at `uri`; a table or column it lacks is an
// InputError naming it.
Database read_present_tables(const std::string& uri, const Metadata& metadata,
                             const SourceOptions& source_options);
Database read_present_tables(Source& source, const std::string& name, const Metadata& metadata);

// What a report evaluates and where it writes (`report`'s options, `synth --report`, a plan's
// execution).
struct ReportRequest {
  uint64_t seed = 7;
  size_t max_rows = 50000;
  bool detection = true;
  bool privacy = true;
  double scale = 0;                       // 0: estimated
  std::string json_path, html_path;       // empty: not written
  std::string real_name, synthetic_name;  // as shown (passwords masked)
};

// Evaluates and writes the files asked for; returns the report (the CLI prints its summary).
Report write_report(const ReportRequest& request, const Metadata& metadata, const Database& real,
                    const Database& synthetic, const Database* holdout, Progress& progress);

struct SynthesisReport {
  ReportRequest request;
  Report report;
};
// The report of a synthesis: its written destination read back and compared with the rows
// training read, treated as training saw them.
SynthesisReport report_on(const SynthOptions& o, const TrainRun& run, const std::string& html,
                          const std::string& json, Progress& progress);

}  // namespace relsynth

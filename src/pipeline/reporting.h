// What a report compares, read the same way by every front end: the real database with its
// metadata (given, or inferred), treated as training saw it, and the synthetic database.
#pragma once

#include <string>

#include "relsynth/io.h"
#include "relsynth/metadata.h"
#include "relsynth/progress.h"
#include "relsynth/table.h"

namespace relsynth {

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

}  // namespace relsynth

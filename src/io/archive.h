// Archives of per-table CSV/TSV or Parquet files (archive.cpp); the connectors are in
// connectors.h.
#pragma once

#include <filesystem>
#include <string>

#include "io/connectors.h"

namespace relsynth {

// Extracts the .csv/.tsv or .parquet members of the archive at `path` into `folder` (flat),
// refusing names that reach outside, nesting deeper than one folder, two files for a table, CSV
// and Parquet members together, a corrupt archive, and more than `max_bytes` expanded; each error
// names the archive and the member. Returns the members' format.
ArchiveMembers extract_archive_tables(const std::string& path, const std::filesystem::path& folder,
                                      double max_bytes);

}  // namespace relsynth

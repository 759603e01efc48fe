// Archives of per-table CSV/TSV files (archive.cpp); the connectors are in connectors.h.
#pragma once

#include <filesystem>
#include <string>

namespace relsynth {

// Extracts the .csv/.tsv members of the archive at `path` into `folder` (flat), refusing names
// that reach outside, nesting deeper than one folder, two files for a table, a corrupt archive,
// and more than `max_bytes` expanded; each error names the archive and the member.
void extract_archive_tables(const std::string& path, const std::filesystem::path& folder,
                            double max_bytes);

}  // namespace relsynth

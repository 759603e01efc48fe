// A destination folder of per-table files (CSV, Parquet), written in a staging folder beside it
// and moved onto it on commit. The folder also holds a manifest (.relsynth-output) of the files
// written, so that --overwrite never removes a file relsynth did not write.
#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "core/temp_files.h"
#include "relsynth/io.h"

namespace relsynth {

// The manifest's name; an archive holding a member of that name is relsynth's own output too.
inline constexpr const char* kOutputManifest = ".relsynth-output";

// macOS's AppleDouble files ("._t.csv" beside t.csv, or under __MACOSX/ in a zip) hold a file's
// resource fork, never a table, whatever their extension: every folder and archive reader skips
// them, so no table is written under such a name.
inline bool is_apple_double(std::string_view file_name) { return file_name.starts_with("._"); }

// The names the manifest in `folder` lists (files; folders as "name/"), empty without one.
std::set<std::string> manifest_entries(const std::filesystem::path& folder);

class OutputFolder {
 public:
  // Checks the target before any work: an existing folder is written only when empty, or with
  // --overwrite when it holds nothing but relsynth's earlier output. Removes what killed runs
  // left beside it. `kind` names the destination in errors ("CSV").
  OutputFolder(const std::string& directory, const DestinationOptions& options, std::string kind);

  const std::filesystem::path& target() const { return target_; }
  // Creates the staging folder (once).
  void stage();
  bool staged() const { return staged_ != nullptr; }
  // Where the file of `table` goes in the staging folder ("<table><extension>"), listed in the
  // manifest; throws InputError when the table's name cannot be a file name.
  std::filesystem::path table_file(const std::string& table, const std::string& extension);
  // Writes the manifest, checks the target again (files put there meanwhile are left alone) and
  // moves the staging folder onto it. Throws and discards on failure.
  void commit();
  // Removes the staging folder. Safe to call more than once.
  void discard();

 private:
  void check_target() const;

  std::filesystem::path target_;
  DestinationOptions options_;
  std::string kind_;
  std::unique_ptr<StagedPath> staged_;
  std::set<std::string> files_;
};

}  // namespace relsynth

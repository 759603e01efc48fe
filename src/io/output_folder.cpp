// Staged destination folders with their manifest (see output_folder.h).
#include "io/output_folder.h"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <vector>

#include "io/connectors.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

// What in `folder` relsynth did not write (up to a few names), by its manifest.
std::vector<std::string> foreign_entries(const fs::path& folder) {
  const std::set<std::string> ours = manifest_entries(folder);
  std::vector<std::string> foreign;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool is_file = it->is_regular_file(ec) && !it->is_symlink(ec);
    if (name == kOutputManifest || (is_file && ours.count(name))) continue;
    foreign.push_back(name + (it->is_directory(ec) ? "/" : ""));
  }
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

bool empty_folder(const fs::path& folder) {
  std::error_code ec;
  return fs::is_directory(folder, ec) && fs::is_empty(folder, ec);
}

}  // namespace

std::set<std::string> manifest_entries(const fs::path& folder) {
  std::set<std::string> names;
  std::ifstream in(folder / kOutputManifest);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') names.insert(line);
  return names;
}

OutputFolder::OutputFolder(const std::string& directory, const DestinationOptions& options,
                           std::string kind)
    : target_(fs::path(directory).lexically_normal()), options_(options), kind_(std::move(kind)) {
  if (target_.empty()) throw UsageError("empty " + kind_ + " destination directory");
  if (target_.filename().empty() && target_.has_parent_path()) target_ = target_.parent_path();
  prepare_output_directory("destination", target_.string());
  remove_stale_temporaries(target_,
                           [this](const std::string& text) { warn_about(options_, text); });
  check_target();
}

void OutputFolder::stage() {
  if (staged_)
    throw UsageError(kind_ + " destination " + quote_name(target_.string()) + " already begun");
  check_target();
  staged_ = std::make_unique<StagedPath>(target_);
  std::error_code ec;
  fs::create_directories(staged_->path(), ec);
  if (ec) {
    staged_.reset();
    throw IoError("cannot create a staging folder for " + quote_name(target_.string()) + ": " +
                  ec.message());
  }
}

fs::path OutputFolder::table_file(const std::string& table, const std::string& extension) {
  if (table.empty() || table == "." || table == ".." ||
      table.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos)
    throw InputError(locate(table) + ": the table name cannot be used as a file name");
  if (is_apple_double(table))
    throw InputError(locate(table) +
                     ": a table name starting with \"._\" is a macOS resource-fork file name, "
                     "which readers skip; rename the table");
  const std::string file = table + extension;
  files_.insert(file);
  return staged_->path() / file;
}

void OutputFolder::commit() {
  try {
    const fs::path manifest = staged_->path() / kOutputManifest;
    std::ofstream out(manifest, std::ios::binary | std::ios::trunc);
    out << "# written by relsynth: --overwrite may replace this folder while it holds only these\n";
    for (const auto& name : files_) out << name << '\n';
    if (!out.flush()) throw IoError("cannot write " + manifest.string() + ": " + os_reason(errno));
    check_target();  // someone may have put files there meanwhile: leave theirs alone
    staged_->commit();
  } catch (...) {
    discard();
    throw;
  }
  staged_.reset();
}

void OutputFolder::discard() { staged_.reset(); }

// An existing folder is written only when empty, or with --overwrite when it holds nothing
// but what relsynth wrote there before.
void OutputFolder::check_target() const {
  if (!path_exists(target_) || empty_folder(target_)) return;
  if (!options_.overwrite)
    throw UsageError("destination " + quote_name(target_.string()) + " exists; pass --overwrite");
  const std::vector<std::string> foreign = foreign_entries(target_);
  if (foreign.empty()) return;
  std::string names;
  for (size_t i = 0; i < foreign.size() && i < 3; ++i) names += (i ? ", " : "") + foreign[i];
  if (foreign.size() > 3) names += " and " + std::to_string(foreign.size() - 3) + " more";
  throw UsageError("destination " + quote_name(target_.string()) + " holds " + names +
                   ", which relsynth did not write there; --overwrite only replaces a folder "
                   "of relsynth's own output (listed in its " +
                   kOutputManifest + " file): move those out or choose another folder");
}

}  // namespace relsynth

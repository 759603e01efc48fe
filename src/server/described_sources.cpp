#include "server/described_sources.h"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace relsynth::server {

namespace fs = std::filesystem;

namespace {

void add_file(const fs::path& file, std::string& version) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(file, ec);
  if (ec) return;
  const auto modified = fs::last_write_time(file, ec).time_since_epoch().count();
  if (ec) return;
  version += file.string() + '\t' + std::to_string(size) + '\t' + std::to_string(modified) + '\n';
}

}  // namespace

int64_t row_count(Source& source, const TableMeta& table) {
  return table.row_count >= 0 ? table.row_count
                              : static_cast<int64_t>(source.read_table(table).num_rows());
}

std::string files_version(const std::string& path) {
  std::error_code ec;
  std::string version;
  if (fs::is_regular_file(path, ec)) {
    add_file(path, version);
    add_file(path + "-wal", version);
    return version;
  }
  if (!fs::is_directory(path, ec)) return {};
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path());
  if (ec) return {};
  std::sort(files.begin(), files.end());
  version = "folder\n";
  for (const fs::path& file : files) add_file(file, version);
  return version;
}

std::shared_ptr<const Metadata> DescribedSources::find(const std::string& key,
                                                       const std::string& version) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it)
    if (it->key == key) {
      if (it->version != version) {
        entries_.erase(it);
        return nullptr;
      }
      entries_.splice(entries_.begin(), entries_, it);
      return it->metadata;
    }
  return nullptr;
}

DescribedSource DescribedSources::open(const std::string& uri, const std::string& shown,
                                       const SourceOptions& options) {
  DescribedSource opened;
  auto describe_now = [&] {
    opened.source = open_source(uri, options);
    opened.metadata = std::make_shared<const Metadata>(opened.source->describe());
  };
  if (destination_folder(shown).empty()) {  // a database server
    describe_now();
    return opened;
  }
  const std::string place = place_identity(shown);
  // The same files read with another null token or encoding are typed differently.
  const std::string key = place + '\n' + options.null_token + '\n' + options.encoding + '\n' +
                          std::string(1, options.delimiter);
  // The version before the files are opened: newer files are at worst described again.
  const std::string before = files_version(place);
  if (before.empty()) {
    describe_now();
    return opened;
  }
  if (auto found = find(key, before)) return {open_source(uri, options), found};
  std::lock_guard<std::mutex> describing(describe_mutex_);
  if (auto found = find(key, before)) return {open_source(uri, options), found};  // meanwhile
  describe_now();
  // Files replaced while they were read: this description belongs to no one version.
  if (files_version(place) != before) return opened;
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.push_front({key, before, opened.metadata});
  if (entries_.size() > capacity_) entries_.pop_back();
  return opened;
}

}  // namespace relsynth::server

// The described schema of the sources and outputs the web app reads, kept while their files are
// unchanged. Describing reads a SQLite table or a CSV file whole (its values decide the column
// types, and give the row count), so a preview page that described the output every time cost
// seconds at millions of rows; with the description kept, a page reads only its own rows
// (Source::read_page) and the row count comes from here.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>

#include "relsynth/io.h"
#include "relsynth/metadata.h"

namespace relsynth::server {

// A source opened with its description.
struct DescribedSource {
  std::unique_ptr<Source> source;
  std::shared_ptr<const Metadata> metadata;
};

class DescribedSources {
 public:
  explicit DescribedSources(size_t capacity = 64) : capacity_(capacity) {}

  // Opens `uri` (with the password it needs, if any; `shown` is the same without it) with
  // `options`, and describes it. Local files are described once per version of their files
  // (each file's path, size and modification time); a database server is described every time
  // (it may change unseen).
  DescribedSource open(const std::string& uri, const std::string& shown,
                       const SourceOptions& options);

 private:
  struct Entry {
    std::string key, version;
    std::shared_ptr<const Metadata> metadata;
  };
  std::shared_ptr<const Metadata> find(const std::string& key, const std::string& version);

  size_t capacity_;
  std::mutex mutex_;           // guards entries_
  std::mutex describe_mutex_;  // one description at a time: two requests share one reading
  std::list<Entry> entries_;   // most recently used first
};

// A table's row count: as described (every built-in source counts its rows), else counted.
int64_t row_count(Source& source, const TableMeta& table);

// The version of the files at a local path: each file's path, size and modification time (a
// SQLite file's -wal file too); empty when nothing is there.
std::string files_version(const std::string& path);

}  // namespace relsynth::server

// Reads a folder of Parquet files as a database: each "<table>.parquet" file is a table, and so
// is each folder of part files ("<table>/part-0.parquet", Spark's "<table>.parquet/part-*"), all
// with one schema. A single .parquet file is a database of one table. Parquet declares no keys:
// inference finds them, as for CSV. Values go through io/arrow_table.h, row group by row group.
#include <arrow/io/file.h>
#include <arrow/record_batch.h>
#include <arrow/util/io_util.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/schema.h>
#include <parquet/exception.h>
#include <parquet/file_reader.h>
#include <parquet/metadata.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "core/temp_files.h"
#include "io/arrow_table.h"
#include "io/connectors.h"
#include "io/output_folder.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

bool has_extension(const fs::path& path, std::string_view extension) {
  std::string name = path.filename().string();
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.size() > extension.size() && name.ends_with(extension);
}

// Spark's _SUCCESS and _metadata, its _temporary/ and Delta's _delta_log/ folders, checksums,
// macOS's ._ files, editors' and systems' files. A .parquet file is a table whatever its first
// character (a database's _migrations table), and so is a folder its folder's manifest lists
// (relsynth-spark writes "_migrations/").
bool ignored(const fs::directory_entry& entry, const std::set<std::string>& listed) {
  const std::string name = entry.path().filename().string();
  if (name.empty() || has_extension(entry.path(), ".crc") || is_apple_double(name)) return true;
  if (name[0] != '.' && name[0] != '_') return false;
  std::error_code ec;
  if (entry.is_directory(ec)) return !listed.count(name + "/");
  return !has_extension(entry.path(), ".parquet");
}

std::vector<fs::path> sorted_entries(const fs::path& folder) {
  std::vector<fs::path> entries;
  const std::set<std::string> listed = manifest_entries(folder);
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (!ignored(*it, listed)) entries.push_back(it->path());
  if (ec) throw IoError("cannot list " + quote_name(folder.string()) + ": " + ec.message());
  std::sort(entries.begin(), entries.end());
  return entries;
}

std::string table_name_of(const fs::path& path) {
  std::string name = path.filename().string();
  if (has_extension(path, ".parquet")) name.resize(name.size() - 8);
  return name;
}

struct TableFiles {
  std::string name;
  std::vector<fs::path> files;  // one, or the part files in name order
};

// The part files of a table folder; a folder of folders (a partitioned dataset) is refused.
std::vector<fs::path> part_files(const fs::path& folder) {
  std::vector<fs::path> parts;
  std::error_code ec;
  for (const fs::path& entry : sorted_entries(folder)) {
    if (fs::is_directory(entry, ec))
      throw InputError("Parquet folder " + quote_name(folder.string()) + " holds the folder " +
                       quote_name(entry.filename().string()) +
                       ": partitioned datasets (key=value folders) are not read; give one file "
                       "or one folder of part files per table");
    if (has_extension(entry, ".parquet")) parts.push_back(entry);
  }
  return parts;
}

std::vector<TableFiles> find_tables(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return {{table_name_of(path), {path}}};
  if (!fs::is_directory(path, ec))
    throw IoError("Parquet source " + quote_name(path.string()) + ": " + os_reason(ENOENT));
  std::map<std::string, TableFiles> tables;
  for (const fs::path& entry : sorted_entries(path)) {
    TableFiles table{table_name_of(entry), {}};
    if (fs::is_directory(entry, ec))
      table.files = part_files(entry);
    else if (has_extension(entry, ".parquet"))
      table.files = {entry};
    if (table.files.empty()) continue;
    if (auto [it, fresh] = tables.emplace(table.name, table); !fresh)
      throw InputError("Parquet source " + quote_name(path.string()) + ": " +
                       quote_name(entry.filename().string()) + " and " +
                       quote_name(it->second.files.front().lexically_relative(path).string()) +
                       " are both table " + quote_name(table.name));
  }
  if (tables.empty())
    throw InputError("Parquet source " + quote_name(path.string()) +
                     " holds no .parquet file (nor a folder of them)");
  std::vector<TableFiles> out;
  for (auto& [name, table] : tables) out.push_back(std::move(table));
  return out;
}

std::string shown(const fs::path& file) { return "Parquet file " + quote_name(file.string()); }

// Runs `work` on a file of `table`, turning what Arrow and Parquet throw into errors that name
// the table and the file.
template <typename Work>
auto naming_file(const fs::path& file, const std::string& table, Work&& work) -> decltype(work()) {
  const std::string where = locate(table) + ": " + shown(file);
  try {
    return work();
  } catch (const Error& e) {
    if (e.code() != ErrorCode::Input) throw;
    const std::string message = e.what();
    if (message.starts_with(shown(file))) throw InputError(locate(table) + ": " + message);
    throw InputError(shown(file) + ": " + message);  // names the table and column already
  } catch (const parquet::ParquetException& e) {
    throw InputError(where + " cannot be read (corrupt or truncated?): " + e.what());
  } catch (const std::bad_alloc&) {
    throw InputError(where +
                     " cannot be read: it claims more memory than there is "
                     "(corrupt?)");
  }
}

void check_read(const arrow::Status& status, const fs::path& file) {
  if (status.ok()) return;
  // Arrow reports corrupt compressed pages as IOErrors too; only one with the system's errno
  // is the disk's or the file system's failure.
  if (status.IsIOError() && arrow::internal::ErrnoFromStatus(status) > 0)
    throw IoError("cannot read " + shown(file) + ": " + status.message());
  throw InputError(shown(file) + " cannot be read (corrupt or truncated?): " + status.message());
}

std::unique_ptr<parquet::arrow::FileReader> open_file(const fs::path& file) {
  auto input = arrow::io::ReadableFile::Open(file.string());
  if (!input.ok()) throw IoError("cannot open " + shown(file) + ": " + input.status().message());
  parquet::arrow::FileReaderBuilder builder;
  check_read(builder.Open(*input), file);
  parquet::ArrowReaderProperties properties;
  properties.set_use_threads(true);  // columns decoded in parallel
  properties.set_batch_size(64 * 1024);
  auto reader = builder.properties(properties)->Build();
  check_read(reader.status(), file);
  return std::move(*reader);
}

std::shared_ptr<arrow::Schema> schema_of(parquet::arrow::FileReader& reader, const fs::path& file) {
  std::shared_ptr<arrow::Schema> schema;
  check_read(reader.GetSchema(&schema), file);
  return schema;
}

// Why two part files' schemas differ ("" when they agree on names and types).
std::string schema_difference(const arrow::Schema& first, const arrow::Schema& other) {
  for (int i = 0; i < std::max(first.num_fields(), other.num_fields()); ++i) {
    if (i >= first.num_fields())
      return "has the extra column " + quote_name(other.field(i)->name());
    if (i >= other.num_fields()) return "lacks the column " + quote_name(first.field(i)->name());
    const auto& a = first.field(i);
    const auto& b = other.field(i);
    if (a->name() != b->name())
      return "has column " + quote_name(b->name()) + " where the first has " +
             quote_name(a->name());
    if (!a->type()->Equals(*b->type()))
      return "has column " + quote_name(a->name()) + " as " + b->type()->ToString() +
             " where the first has " + a->type()->ToString();
  }
  return {};
}

class ParquetSource : public Source {
 public:
  ParquetSource(const std::string& path, const SourceOptions& options)
      : root_(path), options_(options), tables_(find_tables(root_)) {}

  std::string kind() const override { return "parquet"; }

  Metadata describe() override {
    Metadata metadata;
    metadata.keys_declared = false;
    for (const TableFiles& table : tables_) {
      std::shared_ptr<arrow::Schema> first;
      int64_t rows = 0;
      for (const fs::path& file : table.files) {
        naming_file(file, table.name, [&] {
          auto reader = open_file(file);
          auto schema = schema_of(*reader, file);
          rows += reader->parquet_reader()->metadata()->num_rows();
          if (!first) {
            first = schema;
            metadata.tables.push_back(describe_arrow_schema(*schema, table.name));
          } else if (const std::string why = schema_difference(*first, *schema); !why.empty()) {
            throw InputError(locate(table.name) + ": its part file " + why + " (" +
                             quote_name(table.files.front().filename().string()) +
                             "); all parts of a table need one schema");
          }
        });
      }
      metadata.tables.back().row_count = rows;
    }
    return metadata;
  }

  Table read_table(const TableMeta& meta) override {
    const TableFiles& table = files_of(meta);
    Table out = empty_table(meta);
    for (const fs::path& file : table.files) {
      naming_file(file, meta.name, [&] {
        auto reader = open_file(file);
        if (table.files.size() == 1)  // parts add up; one file is reserved for at once
          for (Column& column : out.columns())
            column.reserve(static_cast<size_t>(reader->parquet_reader()->metadata()->num_rows()));
        std::vector<int> row_groups(static_cast<size_t>(reader->num_row_groups()));
        for (size_t i = 0; i < row_groups.size(); ++i) row_groups[i] = static_cast<int>(i);
        read_row_groups(*reader, file, meta, row_groups, out);
      });
    }
    return out;
  }

  // Reads only the row groups (of the part files) that hold rows of the page, found from the
  // files' footers.
  Table read_page(const TableMeta& meta, size_t offset, size_t limit) override {
    const TableFiles& table = files_of(meta);
    const size_t end = offset + std::min(limit, std::numeric_limits<size_t>::max() - offset);
    Table read = empty_table(meta);
    size_t group_start = 0;            // the table's row a row group starts at
    std::optional<size_t> read_start;  // the table's row `read` starts at
    for (const fs::path& file : table.files) {
      if (group_start >= end) break;
      naming_file(file, meta.name, [&] {
        auto reader = open_file(file);
        const auto footer = reader->parquet_reader()->metadata();
        std::vector<int> row_groups;
        for (int group = 0; group < footer->num_row_groups(); ++group) {
          const auto rows = static_cast<size_t>(footer->RowGroup(group)->num_rows());
          if (group_start + rows > offset && group_start < end) {
            if (!read_start) read_start = group_start;
            row_groups.push_back(group);
          }
          group_start += rows;
        }
        if (!row_groups.empty()) read_row_groups(*reader, file, meta, row_groups, read);
      });
    }
    if (!read_start) return read;
    const size_t begin = std::min(offset - *read_start, read.num_rows());
    return read.slice(begin, std::min(end - *read_start, read.num_rows()));
  }

 private:
  const TableFiles& files_of(const TableMeta& meta) const {
    for (const TableFiles& candidate : tables_)
      if (candidate.name == meta.name) return candidate;
    throw InputError(locate(meta.name) + ": no such table in Parquet source " +
                     quote_name(root_.string()));
  }

  // Appends the rows of some row groups of one file to `out`.
  static void read_row_groups(parquet::arrow::FileReader& reader, const fs::path& file,
                              const TableMeta& meta, const std::vector<int>& row_groups,
                              Table& out) {
    // The leaf columns the table's columns are (flat schemas: one leaf per field).
    const auto schema = schema_of(reader, file);
    std::vector<int> leaves;
    for (const ColumnMeta& column : meta.columns) {
      const int field = schema->GetFieldIndex(column.name);
      if (field < 0)
        throw InputError(locate(meta.name, column.name) + ": no such column in the file");
      leaves.push_back(reader.manifest().schema_fields[static_cast<size_t>(field)].column_index);
    }
    auto batches = reader.GetRecordBatchReader(row_groups, leaves);
    check_read(batches.status(), file);
    for (;;) {
      std::shared_ptr<arrow::RecordBatch> batch;
      check_read((*batches)->ReadNext(&batch), file);
      if (!batch) break;
      append_arrow(*batch, meta, out);
    }
  }

  fs::path root_;
  SourceOptions options_;
  std::vector<TableFiles> tables_;
};

}  // namespace

bool is_parquet_folder(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return false;
  bool parquet = false;
  for (const fs::path& entry : sorted_entries(path)) {
    if (has_extension(entry, ".csv") || has_extension(entry, ".tsv")) return false;
    if (has_extension(entry, ".parquet")) parquet = true;
    if (!parquet && fs::is_directory(entry, ec))  // a table's folder of part files
      for (const fs::path& part : sorted_entries(entry))
        if (has_extension(part, ".parquet")) parquet = true;
  }
  return parquet;
}

std::unique_ptr<Source> make_parquet_source(const std::string& path, const SourceOptions& options) {
  return std::make_unique<ParquetSource>(path, options);
}

}  // namespace relsynth

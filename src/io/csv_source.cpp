// A directory of CSV / TSV files read as a database: one table per file.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "io/connectors.h"
#include "io/csv_format.h"
#include "io/csv_types.h"
#include "io/output_folder.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

// Parsed text of tables kept between describe() and read_table() up to this many bytes, so
// each file is parsed once; larger databases are parsed again when read.
constexpr size_t kCacheLimit = size_t{1} << 30;

std::string lowercase(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

struct TableFile {
  std::string name;
  fs::path path;
  char delimiter;
  csv::Encoding encoding;  // Auto until the file has been found not to be UTF-8
};

// One file's header and fields as text, with the physical line of every row.
struct ParsedFile {
  std::vector<std::string> header;
  std::vector<csv::TextColumn> columns;
  size_t rows = 0;
  size_t first_row = 0;  // the file's row that is row 0 here (a page starts further down)
  // Rows whose line is not the previous row's line + 1 (embedded newlines, blank lines):
  // (row, line) pairs in row order; other rows follow from the last jump before them.
  std::vector<std::pair<size_t, uint64_t>> line_jumps;
  std::vector<csv::InferredType> types;  // filled by describe()
  bool typed = false;

  uint64_t line_of(size_t row) const {
    auto it = std::upper_bound(line_jumps.begin(), line_jumps.end(), row,
                               [](size_t r, const auto& jump) { return r < jump.first; });
    if (it == line_jumps.begin()) return row + 2;  // the header is line 1
    --it;
    return it->second + (row - it->first);
  }
  size_t bytes() const {
    size_t total = 0;
    for (const auto& column : columns) total += column.bytes();
    return total;
  }
};

// Runs task(0..count-1) on up to as many threads as there are cores; the first exception
// thrown by a task is rethrown here. Small jobs (under ~100k fields) stay on this thread.
template <typename Task>
void parallel_for(size_t count, size_t rows, const Task& task) {
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const size_t threads = count * rows < 100000 ? 1 : std::min(count, cores);
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    for (size_t i = next++; i < count; i = next++) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        next = count;  // stop handing out work
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  if (error) std::rethrow_exception(error);
}

// Which rows to keep: `take` rows from row `skip` (a page), or all of them.
struct RowRange {
  size_t skip = 0;
  size_t take = std::numeric_limits<size_t>::max();
  bool whole() const { return skip == 0 && take == std::numeric_limits<size_t>::max(); }
};

// Parses one file, its text read as `encoding` and kept as UTF-8. In Auto mode it stops at the
// first field that is not valid UTF-8 and returns where that is in `not_utf8`. Only the rows of
// `range` are kept (decoded); reading stops after them.
ParsedFile parse_text(const TableFile& file, const std::string& null_token, csv::Encoding encoding,
                      std::string* not_utf8, RowRange range = {}) {
  csv::Reader reader(file.path.string(), file.delimiter);
  std::vector<csv::Field> fields;
  ParsedFile parsed;
  std::string transcoded;
  // Field i of the record as UTF-8; false when Auto mode meets a byte that is not UTF-8.
  auto decode = [&](size_t i, std::string_view& text) {
    text = fields[i].text;
    if (encoding == csv::Encoding::Latin1 || encoding == csv::Encoding::Cp1252) {
      if (std::all_of(text.begin(), text.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return true;
      transcoded.clear();
      csv::append_utf8(text, encoding, transcoded);
      text = transcoded;
      return true;
    }
    const size_t bad = csv::invalid_utf8(text);
    if (bad == std::string_view::npos) return true;
    // The physical line of the byte: a quoted field may span lines.
    uint64_t line = reader.record_line();
    for (size_t j = 0; j < i; ++j)
      line += std::count(fields[j].text.begin(), fields[j].text.end(), '\n');
    line += std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text[bad]);
    const std::string what = std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 15] +
                             " at character " + std::to_string(bad + 1) + " is not UTF-8";
    if (encoding == csv::Encoding::Auto) {
      *not_utf8 = reader.describe_error(line, static_cast<int64_t>(i), what);
      return false;
    }
    throw InputError(reader.describe_error(
        line, static_cast<int64_t>(i),
        what + " (pass --encoding latin1 or cp1252 if the file is in one of those)"));
  };
  if (!reader.next(fields))
    throw InputError(
        reader.describe_error(1, -1, "the file is empty; its first row must be a header"));
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string_view text;
    if (!decode(i, text)) return parsed;
    std::string name(text);
    if (name.empty())
      throw InputError(
          reader.describe_error(1, static_cast<int64_t>(i), "empty column name in the header"));
    for (size_t j = 0; j < i; ++j)
      if (parsed.header[j] == name)
        throw InputError(reader.describe_error(1, static_cast<int64_t>(i),
                                               "duplicate column name " + quote_name(name) +
                                                   " (also column " + std::to_string(j + 1) + ")"));
    parsed.header.push_back(std::move(name));
  }
  reader.set_column_names(parsed.header);
  const size_t width = parsed.header.size();
  parsed.columns.resize(width);
  const bool null_is_empty = null_token.empty();
  uint64_t expected_line = reader.record_line() + 1;
  std::error_code ec;
  const uintmax_t file_size = fs::file_size(file.path, ec);
  const uint64_t body_start = reader.offset();
  parsed.first_row = range.skip;
  size_t row = 0;  // of the file, skipped ones included
  while (parsed.rows < range.take && reader.next(fields)) {
    if (parsed.rows == 4096 && range.whole() && !ec && file_size > (uint64_t{1} << 22)) {
      // Size the columns for the whole file from its first rows, so they grow without copies.
      const double scale = 1.05 * static_cast<double>(file_size - body_start) /
                           static_cast<double>(std::max<uint64_t>(reader.offset() - body_start, 1));
      for (auto& column : parsed.columns)
        column.reserve(static_cast<size_t>(scale * static_cast<double>(parsed.rows)),
                       static_cast<size_t>(scale * static_cast<double>(column.text_bytes())));
    }
    if (fields.size() != width) {
      // A blank line: a NULL row of a one-column table, skipped in wider tables.
      if (fields.size() == 1 && !fields[0].quoted && fields[0].text.empty()) continue;
      const int64_t column = static_cast<int64_t>(std::min(fields.size(), width));
      const std::string counts =
          std::to_string(fields.size()) + " fields where the header has " + std::to_string(width);
      throw InputError(reader.describe_error(
          reader.record_line(), column,
          fields.size() < width ? "the row ends early: " + counts : "too many fields: " + counts));
    }
    if (row++ < range.skip) continue;
    if (reader.record_line() != expected_line || (parsed.rows == 0 && range.skip > 0))
      parsed.line_jumps.emplace_back(parsed.rows, reader.record_line());
    expected_line = reader.record_line() + 1;
    for (size_t i = 0; i < width; ++i) {
      std::string_view text;
      if (!decode(i, text)) return parsed;
      const bool null = !fields[i].quoted && (null_is_empty ? text.empty() : text == null_token);
      parsed.columns[i].append(text, null);
    }
    ++parsed.rows;
  }
  return parsed;
}

// Parses one file as its encoding; in Auto mode a file that is not UTF-8 is parsed again as
// Windows-1252, with a warning naming the first bytes that are not UTF-8.
ParsedFile parse_file(TableFile& file, const SourceOptions& options, RowRange range = {}) {
  std::string not_utf8;
  ParsedFile parsed = parse_text(file, options.null_token, file.encoding, &not_utf8, range);
  if (not_utf8.empty()) return parsed;
  const std::string warning =
      not_utf8 + "; the file is read as Windows-1252 (--encoding chooses another)";
  if (options.on_warning)
    options.on_warning(warning);
  else
    std::fprintf(stderr, "warning: %s\n", warning.c_str());
  file.encoding = csv::Encoding::Cp1252;  // parsed again later: no second warning
  return parse_text(file, options.null_token, file.encoding, nullptr, range);
}

class CsvSource : public Source {
 public:
  CsvSource(const std::string& directory, const SourceOptions& options)
      : directory_(directory), options_(options) {
    const auto encoding = csv::parse_encoding(options.encoding.empty() ? "auto" : options.encoding);
    if (!encoding)
      throw UsageError("unknown encoding " + quote_name(options.encoding) +
                       ": use auto, utf-8, latin1 (iso-8859-1) or cp1252 (windows-1252)");
    std::error_code ec;
    if (!fs::is_directory(directory_, ec))
      throw IoError("CSV source " + quote_name(directory) + " is not a directory");
    std::map<std::string, TableFile> files;
    for (const auto& entry : fs::directory_iterator(directory_, ec)) {
      std::error_code type_ec;
      if (!entry.is_regular_file(type_ec)) continue;
      const std::string extension = lowercase(entry.path().extension().string());
      if (extension != ".csv" && extension != ".tsv") continue;
      if (is_apple_double(entry.path().filename().string())) continue;  // macOS's ._t.csv
      TableFile file;
      file.name = entry.path().stem().string();
      file.path = entry.path();
      file.delimiter = options.delimiter ? options.delimiter : (extension == ".tsv" ? '\t' : ',');
      file.encoding = *encoding;
      auto [it, inserted] = files.emplace(file.name, file);
      if (!inserted)
        throw InputError("CSV source " + quote_name(directory) + " has two files for table " +
                         quote_name(file.name) + ": " +
                         quote_name(it->second.path.filename().string()) + " and " +
                         quote_name(file.path.filename().string()));
    }
    if (ec) throw IoError("cannot list " + quote_name(directory) + ": " + ec.message());
    for (auto& [name, file] : files) files_.push_back(std::move(file));
  }

  std::string kind() const override { return "csv"; }

  Metadata describe() override {
    Metadata metadata;
    metadata.keys_declared = false;
    for (TableFile& file : files_) {
      ParsedFile* parsed = cached(file);
      ParsedFile local;
      if (!parsed) {
        local = parse_file(file, options_);
        parsed = &local;
      }
      if (!parsed->typed) {
        parsed->types.assign(parsed->columns.size(), {});
        parallel_for(parsed->columns.size(), parsed->rows,
                     [&](size_t i) { parsed->types[i] = csv::infer_type(parsed->columns[i]); });
        parsed->typed = true;
      }
      TableMeta table;
      table.name = file.name;
      table.row_count = static_cast<int64_t>(parsed->rows);
      for (size_t i = 0; i < parsed->header.size(); ++i) {
        ColumnMeta column;
        column.name = parsed->header[i];
        column.type = parsed->types[i].type;
        column.format = parsed->types[i].format;
        column.nullable = true;
        table.columns.push_back(std::move(column));
      }
      metadata.tables.push_back(std::move(table));
      if (parsed == &local && cache_bytes_ + local.bytes() <= kCacheLimit) {
        cache_bytes_ += local.bytes();
        cache_.emplace(file.name, std::move(local));
      }
    }
    return metadata;
  }

  Table read_table(const TableMeta& meta) override {
    TableFile& file = file_of(meta);
    ParsedFile parsed;
    if (auto it = cache_.find(meta.name); it != cache_.end()) {
      // Each table is read once in the usual flow; hand the text over and free it as we go.
      cache_bytes_ -= it->second.bytes();
      parsed = std::move(it->second);
      cache_.erase(it);
    } else {
      parsed = parse_file(file, options_);
    }
    return to_table(parsed, meta, file);
  }

  // Parses the file up to the end of the page only.
  Table read_page(const TableMeta& meta, size_t offset, size_t limit) override {
    TableFile& file = file_of(meta);
    return to_table(parse_file(file, options_, RowRange{offset, limit}), meta, file);
  }

 private:
  TableFile& file_of(const TableMeta& meta) {
    for (TableFile& file : files_)
      if (file.name == meta.name) return file;
    throw InputError(locate(meta.name) + ": no file " + quote_name(meta.name + ".csv") + " or " +
                     quote_name(meta.name + ".tsv") + " in " + quote_name(directory_.string()));
  }

  // The parsed text as `meta`'s columns, with their types.
  static Table to_table(const ParsedFile& parsed, const TableMeta& meta, const TableFile& file) {
    // Columns convert independently: find them all first, then convert side by side.
    std::vector<size_t> indexes;
    for (const ColumnMeta& column_meta : meta.columns) {
      auto found = std::find(parsed.header.begin(), parsed.header.end(), column_meta.name);
      if (found == parsed.header.end())
        throw InputError(locate(meta.name, column_meta.name) + ": no such column in " +
                         quote_name(file.path.string()));
      indexes.push_back(static_cast<size_t>(found - parsed.header.begin()));
    }
    std::vector<Column> columns(indexes.size());
    parallel_for(indexes.size(), parsed.rows, [&](size_t i) {
      columns[i] = convert(parsed, indexes[i], meta.columns[i], file.path.string(), meta.name);
    });
    Table table(meta.name);
    for (Column& column : columns) table.add_column(std::move(column));
    return table;
  }
  ParsedFile* cached(const TableFile& file) {
    auto it = cache_.find(file.name);
    return it == cache_.end() ? nullptr : &it->second;
  }

  static Column convert(const ParsedFile& parsed, size_t index, const ColumnMeta& meta,
                        const std::string& path, const std::string& table_name) {
    const csv::TextColumn& text = parsed.columns[index];
    Column column(meta.name, meta.type, is_temporal(meta.type) ? meta.format : std::string());
    column.reserve(text.size());
    auto bad = [&](size_t row, std::string_view what) {
      throw InputError(locate(table_name, meta.name, static_cast<int64_t>(parsed.first_row + row)) +
                       " (" + quote_name(path) + ", line " + std::to_string(parsed.line_of(row)) +
                       "): cannot read " + quote_name(text.at(row)) + " as " + std::string(what));
    };
    const size_t rows = text.size();
    switch (meta.type) {
      case DataType::Int64:
        for (size_t row = 0; row < rows; ++row) {
          if (text.is_null(row)) {
            column.append_null();
          } else if (auto value = csv::parse_int(text.at(row))) {
            column.append_int(*value);
          } else {
            bad(row, "an integer");
          }
        }
        break;
      case DataType::Float64:
        for (size_t row = 0; row < rows; ++row) {
          if (text.is_null(row)) {
            column.append_null();
          } else if (auto value = csv::parse_double(text.at(row))) {
            column.append_double(*value);
          } else {
            bad(row, "a number");
          }
        }
        break;
      case DataType::Bool:
        for (size_t row = 0; row < rows; ++row) {
          if (text.is_null(row)) {
            column.append_null();
          } else if (auto value = csv::parse_bool(text.at(row))) {
            column.append_int(*value ? 1 : 0);
          } else {
            bad(row, "a boolean (true/false)");
          }
        }
        break;
      case DataType::Date:
      case DataType::DateTime:
      case DataType::Time: {
        const std::string what =
            std::string(to_string(meta.type)) +
            (meta.format.empty() ? "" : " in format " + quote_name(meta.format));
        for (size_t row = 0; row < rows; ++row) {
          if (text.is_null(row)) {
            column.append_null();
          } else if (auto value = csv::parse_temporal_fast(text.at(row), meta.type, meta.format)) {
            column.append_int(*value);
          } else if (auto value = parse_temporal(text.at(row), meta.type, meta.format)) {
            column.append_int(*value);
          } else {
            bad(row, what);
          }
        }
        break;
      }
      case DataType::Decimal:
        for (size_t row = 0; row < rows; ++row) {
          if (text.is_null(row)) {
            column.append_null();
          } else if (csv::is_decimal_text(text.at(row))) {
            column.append_string(text.at(row));
          } else {
            bad(row, "a decimal number");
          }
        }
        break;
      case DataType::Binary:
        for (size_t row = 0; row < rows; ++row) {
          if (text.is_null(row))
            column.append_null();
          else
            column.append_string(csv::parse_binary(text.at(row)));
        }
        break;
      case DataType::String:
        for (size_t row = 0; row < rows; ++row) {
          if (text.is_null(row))
            column.append_null();
          else
            column.append_string(text.at(row));
        }
        break;
    }
    return column;
  }

  fs::path directory_;
  SourceOptions options_;
  std::vector<TableFile> files_;  // sorted by table name
  std::unordered_map<std::string, ParsedFile> cache_;
  size_t cache_bytes_ = 0;
};

}  // namespace

std::unique_ptr<Source> make_csv_source(const std::string& directory,
                                        const SourceOptions& options) {
  return std::make_unique<CsvSource>(directory, options);
}

}  // namespace relsynth

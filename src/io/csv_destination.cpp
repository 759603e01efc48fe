// Writes a database as a directory of CSV / TSV files, staged in a temporary directory beside
// the destination and moved into place on commit.
#include <filesystem>
#include <random>
#include <unordered_map>

#include "io/connectors.h"
#include "io/csv_format.h"
#include "io/csv_types.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

std::string random_suffix() {
  std::random_device device;
  std::mt19937_64 engine((static_cast<uint64_t>(device()) << 32) ^ device());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  uint64_t bits = engine();
  for (int i = 0; i < 12; ++i, bits >>= 4) out += kHex[bits & 15];
  return out;
}

// The destination path without a trailing separator, so that "out/" stages in "out.tmp-...".
fs::path normalized(const std::string& directory) {
  fs::path path = fs::path(directory).lexically_normal();
  if (path.filename().empty() && path.has_parent_path()) path = path.parent_path();
  return path;
}

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

class CsvDestination : public Destination {
 public:
  CsvDestination(const std::string& directory, const DestinationOptions& options)
      : target_(normalized(directory)),
        options_(options),
        delimiter_(options.delimiter ? options.delimiter : ',') {
    if (target_.empty()) throw UsageError("empty CSV destination directory");
    if (delimiter_ == '"' || delimiter_ == '\n' || delimiter_ == '\r')
      throw UsageError("a CSV delimiter cannot be a quote or a line break");
    for (char c : options_.null_token)
      if (c == delimiter_ || c == '"' || c == '\n' || c == '\r')
        throw UsageError("the NULL token " + quote_name(options_.null_token) +
                         " cannot contain the delimiter, a quote or a line break");
    check_target();
  }

  ~CsvDestination() override {
    if (!committed_) abort();
  }

  std::string kind() const override { return "csv"; }

  void begin(const Metadata& metadata) override {
    if (begun_)
      throw UsageError("CSV destination " + quote_name(target_.string()) + " already begun");
    check_target();
    try {
      if (target_.has_parent_path()) fs::create_directories(target_.parent_path());
      temp_ = target_;
      temp_ += ".tmp-" + random_suffix();
      fs::create_directory(temp_);
    } catch (const fs::filesystem_error& e) {
      temp_.clear();
      throw IoError("cannot create a staging directory for " + quote_name(target_.string()) + ": " +
                    e.code().message());
    }
    begun_ = true;
    for (const TableMeta& table : metadata.tables) open_table(table);
  }

  void append(const TableMeta& table, const Table& rows) override {
    if (!begun_ || committed_)
      throw UsageError("CSV destination " + quote_name(target_.string()) +
                       ": append outside begin/commit");
    TableWriter& writer = open_table(table);
    if (rows.num_columns() != table.columns.size())
      throw InputError(locate(table.name) + ": " + std::to_string(rows.num_columns()) +
                       " columns given to write where the metadata has " +
                       std::to_string(table.columns.size()));
    const size_t width = rows.num_columns();
    std::vector<const Column*> columns(width);
    std::vector<std::string_view> formats(width);
    for (size_t c = 0; c < width; ++c) {
      columns[c] = &rows.column(c);
      formats[c] = table.columns[c].format.empty() ? std::string_view(columns[c]->format())
                                                   : std::string_view(table.columns[c].format);
    }
    csv::Writer& out = *writer.writer;
    const size_t count = rows.num_rows();
    for (size_t row = 0; row < count; ++row) {
      for (size_t c = 0; c < width; ++c) {
        const Column& column = *columns[c];
        if (column.is_null(row)) {
          out.null();
          continue;
        }
        switch (column.type()) {
          case DataType::Int64:
            out.integer(column.int_at(row));
            break;
          case DataType::Bool:
            out.raw(column.int_at(row) ? "true" : "false");
            break;
          case DataType::Float64:
            out.floating(column.double_at(row));
            break;
          case DataType::Date:
          case DataType::DateTime:
          case DataType::Time: {
            char text[32];
            const size_t length =
                csv::format_temporal_fast(column.int_at(row), column.type(), formats[c], text);
            if (length) {
              out.raw(std::string_view(text, length));
            } else {
              // Formats may hold literal text (a comma, a space), so quote when needed.
              out.text(format_temporal(column.int_at(row), column.type(), formats[c]));
            }
            break;
          }
          case DataType::Binary:
            out.binary(column.string_at(row));
            break;
          case DataType::Decimal:
          case DataType::String:
            out.text(column.string_at(row));
            break;
        }
      }
      out.end_record();
    }
  }

  void commit() override {
    if (!begun_ || committed_)
      throw UsageError("CSV destination " + quote_name(target_.string()) +
                       ": commit without begin");
    for (auto& [name, writer] : writers_) writer.writer->flush();
    writers_.clear();
    if (!options_.overwrite && path_exists(target_)) {
      abort();  // someone created it meanwhile; leave theirs alone
      check_target();
    }
    try {
      if (path_exists(target_)) {
        // Move the old one aside first, so a failed swap can put it back.
        fs::path old = target_;
        old += ".old-" + random_suffix();
        fs::rename(target_, old);
        try {
          fs::rename(temp_, target_);
        } catch (...) {
          std::error_code ec;
          fs::rename(old, target_, ec);
          throw;
        }
        std::error_code ec;
        fs::remove_all(old, ec);
      } else {
        fs::rename(temp_, target_);
      }
    } catch (const fs::filesystem_error& e) {
      abort();
      throw IoError("cannot move the CSV files into " + quote_name(target_.string()) + ": " +
                    e.code().message());
    }
    temp_.clear();
    committed_ = true;
  }

  void abort() override {
    writers_.clear();
    if (!temp_.empty()) {
      std::error_code ec;
      fs::remove_all(temp_, ec);
      temp_.clear();
    }
  }

 private:
  struct TableWriter {
    std::unique_ptr<csv::Writer> writer;
  };

  void check_target() const {
    if (!options_.overwrite && path_exists(target_))
      throw UsageError("destination " + quote_name(target_.string()) + " exists; pass --overwrite");
  }

  // The writer of a table, created with its header row on first use.
  TableWriter& open_table(const TableMeta& table) {
    auto it = writers_.find(table.name);
    if (it != writers_.end()) return it->second;
    const std::string& name = table.name;
    if (name.empty() || name == "." || name == ".." ||
        name.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos)
      throw InputError(locate(name) + ": the table name cannot be used as a file name");
    fs::path path = temp_ / (name + (delimiter_ == '\t' ? ".tsv" : ".csv"));
    TableWriter writer{
        std::make_unique<csv::Writer>(path.string(), delimiter_, options_.null_token)};
    for (const ColumnMeta& column : table.columns) writer.writer->text(column.name);
    writer.writer->end_record();
    writer.writer->flush();  // the file exists even if no row follows
    return writers_.emplace(name, std::move(writer)).first->second;
  }

  fs::path target_;
  fs::path temp_;
  DestinationOptions options_;
  char delimiter_;
  bool begun_ = false;
  bool committed_ = false;
  std::unordered_map<std::string, TableWriter> writers_;
};

}  // namespace

std::unique_ptr<Destination> make_csv_destination(const std::string& directory,
                                                  const DestinationOptions& options) {
  return std::make_unique<CsvDestination>(directory, options);
}

}  // namespace relsynth

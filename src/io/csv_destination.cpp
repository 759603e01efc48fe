// Writes a database as a directory of CSV / TSV files, staged in a temporary directory beside
// the destination and moved into place on commit (io/output_folder.h, with the manifest that
// keeps --overwrite to relsynth's own output).
#include <filesystem>
#include <unordered_map>

#include "io/connectors.h"
#include "io/csv_format.h"
#include "io/csv_types.h"
#include "io/output_folder.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

class CsvDestination : public Destination {
 public:
  CsvDestination(const std::string& directory, const DestinationOptions& options)
      : options_(options), delimiter_(options.delimiter ? options.delimiter : ',') {
    if (directory.empty()) throw UsageError("empty CSV destination directory");
    if (delimiter_ == '"' || delimiter_ == '\n' || delimiter_ == '\r')
      throw UsageError("a CSV delimiter cannot be a quote or a line break");
    for (char c : options_.null_token)
      if (c == delimiter_ || c == '"' || c == '\n' || c == '\r')
        throw UsageError("the NULL token " + quote_name(options_.null_token) +
                         " cannot contain the delimiter, a quote or a line break");
    folder_ = std::make_unique<OutputFolder>(directory, options, "CSV");
  }

  ~CsvDestination() override {
    if (!committed_) abort();
  }

  std::string kind() const override { return "csv"; }

  void begin(const Metadata& metadata) override {
    folder_->stage();
    begun_ = true;
    for (const TableMeta& table : metadata.tables) open_table(table);
  }

  void append(const TableMeta& table, const Table& rows) override {
    if (!begun_ || committed_)
      throw UsageError("CSV destination " + quote_name(folder_->target().string()) +
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
      throw UsageError("CSV destination " + quote_name(folder_->target().string()) +
                       ": commit without begin");
    try {
      for (auto& [name, writer] : writers_) writer.writer->flush();
      writers_.clear();
      folder_->commit();
    } catch (...) {
      abort();
      throw;
    }
    committed_ = true;
  }

  void abort() override {
    writers_.clear();
    folder_->discard();
  }

 private:
  struct TableWriter {
    std::unique_ptr<csv::Writer> writer;
  };

  // The writer of a table, created with its header row on first use.
  TableWriter& open_table(const TableMeta& table) {
    auto it = writers_.find(table.name);
    if (it != writers_.end()) return it->second;
    const std::string& name = table.name;
    const fs::path path = folder_->table_file(name, delimiter_ == '\t' ? ".tsv" : ".csv");
    TableWriter writer{
        std::make_unique<csv::Writer>(path.string(), delimiter_, options_.null_token)};
    for (const ColumnMeta& column : table.columns) writer.writer->text(column.name);
    writer.writer->end_record();
    writer.writer->flush();  // the file exists even if no row follows
    return writers_.emplace(name, std::move(writer)).first->second;
  }

  std::unique_ptr<OutputFolder> folder_;
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

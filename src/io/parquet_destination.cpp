// Writes a database as a folder of Parquet files, one per table, through Arrow's Parquet writer:
// rows are converted batch by batch (io/arrow_table.h) and buffered into row groups of at most
// kRowGroupRows rows, so memory stays bounded whatever the output's size. The folder is staged
// beside the target and moved there on commit, with the manifest that keeps --overwrite to
// relsynth's own output (io/output_folder.h).
#include <arrow/io/file.h>
#include <parquet/arrow/writer.h>
#include <parquet/exception.h>
#include <parquet/properties.h>

#include <map>

#include "io/arrow_table.h"
#include "io/connectors.h"
#include "io/output_folder.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

// Rows converted to Arrow at a time, and rows per row group (readers decode a row group at once).
constexpr size_t kBatchRows = 64 * 1024;
constexpr int64_t kRowGroupRows = 128 * 1024;

parquet::Compression::type codec_named(const std::string& name) {
  if (name.empty() || name == "snappy") return parquet::Compression::SNAPPY;
  if (name == "zstd") return parquet::Compression::ZSTD;
  if (name == "gzip") return parquet::Compression::GZIP;
  if (name == "lz4") return parquet::Compression::LZ4;
  if (name == "none" || name == "uncompressed") return parquet::Compression::UNCOMPRESSED;
  throw UsageError("unknown Parquet compression " + quote_name(name) +
                   ": use snappy (the default), zstd, gzip, lz4 or none");
}

class ParquetDestination : public Destination {
 public:
  ParquetDestination(const std::string& directory, const DestinationOptions& options,
                     const std::string& compression)
      : codec_(codec_named(compression)), folder_(directory, options, "Parquet") {}

  ~ParquetDestination() override {
    if (!committed_) abort();
  }

  std::string kind() const override { return "parquet"; }

  void begin(const Metadata& metadata) override {
    folder_.stage();
    begun_ = true;
    sql_dialect_ = metadata.sql_dialect;
    // Every table gets its file, rows or not.
    for (const TableMeta& table : metadata.tables) open_table(table);
  }

  void append(const TableMeta& table, const Table& rows) override {
    if (!begun_ || committed_)
      throw UsageError("Parquet destination " + quote_name(folder_.target().string()) +
                       ": append outside begin/commit");
    TableWriter& writer = open_table(table);
    for (size_t begin = 0; begin < rows.num_rows(); begin += kBatchRows) {
      const auto batch = to_arrow(table, rows, sql_dialect_, begin, begin + kBatchRows);
      throw_if_failed(writer.writer->WriteRecordBatch(*batch), writer.shown);
    }
  }

  void commit() override {
    if (!begun_ || committed_)
      throw UsageError("Parquet destination " + quote_name(folder_.target().string()) +
                       ": commit without begin");
    try {
      for (auto& [name, writer] : writers_) {
        throw_if_failed(writer.writer->Close(), writer.shown);  // the footer
        throw_if_failed(writer.file->Close(), writer.shown);
      }
      writers_.clear();
      folder_.commit();
    } catch (...) {
      abort();
      throw;
    }
    committed_ = true;
  }

  void abort() override {
    writers_.clear();
    folder_.discard();
  }

 private:
  struct TableWriter {
    std::string shown;  // "cannot write Parquet file \"out/t.parquet\""
    std::shared_ptr<arrow::io::FileOutputStream> file;
    std::unique_ptr<parquet::arrow::FileWriter> writer;
  };

  TableWriter& open_table(const TableMeta& table) {
    auto it = writers_.find(table.name);
    if (it != writers_.end()) return it->second;
    const fs::path path = folder_.table_file(table.name, ".parquet");
    TableWriter writer;
    writer.shown = "cannot write Parquet file " +
                   quote_name((folder_.target() / path.filename()).string()) + " of " +
                   locate(table.name);
    auto file = arrow::io::FileOutputStream::Open(path.string());
    throw_if_failed(file.status(), writer.shown);
    writer.file = *file;
    parquet::WriterProperties::Builder builder;
    builder.compression(codec_)->max_row_group_length(kRowGroupRows);
    // Every column is dictionary-encoded while its dictionary stays small (categories), except
    // those that are never categories, where hashing each value would be time spent for
    // nothing: floating-point numbers, and keys and unique columns (all values distinct).
    for (const ColumnMeta& column : table.columns)
      if (column.type == DataType::Float64 || column.unique ||
          (table.primary_key.size() == 1 && table.primary_key[0] == column.name))
        builder.disable_dictionary(column.name);
    const auto properties = builder.build();
    // The Arrow schema goes in the file too: time zones and each field's SQL type and format.
    const auto arrow_properties = parquet::ArrowWriterProperties::Builder().store_schema()->build();
    auto opened = parquet::arrow::FileWriter::Open(*arrow_schema(table, sql_dialect_),
                                                   arrow::default_memory_pool(), writer.file,
                                                   properties, arrow_properties);
    throw_if_failed(opened.status(), writer.shown);
    writer.writer = std::move(*opened);
    return writers_.emplace(table.name, std::move(writer)).first->second;
  }

  parquet::Compression::type codec_;
  OutputFolder folder_;
  std::string sql_dialect_;
  bool begun_ = false;
  bool committed_ = false;
  std::map<std::string, TableWriter> writers_;
};

}  // namespace

std::unique_ptr<Destination> make_parquet_destination(const std::string& directory,
                                                      const DestinationOptions& options,
                                                      const std::string& compression) {
  return std::make_unique<ParquetDestination>(directory, options, compression);
}

}  // namespace relsynth

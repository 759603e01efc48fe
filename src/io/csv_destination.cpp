// Writes a database as a directory of CSV / TSV files, staged in a temporary directory beside
// the destination and moved into place on commit. The folder also holds a manifest of the files
// written, so that --overwrite never removes a file relsynth did not write.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "core/temp_files.h"
#include "io/connectors.h"
#include "io/csv_format.h"
#include "io/csv_types.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

// Lists the files relsynth wrote into a CSV destination folder, so that --overwrite replaces a
// folder only when it holds nothing else.
constexpr const char* kManifest = ".relsynth-output";

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

// The names a manifest lists (empty when the folder has none).
std::set<std::string> manifest_entries(const fs::path& folder) {
  std::set<std::string> names;
  std::ifstream in(folder / kManifest);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') names.insert(line);
  return names;
}

// What in `folder` relsynth did not write (up to a few names), by its manifest.
std::vector<std::string> foreign_entries(const fs::path& folder) {
  const std::set<std::string> ours = manifest_entries(folder);
  std::vector<std::string> foreign;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool is_file = it->is_regular_file(ec) && !it->is_symlink(ec);
    if (name == kManifest || (is_file && ours.count(name))) continue;
    foreign.push_back(name + (it->is_directory(ec) ? "/" : ""));
  }
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

bool empty_folder(const fs::path& folder) {
  std::error_code ec;
  return fs::is_directory(folder, ec) && fs::is_empty(folder, ec);
}

class CsvDestination : public Destination {
 public:
  CsvDestination(const std::string& directory, const DestinationOptions& options)
      : target_(fs::path(directory).lexically_normal()),
        options_(options),
        delimiter_(options.delimiter ? options.delimiter : ',') {
    if (target_.empty()) throw UsageError("empty CSV destination directory");
    if (delimiter_ == '"' || delimiter_ == '\n' || delimiter_ == '\r')
      throw UsageError("a CSV delimiter cannot be a quote or a line break");
    for (char c : options_.null_token)
      if (c == delimiter_ || c == '"' || c == '\n' || c == '\r')
        throw UsageError("the NULL token " + quote_name(options_.null_token) +
                         " cannot contain the delimiter, a quote or a line break");
    if (target_.filename().empty() && target_.has_parent_path()) target_ = target_.parent_path();
    prepare_output_directory("destination", target_.string());
    remove_stale_temporaries(target_,
                             [this](const std::string& text) { warn_about(options_, text); });
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
    staged_ = std::make_unique<StagedPath>(target_);
    std::error_code ec;
    fs::create_directories(staged_->path(), ec);
    if (ec) {
      staged_.reset();
      throw IoError("cannot create a staging folder for " + quote_name(target_.string()) + ": " +
                    ec.message());
    }
    temp_ = staged_->path();
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
    try {
      write_manifest();
      check_target();  // someone may have put files there meanwhile: leave theirs alone
      staged_->commit();
    } catch (...) {
      abort();
      throw;
    }
    temp_.clear();
    committed_ = true;
  }

  void abort() override {
    writers_.clear();
    staged_.reset();
    temp_.clear();
  }

 private:
  struct TableWriter {
    std::unique_ptr<csv::Writer> writer;
  };

  // An existing folder is written only when empty, or with --overwrite when it holds nothing
  // but what relsynth wrote there before.
  void check_target() const {
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
                     kManifest + " file): move those out or choose another folder");
  }

  void write_manifest() {
    std::ofstream out(temp_ / kManifest, std::ios::binary | std::ios::trunc);
    out << "# written by relsynth: --overwrite may replace this folder while it holds only these\n";
    for (const auto& name : files_) out << name << '\n';
    if (!out.flush())
      throw IoError("cannot write " + (temp_ / kManifest).string() + ": " + os_reason(errno));
  }

  // The writer of a table, created with its header row on first use.
  TableWriter& open_table(const TableMeta& table) {
    auto it = writers_.find(table.name);
    if (it != writers_.end()) return it->second;
    const std::string& name = table.name;
    if (name.empty() || name == "." || name == ".." ||
        name.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos)
      throw InputError(locate(name) + ": the table name cannot be used as a file name");
    const std::string file = name + (delimiter_ == '\t' ? ".tsv" : ".csv");
    files_.insert(file);
    fs::path path = temp_ / file;
    TableWriter writer{
        std::make_unique<csv::Writer>(path.string(), delimiter_, options_.null_token)};
    for (const ColumnMeta& column : table.columns) writer.writer->text(column.name);
    writer.writer->end_record();
    writer.writer->flush();  // the file exists even if no row follows
    return writers_.emplace(name, std::move(writer)).first->second;
  }

  fs::path target_;
  std::unique_ptr<StagedPath> staged_;
  fs::path temp_;                // staged_'s path while writing
  std::set<std::string> files_;  // the table files written
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

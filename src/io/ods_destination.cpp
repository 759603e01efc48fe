// Writes a database as an OpenDocument spreadsheet (.ods): one table:table per table, the column
// names in the first row. Rows stream into one XML fragment file per table in a staging folder;
// commit joins them into content.xml and zips the package (the `mimetype` member first and
// stored, as ODF requires) into a temporary file beside the target, renamed onto it.
#include <minizip/zip.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/temp_files.h"
#include "io/connectors.h"
#include "io/ods_common.h"
#include "io/sheet_values.h"
#include "io/xlsx_common.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

// The text of an XML attribute value or element, escaped; characters XML 1.0 cannot hold (most
// control characters) are dropped and counted.
void append_escaped(std::string& out, std::string_view text, size_t& dropped) {
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\r':  // as a reference: XML parsers turn a literal one into a line feed
        out += "&#13;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          ++dropped;
          break;
        }
        out += c;
    }
  }
}

// A paragraph's text as ODF keeps it: runs of spaces as <text:s text:c="n"/>, tabs as
// <text:tab/> (XML would collapse them otherwise).
void append_paragraph_text(std::string& out, std::string_view line, size_t& dropped) {
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' && (i == 0 || i + 1 == line.size() || line[i + 1] == ' ')) {
      size_t run = 0;
      while (i < line.size() && line[i] == ' ') ++run, ++i;
      out += run == 1 ? "<text:s/>" : "<text:s text:c=\"" + std::to_string(run) + "\"/>";
    } else if (line[i] == '\t') {
      out += "<text:tab/>";
      ++i;
    } else {
      const size_t end = line.find_first_of(" \t", i + 1);
      const size_t stop = end == std::string_view::npos ? line.size() : end;
      append_escaped(out, line.substr(i, stop - i), dropped);
      i = stop;
    }
  }
}

// Text as paragraphs: one <text:p> per line.
void append_paragraphs(std::string& out, std::string_view text, size_t& dropped) {
  size_t start = 0;
  for (;;) {
    const size_t newline = text.find('\n', start);
    std::string_view line = text.substr(
        start, newline == std::string_view::npos ? std::string_view::npos : newline - start);
    out += "<text:p>";
    append_paragraph_text(out, line, dropped);
    out += "</text:p>";
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
}

void append_string_cell(std::string& out, std::string_view text, size_t& dropped) {
  out += "<table:table-cell office:value-type=\"string\">";
  append_paragraphs(out, text, dropped);
  out += "</table:table-cell>";
}

void append_number_cell(std::string& out, std::string_view value) {
  out += "<table:table-cell office:value-type=\"float\" office:value=\"";
  out += value;
  out += "\"><text:p>";
  out += value;
  out += "</text:p></table:table-cell>";
}

std::string double_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// "PT10H20M30.5S": a time of day as an ODF duration.
std::string duration_text(int64_t micros) {
  const int64_t seconds = micros / 1000000, fraction = micros % 1000000;
  std::string text = "PT" + std::to_string(seconds / 3600) + "H" +
                     std::to_string(seconds / 60 % 60) + "M" + std::to_string(seconds % 60);
  if (fraction) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(fraction));
    std::string tail = digits;
    while (tail.back() == '0') tail.pop_back();
    text += "." + tail;
  }
  return text + "S";
}

constexpr const char* kContentHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" "
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
    "office:version=\"1.2\">"
    "<office:automatic-styles>"
    "<number:date-style style:name=\"N1\"><number:year number:style=\"long\"/><number:text>-"
    "</number:text><number:month number:style=\"long\"/><number:text>-</number:text>"
    "<number:day number:style=\"long\"/></number:date-style>"
    "<number:date-style style:name=\"N2\"><number:year number:style=\"long\"/><number:text>-"
    "</number:text><number:month number:style=\"long\"/><number:text>-</number:text>"
    "<number:day number:style=\"long\"/><number:text> </number:text><number:hours "
    "number:style=\"long\"/><number:text>:</number:text><number:minutes number:style=\"long\"/>"
    "<number:text>:</number:text><number:seconds number:style=\"long\"/></number:date-style>"
    "<number:time-style style:name=\"N3\"><number:hours number:style=\"long\"/><number:text>:"
    "</number:text><number:minutes number:style=\"long\"/><number:text>:</number:text>"
    "<number:seconds number:style=\"long\"/></number:time-style>"
    "<style:style style:name=\"date\" style:family=\"table-cell\" style:data-style-name=\"N1\"/>"
    "<style:style style:name=\"datetime\" style:family=\"table-cell\" "
    "style:data-style-name=\"N2\"/>"
    "<style:style style:name=\"time\" style:family=\"table-cell\" style:data-style-name=\"N3\"/>"
    "</office:automatic-styles><office:body><office:spreadsheet>";
constexpr const char* kContentTail =
    "</office:spreadsheet></office:body></office:document-content>";

constexpr const char* kManifest =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.2\">"
    "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
    "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>"
    "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
    "</manifest:manifest>";

constexpr const char* kStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "office:version=\"1.2\"/>";

// meta.xml: relsynth's mark, and each table's row count as "relsynth-rows-N".
std::string meta_xml(const std::vector<size_t>& rows) {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<office:document-meta "
             "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
             "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
             "office:version=\"1.2\"><office:meta>"
             "<meta:generator>relsynth/" RELSYNTH_VERSION
             "</meta:generator>"
             "<meta:user-defined meta:name=\"") +
         ods::kMarkerProperty +
         "\">written by relsynth; relsynth --overwrite may replace this spreadsheet"
         "</meta:user-defined>" +
         [&] {
           std::string counts;
           for (size_t i = 0; i < rows.size(); ++i)
             counts += std::string("<meta:user-defined meta:name=\"") + ods::rows_property(i + 1) +
                       "\">" + std::to_string(rows[i]) + "</meta:user-defined>";
           return counts;
         }() +
         "</office:meta></office:document-meta>";
}

// Writes a zip with minizip: members stored or deflated, no extra fields (ODF wants the first
// member, mimetype, stored without one so that its bytes sit at a fixed offset).
class ZipWriter {
 public:
  ZipWriter(const std::string& path, std::string target) : target_(std::move(target)) {
    zip_ = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
    if (!zip_) throw IoError("cannot write " + quote_name(target_) + ": " + os_reason(errno));
  }
  ~ZipWriter() {
    if (zip_) zipClose(zip_, nullptr);
  }
  void open(const char* name, bool compressed, bool big) {
    zip_fileinfo info{};
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    info.tmz_date = {static_cast<uInt>(local.tm_sec),  static_cast<uInt>(local.tm_min),
                     static_cast<uInt>(local.tm_hour), static_cast<uInt>(local.tm_mday),
                     static_cast<uInt>(local.tm_mon),  static_cast<uInt>(local.tm_year + 1900)};
    if (zipOpenNewFileInZip64(zip_, name, &info, nullptr, 0, nullptr, 0, nullptr,
                              compressed ? Z_DEFLATED : 0, compressed ? 6 : 0,
                              big ? 1 : 0) != ZIP_OK)
      fail(name);
  }
  void write(const char* name, const char* data, size_t size) {
    constexpr size_t kPiece = size_t{1} << 30;  // minizip takes unsigned lengths
    for (size_t done = 0; done < size; done += kPiece)
      if (zipWriteInFileInZip(zip_, data + done,
                              static_cast<unsigned>(std::min(kPiece, size - done))) != ZIP_OK)
        fail(name);
  }
  void close(const char* name) {
    if (zipCloseFileInZip(zip_) != ZIP_OK) fail(name);
  }
  void add(const char* name, std::string_view content, bool compressed) {
    open(name, compressed, false);
    write(name, content.data(), content.size());
    close(name);
  }
  void finish() {
    const int status = zipClose(zip_, nullptr);
    zip_ = nullptr;
    if (status != ZIP_OK) fail("the zip directory");
  }

 private:
  [[noreturn]] void fail(const char* what) {
    throw IoError("cannot write " + quote_name(what) + " into " + quote_name(target_) + ": " +
                  os_reason(errno ? errno : EIO));
  }
  zipFile zip_ = nullptr;
  std::string target_;
};

class OdsDestination : public Destination {
 public:
  OdsDestination(const std::string& path, const DestinationOptions& options)
      : target_(path), options_(options) {
    prepare_output_file("destination", path);
    remove_stale_temporaries(path, [this](const std::string& text) { warn_about(options_, text); });
    check_target();
  }

  ~OdsDestination() override { abort(); }

  std::string kind() const override { return "ods"; }

  void begin(const Metadata& metadata) override {
    if (work_) throw UsageError("ods destination " + quote_name(target_) + " already begun");
    check_target();
    work_ = std::make_unique<StagedPath>(target_);
    std::error_code ec;
    fs::create_directories(work_->path(), ec);
    if (ec)
      throw IoError("cannot create a staging folder for " + quote_name(target_) + ": " +
                    ec.message());
    for (const TableMeta& table : metadata.tables) {
      if (sheets_.count(table.name))
        throw InputError(locate(table.name) + " is named twice in the metadata");
      Sheet& sheet = sheets_[table.name];
      sheet.file = work_->path() / ("table-" + std::to_string(order_.size()) + ".xml");
      sheet.width = table.columns.size();
      sheet.out.open(sheet.file, std::ios::binary | std::ios::trunc);
      if (!sheet.out)
        throw IoError("cannot write " + quote_name(sheet.file.string()) + ": " + os_reason(errno));
      order_.push_back(table.name);
      std::string row = "<table:table-row>";
      for (const ColumnMeta& column : table.columns)
        append_string_cell(row, column.name, sheet.dropped);
      row += "</table:table-row>\n";
      sheet.out << row;
    }
  }

  void append(const TableMeta& table, const Table& rows) override {
    if (!work_)
      throw UsageError("ods destination " + quote_name(target_) + ": append outside begin/commit");
    auto found = sheets_.find(table.name);
    if (found == sheets_.end())
      throw UsageError(locate(table.name) + ": not in the metadata the destination began with");
    Sheet& sheet = found->second;
    if (rows.num_columns() != sheet.width)
      throw InputError(locate(table.name) + ": " + std::to_string(rows.num_columns()) +
                       " columns given to write where the metadata has " +
                       std::to_string(sheet.width));
    std::string out;
    for (size_t i = 0; i < rows.num_rows(); ++i) {
      out += "<table:table-row>";
      for (size_t c = 0; c < rows.num_columns(); ++c)
        append_cell(out, sheet, table, c, rows.column(c), i);
      out += "</table:table-row>\n";
      if (out.size() > (1 << 20)) {
        sheet.out << out;
        out.clear();
      }
    }
    sheet.out << out;
    sheet.rows += rows.num_rows();
    if (!sheet.out)
      throw IoError("cannot write " + quote_name(sheet.file.string()) + ": " + os_reason(errno));
    if (sheet.dropped && !sheet.warned) {
      warn_about(options_, locate(table.name) +
                               ": control characters, which an .ods file cannot hold, are left "
                               "out of its text");
      sheet.warned = true;
    }
  }

  void commit() override {
    if (!work_)
      throw UsageError("ods destination " + quote_name(target_) + ": commit without begin");
    try {
      StagedPath packed(target_);
      pack(packed.path().string());
      check_target();  // someone may have put a file there meanwhile
      packed.commit();
    } catch (...) {
      abort();
      throw;
    }
    abort();  // the staging folder goes; the spreadsheet stays
  }

  void abort() override {
    sheets_.clear();
    order_.clear();
    work_.reset();
  }

 private:
  struct Sheet {
    fs::path file;
    std::ofstream out;
    size_t width = 0;
    size_t rows = 0;     // data rows written
    size_t dropped = 0;  // control characters left out
    bool warned = false;
    bool big_integer_warned = false;
  };

  void append_cell(std::string& out, Sheet& sheet, const TableMeta& table, size_t c,
                   const Column& column, size_t i) {
    if (column.is_null(i)) {
      out += "<table:table-cell/>";
      return;
    }
    switch (column.type()) {
      case DataType::Int64: {
        const int64_t value = column.int_at(i);
        if (value >= -xlsx::kMaxExactInteger && value <= xlsx::kMaxExactInteger) {
          append_number_cell(out, std::to_string(value));
        } else {
          // Spreadsheet programs read numbers as doubles: as text it stays exact.
          if (!sheet.big_integer_warned)
            warn_about(options_,
                       locate(table.name, table.columns[c].name, static_cast<int64_t>(i)) +
                           ": integers beyond 2^53, which spreadsheet numbers cannot "
                           "hold exactly, are written as text");
          sheet.big_integer_warned = true;
          append_string_cell(out, std::to_string(value), sheet.dropped);
        }
        return;
      }
      case DataType::Float64: {
        const double value = column.double_at(i);
        if (std::isfinite(value))
          append_number_cell(out, double_text(value));
        else
          append_string_cell(out, column.text_at(i), sheet.dropped);
        return;
      }
      case DataType::Decimal:
        append_number_cell(out, column.string_at(i));  // the exact text, as ODF keeps it
        return;
      case DataType::Bool: {
        const bool value = column.int_at(i) != 0;
        out += value ? "<table:table-cell office:value-type=\"boolean\" "
                       "office:boolean-value=\"true\"><text:p>TRUE</text:p></table:table-cell>"
                     : "<table:table-cell office:value-type=\"boolean\" "
                       "office:boolean-value=\"false\"><text:p>FALSE</text:p></table:table-cell>";
        return;
      }
      case DataType::Date:
      case DataType::DateTime: {
        const bool date = column.type() == DataType::Date;
        const std::string text = format_temporal(column.int_at(i), column.type(), {});
        std::string iso = text;
        if (!date) iso[10] = 'T';
        out += std::string("<table:table-cell table:style-name=\"") + (date ? "date" : "datetime") +
               "\" office:value-type=\"date\" office:date-value=\"" + iso + "\"><text:p>" + text +
               "</text:p></table:table-cell>";
        return;
      }
      case DataType::Time:
        out +=
            "<table:table-cell table:style-name=\"time\" office:value-type=\"time\" "
            "office:time-value=\"" +
            duration_text(column.int_at(i)) + "\"><text:p>" +
            format_temporal(column.int_at(i), DataType::Time, {}) + "</text:p></table:table-cell>";
        return;
      case DataType::Binary:
        append_string_cell(out, sheet::binary_as_text(column.string_at(i)), sheet.dropped);
        return;
      case DataType::String:
        append_string_cell(out, column.string_at(i), sheet.dropped);
        return;
    }
  }

  void pack(const std::string& path) {
    ZipWriter zip(path, target_);
    zip.add("mimetype", ods::kMimeType, false);
    zip.add("META-INF/manifest.xml", kManifest, true);
    std::vector<size_t> rows;
    for (const std::string& name : order_) rows.push_back(sheets_.at(name).rows);
    zip.add("meta.xml", meta_xml(rows), true);
    zip.add("styles.xml", kStyles, true);
    zip.open("content.xml", true, true);
    zip.write("content.xml", kContentHead, std::strlen(kContentHead));
    std::vector<char> buffer(1 << 16);
    for (const std::string& name : order_) {
      Sheet& sheet = sheets_.at(name);
      sheet.out.close();
      std::string open = "<table:table table:name=\"";
      size_t dropped = 0;
      append_escaped(open, name, dropped);
      open += "\"><table:table-column table:number-columns-repeated=\"" +
              std::to_string(std::max<size_t>(sheet.width, 1)) + "\"/>";
      zip.write("content.xml", open.data(), open.size());
      std::ifstream in(sheet.file, std::ios::binary);
      while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        if (in.gcount() > 0)
          zip.write("content.xml", buffer.data(), static_cast<size_t>(in.gcount()));
      }
      const std::string close = "</table:table>";
      zip.write("content.xml", close.data(), close.size());
    }
    zip.write("content.xml", kContentTail, std::strlen(kContentTail));
    zip.close("content.xml");
    zip.finish();
  }

  // An existing file is replaced only with --overwrite, and only when relsynth wrote it.
  void check_target() const {
    check_replaceable_file(target_, options_.overwrite, &ods::written_by_relsynth,
                           std::string("property ") + ods::kMarkerProperty + " in its meta.xml");
  }

  std::string target_;
  DestinationOptions options_;
  std::unique_ptr<StagedPath> work_;
  std::map<std::string, Sheet> sheets_;
  std::vector<std::string> order_;  // the tables in metadata order
};

}  // namespace

std::unique_ptr<Destination> make_ods_destination(const std::string& path,
                                                  const DestinationOptions& options) {
  return std::make_unique<OdsDestination>(path, options);
}

}  // namespace relsynth

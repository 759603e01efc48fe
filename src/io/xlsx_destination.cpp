// Writes a database as an Excel workbook (.xlsx): one sheet per table, the column names in the
// first row. libxlsxwriter in constant-memory mode streams each row to a temporary file as it
// comes, so memory stays flat whatever the table's size; the workbook is packed into a temporary
// file beside the target on commit and renamed onto it.
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "core/temp_files.h"
#include "core/text.h"
#include "io/connectors.h"
#include "io/sheet_values.h"
#include "io/xlsx_common.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The first `characters` Unicode characters of UTF-8 `text`.
std::string utf8_prefix(const std::string& text, size_t characters) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (count++ == characters) return text.substr(0, i);
  }
  return text;
}

// A sheet name Excel accepts for `table`, unique (case-insensitively) among `taken`: at most 31
// characters, none of []:*?/\, no apostrophe first or last, not "History".
std::string sheet_name_for(const std::string& table, const std::set<std::string>& taken) {
  std::string name = table;
  for (char& c : name)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  if (!name.empty() && name.front() == '\'') name.front() = '_';
  if (!name.empty() && name.back() == '\'') name.back() = '_';
  if (name.empty()) name = "Sheet";
  if (lowercase(name) == "history") name += "_";
  name = utf8_prefix(name, xlsx::kMaxSheetNameCharacters);
  for (int n = 2; taken.count(lowercase(name)); ++n) {
    const std::string suffix = "~" + std::to_string(n);
    name = utf8_prefix(name, xlsx::kMaxSheetNameCharacters - suffix.size());
    if (const size_t tilde = name.rfind('~'); tilde != std::string::npos && n > 2)
      name.resize(tilde);
    name = utf8_prefix(name, xlsx::kMaxSheetNameCharacters - suffix.size()) + suffix;
  }
  return name;
}

// Whether a decimal's text has more significant digits than a double keeps (15).
bool too_precise_for_a_double(const std::string& text) {
  size_t digits = 0;
  bool leading = true;
  for (char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++digits;
  }
  return digits > 15;
}

class XlsxDestination : public Destination {
 public:
  XlsxDestination(const std::string& path, const DestinationOptions& options)
      : target_(path), options_(options) {
    prepare_output_file("destination", path);
    remove_stale_temporaries(path, [this](const std::string& text) { warn_about(options_, text); });
    check_target();
  }

  ~XlsxDestination() override { abort(); }

  std::string kind() const override { return "xlsx"; }

  // Excel's column limit, before any work (rows are checked as they come).
  void check(const Metadata& metadata) const override {
    for (const TableMeta& table : metadata.tables)
      if (static_cast<int64_t>(table.columns.size()) > xlsx::kMaxColumns)
        throw InputError(locate(table.name) + " has " + std::to_string(table.columns.size()) +
                         " columns, more than an Excel sheet holds (16,384): write it to "
                         "Parquet or CSV instead");
  }

  void begin(const Metadata& metadata) override {
    if (workbook_) throw UsageError("xlsx destination " + quote_name(target_) + " already begun");
    check_target();
    check(metadata);
    staged_ = std::make_unique<StagedPath>(target_);
    // The row files go beside the target: the disk that takes the workbook takes them.
    folder_ = fs::absolute(staged_->path()).parent_path().string();
    lxw_workbook_options workbook_options{};
    workbook_options.constant_memory = LXW_TRUE;
    workbook_options.tmpdir = folder_.data();
    workbook_options.use_zip64 = LXW_TRUE;  // members beyond 4 GB
    const std::string file = staged_->path().string();
    workbook_ = workbook_new_opt(file.c_str(), &workbook_options);
    if (!workbook_) throw IoError("cannot start the workbook " + quote_name(target_));
    check(workbook_set_custom_property_string(workbook_, xlsx::kMarkerProperty,
                                              "written by relsynth " RELSYNTH_VERSION
                                              "; relsynth --overwrite may replace this workbook"),
          "set its properties");
    std::set<std::string> taken;
    for (const TableMeta& table : metadata.tables) {
      if (sheets_.count(table.name))
        throw InputError(locate(table.name) + " is named twice in the metadata");
      Sheet& sheet = sheets_[table.name];
      sheet.name = sheet_name_for(table.name, taken);
      taken.insert(lowercase(sheet.name));
      sheet.worksheet = workbook_add_worksheet(workbook_, sheet.name.c_str());
      if (!sheet.worksheet)
        throw IoError("cannot add sheet " + quote_name(sheet.name) + " to " + quote_name(target_));
      sheet.number = ++sheet_count_;
      if (sheet.name != table.name) {
        warn_about(options_, locate(table.name) + " is written as sheet " + quote_name(sheet.name) +
                                 " (Excel's sheet names have at most 31 characters, none of "
                                 "[]:*?/\\, and differ in more than case)");
        // Kept so that relsynth reads the table back under its own name.
        if (utf8_length(table.name) <= 255)
          check(workbook_set_custom_property_string(
                    workbook_, xlsx::table_property(sheet_count_).c_str(), table.name.c_str()),
                "set its properties");
      }
      sheet.big_integers.assign(table.columns.size(), false);
      for (size_t c = 0; c < table.columns.size(); ++c)
        write_text(sheet, table, 0, c, table.columns[c].name);
    }
  }

  void append(const TableMeta& table, const Table& rows) override {
    if (!workbook_)
      throw UsageError("xlsx destination " + quote_name(target_) + ": append outside begin/commit");
    auto found = sheets_.find(table.name);
    if (found == sheets_.end())
      throw UsageError(locate(table.name) + ": not in the metadata the destination began with");
    Sheet& sheet = found->second;
    if (rows.num_columns() != table.columns.size())
      throw InputError(locate(table.name) + ": " + std::to_string(rows.num_columns()) +
                       " columns given to write where the metadata has " +
                       std::to_string(table.columns.size()));
    const int64_t count = static_cast<int64_t>(rows.num_rows());
    if (sheet.rows + count > xlsx::kMaxRows - 1)
      throw InputError(locate(table.name) +
                       " has more than 1,048,575 rows, the most an Excel "
                       "sheet holds below its header row: write it to Parquet or CSV (a folder or "
                       "a .zip) instead, or generate fewer rows");
    // Dates show in the column's own layout where Excel has one.
    std::vector<lxw_format*> formats(rows.num_columns(), nullptr);
    for (size_t c = 0; c < rows.num_columns(); ++c)
      if (is_temporal(rows.column(c).type()))
        formats[c] = temporal_format(rows.column(c).type(), table.columns[c].format.empty()
                                                                ? rows.column(c).format()
                                                                : table.columns[c].format);
    // Constant-memory mode flushes a row once the next begins: write row by row.
    for (int64_t i = 0; i < count; ++i)
      for (size_t c = 0; c < rows.num_columns(); ++c)
        write_cell(sheet, table, sheet.rows + 1 + i, c, rows.column(c), static_cast<size_t>(i),
                   formats[c]);
    sheet.rows += count;
  }

  void commit() override {
    if (!workbook_)
      throw UsageError("xlsx destination " + quote_name(target_) + ": commit without begin");
    try {
      for (const auto& [name, sheet] : sheets_)
        check(workbook_set_custom_property_string(workbook_,
                                                  xlsx::rows_property(sheet.number).c_str(),
                                                  std::to_string(sheet.rows).c_str()),
              "set its properties");
      lxw_workbook* workbook = workbook_;
      workbook_ = nullptr;  // workbook_close frees it, whatever it returns
      const lxw_error closed = workbook_close(workbook);
      if (closed != LXW_NO_ERROR)
        throw IoError("cannot write workbook " + quote_name(target_) + ": " + lxw_strerror(closed));
      check_target();  // someone may have put a file there meanwhile
      staged_->commit();
    } catch (...) {
      abort();
      throw;
    }
    staged_.reset();
  }

  void abort() override {
    if (workbook_) lxw_workbook_free(workbook_);
    workbook_ = nullptr;
    formats_.clear();
    sheets_.clear();
    staged_.reset();
  }

 private:
  struct Sheet {
    std::string name;
    size_t number = 0;  // 1-based, in workbook order
    lxw_worksheet* worksheet = nullptr;
    int64_t rows = 0;                // data rows written (the header is row 0)
    std::vector<bool> big_integers;  // warned that a column's integers beyond 2^53 went as text
  };

  // The cell format of a temporal column: its layout as an Excel number format, or ISO
  // (yyyy-mm-dd hh:mm:ss, with .000 when the layout keeps fractions of a second).
  lxw_format* temporal_format(DataType type, const std::string& layout) {
    std::string code = layout.empty() ? std::string() : xlsx::excel_number_format(layout);
    if (code.empty()) {
      const bool fraction = layout.find('f') != std::string::npos;
      code = type == DataType::Date ? "yyyy-mm-dd"
             : type == DataType::Time
                 ? (fraction ? "hh:mm:ss.000" : "hh:mm:ss")
                 : (fraction ? "yyyy-mm-dd hh:mm:ss.000" : "yyyy-mm-dd hh:mm:ss");
    }
    lxw_format*& format = formats_[code];
    if (!format) {
      format = workbook_add_format(workbook_);
      format_set_num_format(format, code.c_str());
    }
    return format;
  }

  void check(lxw_error error, const std::string& what) const {
    if (error != LXW_NO_ERROR)
      throw IoError("cannot " + what + " in workbook " + quote_name(target_) + ": " +
                    lxw_strerror(error));
  }
  // A cell's write: the message is made only on an error (it would cost more than the write).
  void check_cell(lxw_error error, const Sheet& sheet) const {
    if (error != LXW_NO_ERROR) check(error, "write a cell of sheet " + quote_name(sheet.name));
  }

  void write_text(Sheet& sheet, const TableMeta& table, int64_t row, size_t c,
                  const std::string& text) {
    if (text.size() > static_cast<size_t>(xlsx::kMaxCellCharacters) &&
        utf8_length(text) > static_cast<size_t>(xlsx::kMaxCellCharacters))
      throw InputError(
          (row == 0 ? locate(table.name, table.columns[c].name) + " (its name)"
                    : locate(table.name, table.columns[c].name, row - 1)) +
          " holds " + std::to_string(utf8_length(text)) +
          " characters, more than an Excel cell holds (32,767): write it to Parquet or CSV "
          "instead");
    check_cell(worksheet_write_string(sheet.worksheet, static_cast<lxw_row_t>(row),
                                      static_cast<lxw_col_t>(c), text.c_str(), nullptr),
               sheet);
  }

  void write_number(Sheet& sheet, int64_t row, size_t c, double value, lxw_format* format) {
    check_cell(worksheet_write_number(sheet.worksheet, static_cast<lxw_row_t>(row),
                                      static_cast<lxw_col_t>(c), value, format),
               sheet);
  }

  void write_cell(Sheet& sheet, const TableMeta& table, int64_t row, size_t c, const Column& column,
                  size_t i, lxw_format* temporal) {
    if (column.is_null(i)) return;  // an empty cell
    switch (column.type()) {
      case DataType::Int64: {
        const int64_t value = column.int_at(i);
        if (value >= -xlsx::kMaxExactInteger && value <= xlsx::kMaxExactInteger) {
          write_number(sheet, row, c, static_cast<double>(value), nullptr);
          return;
        }
        // A double would round it: as text it stays exact, and relsynth reads it back.
        if (!sheet.big_integers[c])
          warn_about(options_, locate(table.name, table.columns[c].name, row - 1) +
                                   ": integers beyond 2^53, which Excel's numbers cannot hold "
                                   "exactly, are written as text");
        sheet.big_integers[c] = true;
        write_text(sheet, table, row, c, std::to_string(value));
        return;
      }
      case DataType::Float64: {
        const double value = column.double_at(i);
        if (std::isfinite(value))
          write_number(sheet, row, c, value, nullptr);
        else  // Excel has no NaN or infinity
          write_text(sheet, table, row, c, column.text_at(i));
        return;
      }
      case DataType::Decimal: {
        const std::string& text = column.string_at(i);
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (too_precise_for_a_double(text) || end != text.c_str() + text.size())
          write_text(sheet, table, row, c, text);
        else
          write_number(sheet, row, c, value, nullptr);
        return;
      }
      case DataType::Bool:
        check_cell(
            worksheet_write_boolean(sheet.worksheet, static_cast<lxw_row_t>(row),
                                    static_cast<lxw_col_t>(c), column.int_at(i) != 0, nullptr),
            sheet);
        return;
      case DataType::Date:
      case DataType::DateTime:
      case DataType::Time:
        write_number(sheet, row, c, xlsx::to_serial(column.int_at(i), column.type()), temporal);
        return;
      case DataType::Binary:
        write_text(sheet, table, row, c, sheet::binary_as_text(column.string_at(i)));
        return;
      case DataType::String:
        write_text(sheet, table, row, c, column.string_at(i));
        return;
    }
  }

  // An existing file is replaced only with --overwrite, and only when relsynth wrote it.
  void check_target() const {
    check_replaceable_file(
        target_, options_.overwrite,
        [](const std::string& path) {
          return xlsx::custom_properties(path).count(xlsx::kMarkerProperty) > 0;
        },
        std::string("document property ") + xlsx::kMarkerProperty);
  }

  std::string target_;
  DestinationOptions options_;
  std::unique_ptr<StagedPath> staged_;
  std::string folder_;
  lxw_workbook* workbook_ = nullptr;
  std::map<std::string, lxw_format*> formats_;  // by Excel number format
  std::map<std::string, Sheet> sheets_;
  size_t sheet_count_ = 0;
};

}  // namespace

std::unique_ptr<Destination> make_xlsx_destination(const std::string& path,
                                                   const DestinationOptions& options) {
  return std::make_unique<XlsxDestination>(path, options);
}

}  // namespace relsynth

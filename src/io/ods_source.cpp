// Reads an OpenDocument spreadsheet (.ods) as a database: content.xml's table:table elements
// are the sheets, streamed through expat. A cell's office:value-type says what it holds (float,
// percentage, currency, date, time, boolean, string); repeated rows and columns
// (table:number-rows-repeated / number-columns-repeated) are expanded only where they hold
// values, so the million empty rows a spreadsheet program writes after the data cost nothing.
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>

#include "io/connectors.h"
#include "io/ods_common.h"
#include "io/sheet_source.h"
#include "io/sheet_zip.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

using sheet::CellKind;
using sheet::XmlAttributes;

constexpr const char* kContent = "content.xml";

int64_t repeat_count(const char* text) {
  if (!text) return 1;
  int64_t value = 1;
  std::from_chars(text, text + std::strlen(text), value);
  return std::max<int64_t>(value, 1);
}

// Lists the table:table names of content.xml.
class TableNameReader : public sheet::XmlHandler {
 public:
  std::vector<std::string> names;
  void start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "table" && depth_++ == 0) {
      const char* table = attributes.find("name");
      names.push_back(table ? table : "Sheet" + std::to_string(names.size() + 1));
    }
  }
  void end(std::string_view name) override {
    if (name == "table") --depth_;
  }
  void text(std::string_view) override {}

 private:
  int depth_ = 0;  // tables nest in some writers' charts and shapes: only the outer ones count
};

// "PT10H20M30.5S" -> "10:20:30.5" (a time of day); false for durations of a day or more.
bool time_of_duration(std::string_view text, std::string& out) {
  if (!text.starts_with("PT")) return false;
  text.remove_prefix(2);
  double parts[3] = {0, 0, 0};
  for (const auto& [unit, index] : {std::pair{'H', 0}, std::pair{'M', 1}, std::pair{'S', 2}}) {
    const size_t at = text.find(unit);
    if (at == std::string_view::npos) continue;
    const auto [end, error] = std::from_chars(text.data(), text.data() + at, parts[index]);
    if (error != std::errc() || end != text.data() + at) return false;
    text.remove_prefix(at + 1);
  }
  if (!text.empty()) return false;
  const double seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
  if (seconds < 0 || seconds >= 86400) return false;
  const int64_t micros = static_cast<int64_t>(seconds * 1e6 + 0.5);
  out = sheet::iso_temporal(micros, DataType::Time);
  return true;
}

// Stops the parse once the wanted table has been read.
struct TableDone {};

using BuilderFor = std::function<sheet::SheetBuilder&(size_t index, const std::string& name)>;

// The cells of one table (number `wanted`), or of every table, into SheetBuilders.
class TableReader : public sheet::XmlHandler {
 public:
  TableReader(size_t wanted, sheet::SheetBuilder& builder) : wanted_(wanted), builder_(&builder) {}
  explicit TableReader(BuilderFor builder_for) : builder_for_(std::move(builder_for)) {}

  std::vector<std::string> names;  // the tables met so far

  void start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "table") {
      if (depth_++ == 0) begin_table(attributes);
      return;
    }
    if (!reading()) return;
    if (name == "table-row") {
      row_repeat_ = repeat_count(attributes.find("number-rows-repeated"));
      column_ = 0;
      cells_.clear();
    } else if (name == "table-cell" || name == "covered-table-cell") {
      start_cell(name == "covered-table-cell", attributes);
    } else if (in_cell_ && name == "annotation") {
      ++annotation_;
    } else if (in_cell_ && annotation_ == 0) {
      if (name == "p" || name == "h") {
        if (paragraphs_++ > 0) text_ += '\n';
        ++in_paragraph_;
      }
      if (name == "s") text_.append(static_cast<size_t>(repeat_count(attributes.find("c"))), ' ');
      if (name == "tab") text_ += '\t';
      if (name == "line-break") text_ += '\n';
    }
  }

  void end(std::string_view name) override {
    if (name == "table") {
      if (--depth_ == 0 && !builder_for_ && names.size() == wanted_ + 1) throw TableDone{};
      return;
    }
    if (!reading()) return;
    if (name == "annotation") {
      --annotation_;
    } else if ((name == "p" || name == "h") && in_cell_ && annotation_ == 0) {
      --in_paragraph_;
    } else if (name == "table-cell" || name == "covered-table-cell") {
      end_cell();
    } else if (name == "table-row") {
      end_row();
    }
  }

  void text(std::string_view text) override {
    if (in_cell_ && annotation_ == 0 && in_paragraph_ > 0) text_.append(text);
  }

 private:
  struct Cell {
    int64_t column;
    int64_t repeat;
    CellKind kind;
    bool error;
    std::string text;
  };

  // Within the outer table being read: depth 1 (tables nest in some writers' shapes).
  bool reading() const { return depth_ == 1 && (builder_for_ || names.size() == wanted_ + 1); }

  void begin_table(const XmlAttributes& attributes) {
    const char* table = attributes.find("name");
    names.push_back(table ? table : "Sheet" + std::to_string(names.size() + 1));
    row_ = column_ = 0;
    if (builder_for_) builder_ = &builder_for_(names.size() - 1, names.back());
  }

  void start_cell(bool covered, const XmlAttributes& attributes) {
    in_cell_ = true;
    paragraphs_ = 0;
    in_paragraph_ = 0;
    text_.clear();
    cell_repeat_ = repeat_count(attributes.find("number-columns-repeated"));
    const char* type = attributes.find("value-type");  // office: (and calcext:, same name)
    // calcext:value-type="error" marks an error; it follows office:value-type in the list.
    std::string_view value_type = type ? type : "";
    for (const char** pair = attributes.pairs; pair && *pair; pair += 2) {
      std::string_view attribute(*pair);
      if (attribute.ends_with(":value-type") && std::string_view(pair[1]) == "error")
        value_type = "error";
    }
    value_type_ = covered ? "" : std::string(value_type);
    value_.clear();
    if (value_type_ == "float" || value_type_ == "percentage" || value_type_ == "currency") {
      const char* value = attributes.find("value");
      value_ = value ? value : "";
    } else if (value_type_ == "date") {
      const char* value = attributes.find("date-value");
      value_ = value ? value : "";
    } else if (value_type_ == "time") {
      const char* value = attributes.find("time-value");
      value_ = value ? value : "";
    } else if (value_type_ == "boolean") {
      const char* value = attributes.find("boolean-value");
      value_ = value ? value : "";
    } else if (value_type_ == "string") {
      if (const char* value = attributes.find("string-value")) value_ = value;
    }
    if (attributes.find("formula")) formula_ = true;
    const char* columns = attributes.find("number-columns-spanned");
    const char* rows = attributes.find("number-rows-spanned");
    if ((columns && repeat_count(columns) > 1) || (rows && repeat_count(rows) > 1))
      builder_->merged_range(sheet::cell_reference(row_, column_) + ":" +
                             sheet::cell_reference(row_ + repeat_count(rows) - 1,
                                                   column_ + repeat_count(columns) - 1));
  }

  void end_cell() {
    in_cell_ = false;
    if (formula_) builder_->formula_cell(row_, column_, !value_type_.empty());
    formula_ = false;
    Cell cell{column_, cell_repeat_, CellKind::String, false, {}};
    column_ += cell_repeat_;
    const std::string& type = value_type_;
    if (type == "float" || type == "percentage" || type == "currency") {
      cell.kind = CellKind::Number;
      cell.text = value_;
    } else if (type == "date") {
      std::string text = value_;
      // "2024-01-31T10:20:30.5" (a time zone, rarely written, is dropped: relsynth's datetimes
      // are naive).
      if (const size_t zone = text.find_first_of("Z+", 10); zone != std::string::npos)
        text.resize(zone);
      const size_t t = text.find('T');
      if (t != std::string::npos) {
        text[t] = ' ';
        cell.kind = CellKind::DateTime;
        if (text.ends_with(" 00:00:00")) text.resize(t), cell.kind = CellKind::Date;
        // ODF allows any number of fraction digits; the ISO reader takes six.
        if (const size_t dot = text.find('.', t); dot != std::string::npos)
          text.resize(std::min(text.size(), dot + 7)), text.append(dot + 7 - text.size(), '0');
      } else {
        cell.kind = CellKind::Date;
      }
      cell.text = text;
    } else if (type == "time") {
      if (time_of_duration(value_, cell.text))
        cell.kind = CellKind::Time;
      else
        cell.text = text_.empty() ? value_ : text_;  // a duration: as the sheet shows it
    } else if (type == "boolean") {
      cell.kind = CellKind::Bool;
      cell.text = value_ == "true" || value_ == "1" ? "true" : "false";
    } else if (type == "error") {
      cell.error = true;
      cell.text = text_;
    } else if (type == "string" || (!text_.empty() && type.empty())) {
      cell.text = value_.empty() ? text_ : value_;
    } else {
      return;  // an empty cell
    }
    if (cell.text.empty() && !cell.error) return;
    cells_.push_back(std::move(cell));
  }

  void end_row() {
    if (cells_.empty()) {
      row_ += row_repeat_;  // empty rows: nothing to expand
      return;
    }
    for (int64_t r = 0; r < row_repeat_; ++r, ++row_)
      for (const Cell& cell : cells_)
        for (int64_t c = 0; c < cell.repeat; ++c) {
          if (cell.error)
            builder_->error_cell(row_, cell.column + c, cell.text);
          else
            builder_->cell(row_, cell.column + c, cell.kind, cell.text);
        }
    cells_.clear();
  }

  size_t wanted_ = 0;
  sheet::SheetBuilder* builder_ = nullptr;
  BuilderFor builder_for_;  // set: every table is read
  int depth_ = 0;
  int64_t row_ = 0, column_ = 0, row_repeat_ = 1, cell_repeat_ = 1;
  bool in_cell_ = false, formula_ = false;
  int annotation_ = 0, paragraphs_ = 0, in_paragraph_ = 0;
  std::string value_type_, value_, text_;
  std::vector<Cell> cells_;
};

class OdsWorkbook : public sheet::Workbook {
 public:
  explicit OdsWorkbook(const std::string& path) : zip_(path, "ods file") {
    if (zip_.has("mimetype")) {
      const std::string type = zip_.read("mimetype", 1 << 10);
      if (type.find("opendocument.spreadsheet") == std::string::npos)
        throw InputError(what() + " is not an OpenDocument spreadsheet: its mimetype is " +
                         quote_name(type));
    }
    if (!zip_.has(kContent))
      throw InputError(what() + " is not an OpenDocument spreadsheet: it has no content.xml");
    properties_ = ods::user_properties(path);
    if (!properties_.count(ods::kMarkerProperty)) properties_.clear();  // not relsynth's counts
  }

  std::string kind() const override { return "ods"; }
  std::string what() const override { return "ods file " + quote_name(zip_.path()); }
  // The table names, from a pass of their own unless read_all_sheets found them.
  const std::vector<std::string>& sheets() override {
    if (!names_known_) {
      TableNameReader names;
      sheet::parse_xml(zip_, kContent, names);
      take_names(std::move(names.names));
    }
    return names_;
  }
  size_t declared_rows(size_t index) const override {
    const auto rows = properties_.find(ods::rows_property(index + 1));
    return rows == properties_.end()
               ? 0
               : static_cast<size_t>(std::strtoull(rows->second.c_str(), nullptr, 10));
  }

  void read_sheet(size_t index, sheet::SheetBuilder& builder) override {
    TableReader reader(index, builder);
    try {
      sheet::parse_xml(zip_, kContent, reader);
    } catch (const TableDone&) {
    }
  }

  // content.xml holds every table: one pass reads them all (and their names).
  bool read_all_sheets(const BuilderFor& builder_for) override {
    TableReader reader(builder_for);
    sheet::parse_xml(zip_, kContent, reader);
    take_names(std::move(reader.names));
    return true;
  }

 private:
  sheet::ZipFile zip_;
  void take_names(std::vector<std::string> names) {
    if (names.empty()) throw InputError(what() + " has no table");
    names_ = std::move(names);
    names_known_ = true;
  }

  std::vector<std::string> names_;
  bool names_known_ = false;
  std::map<std::string, std::string> properties_;  // relsynth's row counts, when it wrote it
};

}  // namespace

std::unique_ptr<Source> make_ods_source(const std::string& path, const SourceOptions& options) {
  return sheet::make_workbook_source(std::make_unique<OdsWorkbook>(path), options);
}

}  // namespace relsynth

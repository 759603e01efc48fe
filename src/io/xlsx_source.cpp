// Reads an Excel workbook (.xlsx) as a database: a zip of XML parts (ECMA-376). The workbook
// part names the sheets; the shared strings and the cell styles (which tell a date from a number)
// are read first; each sheet's XML is then streamed through expat cell by cell.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>

#include "io/connectors.h"
#include "io/sheet_source.h"
#include "io/sheet_zip.h"
#include "io/xlsx_common.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

using sheet::CellKind;
using sheet::XmlAttributes;

// Parts other than sheets are read whole: beyond this they are a damaged file or a zip bomb.
constexpr size_t kMaxPartBytes = size_t{256} << 20;
// The shared strings are held in memory while the sheets are read.
constexpr size_t kMaxSharedStringBytes = size_t{4} << 30;

// Appends code point `code` as UTF-8.
void append_utf8(std::string& out, uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// OOXML escapes characters XML cannot hold as _xHHHH_ ("_x000D_" is a carriage return, and
// "_x005F_" a literal underscore before such a pattern).
std::string unescape(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_' &&
        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i) + 2,
                    text.begin() + static_cast<std::ptrdiff_t>(i) + 6,
                    [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
      append_utf8(out, static_cast<uint32_t>(std::stoul(text.substr(i + 2, 4), nullptr, 16)));
      i += 6;
      continue;
    }
    out += text[i];
  }
  return out;
}

// What a number styled with a format code shows: a date, a time, both, or a plain number.
CellKind kind_of_format_code(std::string code) {
  if (const size_t section = code.find(';'); section != std::string::npos) code.resize(section);
  std::string plain;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {  // literal text
      i = code.find('"', i + 1);
      if (i == std::string::npos) break;
    } else if (c == '\\' || c == '_' || c == '*') {  // an escaped, padding or fill character
      ++i;
    } else if (c == '[') {  // a colour, locale or condition; [h], [mm], [ss] are elapsed time
      const size_t close = code.find(']', i);
      if (close == std::string::npos) break;
      const std::string inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && std::all_of(inside.begin(), inside.end(), [](char x) {
            return x == 'h' || x == 'H' || x == 'm' || x == 'M' || x == 's' || x == 'S';
          }))
        return CellKind::Number;  // a duration, not a time of day
      i = close;
    } else {
      plain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  for (const char* marker : {"am/pm", "a/p"})
    for (size_t at; (at = plain.find(marker)) != std::string::npos;)
      plain.erase(at, strlen(marker));
  if (plain.find("general") != std::string::npos) return CellKind::Number;
  const bool day = plain.find_first_of("yde") != std::string::npos;
  const bool time = plain.find_first_of("hs") != std::string::npos;
  const bool month_only = !day && !time && plain.find('m') != std::string::npos;
  if ((day || month_only) && time) return CellKind::DateTime;
  if (day || month_only) return CellKind::Date;
  if (time) return CellKind::Time;
  return CellKind::Number;
}

// The built-in number formats (ECMA-376 18.8.30) that show dates and times.
CellKind kind_of_builtin_format(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58) ||
      (id >= 71 && id <= 74))
    return CellKind::Date;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return CellKind::Time;
  if (id == 22) return CellKind::DateTime;
  return CellKind::Number;
}

int parse_int_attribute(const char* text, int fallback) {
  if (!text) return fallback;
  int value = fallback;
  std::from_chars(text, text + std::strlen(text), value);
  return value;
}

// "AB12" -> row 11, column 27 (0-based); false when it is no cell reference.
bool parse_reference(std::string_view reference, int64_t& row, int64_t& column) {
  size_t i = 0;
  int64_t letters = 0;
  for (; i < reference.size() && std::isalpha(static_cast<unsigned char>(reference[i])); ++i)
    letters = letters * 26 + (std::toupper(static_cast<unsigned char>(reference[i])) - 'A' + 1);
  int64_t number = 0;
  const auto [end, error] =
      std::from_chars(reference.data() + i, reference.data() + reference.size(), number);
  if (i == 0 || letters > xlsx::kMaxColumns || error != std::errc() ||
      end != reference.data() + reference.size() || number < 1)
    return false;
  row = number - 1;
  column = letters - 1;
  return true;
}

// Relationship id -> target part (resolved against the part's folder), and the type's last word.
struct Relationship {
  std::string target;
  std::string type;  // "worksheet", "sharedStrings", "styles", "officeDocument"
};

class RelationshipsReader : public sheet::XmlHandler {
 public:
  explicit RelationshipsReader(std::string folder) : folder_(std::move(folder)) {}
  std::map<std::string, Relationship> relationships;
  void start(std::string_view name, const XmlAttributes& attributes) override {
    if (name != "Relationship") return;
    const char* id = attributes.find("Id");
    const char* target = attributes.find("Target");
    const char* type = attributes.find("Type");
    const char* mode = attributes.find("TargetMode");
    if (!id || !target || (mode && std::string_view(mode) == "External")) return;
    std::string_view type_text = type ? type : "";
    type_text = type_text.substr(type_text.rfind('/') + 1);
    const std::string path = target[0] == '/' ? std::string(target) : folder_ + target;
    relationships[id] = {sheet::normalize_member(path), std::string(type_text)};
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}

 private:
  std::string folder_;
};

struct SheetEntry {
  std::string name;
  std::string relationship;
};

class WorkbookPartReader : public sheet::XmlHandler {
 public:
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  void start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "workbookPr") {
      const char* flag = attributes.find("date1904");
      date1904 = flag && (std::string_view(flag) == "1" || std::string_view(flag) == "true");
    } else if (name == "sheet") {
      const char* sheet_name = attributes.find("name");
      const char* id = attributes.find("id");  // r:id
      if (sheet_name && id) sheets.push_back({sheet_name, id});
    }
  }
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};

// <si> items: the text of their <t> elements, phonetic runs (<rPh>) left out.
class SharedStringsReader : public sheet::XmlHandler {
 public:
  explicit SharedStringsReader(std::string where) : where_(std::move(where)) {}
  std::vector<std::string> strings;
  void start(std::string_view name, const XmlAttributes&) override {
    if (name == "si") {
      strings.emplace_back();
    } else if (name == "t") {
      in_text_ = phonetic_ == 0;
    } else if (name == "rPh") {
      ++phonetic_;
    }
  }
  void end(std::string_view name) override {
    if (name == "t") in_text_ = false;
    if (name == "rPh") --phonetic_;
    if (name == "si") strings.back() = unescape(std::move(strings.back()));
  }
  void text(std::string_view text) override {
    if (!in_text_ || strings.empty()) return;
    bytes_ += text.size();
    if (bytes_ > kMaxSharedStringBytes)
      throw InputError(where_ + " holds more than 4 GiB of text: a damaged file or a zip bomb");
    strings.back().append(text);
  }

 private:
  std::string where_;
  bool in_text_ = false;
  int phonetic_ = 0;
  size_t bytes_ = 0;
};

// cellXfs: the kind each cell style shows a number as.
// cellXfs: the kind each cell style shows a number as, and the layout (types.h) of its date
// format where relsynth has one ("" for the built-in, locale-dependent ones).
class StylesReader : public sheet::XmlHandler {
 public:
  std::vector<CellKind> kinds;
  std::vector<std::string> layouts;
  void start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "numFmt") {
      const char* code = attributes.find("formatCode");
      custom_[parse_int_attribute(attributes.find("numFmtId"), -1)] = code ? code : "";
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_) {
      const int id = parse_int_attribute(attributes.find("numFmtId"), 0);
      const auto custom = custom_.find(id);
      if (custom == custom_.end()) {
        kinds.push_back(kind_of_builtin_format(id));
        layouts.emplace_back();
        return;
      }
      const CellKind kind = kind_of_format_code(custom->second);
      kinds.push_back(kind);
      layouts.push_back(
          kind == CellKind::Date ? xlsx::layout_of_number_format(custom->second, DataType::Date)
          : kind == CellKind::DateTime
              ? xlsx::layout_of_number_format(custom->second, DataType::DateTime)
          : kind == CellKind::Time ? xlsx::layout_of_number_format(custom->second, DataType::Time)
                                   : std::string());
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }
  void text(std::string_view) override {}

 private:
  std::map<int, std::string> custom_;  // numFmtId -> format code
  bool in_cell_formats_ = false;
};

class XlsxWorkbook;

// One worksheet's cells into a SheetBuilder.
class WorksheetReader : public sheet::XmlHandler {
 public:
  WorksheetReader(const XlsxWorkbook& workbook, sheet::SheetBuilder& builder, std::string where)
      : workbook_(workbook), builder_(builder), where_(std::move(where)) {}

  void start(std::string_view name, const XmlAttributes& attributes) override;
  void end(std::string_view name) override;
  void text(std::string_view text) override {
    if (collecting_) value_.append(text);
  }

 private:
  void finish_cell();

  const XlsxWorkbook& workbook_;
  sheet::SheetBuilder& builder_;
  std::string where_;
  int64_t row_ = -1, column_ = -1;
  std::string type_;
  int style_ = 0;
  bool in_cell_ = false, in_inline_ = false, collecting_ = false, formula_ = false;
  int phonetic_ = 0;
  std::string value_;
};

class XlsxWorkbook : public sheet::Workbook {
 public:
  explicit XlsxWorkbook(const std::string& path) : zip_(path, "xlsx file") {
    const std::string what = this->what();
    std::string workbook_part = "xl/workbook.xml";
    if (zip_.has("_rels/.rels")) {
      RelationshipsReader root("");
      sheet::parse_xml(zip_.read("_rels/.rels", kMaxPartBytes), zip_.where("_rels/.rels"), root);
      for (const auto& [id, relationship] : root.relationships)
        if (relationship.type == "officeDocument") workbook_part = relationship.target;
    }
    if (!zip_.has(workbook_part))
      throw InputError(what + " is not an Excel workbook: it has no " + quote_name(workbook_part) +
                       " (an .xlsx file is a zip of XML parts; a legacy workbook is .xls)");
    WorkbookPartReader workbook;
    sheet::parse_xml(zip_.read(workbook_part, kMaxPartBytes), zip_.where(workbook_part), workbook);
    date1904_ = workbook.date1904;
    const size_t slash = workbook_part.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : workbook_part.substr(0, slash + 1);
    const std::string rels = folder + "_rels/" + workbook_part.substr(folder.size()) + ".rels";
    RelationshipsReader relationships(folder);
    if (zip_.has(rels))
      sheet::parse_xml(zip_.read(rels, kMaxPartBytes), zip_.where(rels), relationships);
    for (const auto& [id, relationship] : relationships.relationships) {
      if (relationship.type == "sharedStrings" && zip_.has(relationship.target)) {
        SharedStringsReader strings(zip_.where(relationship.target));
        sheet::parse_xml(zip_, relationship.target, strings);
        shared_strings_ = std::move(strings.strings);
      } else if (relationship.type == "styles" && zip_.has(relationship.target)) {
        StylesReader styles;
        sheet::parse_xml(zip_.read(relationship.target, kMaxPartBytes),
                         zip_.where(relationship.target), styles);
        style_kinds_ = std::move(styles.kinds);
        style_layouts_ = std::move(styles.layouts);
      }
    }
    // Tables whose names Excel's rules changed, as relsynth recorded them.
    const auto properties = xlsx::custom_properties(path);
    for (const SheetEntry& entry : workbook.sheets) {
      const auto relationship = relationships.relationships.find(entry.relationship);
      if (relationship == relationships.relationships.end() ||
          relationship->second.type != "worksheet")
        continue;  // chart sheets and dialogs hold no cells
      const bool ours = properties.count(xlsx::kMarkerProperty) > 0;
      const auto original = properties.find(xlsx::table_property(parts_.size() + 1));
      names_.push_back(ours && original != properties.end() ? original->second : entry.name);
      const auto rows = properties.find(xlsx::rows_property(parts_.size() + 1));
      rows_.push_back(ours && rows != properties.end()
                          ? static_cast<size_t>(std::strtoull(rows->second.c_str(), nullptr, 10))
                          : 0);
      parts_.push_back(relationship->second.target);
    }
    if (names_.empty()) throw InputError(what + " has no worksheet");
  }

  std::string kind() const override { return "xlsx"; }
  std::string what() const override { return "xlsx file " + quote_name(zip_.path()); }
  const std::vector<std::string>& sheets() override { return names_; }
  size_t declared_rows(size_t index) const override { return rows_[index]; }

  void read_sheet(size_t index, sheet::SheetBuilder& builder) override {
    if (!zip_.has(parts_[index]))
      throw InputError(zip_.where(parts_[index]) + ", sheet " + quote_name(names_[index]) +
                       "'s cells, is missing");
    WorksheetReader reader(*this, builder, zip_.where(parts_[index]));
    sheet::parse_xml(zip_, parts_[index], reader);
  }

  const std::string* shared_string(size_t index) const {
    return index < shared_strings_.size() ? &shared_strings_[index] : nullptr;
  }
  CellKind style_kind(int style) const {
    return style >= 0 && static_cast<size_t>(style) < style_kinds_.size()
               ? style_kinds_[static_cast<size_t>(style)]
               : CellKind::Number;
  }
  const std::string& style_layout(int style) const {
    static const std::string kNone;
    return style >= 0 && static_cast<size_t>(style) < style_layouts_.size()
               ? style_layouts_[static_cast<size_t>(style)]
               : kNone;
  }
  bool date1904() const { return date1904_; }

 private:
  sheet::ZipFile zip_;
  std::vector<std::string> names_;  // table names
  std::vector<std::string> parts_;  // their worksheet parts
  std::vector<size_t> rows_;        // their data rows as relsynth recorded them, or 0
  std::vector<std::string> shared_strings_;
  std::vector<CellKind> style_kinds_;
  std::vector<std::string> style_layouts_;
  bool date1904_ = false;
};

void WorksheetReader::start(std::string_view name, const XmlAttributes& attributes) {
  if (name == "row") {
    const char* r = attributes.find("r");
    row_ = r ? parse_int_attribute(r, static_cast<int>(row_ + 2)) - 1 : row_ + 1;
    column_ = -1;
  } else if (name == "c") {
    in_cell_ = true;
    formula_ = false;
    value_.clear();
    const char* reference = attributes.find("r");
    int64_t row = row_, column = column_ + 1;
    if (reference && !parse_reference(reference, row, column))
      throw InputError(where_ + ": bad cell reference " + quote_name(reference));
    if (row_ < 0) row_ = row;  // a cell outside any <row>
    column_ = column;
    const char* type = attributes.find("t");
    type_ = type ? type : "n";
    style_ = parse_int_attribute(attributes.find("s"), 0);
  } else if (in_cell_ && name == "v") {
    collecting_ = true;
  } else if (in_cell_ && name == "f") {
    formula_ = true;
  } else if (in_cell_ && name == "is") {
    in_inline_ = true;
  } else if (in_inline_ && name == "rPh") {
    ++phonetic_;
  } else if (in_inline_ && name == "t") {
    collecting_ = phonetic_ == 0;
  } else if (name == "mergeCell") {
    if (const char* range = attributes.find("ref")) builder_.merged_range(range);
  }
}

void WorksheetReader::end(std::string_view name) {
  if (name == "v" || name == "t") {
    collecting_ = false;
  } else if (name == "rPh") {
    --phonetic_;
  } else if (name == "is") {
    in_inline_ = false;
  } else if (name == "c") {
    finish_cell();
    in_cell_ = false;
  }
}

void WorksheetReader::finish_cell() {
  if (formula_)
    builder_.formula_cell(row_, column_, !value_.empty() || type_ == "str" || type_ == "inlineStr");
  if (value_.empty() && type_ != "inlineStr" && type_ != "str") return;  // an empty cell
  const std::string ref = sheet::cell_reference(row_, column_);
  if (type_ == "s") {
    int64_t index = -1;
    std::from_chars(value_.data(), value_.data() + value_.size(), index);
    const std::string* text =
        index >= 0 ? workbook_.shared_string(static_cast<size_t>(index)) : nullptr;
    if (!text)
      throw InputError(where_ + ", cell " + ref + ": shared string " + quote_name(value_) +
                       " does not exist");
    if (!text->empty()) builder_.cell(row_, column_, CellKind::String, *text);
  } else if (type_ == "inlineStr" || type_ == "str") {
    if (!value_.empty()) builder_.cell(row_, column_, CellKind::String, unescape(value_));
  } else if (type_ == "b") {
    builder_.cell(row_, column_, CellKind::Bool,
                  value_ == "1" || value_ == "true" ? "true" : "false");
  } else if (type_ == "e") {
    builder_.error_cell(row_, column_, value_);
  } else if (type_ == "d") {  // an ISO 8601 date/time (strict OOXML, or openpyxl's iso_dates)
    std::string text = value_;
    std::replace(text.begin(), text.end(), 'T', ' ');
    if (!text.empty() && text.back() == 'Z') text.pop_back();
    CellKind kind = text.find(':') == std::string::npos ? CellKind::Date
                    : text.size() > 2 && text[2] == ':' ? CellKind::Time
                                                        : CellKind::DateTime;
    builder_.cell(row_, column_, kind, text);
  } else {
    const CellKind kind = workbook_.style_kind(style_);
    double serial = 0;
    const auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), serial);
    if (error != std::errc() || end != value_.data() + value_.size())
      throw InputError(where_ + ", cell " + ref + ": " + quote_name(value_) + " is not a number");
    if (kind == CellKind::Number || !std::isfinite(serial)) {
      builder_.cell(row_, column_, CellKind::Number, value_);
      return;
    }
    // A date format on a value with a time of day keeps the time; a time of day past a day's
    // length is a date and time.
    CellKind shown = kind;
    if (kind == CellKind::Date && serial != std::floor(serial)) shown = CellKind::DateTime;
    if (kind == CellKind::Time && (serial >= 1 || serial < 0)) shown = CellKind::DateTime;
    const DataType type = shown == CellKind::Date       ? DataType::Date
                          : shown == CellKind::DateTime ? DataType::DateTime
                                                        : DataType::Time;
    builder_.cell(row_, column_, shown,
                  sheet::iso_temporal(xlsx::from_serial(serial, type, workbook_.date1904()), type),
                  shown == kind ? workbook_.style_layout(style_) : std::string_view());
  }
}

}  // namespace

std::unique_ptr<Source> make_xlsx_source(const std::string& path, const SourceOptions& options) {
  return sheet::make_workbook_source(std::make_unique<XlsxWorkbook>(path), options);
}

}  // namespace relsynth

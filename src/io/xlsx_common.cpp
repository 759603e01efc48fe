// Excel's date serials and the names of relsynth's document properties.
#include "io/xlsx_common.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "io/sheet_zip.h"
#include "relsynth/error.h"

namespace relsynth::xlsx {

namespace {

constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;
constexpr int64_t kEpochSerial = 25569;     // 1970-01-01 as days since 1899-12-30
constexpr int64_t kEpoch1904Offset = 1462;  // 1904-01-01 as days since 1899-12-30

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Days since 1899-12-30 as Excel counts them: it believes 1900-02-29 existed (serial 60), so
// the days of January and February 1900 are one lower than the calendar's.
double serial_of_day(int64_t day) {
  return static_cast<double>(day >= 1 && day <= 60 ? day - 1 : day);
}
int64_t day_of_serial(int64_t serial) { return serial >= 1 && serial < 60 ? serial + 1 : serial; }

}  // namespace

std::string table_property(size_t sheet_number) {
  return "relsynth-table-" + std::to_string(sheet_number);
}

std::string rows_property(size_t sheet_number) {
  return "relsynth-rows-" + std::to_string(sheet_number);
}

double to_serial(int64_t value, DataType type) {
  switch (type) {
    case DataType::Date:
      return serial_of_day(value + kEpochSerial);
    case DataType::DateTime: {
      const int64_t day = floor_div(value, kMicrosPerDay);
      const int64_t micros = value - day * kMicrosPerDay;
      return serial_of_day(day + kEpochSerial) +
             static_cast<double>(micros) / static_cast<double>(kMicrosPerDay);
    }
    case DataType::Time:
      return static_cast<double>(value) / static_cast<double>(kMicrosPerDay);
    default:
      return static_cast<double>(value);
  }
}

int64_t from_serial(double serial, DataType type, bool date1904) {
  const double whole = std::floor(serial);
  const double fraction = serial - whole;
  int64_t day = static_cast<int64_t>(whole);
  day = date1904 ? day + kEpoch1904Offset : day_of_serial(day);
  day -= kEpochSerial;
  int64_t micros = std::llround(fraction * static_cast<double>(kMicrosPerDay));
  // A serial written with 16 significant digits resolves ~0.9 microseconds: a value within two
  // of a whole millisecond (Excel's own precision) is that millisecond.
  const int64_t millisecond = (micros + 500) / 1000 * 1000;
  if (std::llabs(micros - millisecond) <= 2) micros = millisecond;
  switch (type) {
    case DataType::Date:
      return day;
    case DataType::Time:
      return micros % kMicrosPerDay;
    default:
      return day * kMicrosPerDay + micros;
  }
}

namespace {

// Collects <property name="..."><vt:lpwstr>text</vt:lpwstr></property> pairs.
class PropertyReader : public sheet::XmlHandler {
 public:
  std::map<std::string, std::string> properties;
  void start(std::string_view name, const sheet::XmlAttributes& attributes) override {
    if (name != "property") return;
    const char* property = attributes.find("name");
    current_ = property ? property : "";
    inside_ = true;
  }
  void end(std::string_view name) override {
    if (name == "property") inside_ = false;
  }
  void text(std::string_view text) override {
    if (inside_ && !current_.empty()) properties[current_].append(text);
  }

 private:
  std::string current_;
  bool inside_ = false;
};

}  // namespace

std::map<std::string, std::string> custom_properties(const std::string& path) {
  try {
    const sheet::ZipFile zip(path, "xlsx file");
    constexpr const char* kMember = "docProps/custom.xml";
    if (!zip.has(kMember)) return {};
    PropertyReader reader;
    sheet::parse_xml(zip.read(kMember, size_t{64} << 20), zip.where(kMember), reader);
    return reader.properties;
  } catch (const Error&) {
    return {};
  }
}

std::string excel_number_format(std::string_view layout) {
  std::string code, literal;
  auto flush = [&] {
    if (literal.empty()) return true;
    if (literal.find('"') != std::string::npos) return false;
    const bool plain = literal.find_first_not_of("-/:., ") == std::string::npos;
    code += plain ? literal : "\"" + literal + "\"";
    literal.clear();
    return true;
  };
  for (size_t i = 0; i < layout.size(); ++i) {
    if (layout[i] != '%' || i + 1 >= layout.size()) {
      literal += layout[i];
      continue;
    }
    char spec = layout[++i];
    if (spec == '%') {
      literal += '%';
      continue;
    }
    int digits = 6;
    if (spec >= '1' && spec <= '9' && i + 1 < layout.size() && layout[i + 1] == 'f') {
      digits = spec - '0';
      spec = layout[++i];
    }
    if (!flush()) return {};
    switch (spec) {
      case 'Y':
        code += "yyyy";
        break;
      case 'm':
        code += "mm";
        break;
      case 'd':
        code += "dd";
        break;
      case 'H':
        code += "hh";
        break;
      case 'M':
        code += "mm";
        break;
      case 'S':
        code += "ss";
        break;
      case 'f':  // Excel shows at most milliseconds
        code += std::string(static_cast<size_t>(std::min(digits, 3)), '0');
        break;
      default:
        return {};
    }
  }
  return flush() ? code : std::string();
}

std::string layout_of_number_format(std::string_view code, DataType type) {
  if (const size_t section = code.find(';'); section != std::string_view::npos)
    code = code.substr(0, section);
  std::string layout;
  bool after_hour = false;  // Excel's "mm" after hours (or before seconds) is minutes
  for (size_t i = 0; i < code.size();) {
    const char c = code[i];
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return {};
      for (char x : code.substr(i + 1, close - i - 1))
        layout += x == '%' ? "%%" : std::string(1, x);
      i = close + 1;
      continue;
    }
    if (c == '\\' && i + 1 < code.size()) {
      layout += code[i + 1] == '%' ? "%%" : std::string(1, code[i + 1]);
      i += 2;
      continue;
    }
    if (c == '[') {  // a locale or colour; [h] would be a duration
      const size_t close = code.find(']', i);
      if (close == std::string_view::npos || code.substr(i + 1, 1) != "$") return {};
      i = close + 1;
      continue;
    }
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t run = 1;
    while (i + run < code.size() &&
           std::tolower(static_cast<unsigned char>(code[i + run])) == lower)
      ++run;
    if (std::string_view("ymdhs0").find(lower) == std::string_view::npos) {
      if (std::isalpha(static_cast<unsigned char>(c))) return {};  // AM/PM, era, ...
      layout += c == '%' ? "%%" : std::string(1, c);
      ++i;
      continue;
    }
    if (lower == 'y' && run == 4) {
      layout += "%Y";
    } else if (lower == 'd' && run == 2) {
      layout += "%d";
    } else if (lower == 'h' && run == 2) {
      layout += "%H";
    } else if (lower == 's' && run == 2) {
      layout += "%S";
    } else if (lower == 'm' && run == 2) {
      const std::string_view rest = code.substr(i + run);
      const size_t next = rest.find_first_not_of(":. ");
      const bool before_seconds = next != std::string_view::npos &&
                                  std::tolower(static_cast<unsigned char>(rest[next])) == 's';
      const bool minutes = after_hour || before_seconds;
      layout += minutes ? "%M" : "%m";
    } else if (lower == '0' && !layout.empty() && layout.back() == '.' && run <= 6) {
      layout += "%" + std::to_string(run) + "f";
    } else {
      return {};  // "yy", "d", "mmm", "h", ...
    }
    after_hour = lower == 'h' || (after_hour && lower != 'd' && lower != 'y');
    i += run;
  }
  const bool date = layout.find("%Y") != std::string::npos &&
                    layout.find("%m") != std::string::npos &&
                    layout.find("%d") != std::string::npos;
  const bool time =
      layout.find("%H") != std::string::npos && layout.find("%M") != std::string::npos;
  const bool fits = type == DataType::Date       ? date && !time
                    : type == DataType::DateTime ? date && time
                    : type == DataType::Time     ? time && !date
                                                 : false;
  // The ISO layouts relsynth writes by default are the empty format (which also keeps
  // microseconds a fixed three digits would cut).
  for (const char* iso :
       {"%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%3f", "%H:%M:%S", "%H:%M:%S.%3f"})
    if (layout == iso) return {};
  return fits ? layout : std::string();
}

}  // namespace relsynth::xlsx

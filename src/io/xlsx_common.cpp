// Excel's date serials and the names of relsynth's document properties.
#include "io/xlsx_common.h"

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

size_t utf8_length(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace relsynth::xlsx

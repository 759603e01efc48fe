#include "relsynth/types.h"

#include <array>

namespace relsynth {

namespace {

constexpr std::array<std::string_view, 9> kTypeNames = {
    "int64", "float64", "decimal", "string", "bool", "date", "datetime", "time", "binary"};

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

bool is_leap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `width` digits.
bool read_digits(std::string_view text, size_t& pos, int width, int64_t& out) {
  if (pos + width > text.size()) return false;
  int64_t value = 0;
  for (int i = 0; i < width; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += width;
  out = value;
  return true;
}

void write_digits(std::string& out, int64_t value, int width) {
  char buffer[24];
  int n = 0;
  bool negative = value < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  do {
    buffer[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude > 0);
  while (n < width) buffer[n++] = '0';
  if (negative) out += '-';
  while (n > 0) out += buffer[--n];
}

// Candidate layouts tried by detect_temporal_format, most common first.
struct Candidate {
  DataType type;
  std::string_view format;
};
constexpr Candidate kCandidates[] = {
    {DataType::Date, "%Y-%m-%d"},
    {DataType::DateTime, "%Y-%m-%d %H:%M:%S"},
    {DataType::DateTime, "%Y-%m-%d %H:%M:%S.%3f"},
    {DataType::DateTime, "%Y-%m-%d %H:%M:%S.%6f"},
    {DataType::DateTime, "%Y-%m-%dT%H:%M:%S"},
    {DataType::DateTime, "%Y-%m-%dT%H:%M:%SZ"},
    {DataType::DateTime, "%Y-%m-%dT%H:%M:%S.%3f"},
    {DataType::DateTime, "%Y-%m-%dT%H:%M:%S.%3fZ"},
    {DataType::DateTime, "%Y-%m-%dT%H:%M:%S.%6f"},
    {DataType::DateTime, "%Y-%m-%dT%H:%M:%S.%6fZ"},
    {DataType::DateTime, "%Y-%m-%d %H:%M"},
    {DataType::DateTime, "%Y-%m-%dT%H:%M"},
    {DataType::DateTime, "%Y/%m/%d %H:%M:%S"},
    {DataType::DateTime, "%m/%d/%Y %H:%M:%S"},
    {DataType::DateTime, "%d/%m/%Y %H:%M:%S"},
    {DataType::DateTime, "%m/%d/%Y %H:%M"},
    {DataType::DateTime, "%d/%m/%Y %H:%M"},
    {DataType::Date, "%Y/%m/%d"},
    {DataType::Date, "%m/%d/%Y"},
    {DataType::Date, "%d/%m/%Y"},
    {DataType::Date, "%d.%m.%Y"},
    {DataType::Time, "%H:%M:%S"},
    {DataType::Time, "%H:%M:%S.%3f"},
    {DataType::Time, "%H:%M:%S.%6f"},
    {DataType::Time, "%H:%M"},
};

}  // namespace

std::string_view to_string(DataType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::optional<DataType> parse_data_type(std::string_view name) {
  for (size_t i = 0; i < kTypeNames.size(); ++i)
    if (kTypeNames[i] == name) return static_cast<DataType>(i);
  return std::nullopt;
}

bool holds_integers(DataType type) {
  return type == DataType::Int64 || type == DataType::Bool || is_temporal(type);
}
bool holds_strings(DataType type) {
  return type == DataType::String || type == DataType::Decimal || type == DataType::Binary;
}
bool is_temporal(DataType type) {
  return type == DataType::Date || type == DataType::DateTime || type == DataType::Time;
}

bool is_calendar(DataType type) { return type == DataType::Date || type == DataType::DateTime; }

int64_t convert_temporal(int64_t value, DataType from, DataType to) {
  constexpr int64_t kMicrosPerDay = 86'400'000'000;
  if (from == DataType::Date && to == DataType::DateTime) return value * kMicrosPerDay;
  if (from == DataType::DateTime && to == DataType::Date)
    return value >= 0 ? value / kMicrosPerDay : -((-value + kMicrosPerDay - 1) / kMicrosPerDay);
  return value;
}

// Civil calendar <-> day number by the era (400-year cycle) decomposition.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& year, unsigned& month, unsigned& day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int64_t>(yoe) + era * 400 + (month <= 2);
}

std::optional<int64_t> parse_temporal(std::string_view text, DataType type,
                                      std::string_view format) {
  int64_t year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0;
  size_t pos = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    char f = format[i];
    if (f != '%' || i + 1 >= format.size()) {
      if (pos >= text.size() || text[pos] != f) return std::nullopt;
      ++pos;
      continue;
    }
    char spec = format[++i];
    int fraction_digits = 0;
    if (spec >= '1' && spec <= '9' && i + 1 < format.size() && format[i + 1] == 'f') {
      fraction_digits = spec - '0';
      spec = format[++i];
    }
    bool ok = true;
    switch (spec) {
      case 'Y':
        ok = read_digits(text, pos, 4, year);
        break;
      case 'm':
        ok = read_digits(text, pos, 2, month) && month >= 1 && month <= 12;
        break;
      case 'd':
        ok = read_digits(text, pos, 2, day) && day >= 1 && day <= 31;
        break;
      case 'H':
        ok = read_digits(text, pos, 2, hour) && hour < 24;
        break;
      case 'M':
        ok = read_digits(text, pos, 2, minute) && minute < 60;
        break;
      case 'S':
        ok = read_digits(text, pos, 2, second) && second < 60;
        break;
      case 'f': {
        int digits = fraction_digits > 0 ? fraction_digits : 6;
        if (digits > 6) return std::nullopt;
        int64_t value = 0;
        ok = read_digits(text, pos, digits, value);
        for (int k = digits; k < 6; ++k) value *= 10;
        micros = value;
        break;
      }
      case '%':
        ok = pos < text.size() && text[pos] == '%';
        ++pos;
        break;
      default:
        return std::nullopt;
    }
    if (!ok) return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  if (day > static_cast<int64_t>(days_in_month(year, static_cast<unsigned>(month))))
    return std::nullopt;
  const int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t time_of_day = ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + micros;
  switch (type) {
    case DataType::Date:
      return days;
    case DataType::DateTime:
      return days * kMicrosPerDay + time_of_day;
    case DataType::Time:
      return time_of_day;
    default:
      return std::nullopt;
  }
}

std::string format_temporal(int64_t value, DataType type, std::string_view format) {
  int64_t days = 0, time_of_day = 0;
  if (type == DataType::Date) {
    days = value;
  } else if (type == DataType::DateTime) {
    days = value >= 0 ? value / kMicrosPerDay : -((-value + kMicrosPerDay - 1) / kMicrosPerDay);
    time_of_day = value - days * kMicrosPerDay;
  } else {
    time_of_day = ((value % kMicrosPerDay) + kMicrosPerDay) % kMicrosPerDay;
  }
  if (format.empty()) {
    if (type == DataType::Date)
      format = "%Y-%m-%d";
    else if (type == DataType::Time)
      format = time_of_day % kMicrosPerSecond ? "%H:%M:%S.%6f" : "%H:%M:%S";
    else
      format = time_of_day % kMicrosPerSecond ? "%Y-%m-%d %H:%M:%S.%6f" : "%Y-%m-%d %H:%M:%S";
  }
  int64_t year;
  unsigned month, day;
  civil_from_days(days, year, month, day);
  const int64_t seconds = time_of_day / kMicrosPerSecond;
  const int64_t micros = time_of_day % kMicrosPerSecond;

  std::string out;
  out.reserve(format.size() + 8);
  for (size_t i = 0; i < format.size(); ++i) {
    char f = format[i];
    if (f != '%' || i + 1 >= format.size()) {
      out += f;
      continue;
    }
    char spec = format[++i];
    int fraction_digits = 6;
    if (spec >= '1' && spec <= '9' && i + 1 < format.size() && format[i + 1] == 'f') {
      fraction_digits = spec - '0';
      spec = format[++i];
    }
    switch (spec) {
      case 'Y':
        write_digits(out, year, 4);
        break;
      case 'm':
        write_digits(out, month, 2);
        break;
      case 'd':
        write_digits(out, day, 2);
        break;
      case 'H':
        write_digits(out, seconds / 3600, 2);
        break;
      case 'M':
        write_digits(out, seconds / 60 % 60, 2);
        break;
      case 'S':
        write_digits(out, seconds % 60, 2);
        break;
      case 'f': {
        int64_t value = micros;
        for (int k = fraction_digits; k < 6; ++k) value /= 10;
        write_digits(out, value, fraction_digits);
        break;
      }
      default:
        out += spec;
    }
  }
  return out;
}

std::optional<TemporalFormat> detect_temporal_format_n(size_t count,
                                                       std::string_view (*get)(const void*, size_t),
                                                       const void* context) {
  // Find the first non-empty sample; candidates must fit it, then every other sample.
  size_t first = 0;
  while (first < count && get(context, first).empty()) ++first;
  if (first == count) return std::nullopt;
  for (const Candidate& candidate : kCandidates) {
    bool all = true;
    for (size_t i = first; i < count && all; ++i) {
      std::string_view text = get(context, i);
      if (text.empty()) continue;
      auto value = parse_temporal(text, candidate.type, candidate.format);
      all = value && format_temporal(*value, candidate.type, candidate.format) == text;
    }
    if (all) return TemporalFormat{candidate.type, std::string(candidate.format)};
  }
  return std::nullopt;
}

}  // namespace relsynth

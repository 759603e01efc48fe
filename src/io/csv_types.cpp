#include "io/csv_types.h"

#include <algorithm>
#include <charconv>

#include "io/csv_format.h"

namespace relsynth::csv {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_lower(std::string_view text, std::string_view lowercase) {
  if (text.size() != lowercase.size()) return false;
  for (size_t i = 0; i < text.size(); ++i)
    if (lower(text[i]) != lowercase[i]) return false;
  return true;
}

// The lexical shape of a number: [+-] digits [. digits] [(e|E) [+-] digits], or nan / inf.
struct NumberShape {
  bool valid = false;
  bool integer = false;  // digits only (after the sign), no leading zero but "0"
  bool plain = false;    // decimal notation, no exponent, not nan / inf
  bool special = false;  // nan / inf / infinity
  int significant = 0;   // digits without leading and trailing zeros
};

NumberShape classify_number(std::string_view text) {
  NumberShape shape;
  size_t i = 0;
  const size_t n = text.size();
  if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
  std::string_view rest = text.substr(i);
  if (equals_lower(rest, "nan") || equals_lower(rest, "inf") || equals_lower(rest, "infinity")) {
    shape.valid = shape.special = true;
    return shape;
  }
  const size_t int_begin = i;
  while (i < n && is_digit(text[i])) ++i;
  const size_t int_end = i;
  if (int_end - int_begin > 1 && text[int_begin] == '0') return shape;  // "00501" is no number
  size_t frac_begin = i, frac_end = i;
  bool point = false;
  if (i < n && text[i] == '.') {
    point = true;
    frac_begin = ++i;
    while (i < n && is_digit(text[i])) ++i;
    frac_end = i;
  }
  if (int_end == int_begin && frac_end == frac_begin) return shape;
  bool exponent = false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    exponent = true;
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    const size_t exp_begin = i;
    while (i < n && is_digit(text[i])) ++i;
    if (i == exp_begin) return shape;
  }
  if (i != n) return shape;
  shape.valid = true;
  shape.integer = !point && !exponent;
  shape.plain = !exponent;
  // Significant digits over the integer and fraction digits taken together.
  int first = -1, last = -1, position = 0;
  auto scan = [&](size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k, ++position) {
      if (text[k] != '0') {
        if (first < 0) first = position;
        last = position;
      }
    }
  };
  scan(int_begin, int_end);
  scan(frac_begin, frac_end);
  shape.significant = first < 0 ? 0 : last - first + 1;
  return shape;
}

std::optional<double> parse_double_shape(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) return std::nullopt;
  }
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

bool could_be_temporal(std::string_view text) {
  return !text.empty() && text.size() <= 40 && is_digit(text.front());
}

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
constexpr std::string_view kIsoDate = "%Y-%m-%d";
constexpr std::string_view kIsoDateTime = "%Y-%m-%d %H:%M:%S";

// Exactly `width` digits at text[pos...].
bool digits_at(std::string_view text, size_t pos, int width, int64_t& out) {
  int64_t value = 0;
  for (int i = 0; i < width; ++i) {
    const char c = text[pos + static_cast<size_t>(i)];
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

std::optional<int64_t> parse_iso_date(std::string_view text) {
  int64_t year, month, day;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits_at(text, 0, 4, year) ||
      !digits_at(text, 5, 2, month) || !digits_at(text, 8, 2, day) || month < 1 || month > 12 ||
      day < 1)
    return std::nullopt;
  static constexpr int64_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) return std::nullopt;
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

void put_digits(char* out, int64_t value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

// Formats made only of fixed-width fields reproduce their text whenever they parse it; a
// bare %f (as many digits as the value had) does not.
bool fixed_width(std::string_view format) {
  for (size_t i = 0; i + 1 < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (format[i + 1] == 'f') return false;
    ++i;
  }
  return true;
}

}  // namespace

std::optional<int64_t> parse_int(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) return std::nullopt;
  }
  int64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || text.empty())
    return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view text) { return parse_double_shape(text); }

std::optional<bool> parse_bool(std::string_view text) {
  for (std::string_view word : {"true", "t", "yes", "y", "1"})
    if (equals_lower(text, word)) return true;
  for (std::string_view word : {"false", "f", "no", "n", "0"})
    if (equals_lower(text, word)) return false;
  return std::nullopt;
}

bool is_decimal_text(std::string_view text) {
  const NumberShape shape = classify_number(text);
  return shape.valid && shape.plain;
}

std::optional<int64_t> parse_temporal_fast(std::string_view text, DataType type,
                                           std::string_view format) {
  if (type == DataType::Date && format == kIsoDate) return parse_iso_date(text);
  if (type == DataType::DateTime && format == kIsoDateTime) {
    int64_t hour, minute, second;
    if (text.size() != 19 || text[10] != ' ' || text[13] != ':' || text[16] != ':' ||
        !digits_at(text, 11, 2, hour) || !digits_at(text, 14, 2, minute) ||
        !digits_at(text, 17, 2, second) || hour > 23 || minute > 59 || second > 59)
      return std::nullopt;
    const auto days = parse_iso_date(text.substr(0, 10));
    if (!days) return std::nullopt;
    return *days * kMicrosPerDay + ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond;
  }
  return std::nullopt;
}

size_t format_temporal_fast(int64_t value, DataType type, std::string_view format, char* out) {
  int64_t days = value, time_of_day = 0;
  if (type == DataType::DateTime) {
    days = value >= 0 ? value / kMicrosPerDay : -((-value + kMicrosPerDay - 1) / kMicrosPerDay);
    time_of_day = value - days * kMicrosPerDay;
    // The empty format shows fractions only when there are some.
    if (format.empty() && time_of_day % kMicrosPerSecond != 0) return 0;
    if (!format.empty() && format != kIsoDateTime) return 0;
  } else if (type != DataType::Date || (!format.empty() && format != kIsoDate)) {
    return 0;
  }
  int64_t year;
  unsigned month, day;
  civil_from_days(days, year, month, day);
  if (year < 0 || year > 9999) return 0;
  put_digits(out, year, 4);
  out[4] = '-';
  put_digits(out + 5, month, 2);
  out[7] = '-';
  put_digits(out + 8, day, 2);
  if (type == DataType::Date) return 10;
  const int64_t seconds = time_of_day / kMicrosPerSecond;
  out[10] = ' ';
  put_digits(out + 11, seconds / 3600, 2);
  out[13] = ':';
  put_digits(out + 14, seconds / 60 % 60, 2);
  out[16] = ':';
  put_digits(out + 17, seconds % 60, 2);
  return 19;
}

std::string parse_binary(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0)
    return std::string(text);
  std::string bytes;
  bytes.reserve(text.size() / 2 - 1);
  for (size_t i = 2; i < text.size(); i += 2) {
    const int high = hex(text[i]), low = hex(text[i + 1]);
    if (high < 0 || low < 0) return std::string(text);
    bytes.push_back(static_cast<char>(high * 16 + low));
  }
  return bytes;
}

InferredType infer_type(const TextColumn& column) {
  bool all_int = true, all_bool = true, all_number = true, all_exact = true, all_plain = true;
  bool any_finite = false, any_value = false, all_temporal = true, long_integer = false;
  char digits[32];
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.is_null(row)) continue;
    any_value = true;
    const std::string_view text = column.at(row);
    if (all_bool && !equals_lower(text, "true") && !equals_lower(text, "false")) all_bool = false;
    if (all_temporal && !could_be_temporal(text)) all_temporal = false;
    if (all_number) {
      const NumberShape shape = classify_number(text);
      if (!shape.valid) {
        all_number = all_int = false;
      } else if (shape.special) {
        all_int = all_plain = false;
      } else {
        // Up to 18 digits always fit in an int64; longer ones need the check.
        if (all_int && (!shape.integer || (text.size() > 18 && !parse_int(text)))) all_int = false;
        if (shape.integer && shape.significant > 15) long_integer = true;
        if (!shape.plain) all_plain = false;
        if (!all_int && all_exact) {
          // A double must hold the value: in range, and for long numbers its shortest form
          // must be the text itself.
          // Short plain numbers are always in range; the rest are parsed to check.
          if (shape.significant > 15) {
            const auto value = parse_double_shape(text);
            all_exact = value && std::string_view(digits, format_double(*value, digits)) == text;
          } else if (!shape.plain || text.size() > 300) {
            all_exact = parse_double_shape(text).has_value();
          }
        }
        any_finite = true;
      }
    }
    if (!all_bool && !all_number && !all_temporal) break;
  }
  if (!any_value) return {};
  if (all_number && all_int) return {DataType::Int64, {}};
  if (all_bool) return {DataType::Bool, {}};
  if (all_number && any_finite) {
    // An integer beyond 15 digits next to fractions would be rounded by a double.
    if (long_integer) all_exact = false;
    if (all_exact) return {DataType::Float64, {}};
    if (all_plain) return {DataType::Decimal, {}};
    return {};
  }
  if (all_temporal) {
    // Find the layout on a sample, then check the rest with the parser alone where that is
    // enough; the full search runs only when the sample's layout does not fit everything.
    std::vector<std::string_view> sample;
    size_t row = 0;
    for (; row < column.size() && sample.size() < 1000; ++row)
      if (!column.is_null(row)) sample.push_back(column.at(row));
    const auto found = detect_temporal_format(sample);
    if (!found) return {};
    bool all = fixed_width(found->format);
    for (; row < column.size() && all; ++row) {
      if (column.is_null(row)) continue;
      const std::string_view text = column.at(row);
      all = parse_temporal_fast(text, found->type, found->format) ||
            parse_temporal(text, found->type, found->format);
    }
    if (all) return {found->type, found->format};
    std::vector<std::string_view> values;
    for (row = 0; row < column.size(); ++row)
      if (!column.is_null(row)) values.push_back(column.at(row));
    if (auto format = detect_temporal_format(values)) return {format->type, format->format};
  }
  return {};
}

}  // namespace relsynth::csv

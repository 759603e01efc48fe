// Storage types of columns and the representation of temporal values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace relsynth {

// How a column's values are held in memory.
//   Int64, Bool                 -> int64_t (Bool is 0/1)
//   Date                        -> int64_t days since 1970-01-01
//   DateTime                    -> int64_t microseconds since 1970-01-01 00:00:00 (naive, no zone)
//   Time                        -> int64_t microseconds since midnight
//   Float64                     -> double
//   Decimal                     -> exact text ("12.50"), never rounded through a double
//   String, Binary              -> bytes in std::string
enum class DataType { Int64, Float64, Decimal, String, Bool, Date, DateTime, Time, Binary };

std::string_view to_string(DataType type);
std::optional<DataType> parse_data_type(std::string_view name);

bool holds_integers(DataType type);  // Int64, Bool, Date, DateTime, Time
bool holds_strings(DataType type);   // String, Decimal, Binary
bool is_temporal(DataType type);     // Date, DateTime, Time
bool is_calendar(DataType type);     // Date, DateTime: a point in time, comparable by day

// A Date or DateTime value as a column of type `to` counts it: a date is its midnight, a
// datetime its day (floored); any other pair is returned as it is.
int64_t convert_temporal(int64_t value, DataType from, DataType to);

// Temporal text formats are strftime-like patterns so a value written back reproduces the
// source's text byte for byte: %Y year, %m month, %d day, %H hour, %M minute, %S second,
// %f fraction with as many digits as the value had (1-6), %3f / %6f a fixed number of digits,
// %% a percent sign; anything else is literal.
std::optional<int64_t> parse_temporal(std::string_view text, DataType type,
                                      std::string_view format);
std::string format_temporal(int64_t value, DataType type, std::string_view format);

// Finds a format in which every non-empty sample parses and formats back to the same text.
struct TemporalFormat {
  DataType type;
  std::string format;
};
template <typename Range>
std::optional<TemporalFormat> detect_temporal_format(const Range& samples);
// Non-template core of the above: samples given as a callback over indexes.
std::optional<TemporalFormat> detect_temporal_format_n(size_t count,
                                                       std::string_view (*get)(const void*, size_t),
                                                       const void* context);

template <typename Range>
std::optional<TemporalFormat> detect_temporal_format(const Range& samples) {
  auto get = [](const void* ctx, size_t i) -> std::string_view {
    const auto& r = *static_cast<const Range*>(ctx);
    return std::string_view(r[i]);
  };
  return detect_temporal_format_n(samples.size(), get, &samples);
}

// Days since 1970-01-01 of a civil date, and back.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);
void civil_from_days(int64_t days, int64_t& year, unsigned& month, unsigned& day);

}  // namespace relsynth

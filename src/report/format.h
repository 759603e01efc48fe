// Number formatting shared by the report's text summary and its HTML.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace relsynth {

// `value` with `digits` decimals, or `nan_text` when it is not a number (a metric that could
// not be computed).
inline std::string format_fixed(double value, int digits, std::string_view nan_text) {
  if (std::isnan(value)) return std::string(nan_text);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

// A share in [0, 1] as a percentage with two decimals.
inline std::string format_percent(double share, std::string_view nan_text) {
  return std::isnan(share) ? std::string(nan_text) : format_fixed(share * 100, 2, "") + "%";
}

// A gap between two sequence keys in `unit` ("microseconds", "days" or empty for plain
// numbers) as short text: "1 h", "30 min", "7 d", "2.5".
inline std::string format_gap(double value, std::string_view unit, std::string_view nan_text) {
  if (std::isnan(value)) return std::string(nan_text);
  char buffer[48];
  if (unit == "microseconds" || unit == "days") {
    const double seconds = unit == "days" ? value * 86400 : value / 1e6;
    const double magnitude = std::fabs(seconds);
    const char* suffix = "s";
    double shown = seconds;
    if (magnitude >= 86400)
      shown = seconds / 86400, suffix = "d";
    else if (magnitude >= 3600)
      shown = seconds / 3600, suffix = "h";
    else if (magnitude >= 60)
      shown = seconds / 60, suffix = "min";
    std::snprintf(buffer, sizeof buffer, "%.3g %s", shown, suffix);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
  }
  return buffer;
}

}  // namespace relsynth

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

}  // namespace relsynth

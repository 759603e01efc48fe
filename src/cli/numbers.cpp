#include "cli/numbers.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "core/text.h"

namespace relsynth::cli {

CLI::Validator whole_number(int64_t min, int64_t max) {
  const std::string range = std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        int64_t value = 0;
        if (!parse_whole(text, value) || value < min || value > max)
          return "must be a whole number from " + range + ", got " + text;
        return {};
      },
      "INT in " + range);
}

CLI::Validator seed_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        uint64_t value = 0;
        if (!parse_whole(text, value))
          return "must be a whole number from 0 to " +
                 std::to_string(std::numeric_limits<uint64_t>::max()) + ", got " + text;
        return {};
      },
      "INT in 0 to 2^64-1");
}

CLI::Validator positive_number(double max) {
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g", max);
  return CLI::Validator(
      [max, bound = std::string(limit)](std::string& text) -> std::string {
        double value = 0;
        if (!parse_number(text, value) || !(value > 0) || value > max)
          return "must be a number above 0 and at most " + bound + ", got " + text;
        return {};
      },
      std::string("NUMBER in (0, ") + limit + "]");
}

}  // namespace relsynth::cli

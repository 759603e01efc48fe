// Integer columns that hold the calendar parts (year, month, day, hour, minute) of a date or
// datetime column of the same row, possibly read in another time zone: weather's local
// year/month/day/hour beside its UTC time. Training finds them (find_date_parts); generation
// draws them as usual, then recomputes them from the generated date minus the offset (among
// those seen) they agree with best, so they always name that date.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth {

enum DatePartKind { kYear = 0, kMonth, kDay, kHour, kMinute, kDatePartKinds };
using DatePartValues = std::array<int64_t, kDatePartKinds>;

// The parts of a value of `type` (Date: days; DateTime: microseconds since 1970-01-01).
DatePartValues date_parts_of(int64_t value, DataType type);

struct DatePartsChoice {
  int from = -1;                 // the date or datetime column
  int64_t unit = 1;              // the offset's unit, in `from`'s units (its finest part's)
  std::vector<int> parts;        // the column of each DatePartKind, -1 for none
  std::vector<int64_t> offsets;  // floor((from - the date the parts name) / unit), commonest first
  // The commonest offset in each week of the year (summer time), when that explains 99% of
  // rows; else empty, and a row's offset is the one its drawn parts agree with best.
  std::vector<int64_t> weekly;
};

// The week of the year, 0 to 52, of a value of `type`.
int week_of_year(int64_t value, DataType type);

// The date column and part columns of `table` (columns whose index `candidate` accepts) whose
// offsets take at most a few values on almost every row; nullopt when none qualify.
std::optional<DatePartsChoice> find_date_parts(const TableMeta& meta, const Table& table,
                                               const std::vector<bool>& candidate);

// The parts of `from` minus one of `offsets` (times `unit`): those `agreement` scores
// highest (an int from the parts), the commoner offset on a tie.
template <typename Agreement>
DatePartValues closest_date_parts(int64_t from, DataType type, int64_t unit,
                                  std::span<const int64_t> offsets, Agreement agreement) {
  DatePartValues best{};
  int best_agree = -1;
  for (int64_t offset : offsets) {
    const DatePartValues parts = date_parts_of(from - offset * unit, type);
    const int agree = offsets.size() > 1 ? agreement(parts) : 0;
    if (agree > best_agree) best = parts, best_agree = agree;
  }
  return best;
}

}  // namespace relsynth

#include "synth/date_parts.h"

#include <algorithm>
#include <map>

namespace relsynth {

namespace {

constexpr int64_t kMicrosPerMinute = 60'000'000;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;
// A part column agrees with its date's part on at least this share of rows before the offset
// is known (a 5-hour offset moves the day on a fifth of the rows, the month on 1%).
constexpr double kMinAgreement = 0.6;
// The offsets: at most this many values, covering at least this share of rows.
constexpr size_t kMaxOffsets = 4;
constexpr double kMinOffsetCover = 0.99;
constexpr size_t kSampleRows = 20000;
constexpr int kWeeks = 53;
constexpr int64_t kMaxPart[kDatePartKinds] = {0, 12, 31, 23, 59};
constexpr int64_t kMinPart[kDatePartKinds] = {0, 1, 1, 0, 0};

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int64_t days_of(int64_t value, DataType type) {
  return convert_temporal(value, type, DataType::Date);
}

int64_t unit_of(int kind, DataType type) {
  if (type == DataType::Date) return 1;
  return kind == kMinute ? kMicrosPerMinute : kind == kHour ? kMicrosPerHour : kMicrosPerDay;
}

// floor((from - the date the parts name) / unit) at `row`, where the parts name a date.
std::optional<int64_t> offset_at(const Table& table, int from, DataType type,
                                 const std::vector<int>& parts, int64_t unit, size_t row) {
  DatePartValues values{};
  for (int kind = 0; kind < kDatePartKinds; ++kind)
    values[kind] = parts[kind] >= 0 ? table.column(parts[kind]).int_at(row) : 0;
  if (values[kMonth] < 1 || values[kMonth] > 12 || values[kDay] < 1 || values[kDay] > 31)
    return std::nullopt;
  const int64_t named =
      convert_temporal(days_from_civil(values[kYear], static_cast<unsigned>(values[kMonth]),
                                       static_cast<unsigned>(values[kDay])),
                       DataType::Date, type) +
      (type == DataType::Date
           ? 0
           : values[kHour] * kMicrosPerHour + values[kMinute] * kMicrosPerMinute);
  return floor_div(table.column(from).int_at(row) - named, unit);
}

}  // namespace

DatePartValues date_parts_of(int64_t value, DataType type) {
  DatePartValues parts{};
  const int64_t days = days_of(value, type);
  unsigned month = 1, day = 1;
  civil_from_days(days, parts[kYear], month, day);
  parts[kMonth] = month;
  parts[kDay] = day;
  if (type != DataType::Date) {
    const int64_t time_of_day = value - convert_temporal(days, DataType::Date, type);
    parts[kHour] = time_of_day / kMicrosPerHour;
    parts[kMinute] = time_of_day % kMicrosPerHour / kMicrosPerMinute;
  }
  return parts;
}

int week_of_year(int64_t value, DataType type) {
  const int64_t days = days_of(value, type);
  int64_t year = 0;
  unsigned month = 1, day = 1;
  civil_from_days(days, year, month, day);
  return static_cast<int>((days - days_from_civil(year, 1, 1)) / 7);
}

std::optional<DatePartsChoice> find_date_parts(const TableMeta& meta, const Table& table,
                                               const std::vector<bool>& candidate) {
  const size_t rows = table.num_rows();
  if (rows < 20) return std::nullopt;
  const size_t stride = std::max<size_t>(1, rows / kSampleRows);
  std::vector<int> ints;
  for (size_t c = 0; c < meta.columns.size(); ++c)
    if (candidate[c] && meta.columns[c].type == DataType::Int64 &&
        table.column(c).null_count() == 0)
      ints.push_back(static_cast<int>(c));
  std::optional<DatePartsChoice> best;
  size_t best_distinct = kMaxOffsets + 1;
  int best_count = 0;  // of parts
  for (size_t f = 0; f < meta.columns.size(); ++f) {
    const DataType type = meta.columns[f].type;
    const Column& from = table.column(f);
    if (!candidate[f] || (type != DataType::Date && type != DataType::DateTime) ||
        from.null_count() != 0)
      continue;
    std::vector<DatePartValues> parts;
    for (size_t row = 0; row < rows; row += stride)
      parts.push_back(date_parts_of(from.int_at(row), type));
    // Columns in a part's range, by how often they agree with it.
    auto agreeing = [&](int kind, int c) {
      const Column& values = table.column(c);
      size_t agree = 0, i = 0;
      for (size_t row = 0; row < rows; row += stride, ++i) {
        const int64_t v = values.int_at(row);
        if (kind != kYear && (v < kMinPart[kind] || v > kMaxPart[kind])) return -1.0;
        if (kind == kYear && std::llabs(v - parts[i][kYear]) > 1) return -1.0;
        agree += v == parts[i][kind];
      }
      return static_cast<double>(agree) / static_cast<double>(parts.size());
    };
    std::vector<int> chosen(kDatePartKinds, -1);
    std::set<int> used;
    for (int kind : {kYear, kMonth, kDay}) {
      double top = kMinAgreement;
      for (int c : ints) {
        if (used.count(c)) continue;
        const double share = agreeing(kind, c);
        if (share >= top) top = share, chosen[kind] = c;
      }
      if (chosen[kind] < 0) break;
      used.insert(chosen[kind]);
    }
    if (chosen[kYear] < 0 || chosen[kMonth] < 0 || chosen[kDay] < 0) continue;
    // Hours and minutes are tried where they fit their range; the offsets decide.
    std::vector<int> hours{-1}, minutes{-1};
    for (int c : ints)
      if (type == DataType::DateTime && !used.count(c)) {
        if (agreeing(kHour, c) >= 0) hours.push_back(c);
        if (agreeing(kMinute, c) >= 0) minutes.push_back(c);
      }
    for (int hour : hours)
      for (int minute : minutes) {
        if ((hour < 0 && minute >= 0) || (hour >= 0 && hour == minute)) continue;
        std::vector<int> trial = chosen;
        trial[kHour] = hour;
        trial[kMinute] = minute;
        const int finest = minute >= 0 ? kMinute : hour >= 0 ? kHour : kDay;
        const int64_t unit = unit_of(finest, type);
        std::map<int64_t, size_t> counts;  // rows whose parts name no date count for none
        for (size_t row = 0; row < rows; ++row)
          if (const auto offset = offset_at(table, static_cast<int>(f), type, trial, unit, row))
            ++counts[*offset];
        std::vector<std::pair<size_t, int64_t>> common;  // (rows, offset), commonest first
        for (const auto& [offset, n] : counts) common.emplace_back(n, offset);
        std::sort(common.begin(), common.end(),
                  [](const auto& a, const auto& b) { return a.first > b.first; });
        common.resize(std::min(kMaxOffsets, common.size()));
        size_t covered = 0;
        std::vector<int64_t> offsets;
        for (const auto& [n, offset] : common) covered += n, offsets.push_back(offset);
        const size_t distinct = std::min(counts.size(), kMaxOffsets + 1);
        const int parts_count = 3 + (hour >= 0) + (minute >= 0);
        if (static_cast<double>(covered) < kMinOffsetCover * static_cast<double>(rows)) continue;
        // More parts first, then fewer offsets.
        if (best &&
            (parts_count < best_count || (parts_count == best_count && distinct >= best_distinct)))
          continue;
        best = DatePartsChoice{static_cast<int>(f), unit, trial, std::move(offsets)};
        best_distinct = distinct;
        best_count = parts_count;
      }
  }
  if (!best) return best;
  // Offsets by week of the year: the commonest of each week, kept when they explain 99%.
  const Column& from = table.column(best->from);
  const DataType type = meta.columns[best->from].type;
  std::vector<std::map<int64_t, size_t>> by_week(kWeeks);
  for (size_t row = 0; row < rows; ++row)
    if (const auto offset = offset_at(table, best->from, type, best->parts, best->unit, row))
      ++by_week[week_of_year(from.int_at(row), type)][*offset];
  size_t explained = 0;
  for (const auto& week : by_week) {
    int64_t top = best->offsets.front();
    size_t top_rows = 0;
    for (const auto& [offset, n] : week)
      if (n > top_rows) top = offset, top_rows = n;
    best->weekly.push_back(top);
    explained += top_rows;
  }
  if (static_cast<double>(explained) < kMinOffsetCover * static_cast<double>(rows))
    best->weekly.clear();
  return best;
}

}  // namespace relsynth

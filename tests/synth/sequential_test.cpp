// Sequential tables: the rows of one parent form a series (a meter's hourly readings), kept
// as a series: regular times, values that follow their previous value, states that persist.
#include <gtest/gtest.h>

#include "relsynth/metadata.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// 40 meters with 60 hourly readings each (from a start that differs by meter): `value` walks
// by small steps, `state` runs 8 readings on or off.
constexpr const char* kMeters = R"SQL(
CREATE TABLE meters (meter_id INTEGER PRIMARY KEY, kind VARCHAR(8) NOT NULL);
CREATE TABLE readings (reading_id INTEGER PRIMARY KEY,
                       meter_id INTEGER NOT NULL REFERENCES meters(meter_id),
                       taken_at DATETIME NOT NULL, value REAL NOT NULL, state VARCHAR(4) NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO meters SELECT i, CASE WHEN i % 3 = 0 THEN 'water' ELSE 'power' END FROM n;
WITH RECURSIVE walk(m, i, v) AS (
  SELECT meter_id, 0, 100.0 + meter_id FROM meters
  UNION ALL SELECT m, i + 1, v + ((i * 37 + m * 11) % 11) - 5 FROM walk WHERE i < 59)
INSERT INTO readings (meter_id, taken_at, value, state)
SELECT m, datetime('2024-01-01', '+' || (m % 10) || ' days', '+' || i || ' hours'), v,
       CASE WHEN ((i / 8) + m) % 3 = 0 THEN 'off' ELSE 'on' END
FROM walk ORDER BY (i * 7 + m * 13) % 2400;
)SQL";

// Consecutive readings of one meter, in time order.
const std::string kPairs =
    "FROM (SELECT meter_id, taken_at, value, state,"
    " LAG(taken_at) OVER (PARTITION BY meter_id ORDER BY taken_at, reading_id) AS before_at,"
    " LAG(value) OVER (PARTITION BY meter_id ORDER BY taken_at, reading_id) AS before_value,"
    " LAG(state) OVER (PARTITION BY meter_id ORDER BY taken_at, reading_id) AS before_state"
    " FROM readings) WHERE before_at IS NOT NULL";

struct SeriesShape {
  int64_t pairs, hourly, same_state, mean_step_x10;
};

SeriesShape shape_of(const std::string& db) {
  return {query_int(db, "SELECT COUNT(*) " + kPairs),
          query_int(db, "SELECT COUNT(*) " + kPairs +
                            " AND ROUND((julianday(taken_at) - julianday(before_at)) * 24, 6) = 1"),
          query_int(db, "SELECT COUNT(*) " + kPairs + " AND state = before_state"),
          query_int(db, "SELECT CAST(10 * AVG(ABS(value - before_value)) AS INTEGER) " + kPairs)};
}

TEST(Sequential, InferredFromTimesThatTellSiblingsApart) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), kMeters);
  const SourceData source = load(dir.file("s.sqlite"));
  const TableMeta& readings = *source.metadata.find_table("readings");
  EXPECT_EQ(readings.kind, TableKind::Sequential);
  EXPECT_EQ(readings.sequence_key, "taken_at");
  EXPECT_NE(readings.sequence_reason.find("meters"), std::string::npos);
  EXPECT_EQ(source.metadata.find_table("meters")->kind, TableKind::Tabular);
}

TEST(Sequential, SeriesKeepTheirTimesStepsAndRuns) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), kMeters);
  const SourceData source = load(dir.file("s.sqlite"));
  const SeriesShape real = shape_of(dir.file("s.sqlite"));
  ASSERT_EQ(real.hourly, real.pairs);

  const std::string twin = dir.file("twin.sqlite");
  synthesize(source, twin);
  expect_integrity(source.metadata, twin);
  const SeriesShape synthetic = shape_of(twin);
  ASSERT_GT(synthetic.pairs, real.pairs * 8 / 10);
  // Every meter reads hourly, never twice at one time.
  EXPECT_GE(synthetic.hourly * 100, synthetic.pairs * 95);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM (SELECT 1 FROM readings GROUP BY meter_id,"
                      " taken_at HAVING COUNT(*) > 1)"),
            0);
  // States persist (7 of 8 readings repeat the one before) and values move by small steps.
  EXPECT_GE(synthetic.same_state * 100, synthetic.pairs * 75);
  EXPECT_LE(synthetic.mean_step_x10, 3 * real.mean_step_x10);

  // The same data modelled row by row loses all three: the test would see a broken series.
  SourceData tabular = source;
  tabular.metadata.find_table("readings")->kind = TableKind::Tabular;
  const std::string rows = dir.file("rows.sqlite");
  synthesize(tabular, rows);
  const SeriesShape row_by_row = shape_of(rows);
  EXPECT_LT(row_by_row.hourly * 100, row_by_row.pairs * 50);
  EXPECT_LT(row_by_row.same_state * 100, row_by_row.pairs * 70);
  EXPECT_GT(row_by_row.mean_step_x10, 3 * real.mean_step_x10);
}

// Above scale 1 a series keeps a length seen in the source (every meter's is 60): 3 of 40
// meters have readings, so the parts of the database get more or fewer series than are due,
// and their lengths must not be scaled to make up the rows (49 to 51 readings before).
TEST(Sequential, SeriesKeepTheirLengthAboveScaleOne) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"),
                std::string(kMeters) + "DELETE FROM readings WHERE meter_id > 3;");
  const SourceData source = load(dir.file("s.sqlite"));
  ASSERT_EQ(source.metadata.find_table("readings")->kind, TableKind::Sequential);
  const std::string twin = dir.file("twin.sqlite");
  GenerateOptions options;
  options.scale = 2.5;
  synthesize(source, twin, {}, options);
  expect_integrity(source.metadata, twin);
  EXPECT_GE(query_int(twin, "SELECT COUNT(DISTINCT meter_id) FROM readings"), 5);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM (SELECT 1 FROM readings GROUP BY meter_id"
                      " HAVING COUNT(*) != 60)"),
            0);
}

// A series declared by hand, ordered by an integer: an order's lines numbered 1, 2, 3, ...
TEST(Sequential, DeclaredLineNumbersCountFromOneWithoutGaps) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), R"SQL(
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, channel VARCHAR(8) NOT NULL);
CREATE TABLE lines (order_id INTEGER NOT NULL REFERENCES orders(order_id),
                    line_no INTEGER NOT NULL, sku VARCHAR(8) NOT NULL,
                    PRIMARY KEY (order_id, line_no));
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO orders SELECT i, CASE WHEN i % 4 = 0 THEN 'store' ELSE 'web' END FROM n;
WITH RECURSIVE l(o, k) AS (SELECT order_id, 1 FROM orders
  UNION ALL SELECT o, k + 1 FROM l WHERE k < 2 + o % 6)
INSERT INTO lines SELECT o, k, 'SKU' || ((o * 7 + k * 3) % 40) FROM l;
)SQL");
  SourceData source = load(dir.file("s.sqlite"));
  ASSERT_EQ(source.metadata.find_table("lines")->kind, TableKind::Tabular);  // 5 per order
  source.metadata.find_table("lines")->kind = TableKind::Sequential;
  source.metadata.find_table("lines")->sequence_key = "line_no";
  const std::string twin = dir.file("twin.sqlite");
  synthesize(source, twin);
  expect_integrity(source.metadata, twin);
  ASSERT_GT(query_int(twin, "SELECT COUNT(*) FROM lines"), 1000);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM (SELECT order_id FROM lines GROUP BY order_id"
                      " HAVING MIN(line_no) <> 1 OR MAX(line_no) <> COUNT(*))"),
            0);
}

TEST(Sequential, SameSeedSameSeriesAcrossThreadsAndBatches) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), kMeters);
  const SourceData source = load(dir.file("s.sqlite"));
  const auto [a, b] = dumps_across_threads_and_batches(source, dir.path().string(), 100);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace relsynth::testing

// Residuals: a number that follows another along a line (an arrival delay and the departure
// delay, a track's size and its length) keeps that correlation in the synthetic rows, in its
// heavy tail too, where quantile bins alone lose it.
#include "synth/residuals.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/random.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// 3,000 trips: a lognormal length, a whole-number fare of about 3 per unit of length plus
// noise (each unknown on 2% of the trips, never both), and an unrelated score.
std::string trips_script() {
  std::string sql =
      "CREATE TABLE trips (trip_id INTEGER PRIMARY KEY, length REAL,"
      " fare INTEGER, score REAL NOT NULL);\nINSERT INTO trips VALUES ";
  Rng rng(21);
  for (int i = 0; i < 3000; ++i) {
    const double length = std::exp(1 + 0.8 * rng.normal());
    const long fare = std::lround(3 * length + 2 + 1.5 * rng.normal());
    sql += (i ? ",(" : "(") + std::to_string(i + 1) + "," +
           (i % 50 == 7 ? std::string("NULL") : std::to_string(length)) + "," +
           (i % 50 == 23 ? std::string("NULL") : std::to_string(fare)) + "," +
           std::to_string(rng.normal()) + ")";
  }
  return sql + ";\n";
}

// Pearson correlation of two columns of trips, over the rows where both have a value.
double correlation(const std::string& db, const std::string& x, const std::string& y) {
  const std::string rows = " FROM trips WHERE " + x + " IS NOT NULL AND " + y + " IS NOT NULL";
  auto sum = [&](const std::string& expression) {
    return static_cast<double>(
               query_int(db, "SELECT CAST(SUM(" + expression + ") * 1000 AS INTEGER)" + rows)) /
           1000;
  };
  const double n = static_cast<double>(query_int(db, "SELECT COUNT(*)" + rows));
  const double sx = sum(x), sy = sum(y), sxx = sum(x + "*" + x), syy = sum(y + "*" + y),
               sxy = sum(x + "*" + y);
  return (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

TEST(Residuals, FoundForALineAndNotForNoise) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), trips_script());
  const SourceData source = load(dir.file("s.sqlite"));
  const Table& trips = source.data.table("trips");
  const std::vector<ResidualChoice> chosen =
      find_residuals(trips, std::vector<bool>(trips.num_columns(), true));
  ASSERT_EQ(chosen.size(), 1u);  // the score follows nothing; the key is no candidate either
  const ResidualChoice& line = chosen[0];
  const std::string column = trips.column(line.column).name(),
                    from = trips.column(line.from).name();
  ASSERT_TRUE((column == "fare" && from == "length") || (column == "length" && from == "fare"))
      << column << " from " << from;
  if (column == "fare") {
    EXPECT_NEAR(line.slope, 3, 0.1);
    EXPECT_EQ(line.step, 1);  // fares are whole numbers
  }
  EXPECT_EQ(residual_value({0, 1, 3, 2, 1}, 2.2, 0.3), 9);  // 3 * 2.2 + 2 + 0.3, to the grid
}

TEST(Residuals, SyntheticRowsKeepTheCorrelationAndTheGrid) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), trips_script());
  const SourceData source = load(dir.file("s.sqlite"));
  const std::string twin = dir.file("twin.sqlite");
  synthesize(source, twin);
  expect_integrity(source.metadata, twin);
  const double real = correlation(dir.file("s.sqlite"), "length", "fare");
  ASSERT_GT(real, 0.95);
  // Drawn from their own bins, the pair's correlation fell to about 0.9.
  EXPECT_NEAR(correlation(twin, "length", "fare"), real, 0.015);
  EXPECT_EQ(query_int(twin, "SELECT COUNT(*) FROM trips WHERE fare != CAST(fare AS INTEGER)"), 0);
  // Where the line's column is NULL the line stands at its intercept: the other keeps its values.
  EXPECT_GT(query_int(twin, "SELECT COUNT(*) FROM trips WHERE length IS NULL AND fare IS NOT NULL"),
            0);
  // The line travels in the model file.
  synthesize_through_file(source, dir.file("m.rsm"), dir.file("loaded.sqlite"));
  EXPECT_EQ(dump_database(dir.file("loaded.sqlite")), dump_database(twin));
}

}  // namespace
}  // namespace relsynth::testing

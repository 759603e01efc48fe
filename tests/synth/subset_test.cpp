// --train-rows: the referentially consistent subset, in memory and read from a source in two
// passes (keys, then the chosen rows selected in SQL).
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "io/io_fixtures.h"
#include "relsynth/io.h"
#include "relsynth/synth.h"
#include "synth/key_index.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

struct Whole {
  std::unique_ptr<Source> source;
  Metadata metadata;
  Database data;
};

Whole read_whole(const std::string& name) {
  Whole whole;
  whole.source = open_source(shared_dataset(name));
  whole.metadata = whole.source->describe();
  whole.data = read_database(*whole.source, whole.metadata);
  return whole;
}

// Rows of `child` whose non-NULL foreign key finds no row in `parent`.
int64_t unresolved(const Table& child, const ForeignKey& fk, const Table& parent) {
  int64_t count = 0;
  const auto rows = resolve_foreign_key(child, fk.columns, parent, fk.parent_columns);
  for (size_t row = 0; row < rows.size(); ++row) {
    bool has_null = false;
    for (const std::string& column : fk.columns) has_null |= child.column(column).is_null(row);
    count += !has_null && rows[row] < 0;
  }
  return count;
}

TEST(Subset, KeepsWholeFamiliesEveryReferencedParentAndEveryTable) {
  const Whole flights = read_whole("nycflights13");
  const Database subset = subset_database(flights.metadata, flights.data, 30000, 7);
  EXPECT_GT(subset.total_rows(), 15000u);
  EXPECT_LT(subset.total_rows(), 60000u);
  for (const TableMeta& table : flights.metadata.tables) {
    SCOPED_TRACE(table.name);
    const Table& kept = subset.table(table.name);
    // Weather hangs off 3 of the 1,396 airports: sampled through them it would come out empty.
    EXPECT_GT(kept.num_rows(), 0u);
    for (const ForeignKey& fk : table.foreign_keys) {
      SCOPED_TRACE("-> " + fk.parent_table);
      // A kept row's parent is kept unless it was missing in the source already.
      const Table& full_parent = flights.data.table(fk.parent_table);
      EXPECT_EQ(unresolved(kept, fk, subset.table(fk.parent_table)),
                unresolved(kept, fk, full_parent));
    }
  }
  // Each kept weather hour keeps all its flights.
  const Table& weather = subset.table("weather");
  const ForeignKey* by_hour = nullptr;
  for (const ForeignKey& fk : flights.metadata.table("flights").foreign_keys)
    if (fk.parent_table == "weather") by_hour = &fk;
  ASSERT_NE(by_hour, nullptr);
  auto children_of = [&](const Table& children) {
    std::vector<int64_t> counts(weather.num_rows(), 0);
    for (int64_t parent :
         resolve_foreign_key(children, by_hour->columns, weather, by_hour->parent_columns))
      if (parent >= 0) ++counts[static_cast<size_t>(parent)];
    return counts;
  };
  EXPECT_EQ(children_of(subset.table("flights")), children_of(flights.data.table("flights")));
}

// Per origin, the share of consecutive readings (in time order) one step apart, and the share
// of reading times that every origin in the table has.
struct SeriesKept {
  double one_step = 0;
  double shared_times = 0;
};

SeriesKept series_kept(const Table& weather) {
  const Column& origin = weather.column("origin");
  const Column& date = weather.column("date");
  std::map<std::string, std::vector<int64_t>> times;
  std::map<int64_t, std::set<std::string>> origins_at;
  for (size_t row = 0; row < weather.num_rows(); ++row) {
    if (date.is_null(row)) continue;
    times[origin.string_at(row)].push_back(date.int_at(row));
    origins_at[date.int_at(row)].insert(origin.string_at(row));
  }
  int64_t step = std::numeric_limits<int64_t>::max(), steps = 0, gaps = 0;
  for (auto& [name, list] : times) {
    std::sort(list.begin(), list.end());
    for (size_t i = 1; i < list.size(); ++i)
      if (list[i] > list[i - 1]) step = std::min(step, list[i] - list[i - 1]);
  }
  for (auto& [name, list] : times)
    for (size_t i = 1; i < list.size(); ++i, ++gaps) steps += list[i] - list[i - 1] == step;
  size_t shared = 0;
  for (const auto& [time, names] : origins_at) shared += names.size() == times.size();
  SeriesKept kept;
  kept.one_step = gaps ? static_cast<double>(steps) / static_cast<double>(gaps) : 0;
  kept.shared_times =
      origins_at.empty() ? 0 : static_cast<double>(shared) / static_cast<double>(origins_at.size());
  return kept;
}

// Weather's hourly readings under 3 airports are series: the subset keeps them in blocks of
// consecutive hours that all 3 airports share. Sampled reading by reading, 1 in 12 gaps
// would be an hour and few hours would have all 3 airports.
TEST(Subset, KeepsSeriesInBlocksOfConsecutiveTimes) {
  const Whole flights = read_whole("nycflights13");
  const SeriesKept whole = series_kept(flights.data.table("weather"));
  const Database subset = subset_database(flights.metadata, flights.data, 30000, 7);
  const Table& weather = subset.table("weather");
  EXPECT_GT(weather.num_rows(), 800u);
  EXPECT_LT(weather.num_rows(), 6000u);
  const SeriesKept kept = series_kept(weather);
  EXPECT_GT(kept.one_step, 0.9 * whole.one_step) << whole.one_step;
  EXPECT_GT(kept.shared_times, 0.9 * whole.shared_times) << whole.shared_times;
  // ... spread over the year, not one stretch of it.
  std::set<int64_t> months;
  for (size_t row = 0; row < weather.num_rows(); ++row)
    months.insert(weather.column("month").int_at(row));
  EXPECT_GE(months.size(), 8u);
}

TEST(Subset, ReadFromTheSourceItIsTheSameSubset) {
  for (const auto& [name, target] :
       std::vector<std::pair<std::string, int64_t>>{{"nycflights13", 30000}, {"chinook", 3000}}) {
    SCOPED_TRACE(name);
    Whole whole = read_whole(name);
    expect_same_subset(*whole.source, whole.metadata, whole.data, target, 11);
  }
}

TEST(Subset, TrainRowsReadsOnlyTheSubsetThroughTheCli) {
  TempDir dir;
  std::string output;
  ASSERT_EQ(
      run_command(std::string(RELSYNTH_CLI_PATH) + " train " + shared_dataset("nycflights13") +
                      " --train-rows 20000 -o " + dir.file("m.rsm"),
                  &output),
      0)
      << output;
  EXPECT_NE(output.find("reading a training subset"), std::string::npos) << output;
  const size_t at = output.find("training flights: ");  // the done line, not the progress
  ASSERT_NE(at, std::string::npos) << output;
  const size_t open = output.find('(', at);
  const int64_t rows = std::stoll(output.substr(open + 1));
  EXPECT_GT(rows, 5000);
  EXPECT_LT(rows, 40000);
}

// An ordering on few rows of a big table (b > a where b is set, 60 of 3,000 rows) holds on
// about 12 rows of a 20% subset, under the 20 rows a rule needs: trained on the subset, the
// output broke it. Orderings in a subset need the subset's share of those rows.
TEST(Subset, OrderingsOnFewRowsAreKeptFromASubset) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), R"SQL(
CREATE TABLE t (id INTEGER PRIMARY KEY, a REAL NOT NULL, b REAL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO t SELECT i, (i * 7919) % 1000 + 0.5,
  CASE WHEN i % 50 = 0 THEN (i * 7919) % 1000 + 0.5 + (i * 31) % 40 + 1 END FROM n;
)SQL");
  std::string output;
  for (const std::string seed : {"1", "2", "3"}) {
    const std::string out = dir.file("twin" + seed + ".sqlite");
    ASSERT_EQ(run_command(std::string(RELSYNTH_CLI_PATH) + " -q synth " + dir.file("s.sqlite") +
                              " --train-rows 600 --seed " + seed + " --to " + out,
                          &output),
              0)
        << output;
    EXPECT_GT(query_int(out, "SELECT COUNT(b) FROM t"), 3) << seed;
    EXPECT_EQ(query_int(out, "SELECT COUNT(*) FROM t WHERE b <= a"), 0) << seed;
  }
}

}  // namespace
}  // namespace relsynth::testing

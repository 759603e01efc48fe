// Composite foreign keys with a NULL column, and orphan keys of the source. SQL does not
// check a composite key whose row holds a NULL (MATCH SIMPLE): a cancelled visit keeps its
// site and day but has no hour. The output NULLs just the columns the source leaves NULL, on
// rows like those the source leaves them on, and keeps the others (they used to be NULL all
// together, and with them every rule reading the site). An orphan key (a target the sites
// table lacks) becomes NULL, as training warns, unless --complete-parents adds the parent rows.
#include <gtest/gtest.h>

#include "core/text.h"
#include "relsynth/inference.h"
#include "relsynth/synth.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// Five sites with hourly readings over 30 days; 3,000 visits, each at a reading's site, day
// and hour, one in twelve cancelled (no hour, no duration), one in a hundred on a day without
// readings, one in ten to a target site the table lacks (XXA, XXB), the distance a function of
// the site and the target.
constexpr const char* kVisitsScript = R"SQL(
CREATE TABLE site (code TEXT PRIMARY KEY, name TEXT);
CREATE TABLE reading (site TEXT NOT NULL REFERENCES site(code), day INTEGER NOT NULL,
  hour INTEGER NOT NULL, temp REAL, PRIMARY KEY (site, day, hour));
CREATE TABLE visit (id INTEGER PRIMARY KEY, site TEXT REFERENCES site(code), day INTEGER,
  hour INTEGER, status TEXT NOT NULL, duration REAL, target TEXT REFERENCES site(code),
  distance INTEGER,
  FOREIGN KEY (site, day, hour) REFERENCES reading(site, day, hour));
INSERT INTO site VALUES ('AAA', 'north'), ('BBB', 'south'), ('CCC', 'east'), ('DDD', 'west'),
  ('EEE', 'centre');
WITH RECURSIVE d(day) AS (SELECT 1 UNION ALL SELECT day + 1 FROM d WHERE day < 30),
  h(hour) AS (SELECT 0 UNION ALL SELECT hour + 1 FROM h WHERE hour < 23)
INSERT INTO reading SELECT code, day, hour, 10 + (day * 7 + hour * 3 + unicode(code)) % 17
FROM site, d, h;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000),
  v AS (SELECT i, char(65 + i % 5, 65 + i % 5, 65 + i % 5) AS site,
    CASE WHEN i % 100 = 11 THEN 31 ELSE 1 + (i * 7) % 30 END AS day,
    (i * 11) % 24 AS hour, i % 12 = 3 AS cancelled,
    CASE WHEN i % 10 = 7 THEN (CASE WHEN i % 20 = 7 THEN 'XXA' ELSE 'XXB' END)
      ELSE char(65 + (i / 5) % 5, 65 + (i / 5) % 5, 65 + (i / 5) % 5) END AS target FROM n)
INSERT INTO visit SELECT i, site, day, CASE WHEN cancelled THEN NULL ELSE hour END,
  CASE WHEN cancelled THEN 'cancelled' ELSE 'done' END,
  CASE WHEN cancelled THEN NULL ELSE 20 + (i * 13) % 50 END, target,
  (unicode(site) * 7 + unicode(substr(target, 3, 1)) * 13) % 1000 FROM v;
)SQL";

class CompositeNull : public ::testing::Test {
 protected:
  void SetUp() override {
    real_ = dir_.file("visits.sqlite");
    create_sqlite(real_, kVisitsScript);
    source_ = load(real_);
  }
  int64_t count(const std::string& db, const std::string& where) const {
    return query_int(db, "SELECT COUNT(*) FROM visit WHERE " + where);
  }
  // Route groups (site, target) with more than one distance.
  static int64_t split_routes(const std::string& db) {
    return query_int(db,
                     "SELECT COUNT(*) FROM (SELECT site, target FROM visit GROUP BY site, target "
                     "HAVING COUNT(DISTINCT distance) > 1)");
  }
  TempDir dir_;
  std::string real_;
  SourceData source_;
};

TEST_F(CompositeNull, OnlyTheColumnTheSourceLeavesNullIsNull) {
  const std::string twin = dir_.file("twin.sqlite");
  synthesize(source_, twin);
  expect_integrity(source_.metadata, twin);
  const int64_t rows = count(twin, "1");
  ASSERT_GT(rows, 2500);
  // The site and the day are never NULL, as in the source; the hour is on a twelfth.
  EXPECT_EQ(count(twin, "site IS NULL OR day IS NULL"), 0);
  const double null_hours = static_cast<double>(count(twin, "hour IS NULL")) / rows;
  EXPECT_NEAR(null_hours, 250.0 / 3000, 0.04);
  // Rows without an hour are the cancelled ones (no duration), as in the source.
  EXPECT_GE(count(twin, "hour IS NULL AND status = 'cancelled'"),
            0.9 * count(twin, "hour IS NULL"));
  // A row whose key is complete references a reading (the former orphans included).
  EXPECT_EQ(count(twin,
                  "hour IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reading r WHERE "
                  "r.site = visit.site AND r.day = visit.day AND r.hour = visit.hour)"),
            0);
  // The distance stays a function of the route wherever the target is known; the orphan
  // targets are NULL, as training warns, naming the table, column, rows and keys.
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM (SELECT site, target FROM visit WHERE target "
                      "IS NOT NULL GROUP BY site, target HAVING COUNT(DISTINCT distance) > "
                      "1)"),
            0);
  EXPECT_GT(count(twin, "target IS NULL"), 0);
  Progress quiet(true);
  const Model model = train(source_.metadata, source_.data, {}, quiet);
  bool warned = false;
  for (const std::string& warning : model.warnings())
    warned |=
        warning.find("visit(target) -> site: 300 rows reference 2 keys") != std::string::npos &&
        warning.find("XXA 150") != std::string::npos &&
        warning.find("--complete-parents") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST_F(CompositeNull, CompletedParentsKeepTheOrphansRoutes) {
  SourceData completed = source_;
  // The sites the targets miss, and the readings of the days without any.
  const std::vector<std::string> notes = complete_parents(completed.metadata, completed.data);
  const std::string all = join(notes, "\n");
  ASSERT_EQ(notes.size(), 2u) << all;
  EXPECT_NE(all.find("visit(target) -> site: added 2 missing site rows for 300 rows (XXA, XXB)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("visit(site, day, hour) -> reading: added 4 missing reading rows for 20 "
                     "rows ((BBB, 31, "),
            std::string::npos)
      << all;
  EXPECT_EQ(completed.data.table("site").num_rows(), 7u);
  EXPECT_EQ(completed.data.table("reading").num_rows(), 3604u);
  // The added rows' other columns are an existing row's (a donor's), not NULL: NULLs would
  // teach the model a missing temperature the source never has.
  const Column& temp = completed.data.table("reading").column("temp");
  double low = 1e9, high = -1e9;
  for (size_t row = 0; row < 3600; ++row)
    low = std::min(low, temp.double_at(row)), high = std::max(high, temp.double_at(row));
  for (size_t row = 3600; row < 3604; ++row) {
    ASSERT_FALSE(temp.is_null(row)) << row;
    EXPECT_GE(temp.double_at(row), low);
    EXPECT_LE(temp.double_at(row), high);
  }
  for (const ForeignKey& fk : completed.metadata.find_table("visit")->foreign_keys)
    EXPECT_EQ(count_orphans(completed.data, "visit", fk).rows, 0) << join(fk.columns);
  // Nothing left to add: a second pass adds nothing.
  EXPECT_TRUE(complete_parents(completed.metadata, completed.data).empty());
  const std::string twin = dir_.file("twin.sqlite");
  synthesize(completed, twin);
  expect_integrity(completed.metadata, twin);
  EXPECT_EQ(count(twin, "target IS NULL"), 0);
  EXPECT_EQ(split_routes(twin), 0);
  EXPECT_EQ(query_int(twin, "SELECT COUNT(*) FROM reading WHERE temp IS NULL"), 0);
}

}  // namespace
}  // namespace relsynth::testing

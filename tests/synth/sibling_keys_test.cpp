// Two foreign keys of one table to the same parent table: where the source always keeps their
// parents apart (a series' winner and loser, a match's home and away club) the synthetic rows
// do too, and where it always makes them one row (an order billed to and shipped to its
// customer) so do they. The relation is learned per pair of keys and stored in the model.
#include <gtest/gtest.h>

#include "synth/synth_support.h"
#include "synth/synthesis_model.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// Seasons of 4 teams, each with two series between different teams of the season (the loser
// key shares the season with the winner's); clubs with matches between two different clubs;
// orders billed and shipped to one customer.
constexpr const char* kLeagueScript = R"SQL(
CREATE TABLE teams (season INTEGER NOT NULL, code TEXT NOT NULL, strength REAL NOT NULL,
  PRIMARY KEY (season, code));
CREATE TABLE series (series_id INTEGER PRIMARY KEY, season INTEGER NOT NULL,
  winner TEXT NOT NULL, loser TEXT NOT NULL, games INTEGER NOT NULL,
  FOREIGN KEY (season, winner) REFERENCES teams (season, code),
  FOREIGN KEY (season, loser) REFERENCES teams (season, code));
CREATE TABLE clubs (club_id INTEGER PRIMARY KEY, city TEXT NOT NULL);
CREATE TABLE matches (match_id INTEGER PRIMARY KEY,
  home_id INTEGER NOT NULL REFERENCES clubs (club_id),
  away_id INTEGER NOT NULL REFERENCES clubs (club_id), goals INTEGER NOT NULL);
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, segment TEXT NOT NULL);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY,
  billed_to INTEGER NOT NULL REFERENCES customers (customer_id),
  shipped_to INTEGER NOT NULL REFERENCES customers (customer_id), amount REAL NOT NULL);
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 80),
  c(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM c WHERE j < 4)
INSERT INTO teams SELECT 1900 + i, 'T' || j, (i * 7 + j * 13) % 10 FROM s, c;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 80)
INSERT INTO series (season, winner, loser, games)
SELECT 1900 + i, 'T' || (i % 4 + 1), 'T' || ((i + 1) % 4 + 1), 4 + i % 4 FROM s
UNION ALL SELECT 1900 + i, 'T' || ((i + 2) % 4 + 1), 'T' || ((i + 3 * (i % 2) + 1) % 4 + 1),
  4 + i % 3 FROM s;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6)
INSERT INTO clubs SELECT i, 'city' || i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO matches (home_id, away_id, goals)
SELECT i % 6 + 1, (i + 1 + i % 5) % 6 + 1, i % 5 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO customers SELECT i, CASE i % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO orders (billed_to, shipped_to, amount)
SELECT (i * 7) % 40 + 1, (i * 7) % 40 + 1, (i % 17) * 2.5 FROM n;
)SQL";

// Series between a team and itself, in seasons with another team (a season drawn in the
// tail, with one team, leaves the loser no other choice: it shares the winner's season).
constexpr const char* kSameTeamInASeasonOfSeveral =
    "SELECT COUNT(*) FROM series s WHERE winner = loser AND (SELECT COUNT(*) FROM teams t WHERE "
    "t.season = s.season) > 1";

class SiblingKeys : public ::testing::Test {
 protected:
  void SetUp() override {
    real_ = dir_.file("league.sqlite");
    create_sqlite(real_, kLeagueScript);
    source_ = load(real_);
  }
  TempDir dir_;
  std::string real_;
  SourceData source_;
};

TEST_F(SiblingKeys, TheSourceIsWhatTheTestSays) {
  EXPECT_EQ(query_int(real_, "SELECT COUNT(*) FROM series WHERE winner = loser"), 0);
  EXPECT_EQ(query_int(real_, "SELECT COUNT(*) FROM matches WHERE home_id = away_id"), 0);
  EXPECT_EQ(query_int(real_, "SELECT COUNT(*) FROM orders WHERE billed_to <> shipped_to"), 0);
}

TEST_F(SiblingKeys, KeysAlwaysApartOrAlwaysOneStaySoAtEverySeed) {
  for (const uint64_t seed : {1u, 2u, 3u}) {
    const std::string twin = synthesize_at_seed(source_, dir_.path().string(), seed);
    EXPECT_GT(query_int(twin, "SELECT COUNT(*) FROM series"), 100);
    EXPECT_EQ(query_int(twin, kSameTeamInASeasonOfSeveral), 0) << "seed " << seed;
    EXPECT_GT(query_int(twin, "SELECT COUNT(*) FROM matches"), 200);
    EXPECT_EQ(query_int(twin, "SELECT COUNT(*) FROM matches WHERE home_id = away_id"), 0)
        << "seed " << seed;
    EXPECT_GT(query_int(twin, "SELECT COUNT(*) FROM orders"), 200);
    EXPECT_EQ(query_int(twin, "SELECT COUNT(*) FROM orders WHERE billed_to <> shipped_to"), 0)
        << "seed " << seed;
  }
}

TEST_F(SiblingKeys, TheRelationTravelsInTheModelFile) {
  const std::string model_path = dir_.file("league.rsm");
  const std::string twin = dir_.file("twin.sqlite");
  synthesize_through_file(source_, model_path, twin);
  EXPECT_EQ(query_int(twin, kSameTeamInASeasonOfSeveral), 0);
  EXPECT_EQ(query_int(twin, "SELECT COUNT(*) FROM matches WHERE home_id = away_id"), 0);
  EXPECT_EQ(query_int(twin, "SELECT COUNT(*) FROM orders WHERE billed_to <> shipped_to"), 0);
}

}  // namespace
}  // namespace relsynth::testing

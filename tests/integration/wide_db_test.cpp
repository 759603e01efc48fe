// The wide sports-statistics database (bench/wide_db.cpp) at a small scale, synthesised end to
// end by the real CLI: the shape that broke relsynth on a database we do not have (issue #22).
// A half-season table under 1% of the teams keeps its size, every table's row count stays in the
// report's band, and keys and foreign keys hold.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.h"

namespace relsynth {
namespace {

using testing::query_int;
using testing::run_command;
using testing::TempDir;

std::string shell_arg(const std::string& s) { return "'" + s + "'"; }

class WideDatabase : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    source_ = dir_->file("wide.sqlite");
    std::string output;
    ASSERT_EQ(
        run_command(shell_arg(RELSYNTH_WIDE_DB_TOOL) + " " + shell_arg(source_) + " --scale 5",
                    &output),
        0)
        << output;
    synthetic_ = dir_->file("wide.synthetic.sqlite");
    report_ = dir_->file("report.json");
    ASSERT_EQ(
        run_command(shell_arg(RELSYNTH_CLI_PATH) + " synth " + shell_arg(source_) + " --to " +
                        shell_arg(synthetic_) + " --seed 3 -q --report-json " + shell_arg(report_),
                    &output),
        0)
        << output;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static nlohmann::json report() {
    std::ifstream in(report_);
    return nlohmann::json::parse(in);
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string source_, synthetic_, report_;
};

TEST_F(WideDatabase, TheSourceHasTheShapeThatBrokeTheEngine) {
  // 28 tables; a half-season table hanging off 26 of about 2,700 teams, by a 3-column key.
  EXPECT_EQ(query_int(source_, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 28);
  const int64_t teams = query_int(source_, "SELECT count(*) FROM teams");
  const int64_t with_halves = query_int(
      source_, "SELECT count(*) FROM (SELECT DISTINCT year_id, lg_id, team_id FROM teams_half)");
  EXPECT_EQ(with_halves, 26);
  EXPECT_LT(with_halves * 100, teams);
  EXPECT_GE(query_int(source_, "SELECT count(*) FROM pragma_table_info('teams')"), 48);
  EXPECT_EQ(query_int(source_, "SELECT count(*) FROM teams_half WHERE L <> G - W"), 0);
}

TEST_F(WideDatabase, AChildOfFewParentsKeepsItsSizeAndItsShareOfParents) {
  const int64_t real = query_int(source_, "SELECT count(*) FROM teams_half");
  const int64_t synthetic = query_int(synthetic_, "SELECT count(*) FROM teams_half");
  EXPECT_NEAR(static_cast<double>(synthetic), static_cast<double>(real), 0.1 * real + 3);
  const int64_t parents = query_int(
      synthetic_, "SELECT count(*) FROM (SELECT DISTINCT year_id, lg_id, team_id FROM teams_half)");
  EXPECT_NEAR(static_cast<double>(parents), 26.0, 26 * 0.1 + 3);
}

TEST_F(WideDatabase, EveryTableIsInTheRowCountBand) {
  const nlohmann::json r = report();
  EXPECT_EQ(r["summary"]["tables_outside_band"], 0);
  for (const auto& t : r["tables"])
    EXPECT_TRUE(t["rows_in_band"].get<bool>())
        << t["name"] << ": " << t["synthetic_rows"] << " rows, expected " << t["expected_rows"];
}

TEST_F(WideDatabase, EveryRuleHoldsInTheSyntheticRows) {
  // Orderings chained through an equality (G_p <= G_batting = G_defense <= G_all) and
  // identities said twice were disabled as cycles and broke on thousands of rows; they are
  // consistent, kept, and every rule the real rows follow holds.
  EXPECT_EQ(report()["summary"]["rule_violations"], 0);
}

TEST_F(WideDatabase, ASeriesIsBetweenTwoTeamsAndKeepsItsRows) {
  // Winner and loser both reference teams (sharing the season): never the same team in the
  // source, so never in the output. The series' key (year_id, round) is a season column from
  // the driving key and a modelled one: its rows are not lost as duplicates.
  ASSERT_EQ(query_int(source_,
                      "SELECT count(*) FROM series_post WHERE team_id_winner = team_id_loser AND "
                      "lg_id_winner = lg_id_loser"),
            0);
  // (Unless the season has one team: the loser, of the winner's season, can be no other.)
  EXPECT_EQ(query_int(synthetic_,
                      "SELECT count(*) FROM series_post s WHERE team_id_winner = team_id_loser AND "
                      "lg_id_winner = lg_id_loser AND (SELECT count(*) FROM teams t WHERE "
                      "t.year_id = s.year_id) > 1"),
            0);
  const int64_t real = query_int(source_, "SELECT count(*) FROM series_post");
  EXPECT_NEAR(static_cast<double>(query_int(synthetic_, "SELECT count(*) FROM series_post")),
              static_cast<double>(real), 0.1 * real);
}

TEST_F(WideDatabase, KeysAndForeignKeysHold) {
  EXPECT_EQ(report()["summary"]["integrity_violations"], 0);
  EXPECT_EQ(testing::foreign_key_violations(synthetic_), 0);
}

}  // namespace
}  // namespace relsynth

// Units generated apart (relsynth-spark's tasks, `generate --units K..L`): each unit needs
// nothing from the others, so the parts of any split add up to the whole run's output.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "relsynth/error.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

using TableRows = std::map<std::string, std::vector<std::string>>;

// Every table's rows as text, to be compared as multisets.
void add_rows(const std::string& db_path, TableRows& rows) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::vector<std::string> tables;
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &statement,
                     nullptr);
  while (sqlite3_step(statement) == SQLITE_ROW)
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  sqlite3_finalize(statement);
  for (const std::string& table : tables) {
    std::vector<std::string>& out = rows[table];
    const std::string sql = "SELECT * FROM " + sql_name(table);
    ASSERT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        const unsigned char* text = sqlite3_column_text(statement, c);
        row += text ? reinterpret_cast<const char*>(text) : "NULL";
        row += '|';
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
}

TableRows sorted(TableRows rows) {
  for (auto& [table, list] : rows) std::sort(list.begin(), list.end());
  return rows;
}

// Generates `model` at `scale` whole, then in each split (lists of [first, last] units), and
// expects every split's parts together to hold the whole run's rows.
void expect_splits_add_up(const Model& model, const Metadata& metadata, double scale,
                          const std::vector<std::vector<std::pair<int64_t, int64_t>>>& splits) {
  TempDir dir;
  Progress quiet(true);
  GenerateOptions options;
  options.scale = scale;
  {
    auto whole = open_destination(dir.file("whole.sqlite"));
    generate(model, options, *whole, quiet);
  }
  expect_integrity(metadata, dir.file("whole.sqlite"));
  TableRows expected;
  add_rows(dir.file("whole.sqlite"), expected);
  expected = sorted(expected);
  int part = 0;
  for (const auto& split : splits) {
    TableRows together;
    std::string described;
    for (const auto& [first, last] : split) {
      GenerateOptions some = options;
      some.first_unit = first, some.last_unit = last;
      // Another thread count and batch size on each part: the parts must not depend on them.
      some.threads = 1 + part % 2;
      some.batch_rows = part % 2 ? 333 : 20000;
      const std::string path = dir.file("part" + std::to_string(part++) + ".sqlite");
      auto destination = open_destination(path);
      generate(model, some, *destination, quiet);
      add_rows(path, together);
      described += std::to_string(first) + ".." + std::to_string(last) + " ";
    }
    together = sorted(together);
    for (const auto& [table, rows] : expected) {
      EXPECT_EQ(together[table].size(), rows.size()) << table << " split " << described;
      EXPECT_TRUE(together[table] == rows) << table << " split " << described;
    }
  }
}

// The demo database at scale 3 (a fraction of a unit too: 2.5 is 3 units of 0.83): split
// every way, and in parts of one unit; units outside the run are refused.
TEST(Units, AnySplitOfTheDemoAddsUpToTheWholeRun) {
  TempDir dir;
  const std::string demo = dir.file("retail.sqlite");
  ASSERT_EQ(run_command(std::string(RELSYNTH_DEMO_DB_TOOL) + " " + demo), 0);
  const SourceData source = load(demo);
  Progress quiet(true);
  const Model model = train(source.metadata, source.data, {}, quiet);
  GenerateOptions options;
  options.scale = 2.5;
  ASSERT_EQ(generation_units(model, options), 3);
  expect_splits_add_up(model, source.metadata, 2.5,
                       {{{0, 0}, {1, 2}}, {{0, 1}, {2, 2}}, {{0, 0}, {1, 1}, {2, 2}}});

  // Units outside the run are refused, naming the run's.
  options.scale = 2;
  options.first_unit = 1, options.last_unit = 2;
  auto destination = open_destination(dir.file("out.sqlite"));
  try {
    generate(model, options, *destination, quiet);
    ADD_FAILURE() << "no error";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("units 0..1"), std::string::npos) << error.what();
  }
}

// What units share: a function rule of categories (a plane model's engines), one through a
// copied reference table (a track's price by media type), and a key unique only as a pair of
// modelled columns. Generated apart, the parts agree on each, and together they hold the
// whole run, in which the rules hold across units.
TEST(Units, SharedValuesAgreeBetweenPartsGeneratedApart) {
  TempDir dir;
  const std::string source_path = dir.file("s.sqlite");
  create_sqlite(source_path, R"SQL(
CREATE TABLE media (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO media VALUES (1, 'MPEG'), (2, 'AAC'), (3, 'Video'), (4, 'Other');
CREATE TABLE planes (id INTEGER PRIMARY KEY, model TEXT NOT NULL, engines INTEGER NOT NULL,
                     kind TEXT NOT NULL, size INTEGER NOT NULL, UNIQUE (kind, size));
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)
INSERT INTO planes SELECT i + 1, 'M' || (i % 19), 1 + (i % 19) % 4,
  CASE i % 4 WHEN 0 THEN 'shoe' WHEN 1 THEN 'shirt' WHEN 2 THEN 'hat' ELSE 'glove' END,
  30 + i / 4 FROM n;
CREATE TABLE tracks (id INTEGER PRIMARY KEY, plane_id INTEGER NOT NULL REFERENCES planes(id),
                     media_id INTEGER NOT NULL REFERENCES media(id), price REAL NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1199)
INSERT INTO tracks SELECT i + 1, 1 + (i * 7) % 100, 1 + (i % 4),
  CASE i % 4 WHEN 0 THEN 0.99 WHEN 1 THEN 1.99 WHEN 2 THEN 0.49 ELSE 2.49 END FROM n;
)SQL");
  const SourceData source = load(source_path);
  ASSERT_TRUE(has_rule(source.metadata, "planes", "engines = f(model)"));
  ASSERT_TRUE(has_rule(source.metadata, "tracks", "price = f(media_id)"));
  Progress quiet(true);
  const Model model = train(source.metadata, source.data, {}, quiet);
  expect_splits_add_up(model, source.metadata, 4, {{{0, 1}, {2, 3}}, {{0, 0}, {1, 3}}});

  GenerateOptions four;
  four.scale = 4;
  {
    auto whole = open_destination(dir.file("whole.sqlite"));
    generate(model, four, *whole, quiet);
  }
  const std::string whole = dir.file("whole.sqlite");
  EXPECT_GE(query_int(whole, "SELECT COUNT(*) FROM planes"), 360);  // 400: some pairs run out
  EXPECT_EQ(query_int(whole,
                      "SELECT COUNT(*) FROM (SELECT model FROM planes GROUP BY model "
                      "HAVING COUNT(DISTINCT engines) > 1)"),
            0);
  EXPECT_EQ(query_int(whole,
                      "SELECT COUNT(*) FROM (SELECT media_id FROM tracks GROUP BY media_id "
                      "HAVING COUNT(DISTINCT price) > 1)"),
            0);
  EXPECT_EQ(query_int(whole, "SELECT COUNT(*) FROM media"), 4);  // copied once, by unit 0
}

}  // namespace
}  // namespace relsynth::testing

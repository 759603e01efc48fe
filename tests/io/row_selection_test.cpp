// Reading chosen rows: the exact in-memory match, the SQL predicates, and SQLite reading only
// the selected rows. (The server connectors run the same checks in their own tests.)
#include "io/row_selection.h"

#include <gtest/gtest.h>

#include "io/io_fixtures.h"
#include "relsynth/io.h"
#include "test_support.h"

namespace relsynth {
namespace {

using testing::odd_database;
using testing::TempDir;

Table two_columns() {
  Table table("t");
  table.add_column(Column("a", DataType::Int64));
  table.add_column(Column("b", DataType::String));
  Column& a = table.column(0);
  Column& b = table.column(1);
  for (int i = 0; i < 6; ++i) {
    a.append_int(i % 3);
    if (i == 5)
      b.append_null();
    else
      b.append_string(i % 2 ? "it's" : "x");
  }
  return table;
}

RowSelection select_keys(std::vector<std::pair<int, const char*>> tuples) {
  RowSelection selection;
  selection.columns = {"a", "b"};
  selection.keys.add_column(Column("a", DataType::Int64));
  selection.keys.add_column(Column("b", DataType::String));
  Column& a = selection.keys.column(0);
  Column& b = selection.keys.column(1);
  for (const auto& [x, y] : tuples) {
    a.append_int(x);
    if (y)
      b.append_string(y);
    else
      b.append_null();
  }
  return selection;
}

TEST(RowSelection, MatchesTuplesWithNullsAndCountsRepeats) {
  // Rows: (0,x) (1,it's) (2,x) (0,it's) (1,x) (2,NULL)
  const Table table = two_columns();
  const Table chosen =
      select_rows(table, select_keys({{2, nullptr}, {0, "x"}, {0, "x"}, {9, "x"}}));
  ASSERT_EQ(chosen.num_rows(), 2u);  // (0,x) once though asked twice; (9,x) absent
  EXPECT_EQ(chosen.column("a").int_at(0), 0);
  EXPECT_EQ(chosen.column("a").int_at(1), 2);
  EXPECT_TRUE(chosen.column("b").is_null(1));
  EXPECT_EQ(select_rows(table, select_keys({})).num_rows(), 0u);
}

TEST(RowSelection, PredicatesSplitByNullsAndSizeWithCastsOnEachFirstRow) {
  SelectionDialect dialect;
  dialect.casts = {"bigint", "text"};
  std::vector<std::pair<int, const char*>> tuples;
  for (int i = 0; i < 50; ++i) tuples.push_back({i, "it's"});
  tuples.push_back({7, nullptr});
  const auto predicates = selection_predicates(select_keys(tuples), dialect, 200);
  ASSERT_GT(predicates.size(), 3u);
  // The tuple with a NULL gets its own condition.
  EXPECT_EQ(predicates.back(), "\"b\" IS NULL AND \"a\" IN (7)");
  for (size_t i = 0; i + 1 < predicates.size(); ++i) {
    EXPECT_EQ(predicates[i].rfind("(\"a\", \"b\") IN (VALUES (", 0), 0u) << predicates[i];
    EXPECT_NE(predicates[i].find("::bigint, 'it''s'::text)"), std::string::npos);
    EXPECT_EQ(predicates[i].find("::", predicates[i].find("::text") + 1), std::string::npos);
    EXPECT_LE(predicates[i].size(), 240u);
  }
  // MySQL: a row list, and backslashes escaped.
  SelectionDialect mysql;
  mysql.quote = '`';
  mysql.backslash_escapes = true;
  mysql.tuple_values = false;
  EXPECT_EQ(selection_predicates(select_keys({{1, "a\\b"}}), mysql).front(),
            "(`a`, `b`) IN ((1, 'a\\\\b'))");
}

TEST(RowSelection, SqliteReadsExactlyTheSelectedRows) {
  TempDir dir;
  const auto odd = odd_database();
  const std::string path = dir.file("odd.sqlite");
  {
    auto destination = open_destination(path);
    write_database(*destination, odd.metadata, odd.data);
  }
  auto source = open_source(path);
  testing::expect_odd_selections_read_exactly(*source, odd);
}

}  // namespace
}  // namespace relsynth

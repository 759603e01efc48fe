#include "relsynth/table.h"

#include <gtest/gtest.h>

#include "relsynth/error.h"

namespace relsynth {
namespace {

TEST(Column, NullBitmapAcrossWords) {
  Column column("x", DataType::Int64);
  for (int i = 0; i < 200; ++i) {
    if (i % 3 == 0)
      column.append_null();
    else
      column.append_int(i);
  }
  EXPECT_EQ(column.size(), 200u);
  EXPECT_EQ(column.null_count(), 67u);
  EXPECT_TRUE(column.is_null(129));
  EXPECT_FALSE(column.is_null(130));
  EXPECT_EQ(column.int_at(130), 130);
  column.set_null(130);
  EXPECT_TRUE(column.is_null(130));
  EXPECT_EQ(column.null_count(), 68u);
}

TEST(Column, DictionaryEncoding) {
  Column column("city", DataType::String);
  for (const char* value : {"Paris", "Oslo", "Paris", "", "Oslo"}) column.append_string(value);
  column.append_null();
  auto dictionary = column.dictionary_encode();
  EXPECT_EQ(dictionary.values, (std::vector<std::string>{"Paris", "Oslo", ""}));
  EXPECT_EQ(dictionary.codes, (std::vector<int32_t>{0, 1, 0, 2, 1, -1}));
}

TEST(Column, EqualityComparesNullsValuesAndFormat) {
  Column a("d", DataType::Date, "%Y-%m-%d"), b("d", DataType::Date, "%Y-%m-%d");
  a.append_int(5);
  b.append_int(5);
  a.append_null();
  b.append_null();
  EXPECT_EQ(a, b);
  b.set_format("%d/%m/%Y");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.text_at(0), "1970-01-06");
}

TEST(Table, MissingColumnNamesTableAndColumn) {
  Table table("orders");
  table.add_column(Column("id", DataType::Int64));
  try {
    table.column("total");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("\"orders\""), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("\"total\""), std::string::npos);
  }
  Database db;
  db.add_table(std::move(table));
  EXPECT_THROW(db.table("nope"), InputError);
  EXPECT_EQ(db.table("orders").num_columns(), 1u);
}

}  // namespace
}  // namespace relsynth

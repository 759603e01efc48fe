#include "io/sheet_fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "io/io_fixtures.h"
#include "relsynth/error.h"
#include "test_support.h"

namespace relsynth::testing {

std::string venv_python() {
  const std::filesystem::path python =
      std::filesystem::path(RELSYNTH_SOURCE_DIR) / ".venv" / "bin" / "python";
  std::error_code ec;
  return std::filesystem::exists(python, ec) ? python.string() : std::string();
}

std::string py_string(const std::string& text) { return nlohmann::json(text).dump(); }

int run_python(const std::string& script, std::string* output) {
  return run_command(shell_quote(venv_python()) + " -c " + shell_quote(script), output);
}

namespace {

ColumnMeta column_meta(std::string name, DataType type, std::string format = {}) {
  ColumnMeta column;
  column.name = std::move(name);
  column.type = type;
  column.format = std::move(format);
  return column;
}

}  // namespace

TypedDatabase every_type_database() {
  TypedDatabase db;
  TableMeta meta;
  meta.name = "every type";
  meta.columns = {column_meta("id", DataType::Int64),      column_meta("count", DataType::Int64),
                  column_meta("price", DataType::Float64), column_meta("flag", DataType::Bool),
                  column_meta("day", DataType::Date),      column_meta("stamp", DataType::DateTime),
                  column_meta("clock", DataType::Time),    column_meta("zip", DataType::String),
                  column_meta("name", DataType::String)};
  Table table(meta.name);
  for (const ColumnMeta& column : meta.columns)
    table.add_column(Column(column.name, column.type, column.format));
  auto day = [](int y, unsigned m, unsigned d) { return days_from_civil(y, m, d); };
  constexpr int64_t kSecond = 1000000, kDay = 86400 * kSecond;
  struct Row {
    int64_t id;
    std::optional<int64_t> count;
    std::optional<double> price;
    std::optional<bool> flag;
    std::optional<int64_t> day, stamp, clock;
    std::optional<std::string> zip, name;
  };
  const std::vector<Row> rows = {
      {1, -5, 1.5, true, day(2024, 1, 31), day(2024, 1, 31) * kDay + 37230 * kSecond,
       37230 * kSecond, "00501", "Ann"},
      {2, 0, -0.25, false, day(1999, 12, 31), day(2000, 2, 29) * kDay, 86399 * kSecond, "12345",
       "Zoë \"quoted\", comma"},
      {3, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
       std::nullopt, std::nullopt},
      {4, 9007199254740992, 123456.789, true, day(1900, 3, 1), day(1970, 1, 1) * kDay + 500000, 0,
       "A-7", "two\nlines"},
      {5, 42, 1e-7, false, day(2100, 12, 31), day(2038, 1, 19) * kDay + 11647 * kSecond,
       3600 * kSecond, "x", "日本語"},
  };
  for (const Row& row : rows) {
    table.column(0).append_int(row.id);
    row.count ? table.column(1).append_int(*row.count) : table.column(1).append_null();
    row.price ? table.column(2).append_double(*row.price) : table.column(2).append_null();
    row.flag ? table.column(3).append_int(*row.flag) : table.column(3).append_null();
    row.day ? table.column(4).append_int(*row.day) : table.column(4).append_null();
    row.stamp ? table.column(5).append_int(*row.stamp) : table.column(5).append_null();
    row.clock ? table.column(6).append_int(*row.clock) : table.column(6).append_null();
    row.zip ? table.column(7).append_string(*row.zip) : table.column(7).append_null();
    row.name ? table.column(8).append_string(*row.name) : table.column(8).append_null();
  }
  meta.row_count = static_cast<int64_t>(rows.size());
  db.metadata.tables.push_back(meta);
  db.data.add_table(std::move(table));
  return db;
}

void expect_every_type_round_trip(const std::string& path) {
  const TypedDatabase db = every_type_database();
  write_all(path, db.metadata, db.data);
  const ReadBack back = read_all(path);
  ASSERT_EQ(back.metadata.tables.size(), 1u);
  const TableMeta& table = back.metadata.tables[0];
  EXPECT_EQ(table.name, "every type");
  EXPECT_EQ(table.row_count, 5);
  for (size_t c = 0; c < table.columns.size(); ++c)
    EXPECT_EQ(table.columns[c].type, db.metadata.tables[0].columns[c].type)
        << table.columns[c].name;
  EXPECT_EQ(back.data.table("every type"), db.data.table("every type"));
}

void expect_trailing_null_rows_kept(const std::string& path) {
  TableMeta meta;
  meta.name = "sparse";
  meta.columns.push_back(ColumnMeta{});
  meta.columns[0].name = "n";
  meta.columns[0].type = DataType::Int64;
  Metadata metadata;
  metadata.tables.push_back(meta);
  Database data;
  Table table("sparse");
  Column& n = table.add_column(Column("n", DataType::Int64));
  n.append_int(1);
  n.append_null();
  n.append_null();
  data.add_table(table);
  write_all(path, metadata, data);
  const ReadBack back = read_all(path);
  EXPECT_EQ(back.metadata.table("sparse").row_count, 3);
  EXPECT_EQ(back.data.table("sparse"), table);
}

ReadBack read_all(const std::string& uri, const SourceOptions& options) {
  auto source = open_source(uri, options);
  ReadBack back;
  back.metadata = source->describe();
  for (const TableMeta& table : back.metadata.tables)
    back.data.add_table(source->read_table(table));
  return back;
}

std::string error_reading(const std::string& uri) {
  try {
    read_all(uri);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

void write_all(const std::string& uri, const Metadata& metadata, const Database& data,
               const DestinationOptions& options) {
  auto destination = open_destination(uri, options);
  destination->begin(metadata);
  for (const TableMeta& table : metadata.tables) destination->append(table, data.table(table.name));
  destination->commit();
}

}  // namespace relsynth::testing

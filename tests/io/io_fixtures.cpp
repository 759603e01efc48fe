#include "io/io_fixtures.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdlib>

#include "io/row_selection.h"
#include "relsynth/error.h"
#include "relsynth/synth.h"
#include "relsynth/types.h"

namespace relsynth::testing {

std::string server_url(const char* variable) {
  const char* url = std::getenv(variable);
  return url ? url : "";
}

bool servers_required() {
  const char* required = std::getenv("RELSYNTH_TEST_SERVERS_REQUIRED");
  return required && std::string(required) == "1";
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string unique_name(const std::string& stem) {
  static std::atomic<int> counter{0};
  return stem + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

OddDatabase odd_database() {
  OddDatabase out;
  auto column = [](const char* name, DataType type, const char* sql_type, bool nullable = true) {
    ColumnMeta c;
    c.name = name;
    c.type = type;
    c.sql_type = sql_type;
    c.nullable = nullable;
    return c;
  };
  TableMeta people;
  people.name = "my \"people\" ñ";
  people.columns = {column("given name", DataType::String, "NVARCHAR(12)", false),
                    column("family \"name\"", DataType::String, "TEXT", false),
                    column("boss given", DataType::String, "TEXT"),
                    column("boss family", DataType::String, "TEXT"),
                    column("née", DataType::Date, "DATE"),
                    column("score", DataType::Float64, "REAL"),
                    column("paid", DataType::Decimal, "DECIMAL(8,2)"),
                    column("active", DataType::Bool, "BOOLEAN"),
                    column("photo", DataType::Binary, "BLOB"),
                    column("woke", DataType::Time, "TIME"),
                    column("seen", DataType::DateTime, "DATETIME"),
                    column("visits", DataType::Int64, "INTEGER")};
  people.columns[10].format = "%Y-%m-%dT%H:%M:%S.%3f";
  people.primary_key = {"given name", "family \"name\""};
  people.foreign_keys.push_back({{"boss given", "boss family"},
                                 people.name,
                                 {"given name", "family \"name\""},
                                 "SET NULL",
                                 "",
                                 "declared"});
  people.checks = {"[visits] >= 0", "visits GLOB '[0-9]*'"};  // the second is SQLite-only
  people.indexes = {{"ix people seen", {"seen"}, false}};

  TableMeta pets;
  pets.name = "宠物 table";
  pets.columns = {column("id", DataType::Int64, "INTEGER", false),
                  column("owner given", DataType::String, "TEXT"),
                  column("owner family", DataType::String, "TEXT"),
                  column("best friend", DataType::Int64, "INTEGER")};
  pets.columns[0].auto_increment = true;
  pets.primary_key = {"id"};
  pets.foreign_keys.push_back({{"owner given", "owner family"},
                               people.name,
                               {"given name", "family \"name\""},
                               "",
                               "",
                               "declared"});
  // A cycle: pets -> toys -> pets.
  pets.foreign_keys.push_back({{"best friend"}, "toys", {"id"}, "", "", "declared"});
  TableMeta toys;
  toys.name = "toys";
  toys.columns = {column("id", DataType::Int64, "INTEGER", false),
                  column("pet", DataType::Int64, "INTEGER")};
  toys.primary_key = {"id"};
  toys.foreign_keys.push_back({{"pet"}, pets.name, {"id"}, "", "", "declared"});
  out.metadata.tables = {people, pets, toys};

  Table p(people.name);
  for (const ColumnMeta& c : people.columns) p.add_column(Column(c.name, c.type, c.format));
  const char* given[] = {"Zoë", "O'Brien", "tab\there", "ünï\ncødé", "back\\slash", "表"};
  for (int i = 0; i < 6; ++i) {
    p.column(0).append_string(given[i]);
    p.column(1).append_string(i % 2 ? "\"quoted\"" : "Ελληνικά");
    if (i == 0) {
      p.column(2).append_null();
      p.column(3).append_null();
    } else {
      p.column(2).append_string(given[i - 1]);
      p.column(3).append_string((i - 1) % 2 ? "\"quoted\"" : "Ελληνικά");
    }
    if (i == 3) {
      for (int c = 4; c < 12; ++c) p.column(c).append_null();
      continue;
    }
    p.column(4).append_int(-3000 + i * 4000);
    p.column(5).append_double(i == 5 ? -0.0 : 1.0 / (i + 3));
    p.column(6).append_string(i == 1 ? "-12.50" : "100.00");
    p.column(7).append_int(i % 2);
    p.column(8).append_string(std::string("\x00\x01\\\xff\t", 5) + std::to_string(i));
    p.column(9).append_int(int64_t{3600000000} * i + 250000);
    p.column(10).append_int(int64_t{86400000000} * 19000 + int64_t{1000} * i);
    p.column(11).append_int(i * 1000);
  }
  out.data.add_table(p);

  Table pet(pets.name);
  for (const ColumnMeta& c : pets.columns) pet.add_column(Column(c.name, c.type));
  Table toy("toys");
  for (const ColumnMeta& c : toys.columns) toy.add_column(Column(c.name, c.type));
  for (int i = 1; i <= 4; ++i) {
    pet.column(0).append_int(i);
    pet.column(1).append_string(given[i]);
    pet.column(2).append_string(i % 2 ? "\"quoted\"" : "Ελληνικά");
    if (i == 4)
      pet.column(3).append_null();
    else
      pet.column(3).append_int(10 + i);
    toy.column(0).append_int(10 + i);
    toy.column(1).append_int(i);
  }
  out.data.add_table(pet);
  out.data.add_table(toy);
  return out;
}

std::string normalized(const Column& column, size_t row) {
  if (column.is_null(row)) return "<NULL>";
  auto number = [](double value) {
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
  };
  switch (column.type()) {
    case DataType::Int64:
    case DataType::Bool:
      return std::to_string(column.int_at(row));
    case DataType::Float64:
      return number(column.double_at(row));
    case DataType::Decimal:
      return number(std::strtod(column.string_at(row).c_str(), nullptr));
    case DataType::String:
    case DataType::Binary:
      return column.string_at(row);
    case DataType::Date:
    case DataType::DateTime:
    case DataType::Time:
      return format_temporal(column.int_at(row), column.type(), "");
  }
  return "?";
}

// Rows as sorted text: equal for the same rows in any order.
std::vector<std::string> row_set(const Table& table) {
  std::vector<std::string> rows(table.num_rows());
  for (size_t r = 0; r < table.num_rows(); ++r)
    for (const Column& column : table.columns()) rows[r] += normalized(column, r) + "\x1f";
  std::sort(rows.begin(), rows.end());
  return rows;
}

namespace {

RowSelection selection_of(const Table& table, const std::vector<std::string>& columns,
                          const std::vector<size_t>& rows) {
  RowSelection selection;
  selection.columns = columns;
  for (const std::string& name : columns) {
    const Column& values = table.column(name);
    Column& picked = selection.keys.add_column(Column(name, values.type(), values.format()));
    for (size_t row : rows) picked.append_from(values, row);
  }
  return selection;
}

}  // namespace

void expect_odd_selections_read_exactly(Source& source, const OddDatabase& odd) {
  const TableMeta& people = odd.metadata.tables[0];
  const TableMeta& pets = odd.metadata.tables[1];
  const Table& people_rows = odd.data.table(people.name);
  struct Case {
    const TableMeta* meta;
    RowSelection selection;
    size_t expected_rows;
  };
  std::vector<Case> cases = {
      // Composite text keys with quotes, a backslash, a tab, a newline and unicode.
      {&people, selection_of(people_rows, people.primary_key, {1, 2, 3, 4}), 4},
      // A tuple with NULLs (row 0 has no boss) and one asked for twice but present once.
      {&people, selection_of(people_rows, {"boss given", "boss family"}, {0, 2, 2}), 2},
      // One column, a NULL among integers.
      {&pets, selection_of(odd.data.table(pets.name), {"best friend"}, {0, 3}), 2},
      // Nothing asked, nothing read.
      {&pets, selection_of(odd.data.table(pets.name), {"id"}, {}), 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.meta->name + " by " + c.selection.columns.front());
    const Table read = source.read_rows(*c.meta, c.selection);
    EXPECT_EQ(read.num_rows(), c.expected_rows);
    EXPECT_EQ(row_set(read), row_set(select_rows(odd.data.table(c.meta->name), c.selection)));
  }
}

void expect_same_subset(Source& source, const Metadata& metadata, const Database& expected,
                        int64_t target_rows, uint64_t seed) {
  const Database subset = read_subset(source, metadata, target_rows, seed);
  const Database reference = subset_database(metadata, expected, target_rows, seed);
  ASSERT_LT(reference.total_rows(), expected.total_rows());
  for (const TableMeta& table : metadata.tables) {
    SCOPED_TRACE(table.name);
    const Table& read = subset.table(table.name);
    const Table& chosen = reference.table(table.name);
    EXPECT_EQ(read.num_rows(), chosen.num_rows());
    if (!table.primary_key.empty()) {
      EXPECT_EQ(row_set(read), row_set(chosen));
      continue;
    }
    // Without a primary key, rows with equal keys are interchangeable: the same keys are kept,
    // but perhaps other rows of them.
    auto keys_only = [&](const Table& rows) {
      Table keys(rows.name());
      for (const ForeignKey& fk : table.foreign_keys)
        for (const std::string& column : fk.columns)
          if (!keys.find_column(column)) keys.add_column(rows.column(column));
      return row_set(keys);
    };
    EXPECT_EQ(keys_only(read), keys_only(chosen));
  }
}

std::string read_error(const std::string& uri) {
  try {
    auto source = open_source(uri);
    for (const TableMeta& table : source->describe().tables) source->read_table(table);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

ColumnMeta typed_column(std::string name, DataType type, std::string sql_type, std::string format) {
  ColumnMeta column;
  column.name = std::move(name);
  column.type = type;
  column.sql_type = std::move(sql_type);
  column.format = std::move(format);
  return column;
}

}  // namespace relsynth::testing

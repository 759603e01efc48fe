// The SQLite connector on real SQLite files: storage types, schema, odd names, failed writes
// and the shared datasets.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "io/connectors.h"
#include "io/sqlite_common.h"
#include "relsynth/error.h"

namespace relsynth {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("relsynth_sqlite_test_" + std::to_string(::getpid()) +
                                         "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void run_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message << "\n" << sql;
}

// Every cell as text ("<NULL>" for NULL), row by row.
std::vector<std::vector<std::string>> query(const std::string& path, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db) << "\n" << sql;
    sqlite3_close(db);
    return rows;
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const unsigned char* text = sqlite3_column_text(stmt, i);
      row.push_back(text ? reinterpret_cast<const char*>(text) : "<NULL>");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

std::string q(std::string_view name) { return sqlite::quote_identifier(name); }

// typeof and quoted value of every cell of every column, in table order.
std::vector<std::vector<std::string>> typed_values(const std::string& path,
                                                   const TableMeta& table) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i) sql += ", ";
    sql += "typeof(" + q(table.columns[i].name) + ") || ':' || quote(" + q(table.columns[i].name) +
           ")";
  }
  return query(path, sql + " FROM " + q(table.name) + " NOT INDEXED");
}

// Per column, a digest of the sequence of SQLite storage classes in table order.
std::vector<uint64_t> storage_classes(const std::string& path, const TableMeta& table) {
  std::vector<uint64_t> digests(table.columns.size(), 14695981039346656037ULL);
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = "SELECT * FROM " + q(table.name) + " NOT INDEXED";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db);
  } else {
    const int width = std::min<int>(sqlite3_column_count(stmt), static_cast<int>(digests.size()));
    while (sqlite3_step(stmt) == SQLITE_ROW)
      for (int j = 0; j < width; ++j)
        digests[j] =
            (digests[j] ^ static_cast<uint64_t>(sqlite3_column_type(stmt, j))) * 1099511628211ULL;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return digests;
}

void expect_same_schema(const Metadata& a, const Metadata& b, bool compare_row_counts = true) {
  EXPECT_EQ(a.keys_declared, b.keys_declared);
  ASSERT_EQ(a.tables.size(), b.tables.size());
  for (size_t i = 0; i < a.tables.size(); ++i) {
    const TableMeta& x = a.tables[i];
    const TableMeta& y = b.tables[i];
    SCOPED_TRACE("table " + x.name);
    EXPECT_EQ(x.name, y.name);
    ASSERT_EQ(x.columns.size(), y.columns.size());
    for (size_t j = 0; j < x.columns.size(); ++j) {
      const ColumnMeta& c = x.columns[j];
      const ColumnMeta& d = y.columns[j];
      SCOPED_TRACE("column " + c.name);
      EXPECT_EQ(c.name, d.name);
      EXPECT_EQ(c.type, d.type);
      EXPECT_EQ(c.sql_type, d.sql_type);
      EXPECT_EQ(c.format, d.format);
      EXPECT_EQ(c.nullable, d.nullable);
      EXPECT_EQ(c.unique, d.unique);
      EXPECT_EQ(c.auto_increment, d.auto_increment);
      EXPECT_EQ(c.default_value, d.default_value);
    }
    EXPECT_EQ(x.primary_key, y.primary_key);
    EXPECT_EQ(x.primary_key_reason, y.primary_key_reason);
    ASSERT_EQ(x.foreign_keys.size(), y.foreign_keys.size());
    for (size_t k = 0; k < x.foreign_keys.size(); ++k) {
      EXPECT_EQ(x.foreign_keys[k].columns, y.foreign_keys[k].columns);
      EXPECT_EQ(x.foreign_keys[k].parent_table, y.foreign_keys[k].parent_table);
      EXPECT_EQ(x.foreign_keys[k].parent_columns, y.foreign_keys[k].parent_columns);
      EXPECT_EQ(x.foreign_keys[k].on_delete, y.foreign_keys[k].on_delete);
      EXPECT_EQ(x.foreign_keys[k].on_update, y.foreign_keys[k].on_update);
      EXPECT_EQ(x.foreign_keys[k].reason, y.foreign_keys[k].reason);
    }
    ASSERT_EQ(x.unique_constraints.size(), y.unique_constraints.size());
    for (size_t k = 0; k < x.unique_constraints.size(); ++k)
      EXPECT_EQ(x.unique_constraints[k].columns, y.unique_constraints[k].columns);
    EXPECT_EQ(x.checks, y.checks);
    ASSERT_EQ(x.indexes.size(), y.indexes.size());
    for (size_t k = 0; k < x.indexes.size(); ++k) {
      EXPECT_EQ(x.indexes[k].name, y.indexes[k].name);
      EXPECT_EQ(x.indexes[k].columns, y.indexes[k].columns);
      EXPECT_EQ(x.indexes[k].unique, y.indexes[k].unique);
    }
    if (compare_row_counts) {
      EXPECT_EQ(x.row_count, y.row_count);
    }
  }
}

struct Snapshot {
  Metadata metadata;
  std::vector<Table> tables;
};

Snapshot read_all(const std::string& path) {
  auto source = make_sqlite_source(path, {});
  Snapshot snapshot{source->describe(), {}};
  for (const TableMeta& table : snapshot.metadata.tables)
    snapshot.tables.push_back(source->read_table(table));
  return snapshot;
}

void write_all(const Snapshot& snapshot, const std::string& path) {
  auto destination = make_sqlite_destination(path, {});
  destination->begin(snapshot.metadata);
  for (size_t i = 0; i < snapshot.tables.size(); ++i)
    destination->append(snapshot.metadata.tables[i], snapshot.tables[i]);
  destination->commit();
}

// Copies every table of `from` into a new SQLite file `to` through memory.
void copy_database(const std::string& from, const std::string& to) {
  write_all(read_all(from), to);
}

// Copies `original` to `copy` through memory, reads the copy back and expects equal schemas,
// equal Tables and the same SQLite storage class in every cell.
void expect_copy_equal(const std::string& original, const std::string& copy) {
  const Snapshot a = read_all(original);
  write_all(a, copy);
  const Snapshot b = read_all(copy);
  expect_same_schema(a.metadata, b.metadata);
  if (::testing::Test::HasFailure()) return;
  for (size_t i = 0; i < a.tables.size(); ++i) {
    const TableMeta& table = a.metadata.tables[i];
    SCOPED_TRACE("table " + table.name);
    EXPECT_EQ(a.tables[i].num_rows(), static_cast<size_t>(table.row_count));
    EXPECT_TRUE(a.tables[i] == b.tables[i]);
    // Storage classes row by row (Table equality compared the values already).
    EXPECT_EQ(storage_classes(original, table), storage_classes(copy, table));
    if (table.row_count < 20000) {
      EXPECT_EQ(typed_values(original, table), typed_values(copy, table));
    }
  }
}

const ColumnMeta& column_of(const Metadata& metadata, const std::string& table,
                            const std::string& column) {
  const ColumnMeta* found = metadata.table(table).find_column(column);
  if (!found) throw std::runtime_error("no column " + column);
  return *found;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// ---------------------------------------------------------------------------------------------

TEST(SqliteTypes, EveryStoredTypeRoundTripsExactly) {
  TempDir dir;
  const std::string original = dir.file("types.sqlite");
  run_sql(original, R"sql(
    CREATE TABLE t (
      i INTEGER, f REAL, n NUMERIC(10,2), s TEXT, d DATE, dt DATETIME, ms TEXT, tm TIME,
      b BLOB, mixed_text TEXT, big BIGINT);
    INSERT INTO t VALUES (1, 1.5, 3, 'hello', '2020-01-31', '1996-07-04 00:00:00.000',
      '2013-01-01T05:00:00Z', '12:30:00', X'00FF10', 'abc', 7);
    INSERT INTO t VALUES (-5, 0.1, 2.5, '', '1999-12-31', '2024-02-29 23:59:59.123',
      '2013-01-01T06:00:00Z', '00:00:01', X'', 42, NULL);
    INSERT INTO t VALUES (9223372036854775807, -2.25e300, -7.125, 'ünïcødé 表', NULL, NULL,
      NULL, NULL, NULL, 'z', -8);
    INSERT INTO t VALUES (NULL, NULL, NULL, NULL, '1970-01-01', '1900-01-01 12:00:00.000',
      '1969-12-31T23:59:59Z', '23:59:59', X'FFFE', NULL, 0);
  )sql");
  // 'mixed_text' gets the number 42, which its TEXT affinity stores as TEXT '42'.
  auto source = make_sqlite_source(original, {});
  Metadata metadata = source->describe();
  ASSERT_EQ(metadata.tables.size(), 1u);
  EXPECT_TRUE(metadata.keys_declared);
  EXPECT_EQ(metadata.tables[0].row_count, 4);
  EXPECT_EQ(column_of(metadata, "t", "i").type, DataType::Int64);
  EXPECT_EQ(column_of(metadata, "t", "f").type, DataType::Float64);
  EXPECT_EQ(column_of(metadata, "t", "n").type, DataType::Float64);  // INTEGER + REAL, NUMERIC
  EXPECT_EQ(column_of(metadata, "t", "n").sql_type, "NUMERIC(10,2)");
  EXPECT_EQ(column_of(metadata, "t", "s").type, DataType::String);  // has '' so not temporal
  EXPECT_EQ(column_of(metadata, "t", "d").type, DataType::Date);
  EXPECT_EQ(column_of(metadata, "t", "d").format, "%Y-%m-%d");
  EXPECT_EQ(column_of(metadata, "t", "dt").type, DataType::DateTime);
  EXPECT_EQ(column_of(metadata, "t", "dt").format, "%Y-%m-%d %H:%M:%S.%3f");
  EXPECT_EQ(column_of(metadata, "t", "ms").type, DataType::DateTime);
  EXPECT_EQ(column_of(metadata, "t", "ms").format, "%Y-%m-%dT%H:%M:%SZ");
  EXPECT_EQ(column_of(metadata, "t", "tm").type, DataType::Time);
  EXPECT_EQ(column_of(metadata, "t", "b").type, DataType::Binary);
  EXPECT_EQ(column_of(metadata, "t", "mixed_text").type, DataType::String);
  EXPECT_EQ(column_of(metadata, "t", "big").type, DataType::Int64);

  Table table = source->read_table(metadata.tables[0]);
  ASSERT_EQ(table.num_rows(), 4u);
  EXPECT_EQ(table.column("i").int_at(2), INT64_MAX);
  EXPECT_TRUE(table.column("i").is_null(3));
  EXPECT_EQ(table.column("f").double_at(1), 0.1);
  EXPECT_EQ(table.column("n").double_at(0), 3.0);
  EXPECT_EQ(table.column("s").string_at(2), "ünïcødé 表");
  EXPECT_EQ(table.column("d").int_at(3), 0);  // 1970-01-01
  EXPECT_EQ(table.column("dt").int_at(1) % 1000000, 123000);
  EXPECT_EQ(table.column("b").string_at(0), std::string("\x00\xff\x10", 3));
  EXPECT_EQ(table.column("b").string_at(1), "");
  EXPECT_FALSE(table.column("b").is_null(1));
  EXPECT_EQ(table.column("mixed_text").string_at(1), "42");

  const std::string copy = dir.file("copy.sqlite");
  expect_copy_equal(original, copy);
  // The NUMERIC column keeps INTEGER 3 and REAL 2.5 side by side.
  EXPECT_EQ(query(copy, "SELECT typeof(n) FROM t WHERE rowid <= 2"),
            (std::vector<std::vector<std::string>>{{"integer"}, {"real"}}));
}

TEST(SqliteTypes, MixedStorageClassesChooseACommonType) {
  TempDir dir;
  const std::string path = dir.file("mixed.sqlite");
  run_sql(path, R"sql(
    CREATE TABLE m (num_int INTEGER, untyped, blobby TEXT, texty INTEGER);
    INSERT INTO m VALUES (1, 1, 'a', 5), (2.5, 2.5, X'00', 'five'), (NULL, 3, NULL, NULL);
  )sql");
  auto source = make_sqlite_source(path, {});
  Metadata metadata = source->describe();
  // INTEGER and REAL under INTEGER affinity: Float64 (a whole REAL is stored as INTEGER).
  EXPECT_EQ(column_of(metadata, "m", "num_int").type, DataType::Float64);
  // The same without affinity: 3.0 would not come back as INTEGER 3, so text.
  EXPECT_EQ(column_of(metadata, "m", "untyped").type, DataType::String);
  EXPECT_EQ(column_of(metadata, "m", "blobby").type, DataType::Binary);
  EXPECT_EQ(column_of(metadata, "m", "texty").type, DataType::String);
  Table table = source->read_table(metadata.tables[0]);
  EXPECT_EQ(table.column("untyped").string_at(0), "1");
  EXPECT_EQ(table.column("untyped").string_at(1), "2.5");
  EXPECT_EQ(table.column("texty").string_at(0), "5");
  EXPECT_EQ(table.column("blobby").string_at(1), std::string(1, '\0'));
  // Text and numbers under INTEGER affinity come back with their storage classes.
  const std::string copy = dir.file("copy.sqlite");
  copy_database(path, copy);
  EXPECT_EQ(query(copy, "SELECT typeof(texty), typeof(num_int) FROM m"),
            query(path, "SELECT typeof(texty), typeof(num_int) FROM m"));
}

TEST(SqliteTypes, BoolAndDecimalAreWrittenAsIntegerAndExactText) {
  TempDir dir;
  Metadata metadata;
  TableMeta meta;
  meta.name = "flags";
  meta.columns.resize(4);
  meta.columns[0].name = "ok";
  meta.columns[0].type = DataType::Bool;
  meta.columns[1].name = "amount";
  meta.columns[1].type = DataType::Decimal;
  meta.columns[1].sql_type = "TEXT";
  meta.columns[2].name = "when";
  meta.columns[2].type = DataType::DateTime;  // no format: ISO text
  meta.columns[3].name = "day";
  meta.columns[3].type = DataType::Date;
  meta.columns[3].format = "%d/%m/%Y";
  metadata.tables.push_back(meta);

  Table table("flags");
  table.add_column(Column("ok", DataType::Bool));
  table.add_column(Column("amount", DataType::Decimal));
  table.add_column(Column("when", DataType::DateTime));
  table.add_column(Column("day", DataType::Date, "%d/%m/%Y"));
  // References only once every column is in place (add_column may move them).
  Column& ok = table.column(0);
  Column& amount = table.column(1);
  Column& when = table.column(2);
  Column& day = table.column(3);
  ok.append_int(1);
  ok.append_int(0);
  ok.append_null();
  amount.append_string(std::string("12.50"));
  amount.append_string(std::string("-0.001"));
  amount.append_null();
  when.append_int(int64_t{86'400} * 1'000'000 + 1'500'000);
  when.append_int(0);
  when.append_null();
  day.append_int(31);
  day.append_null();
  day.append_int(-1);

  const std::string path = dir.file("out.sqlite");
  auto destination = make_sqlite_destination(path, {});
  destination->begin(metadata);
  destination->append(meta, table);
  destination->commit();

  EXPECT_EQ(query(path, "SELECT typeof(ok), ok, typeof(amount), amount, \"when\", day FROM flags"),
            (std::vector<std::vector<std::string>>{
                {"integer", "1", "text", "12.50", "1970-01-02 00:00:01.500000", "01/02/1970"},
                {"integer", "0", "text", "-0.001", "1970-01-01 00:00:00", "<NULL>"},
                {"null", "<NULL>", "null", "<NULL>", "<NULL>", "31/12/1969"}}));
  // Declared types derived from the storage types when the metadata has none.
  EXPECT_EQ(query(path, "SELECT type FROM pragma_table_info('flags')"),
            (std::vector<std::vector<std::string>>{{"BOOLEAN"}, {"TEXT"}, {"DATETIME"}, {"DATE"}}));

  // Read back under the same metadata: the very same Table.
  auto source = make_sqlite_source(path, {});
  Table back = source->read_table(meta);
  EXPECT_TRUE(back == table);
}

TEST(SqliteTypes, NullOnlyEmptyAndOneRowTables) {
  TempDir dir;
  const std::string original = dir.file("edge.sqlite");
  run_sql(original, R"sql(
    CREATE TABLE empty (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, pic BLOB);
    CREATE TABLE nulls (a INTEGER, b DOUBLE PRECISION, c VARCHAR(3), d BLOB, e, f DATETIME);
    INSERT INTO nulls VALUES (NULL, NULL, NULL, NULL, NULL, NULL), (NULL, NULL, NULL, NULL, NULL, NULL);
    CREATE TABLE one (id INTEGER PRIMARY KEY, label TEXT);
    INSERT INTO one VALUES (7, 'seven');
  )sql");
  auto source = make_sqlite_source(original, {});
  Metadata metadata = source->describe();
  ASSERT_EQ(metadata.tables.size(), 3u);
  EXPECT_EQ(metadata.tables[0].row_count, 0);
  EXPECT_EQ(column_of(metadata, "empty", "id").type, DataType::Int64);
  EXPECT_EQ(column_of(metadata, "empty", "price").type, DataType::Float64);
  EXPECT_EQ(column_of(metadata, "nulls", "a").type, DataType::Int64);
  EXPECT_EQ(column_of(metadata, "nulls", "b").type, DataType::Float64);
  EXPECT_EQ(column_of(metadata, "nulls", "c").type, DataType::String);
  EXPECT_EQ(column_of(metadata, "nulls", "d").type, DataType::Binary);
  EXPECT_EQ(column_of(metadata, "nulls", "e").type, DataType::String);
  EXPECT_EQ(column_of(metadata, "nulls", "f").type, DataType::String);
  Table empty = source->read_table(metadata.tables[0]);
  EXPECT_EQ(empty.num_rows(), 0u);
  EXPECT_EQ(empty.num_columns(), 4u);
  Table nulls = source->read_table(metadata.tables[1]);
  EXPECT_EQ(nulls.num_rows(), 2u);
  EXPECT_EQ(nulls.column("e").null_count(), 2u);
  Table one = source->read_table(metadata.tables[2]);
  ASSERT_EQ(one.num_rows(), 1u);
  EXPECT_EQ(one.column("id").int_at(0), 7);

  const std::string copy = dir.file("copy.sqlite");
  copy_database(original, copy);
  // The untyped column `e` gets a declared type from its storage type; all else is equal.
  auto copied = make_sqlite_source(copy, {})->describe();
  EXPECT_EQ(column_of(copied, "nulls", "e").sql_type, "TEXT");
  run_sql(original,
          "DROP TABLE nulls; CREATE TABLE nulls (a INTEGER, b DOUBLE PRECISION, "
          "c VARCHAR(3), d BLOB, e TEXT, f DATETIME); INSERT INTO nulls (a) VALUES "
          "(NULL), (NULL);");
  const std::string copy2 = dir.file("copy2.sqlite");
  expect_copy_equal(original, copy2);
}

TEST(SqliteTypes, BadTemporalTextNamesTableColumnAndRow) {
  TempDir dir;
  const std::string path = dir.file("bad.sqlite");
  run_sql(path,
          "CREATE TABLE ev (id INTEGER, at TEXT); INSERT INTO ev VALUES (1, '2020-01-01'), "
          "(2, '2020-01-02'), (3, 'soon');");
  auto source = make_sqlite_source(path, {});
  Metadata metadata = source->describe();
  EXPECT_EQ(column_of(metadata, "ev", "at").type, DataType::String);  // 'soon' is no date
  TableMeta meta = metadata.tables[0];
  meta.columns[1].type = DataType::Date;
  meta.columns[1].format = "%Y-%m-%d";
  try {
    source->read_table(meta);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(locate("ev", "at", 2)), std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("soon"), std::string::npos) << error.what();
  }
  meta.columns[1].type = DataType::Int64;
  EXPECT_THROW(source->read_table(meta), InputError);
  meta.columns[1].name = "missing";
  EXPECT_THROW(source->read_table(meta), InputError);
}

// ---------------------------------------------------------------------------------------------

TEST(SqliteSchema, TokenizerFindsChecksOutsideQuotesAndComments) {
  const std::string sql = R"sql(CREATE TABLE "t(" (
    [check] INT CHECK ([check] > 0), -- CHECK (commented out)
    'CHECK (in a string)' TEXT, /* CHECK (block) */
    `x` TEXT check(`x` IN ('a)', "b(", 'c''d')),
    y INT CONSTRAINT named CHECK(
      y BETWEEN (1) AND (10)  ),
    z INTEGER PRIMARY KEY autoincrement
  ))sql";
  EXPECT_EQ(sqlite::extract_checks(sql),
            (std::vector<std::string>{"[check] > 0", "`x` IN ('a)', \"b(\", 'c''d')",
                                      "y BETWEEN (1) AND (10)"}));
  EXPECT_TRUE(sqlite::has_autoincrement(sql));
  EXPECT_FALSE(
      sqlite::has_autoincrement("CREATE TABLE t (\"AUTOINCREMENT\" INT) -- AUTOINCREMENT"));
  EXPECT_EQ(sqlite::quote_identifier("my \"table\""), "\"my \"\"table\"\"\"");
  EXPECT_TRUE(sqlite::is_default_literal("-5"));
  EXPECT_TRUE(sqlite::is_default_literal("'it''s'"));
  EXPECT_TRUE(sqlite::is_default_literal("CURRENT_TIMESTAMP"));
  EXPECT_TRUE(sqlite::is_default_literal("x'0aff'"));
  EXPECT_FALSE(sqlite::is_default_literal("1 + 2"));
  EXPECT_FALSE(sqlite::is_default_literal("'a' || 'b'"));
}

TEST(SqliteSchema, ConstraintsSurviveRoundTrip) {
  TempDir dir;
  const std::string original = dir.file("schema.sqlite");
  run_sql(original, R"sql(
    CREATE TABLE parent (
      a INTEGER NOT NULL,
      b TEXT NOT NULL,
      label NVARCHAR(40) DEFAULT 'x''y',
      PRIMARY KEY (b, a));
    CREATE TABLE node (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      parent_id INTEGER REFERENCES node ON DELETE SET NULL,
      code VARCHAR(10) NOT NULL UNIQUE,
      pa INTEGER,
      pb TEXT,
      qty SMALLINT UNSIGNED DEFAULT 0 CHECK (qty >= 0),
      price DECIMAL(5,2) DEFAULT (1 + 2),
      created DATETIME DEFAULT CURRENT_TIMESTAMP,
      neg INT DEFAULT -1,
      UNIQUE (pa, pb, code),
      CHECK (price < 1000 AND code <> 'bad'),
      FOREIGN KEY (pb, pa) REFERENCES parent (b, a) ON DELETE CASCADE ON UPDATE NO ACTION);
    CREATE INDEX node_pa ON node (pa);
    CREATE UNIQUE INDEX node_created ON node (created, id);
    CREATE INDEX node_expr ON node (lower(code));
    INSERT INTO parent VALUES (1, 'one', 'first'), (2, 'two', NULL);
    INSERT INTO node VALUES (1, NULL, 'c1', 1, 'one', 5, 9.5, '2020-01-01 10:00:00', 0);
    INSERT INTO node VALUES (2, 1, 'c2', 2, 'two', 0, 12, '2020-01-02 11:00:00', 3);
    INSERT INTO node VALUES (3, 1, 'c3', NULL, NULL, 2, NULL, '2020-01-03 12:00:00', NULL);
  )sql");

  auto source = make_sqlite_source(original, {});
  Metadata metadata = source->describe();
  ASSERT_EQ(metadata.tables.size(), 2u);  // sqlite_sequence is internal
  const TableMeta& parent = metadata.table("parent");
  EXPECT_EQ(parent.primary_key, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(parent.primary_key_reason, "declared");
  EXPECT_FALSE(parent.columns[0].nullable);
  EXPECT_EQ(parent.columns[2].sql_type, "NVARCHAR(40)");
  EXPECT_EQ(parent.columns[2].default_value, "'x''y'");

  const TableMeta& node = metadata.table("node");
  EXPECT_EQ(node.primary_key, (std::vector<std::string>{"id"}));
  EXPECT_TRUE(node.columns[0].auto_increment);
  EXPECT_TRUE(node.find_column("code")->unique);
  EXPECT_FALSE(node.find_column("code")->nullable);
  EXPECT_EQ(node.find_column("qty")->sql_type, "SMALLINT UNSIGNED");
  EXPECT_EQ(node.find_column("price")->default_value, "1 + 2");
  EXPECT_EQ(node.find_column("created")->default_value, "CURRENT_TIMESTAMP");
  EXPECT_EQ(node.find_column("neg")->default_value, "-1");
  EXPECT_EQ(node.find_column("created")->type, DataType::DateTime);
  ASSERT_EQ(node.foreign_keys.size(), 2u);
  // Declaration order; the bare REFERENCES node means node's primary key.
  EXPECT_EQ(node.foreign_keys[0].columns, (std::vector<std::string>{"parent_id"}));
  EXPECT_EQ(node.foreign_keys[0].parent_table, "node");
  EXPECT_EQ(node.foreign_keys[0].parent_columns, (std::vector<std::string>{"id"}));
  EXPECT_EQ(node.foreign_keys[0].on_delete, "SET NULL");
  EXPECT_EQ(node.foreign_keys[0].on_update, "");
  EXPECT_EQ(node.foreign_keys[0].reason, "declared");
  EXPECT_EQ(node.foreign_keys[1].columns, (std::vector<std::string>{"pb", "pa"}));
  EXPECT_EQ(node.foreign_keys[1].parent_columns, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(node.foreign_keys[1].on_delete, "CASCADE");
  ASSERT_EQ(node.unique_constraints.size(), 1u);
  EXPECT_EQ(node.unique_constraints[0].columns, (std::vector<std::string>{"pa", "pb", "code"}));
  EXPECT_EQ(node.checks, (std::vector<std::string>{"qty >= 0", "price < 1000 AND code <> 'bad'"}));
  ASSERT_EQ(node.indexes.size(), 2u);  // the expression index cannot be described
  EXPECT_EQ(node.indexes[0].name, "node_pa");
  EXPECT_FALSE(node.indexes[0].unique);
  EXPECT_EQ(node.indexes[1].name, "node_created");
  EXPECT_EQ(node.indexes[1].columns, (std::vector<std::string>{"created", "id"}));
  EXPECT_TRUE(node.indexes[1].unique);

  const std::string copy = dir.file("copy.sqlite");
  expect_copy_equal(original, copy);
  // The constraints are real in the copy, not only described.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(copy.c_str(), &db), SQLITE_OK);
  EXPECT_NE(
      sqlite3_exec(db, "INSERT INTO node (code, qty) VALUES ('c9', -1)", nullptr, nullptr, nullptr),
      SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "INSERT INTO node (code) VALUES ('c1')", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO node (code) VALUES ('c10')", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(query(copy, "SELECT id, price, qty FROM node WHERE code = 'c10'"),
            (std::vector<std::vector<std::string>>{{"4", "3", "0"}}));
}

TEST(SqliteSchema, OddIdentifiersRoundTrip) {
  TempDir dir;
  const std::string original = dir.file("odd names.sqlite");
  run_sql(original, R"sql(
    CREATE TABLE "order" ("select" INTEGER PRIMARY KEY, "from" TEXT);
    CREATE TABLE "my ""table""" (id INTEGER PRIMARY KEY, "order" INTEGER REFERENCES "order" ("select"),
      "a""b" TEXT UNIQUE);
    CREATE TABLE [Order Details] ([Order ID] INTEGER NOT NULL, `Qty.` INTEGER,
      PRIMARY KEY ([Order ID]), FOREIGN KEY ([Order ID]) REFERENCES "ORDER" ("SELECT"));
    CREATE TABLE "Ünïcødé 表" ("名前" TEXT, "größe" REAL);
    CREATE INDEX "idx ""quoted""" ON "my ""table""" ("order");
    INSERT INTO "order" VALUES (1, 'a'), (2, 'b');
    INSERT INTO "my ""table""" VALUES (10, 1, 'x"y'), (11, 2, NULL);
    INSERT INTO [Order Details] VALUES (1, 5), (2, NULL);
    INSERT INTO "Ünïcødé 表" VALUES ('山田', 1.75), ('Ωmega', NULL);
  )sql");
  auto source = make_sqlite_source(original, {});
  Metadata metadata = source->describe();
  ASSERT_EQ(metadata.tables.size(), 4u);
  EXPECT_EQ(metadata.tables[0].name, "order");
  EXPECT_EQ(metadata.tables[1].name, "my \"table\"");
  EXPECT_EQ(metadata.tables[2].name, "Order Details");
  EXPECT_EQ(metadata.tables[3].name, "Ünïcødé 表");
  EXPECT_EQ(metadata.tables[0].primary_key, (std::vector<std::string>{"select"}));
  // REFERENCES "ORDER" ("SELECT") is resolved to the names as declared.
  ASSERT_EQ(metadata.tables[2].foreign_keys.size(), 1u);
  EXPECT_EQ(metadata.tables[2].foreign_keys[0].parent_table, "order");
  EXPECT_EQ(metadata.tables[2].foreign_keys[0].parent_columns,
            (std::vector<std::string>{"select"}));
  EXPECT_TRUE(metadata.tables[1].find_column("a\"b")->unique);
  ASSERT_EQ(metadata.tables[1].indexes.size(), 1u);
  EXPECT_EQ(metadata.tables[1].indexes[0].name, "idx \"quoted\"");
  Table unicode = source->read_table(metadata.tables[3]);
  EXPECT_EQ(unicode.column("名前").string_at(0), "山田");

  const std::string copy = dir.file("copy of odd.sqlite");
  expect_copy_equal(original, copy);
}

// ---------------------------------------------------------------------------------------------

DestinationOptions overwriting() {
  DestinationOptions options;
  options.overwrite = true;
  return options;
}

Metadata one_table_metadata() {
  Metadata metadata;
  TableMeta meta;
  meta.name = "people";
  meta.columns.resize(2);
  meta.columns[0].name = "id";
  meta.columns[0].type = DataType::Int64;
  meta.columns[0].sql_type = "INTEGER";
  meta.columns[0].nullable = false;
  meta.columns[1].name = "name";
  meta.columns[1].type = DataType::String;
  meta.columns[1].sql_type = "TEXT";
  meta.columns[1].nullable = false;
  meta.primary_key = {"id"};
  metadata.tables.push_back(meta);
  return metadata;
}

Table people(int rows, int null_name_at = -1, int first_id = 1) {
  Table table("people");
  table.add_column(Column("id", DataType::Int64));
  table.add_column(Column("name", DataType::String));
  Column& id = table.column(0);
  Column& name = table.column(1);
  for (int i = 0; i < rows; ++i) {
    id.append_int(first_id + i);
    if (i == null_name_at)
      name.append_null();
    else
      name.append_string("person " + std::to_string(i));
  }
  return table;
}

std::vector<std::string> files_in(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(SqliteDestination, FailedWriteLeavesDestinationUntouched) {
  TempDir dir;
  const std::string path = dir.file("out.sqlite");
  // An earlier output of relsynth's (its application id), which --overwrite may replace.
  run_sql(path,
          "PRAGMA application_id = 1381191252; CREATE TABLE before (x INTEGER); "
          "INSERT INTO before VALUES (42);");
  const std::string bytes = read_bytes(path);
  const Metadata metadata = one_table_metadata();
  {
    auto destination = make_sqlite_destination(path, overwriting());
    destination->begin(metadata);
    destination->append(metadata.tables[0], people(5));
    try {
      destination->append(metadata.tables[0], people(10, 6, 6));  // index 6 of this batch: NULL
      FAIL() << "expected InputError";
    } catch (const InputError& error) {
      const std::string message = error.what();
      // Row numbers count across appends: 5 rows before, index 6 in this batch.
      EXPECT_NE(message.find(locate("people", "name", 11)), std::string::npos) << message;
      EXPECT_NE(message.find("NOT NULL"), std::string::npos) << message;
    }
    destination->abort();
    destination->abort();  // safe twice
  }
  EXPECT_EQ(read_bytes(path), bytes);
  EXPECT_EQ(files_in(dir.path()), (std::vector<std::string>{"out.sqlite"}));

  // Destroyed without commit: same.
  {
    auto destination = make_sqlite_destination(path, overwriting());
    destination->begin(metadata);
    destination->append(metadata.tables[0], people(100));
    EXPECT_EQ(files_in(dir.path()).size(), 2u);  // the staging file sits beside it
  }
  EXPECT_EQ(read_bytes(path), bytes);
  EXPECT_EQ(files_in(dir.path()), (std::vector<std::string>{"out.sqlite"}));

  // A duplicate primary key is bad input too, naming table and row.
  {
    auto destination = make_sqlite_destination(path, overwriting());
    destination->begin(metadata);
    Table twice = people(3);
    twice.column(0).append_int(2);
    twice.column(1).append_string(std::string("again"));
    try {
      destination->append(metadata.tables[0], twice);
      FAIL() << "expected InputError";
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(locate("people", {}, 3)), std::string::npos)
          << error.what();
    }
  }
  EXPECT_EQ(read_bytes(path), bytes);

  // With --overwrite and a good write, the file is replaced.
  {
    auto destination = make_sqlite_destination(path, overwriting());
    destination->begin(metadata);
    destination->append(metadata.tables[0], people(3));
    destination->commit();
  }
  EXPECT_EQ(query(path, "SELECT count(*) FROM people"),
            (std::vector<std::vector<std::string>>{{"3"}}));
  EXPECT_EQ(query(path, "SELECT count(*) FROM sqlite_master WHERE name = 'before'"),
            (std::vector<std::vector<std::string>>{{"0"}}));
  EXPECT_EQ(files_in(dir.path()), (std::vector<std::string>{"out.sqlite"}));
}

TEST(SqliteDestination, RefusesToOverwriteWithoutTheFlag) {
  TempDir dir;
  const std::string path = dir.file("exists.sqlite");
  run_sql(path, "CREATE TABLE keep (x INTEGER);");
  const std::string bytes = read_bytes(path);
  try {
    make_sqlite_destination(path, {});
    FAIL() << "expected UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("--overwrite"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos);
  }
  EXPECT_EQ(read_bytes(path), bytes);
  // A folder that cannot be made (a file is in the way) is an I/O error before any work.
  std::ofstream(dir.file("plain")) << "a file";
  EXPECT_THROW(make_sqlite_destination(dir.file("plain/out.sqlite"), {}), IoError);
}

TEST(SqliteSource, MissingOrInvalidFileIsAnIoErrorNamingThePath) {
  TempDir dir;
  const std::string missing = dir.file("missing.sqlite");
  try {
    make_sqlite_source(missing, {});
    FAIL() << "expected IoError";
  } catch (const IoError& error) {
    EXPECT_NE(std::string(error.what()).find(missing), std::string::npos) << error.what();
  }
  const std::string text = dir.file("text.sqlite");
  std::ofstream(text) << "this is not a database, just some text that is long enough to have a "
                         "header of one hundred bytes or more, which SQLite checks first.\n";
  try {
    make_sqlite_source(text, {});
    FAIL() << "expected IoError";
  } catch (const IoError& error) {
    EXPECT_NE(std::string(error.what()).find(text), std::string::npos) << error.what();
  }
  EXPECT_FALSE(fs::exists(missing));  // read-only: never created
}

// ---------------------------------------------------------------------------------------------

std::vector<fs::path> shared_datasets() {
  std::vector<fs::path> paths;
  const fs::path directory = RELSYNTH_SHARED_DATASETS;
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) return paths;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.path().extension() == ".sqlite") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

TEST(SqliteDatasets, DescribeMatchesGroundTruth) {
  const auto datasets = shared_datasets();
  if (datasets.empty()) GTEST_SKIP() << "no shared datasets at " << RELSYNTH_SHARED_DATASETS;
  for (const fs::path& path : datasets) {
    SCOPED_TRACE(path.filename().string());
    fs::path truth_path = path;
    truth_path.replace_extension(".metadata.json");
    std::ifstream in(truth_path);
    ASSERT_TRUE(in) << truth_path;
    const nlohmann::json truth = nlohmann::json::parse(in);

    Metadata metadata = make_sqlite_source(path.string(), {})->describe();
    std::set<std::string> names, expected_names;
    for (const TableMeta& table : metadata.tables) names.insert(table.name);
    for (const auto& [name, value] : truth["tables"].items()) expected_names.insert(name);
    EXPECT_EQ(names, expected_names);

    using Key =
        std::tuple<std::string, std::vector<std::string>, std::string, std::vector<std::string>>;
    std::set<Key> keys, expected_keys;
    for (const TableMeta& table : metadata.tables) {
      SCOPED_TRACE(table.name);
      if (!truth["tables"].contains(table.name)) continue;
      const nlohmann::json& expected = truth["tables"][table.name];
      EXPECT_EQ(table.row_count, expected["row_count"].get<int64_t>());
      EXPECT_EQ(table.primary_key, expected["primary_key"].get<std::vector<std::string>>());
      ASSERT_EQ(table.columns.size(), expected["columns"].size());
      for (size_t j = 0; j < table.columns.size(); ++j) {
        const nlohmann::json& column = expected["columns"][j];
        EXPECT_EQ(table.columns[j].name, column["name"].get<std::string>());
        EXPECT_EQ(table.columns[j].sql_type, column["sql_type"].get<std::string>());
        EXPECT_EQ(table.columns[j].nullable, !column["not_null"].get<bool>());
      }
      for (const ForeignKey& key : table.foreign_keys)
        keys.emplace(table.name, key.columns, key.parent_table, key.parent_columns);
    }
    for (const nlohmann::json& key : truth["foreign_keys"])
      expected_keys.emplace(key["child_table"].get<std::string>(),
                            key["child_columns"].get<std::vector<std::string>>(),
                            key["parent_table"].get<std::string>(),
                            key["parent_columns"].get<std::vector<std::string>>());
    EXPECT_EQ(keys, expected_keys);
  }
}

TEST(SqliteDatasets, FullCopyReadsBackEqual) {
  const auto datasets = shared_datasets();
  if (datasets.empty()) GTEST_SKIP() << "no shared datasets at " << RELSYNTH_SHARED_DATASETS;
  TempDir dir;
  for (const fs::path& path : datasets) {
    SCOPED_TRACE(path.filename().string());
    const std::string copy = dir.file(path.filename().string());
    expect_copy_equal(path.string(), copy);
    fs::remove(copy);
  }
}

}  // namespace
}  // namespace relsynth

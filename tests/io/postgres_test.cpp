// The PostgreSQL connector against a real server (scripts/test-server-postgres.sh, started by
// scripts/with-test-servers.sh): shared datasets loaded and read back byte-identical, the CLI
// on PostgreSQL URLs, cross-engine runs, odd names and types, and every failure a user meets.
// Without RELSYNTH_TEST_POSTGRES_URL the server tests are skipped (they fail instead when
// RELSYNTH_TEST_SERVERS_REQUIRED=1). Each test works in schemas of its own.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "io/connectors.h"
#include "io/io_fixtures.h"
#include "io/postgres_common.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "relsynth/metadata.h"
#include "test_support.h"

namespace relsynth {
namespace {

using testing::odd_database;
using testing::OddDatabase;
using testing::run_command;
using testing::servers_required;
using testing::shared_dataset;
using testing::shell_quote;
using testing::TempDir;
using testing::unique_name;

const std::string kCli = RELSYNTH_CLI_PATH;

std::string server_url() { return testing::server_url("RELSYNTH_TEST_POSTGRES_URL"); }

std::string with_schema(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "schema=" + schema;
}

// ---- without a server ----

TEST(PostgresUrl, ParsesEveryPartAndMasksThePassword) {
  pg::Url url = pg::parse_url("postgresql://alice:s%40cret@db.example.com:6543/sales?schema=crm");
  EXPECT_EQ(url.user, "alice");
  EXPECT_EQ(url.password, "s@cret");
  EXPECT_EQ(url.host, "db.example.com");
  EXPECT_EQ(url.port, "6543");
  EXPECT_EQ(url.database, "sales");
  EXPECT_EQ(url.schema, "crm");
  EXPECT_EQ(url.masked, "postgresql://alice:***@db.example.com:6543/sales?schema=crm");
  EXPECT_EQ(url.where(), "db.example.com:6543");

  url = pg::parse_url("postgres://bob@[::1]/db?sslmode=disable");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.schema, "public");
  EXPECT_TRUE(url.password.empty());
  EXPECT_EQ(url.masked, "postgres://bob@[::1]/db?sslmode=disable");
  ASSERT_EQ(url.options.size(), 2u);  // sslmode, host
  EXPECT_EQ(url.options[0].first, "sslmode");

  // An unencoded '@' or '/' in the password is still masked as a whole.
  EXPECT_EQ(pg::mask_password("postgresql://u:p@ss/w@h:1/d"), "postgresql://u:***@h:1/d");
  EXPECT_EQ(pg::mask_password("postgresql://h/d?user=u&password=hunter2&schema=s"),
            "postgresql://h/d?user=u&password=***&schema=s");

  try {
    pg::parse_url("postgresql://u:topsecret@h:12x/d");
    FAIL() << "a bad port was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("port"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("topsecret"), std::string::npos) << e.what();
  }
}

TEST(PostgresSqlText, ChecksAndDefaultsBecomePortable) {
  EXPECT_EQ(pg::portable_check("CHECK ((price > (0)::numeric))"), "price > (0)");
  EXPECT_EQ(pg::portable_check("CHECK (((discount >= (0)::double precision) AND "
                               "(discount <= (1)::double precision)))"),
            "(discount >= (0)) AND (discount <= (1))");
  EXPECT_EQ(pg::portable_check("CHECK (((status)::text = ANY ((ARRAY['a'::character varying, "
                               "'b'::character varying])::text[])))"),
            "(status) IN ('a', 'b')");
  EXPECT_EQ(pg::portable_check("CHECK ((\"Unit Price\" <> ALL (ARRAY[1, 2]))) NOT VALID"),
            "\"Unit Price\" NOT IN (1, 2)");
  EXPECT_EQ(pg::portable_check("CHECK ((length(name) > 0))"), "length(name) > 0");
  EXPECT_FALSE(pg::portable_check("CHECK ((code ~ '^[A-Z]+$'::text))"));
  EXPECT_FALSE(pg::portable_check("CHECK ((tags && ARRAY['x'::text]))"));

  EXPECT_EQ(pg::portable_default("'abc'::character varying"), "'abc'");
  EXPECT_EQ(pg::portable_default("'-1'::integer"), "-1");
  EXPECT_EQ(pg::portable_default("0"), "0");
  EXPECT_EQ(pg::portable_default("now()"), "CURRENT_TIMESTAMP");
  EXPECT_EQ(pg::portable_default("true"), "true");
  EXPECT_EQ(pg::portable_default("'2020-01-01'::date"), "'2020-01-01'");
  EXPECT_FALSE(pg::portable_default("gen_random_uuid()"));
  EXPECT_FALSE(pg::portable_default("(a + 1)"));

  EXPECT_EQ(pg::requote_identifiers("[Discount]>=(0) AND `x``y` < 1 AND \"z\" = 'it''s [x]'"),
            "\"Discount\">=(0) AND \"x`y\" < 1 AND \"z\" = 'it''s [x]'");
}

TEST(PostgresCopyText, EscapesAndSplitsRoundTrip) {
  const std::vector<std::string> values = {"plain", "tab\there", "new\nline", "back\\slash",
                                           "cr\rx", "",          "\\N",       "ünïcødé 表"};
  std::string row;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) row += '\t';
    pg::append_copy_escaped(row, values[i]);
  }
  row += "\t\\N\n";
  std::vector<std::string_view> fields;
  std::vector<bool> nulls;
  std::vector<std::string> scratch;
  pg::split_copy_row(row, fields, nulls, scratch);
  ASSERT_EQ(fields.size(), values.size() + 1);
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_FALSE(nulls[i]) << i;
    EXPECT_EQ(std::string(fields[i]), values[i]) << i;
  }
  EXPECT_TRUE(nulls.back());

  // Escapes PostgreSQL may send: octal and hex bytes.
  pg::split_copy_row("a\\101\\x42\\\\", fields, nulls, scratch);
  EXPECT_EQ(std::string(fields[0]), "aAB\\");

  std::string bytea;
  pg::append_copy_bytea(bytea, std::string("\x00\xff\n", 3));
  EXPECT_EQ(bytea, "\\\\x00ff0a");
  EXPECT_EQ(pg::decode_bytea_hex("\\x00ff0a"), std::string("\x00\xff\n", 3));
  EXPECT_FALSE(pg::decode_bytea_hex("abc"));
}

TEST(PostgresCopyText, IsoTemporalValuesRoundTrip) {
  for (const char* text : {"2024-02-29", "1970-01-01", "0001-01-01", "0044-03-15 BC"}) {
    auto days = pg::parse_iso_temporal(text, DataType::Date);
    ASSERT_TRUE(days) << text;
    EXPECT_EQ(pg::format_iso_temporal(*days, DataType::Date), text);
  }
  for (const char* text :
       {"2024-02-29 13:45:00", "1969-12-31 23:59:59.500000", "2000-01-01 00:00:00.000001"}) {
    auto micros = pg::parse_iso_temporal(text, DataType::DateTime);
    ASSERT_TRUE(micros) << text;
    EXPECT_EQ(pg::format_iso_temporal(*micros, DataType::DateTime), text);
  }
  // PostgreSQL trims fractions and adds the zone of timestamptz (UTC in our sessions).
  EXPECT_EQ(pg::parse_iso_temporal("2024-01-01 10:00:00.5+00", DataType::DateTime),
            pg::parse_iso_temporal("2024-01-01 10:00:00.500000", DataType::DateTime));
  EXPECT_EQ(pg::parse_iso_temporal("2024-01-01 12:00:00+02", DataType::DateTime),
            pg::parse_iso_temporal("2024-01-01 10:00:00", DataType::DateTime));
  EXPECT_EQ(pg::parse_iso_temporal("13:45:00.25", DataType::Time), int64_t{49500250000});
  EXPECT_EQ(pg::format_iso_temporal(49500250000, DataType::Time), "13:45:00.250000");
  EXPECT_FALSE(pg::parse_iso_temporal("2024-01-01 10:00:00", DataType::Date));
  EXPECT_FALSE(pg::parse_iso_temporal("infinity", DataType::Date));
  EXPECT_FALSE(pg::parse_iso_temporal("2023-02-29", DataType::Date));
}

// ---- against the server ----

class Postgres : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = server_url();
    if (url_.empty()) {
      if (servers_required())
        FAIL() << "RELSYNTH_TEST_POSTGRES_URL is not set but RELSYNTH_TEST_SERVERS_REQUIRED=1";
      GTEST_SKIP() << "no PostgreSQL server: set RELSYNTH_TEST_POSTGRES_URL (see "
                      "scripts/with-test-servers.sh)";
    }
    conn_ = std::make_unique<pg::Connection>(pg::parse_url(url_));
  }

  void TearDown() override {
    if (!conn_) return;
    for (const std::string& schema : schemas_) {
      try {
        conn_->exec("DROP SCHEMA IF EXISTS " + pg::quote_identifier(schema) + " CASCADE");
      } catch (const std::exception&) {
      }
    }
    for (const std::string& role : roles_) {
      try {
        conn_->exec("DROP OWNED BY " + pg::quote_identifier(role) + "; DROP ROLE IF EXISTS " +
                    pg::quote_identifier(role));
      } catch (const std::exception&) {
      }
    }
  }

  // A fresh schema name, dropped after the test.
  std::string schema(const std::string& stem) {
    schemas_.push_back(unique_name(stem));
    return schemas_.back();
  }
  std::string url(const std::string& schema) const { return with_schema(url_, schema); }

  void exec(const std::string& sql) { conn_->exec(sql); }
  int64_t query_int(const std::string& sql) { return conn_->query(sql).integer(0, 0); }
  bool schema_exists(const std::string& name) {
    return query_int("SELECT count(*) FROM pg_namespace WHERE nspname = " +
                     pg::quote_literal(name)) > 0;
  }
  // Foreign keys declared in a schema.
  int64_t declared_foreign_keys(const std::string& schema) {
    return query_int(
        "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE c.contype = 'f' AND n.nspname = " +
        pg::quote_literal(schema));
  }
  // Child rows whose (fully non-NULL) foreign key matches no parent row.
  int64_t orphans(const std::string& schema, const Metadata& metadata) {
    int64_t total = 0;
    for (const TableMeta& table : metadata.tables) {
      for (const ForeignKey& fk : table.foreign_keys) {
        std::string join, not_null;
        for (size_t i = 0; i < fk.columns.size(); ++i) {
          if (i) join += " AND ", not_null += " AND ";
          join += "c." + pg::quote_identifier(fk.columns[i]) + " = p." +
                  pg::quote_identifier(fk.parent_columns[i]);
          not_null += "c." + pg::quote_identifier(fk.columns[i]) + " IS NOT NULL";
        }
        total += query_int("SELECT count(*) FROM " + pg::qualified(schema, table.name) +
                           " c WHERE " + not_null + " AND NOT EXISTS (SELECT 1 FROM " +
                           pg::qualified(schema, fk.parent_table) + " p WHERE " + join + ")");
      }
    }
    return total;
  }
  // A login role without any privilege, dropped after the test.
  std::string role(const std::string& stem, const std::string& password) {
    roles_.push_back(unique_name(stem));
    exec("CREATE ROLE " + pg::quote_identifier(roles_.back()) + " LOGIN PASSWORD " +
         pg::quote_literal(password));
    return roles_.back();
  }
  std::string url_for(const std::string& user, const std::string& password,
                      const std::string& schema) const {
    const pg::Url base = pg::parse_url(url_);
    return "postgresql://" + user + ":" + password + "@" + base.host + ":" + base.port + "/" +
           base.database + "?schema=" + schema;
  }

  std::string url_;
  std::unique_ptr<pg::Connection> conn_;
  std::vector<std::string> schemas_, roles_;
};

std::set<std::string> keys_of(const Metadata& metadata) {
  std::set<std::string> keys;
  auto list = [](const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += item + ",";
    return out;
  };
  for (const TableMeta& table : metadata.tables) {
    keys.insert("pk " + table.name + "(" + list(table.primary_key) + ")");
    for (const ForeignKey& fk : table.foreign_keys)
      keys.insert("fk " + table.name + "(" + list(fk.columns) + ")->" + fk.parent_table + "(" +
                  list(fk.parent_columns) + ")");
  }
  return keys;
}

void expect_equal_databases(const Database& expected, const Database& actual) {
  ASSERT_EQ(expected.tables().size(), actual.tables().size());
  for (const Table& table : expected.tables()) {
    const Table* other = actual.find_table(table.name());
    ASSERT_NE(other, nullptr) << table.name();
    ASSERT_EQ(table.num_columns(), other->num_columns()) << table.name();
    EXPECT_EQ(table.num_rows(), other->num_rows()) << table.name();
    for (size_t c = 0; c < table.num_columns(); ++c) {
      const Column& a = table.column(c);
      const Column& b = other->column(c);
      if (a == b) continue;
      ADD_FAILURE() << table.name() << "." << a.name() << " differs";
      for (size_t r = 0; r < std::min(a.size(), b.size()); ++r) {
        if (a.is_null(r) != b.is_null(r) || (!a.is_null(r) && a.text_at(r) != b.text_at(r))) {
          ADD_FAILURE() << "  first at row " << r << ": " << (a.is_null(r) ? "NULL" : a.text_at(r))
                        << " vs " << (b.is_null(r) ? "NULL" : b.text_at(r));
          break;
        }
      }
    }
  }
}

// The declared type of every column of a schema: "table.column" -> format_type.
std::map<std::string, std::string> column_types(pg::Connection& conn, const std::string& schema) {
  pg::Result result = conn.query(
      "SELECT c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod) "
      "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped",
      {schema});
  std::map<std::string, std::string> types;
  for (int i = 0; i < result.rows(); ++i) types[result.text(i, 0)] = result.text(i, 1);
  return types;
}

TEST_F(Postgres, SharedDatasetsLoadAndReadBackIdentical) {
  // Chinook and Northwind have no orphan foreign keys, so they load with every FK declared.
  for (const std::string name : {"chinook", "northwind"}) {
    SCOPED_TRACE(name);
    auto sqlite = open_source(shared_dataset(name));
    const Metadata metadata = sqlite->describe();
    const Database data = read_database(*sqlite, metadata);

    const std::string target = schema(name);
    {
      auto destination = open_destination(url(target));
      write_database(*destination, metadata, data);
    }
    // Read back with the SQLite metadata: the very same values, types and formats.
    auto postgres = open_source(url(target));
    expect_equal_databases(data, read_database(*postgres, metadata));

    // PostgreSQL's own description finds the same keys, and every FK is declared.
    const Metadata described = postgres->describe();
    EXPECT_EQ(keys_of(described), keys_of(metadata));
    size_t foreign_keys = 0;
    for (const TableMeta& table : metadata.tables) foreign_keys += table.foreign_keys.size();
    EXPECT_EQ(declared_foreign_keys(target), static_cast<int64_t>(foreign_keys));
    for (const TableMeta& table : described.tables)
      EXPECT_EQ(table.row_count, metadata.find_table(table.name)->row_count) << table.name;

    // And PostgreSQL to PostgreSQL: types are kept verbatim, values identical.
    const Database again = read_database(*postgres, described);
    const std::string copy = schema(name + "_copy");
    {
      auto destination = open_destination(url(copy));
      write_database(*destination, described, again);
    }
    auto copied = open_source(url(copy));
    expect_equal_databases(again, read_database(*copied, described));
    EXPECT_EQ(column_types(*conn_, copy), column_types(*conn_, target));
  }
}

TEST_F(Postgres, SqliteTypesAreMappedToPostgresTypes) {
  auto sqlite = open_source(shared_dataset("chinook"));
  const Metadata metadata = sqlite->describe();
  const std::string target = schema("chinook_types");
  {
    auto destination = open_destination(url(target));
    write_database(*destination, metadata, read_database(*sqlite, metadata));
  }
  const auto types = column_types(*conn_, target);
  EXPECT_EQ(types.at("Customer.FirstName"), "character varying(40)");  // NVARCHAR(40)
  EXPECT_EQ(types.at("Customer.CustomerId"), "bigint");                // INTEGER
  EXPECT_EQ(types.at("Invoice.Total"), "numeric(10,2)");               // NUMERIC(10,2)
  EXPECT_EQ(types.at("Invoice.InvoiceDate"), "timestamp without time zone");
  EXPECT_EQ(types.at("Track.Milliseconds"), "bigint");

  // A date-time text layout PostgreSQL does not stand for stays text, in its layout.
  Metadata odd;
  odd.tables.push_back(TableMeta{});
  odd.tables[0].name = "events";
  ColumnMeta when;
  when.name = "when";
  when.type = DataType::DateTime;
  when.sql_type = "DATETIME";
  when.format = "%d/%m/%Y %H:%M";
  ColumnMeta price;
  price.name = "price";
  price.type = DataType::Decimal;
  price.sql_type = "DECIMAL(5,2)";
  odd.tables[0].columns = {when, price};
  Database rows;
  Table events("events");
  events.add_column(Column("when", DataType::DateTime, when.format));
  events.add_column(Column("price", DataType::Decimal));
  events.column(0).append_int(*parse_temporal("31/12/2023 23:59", DataType::DateTime, when.format));
  events.column(1).append_string("12.50");
  rows.add_table(events);
  const std::string second = schema("odd_types");
  {
    auto destination = open_destination(url(second));
    write_database(*destination, odd, rows);
  }
  const auto odd_types = column_types(*conn_, second);
  EXPECT_EQ(odd_types.at("events.when"), "text");
  EXPECT_EQ(odd_types.at("events.price"), "numeric(5,2)");
  EXPECT_EQ(query_int("SELECT count(*) FROM " + pg::qualified(second, "events") +
                      " WHERE \"when\" = '31/12/2023 23:59' AND price = 12.50"),
            1);
  auto back = open_source(url(second));
  expect_equal_databases(rows, read_database(*back, odd));
}

TEST_F(Postgres, InspectFindsTheKeysAndTypes) {
  auto sqlite = open_source(shared_dataset("chinook"));
  const Metadata metadata = sqlite->describe();
  const std::string target = schema("inspect");
  {
    auto destination = open_destination(url(target));
    write_database(*destination, metadata, read_database(*sqlite, metadata));
  }
  TempDir dir;
  std::string output;
  ASSERT_EQ(
      run_command(kCli + " -q inspect " + shell_quote(url(target)) + " -o " + dir.file("pg.json"),
                  &output),
      0)
      << output;
  ASSERT_EQ(run_command(kCli + " -q inspect " + shared_dataset("chinook") + " -o " +
                            dir.file("sqlite.json"),
                        &output),
            0)
      << output;
  const Metadata from_postgres = load_metadata(dir.file("pg.json"));
  const Metadata from_sqlite = load_metadata(dir.file("sqlite.json"));
  EXPECT_EQ(keys_of(from_postgres), keys_of(from_sqlite));
  EXPECT_EQ(from_postgres.sql_dialect, "postgresql");
  const TableMeta& invoice = from_postgres.table("Invoice");
  EXPECT_EQ(invoice.find_column("InvoiceDate")->type, DataType::DateTime);
  EXPECT_EQ(invoice.find_column("InvoiceDate")->sql_type, "timestamp without time zone");
  EXPECT_EQ(invoice.find_column("Total")->type, DataType::Decimal);
  EXPECT_EQ(invoice.find_column("Total")->sql_type, "numeric(10,2)");
  EXPECT_EQ(invoice.find_column("BillingCity")->sql_type, "character varying(40)");
  EXPECT_EQ(from_postgres.table("Customer").find_column("Email")->sdtype, SDType::Email);
  for (const TableMeta& table : from_postgres.tables) {
    const TableMeta* other = from_sqlite.find_table(table.name);
    ASSERT_NE(other, nullptr) << table.name;
    EXPECT_EQ(table.row_count, other->row_count) << table.name;
  }
  // The password is not stored in the metadata.
  std::ifstream in(dir.file("pg.json"));
  std::stringstream text;
  text << in.rdbuf();
  const pg::Url parsed = pg::parse_url(url_);
  if (!parsed.password.empty()) {
    EXPECT_EQ(text.str().find(parsed.password), std::string::npos);
  }
}

TEST_F(Postgres, SynthBetweenSchemasDeclaresForeignKeysAndKeepsIntegrity) {
  auto sqlite = open_source(shared_dataset("northwind"));
  const Metadata metadata = sqlite->describe();
  const std::string real = schema("real");
  {
    auto destination = open_destination(url(real));
    write_database(*destination, metadata, read_database(*sqlite, metadata));
  }
  const std::string twin = schema("twin");
  std::string output;
  ASSERT_EQ(
      run_command(kCli + " -q synth " + shell_quote(url(real)) + " --to " + shell_quote(url(twin)),
                  &output),
      0)
      << output;
  size_t foreign_keys = 0;
  for (const TableMeta& table : metadata.tables) foreign_keys += table.foreign_keys.size();
  EXPECT_EQ(declared_foreign_keys(twin), static_cast<int64_t>(foreign_keys));
  EXPECT_EQ(orphans(twin, metadata), 0);
  EXPECT_GT(query_int("SELECT count(*) FROM " + pg::qualified(twin, "Order Details")), 0);
  // Types come across verbatim from PostgreSQL to PostgreSQL.
  EXPECT_EQ(column_types(*conn_, twin), column_types(*conn_, real));

  TempDir dir;
  ASSERT_EQ(
      run_command(kCli + " -q report --real " + shell_quote(url(real)) + " --synthetic " +
                      shell_quote(url(twin)) + " --no-detection --json " + dir.file("report.json"),
                  &output),
      0)
      << output;
  std::ifstream in(dir.file("report.json"));
  const nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["summary"]["integrity_violations"].get<int64_t>(), 0);

  // Without --overwrite an existing schema is refused; with it, it is replaced.
  EXPECT_EQ(
      run_command(kCli + " -q synth " + shell_quote(url(real)) + " --to " + shell_quote(url(twin)),
                  &output),
      2);
  EXPECT_NE(output.find("--overwrite"), std::string::npos) << output;
  EXPECT_EQ(run_command(kCli + " -q synth " + shell_quote(url(real)) + " --to " +
                            shell_quote(url(twin)) + " --overwrite --seed 7",
                        &output),
            0)
      << output;
  EXPECT_EQ(orphans(twin, metadata), 0);
}

TEST_F(Postgres, CrossEngineSynthesis) {
  TempDir dir;
  std::string output;
  // SQLite -> PostgreSQL.
  const std::string target = schema("from_sqlite");
  ASSERT_EQ(run_command(kCli + " -q synth " + shared_dataset("chinook") + " --to " +
                            shell_quote(url(target)),
                        &output),
            0)
      << output;
  auto sqlite = open_source(shared_dataset("chinook"));
  const Metadata metadata = sqlite->describe();
  EXPECT_EQ(orphans(target, metadata), 0);
  EXPECT_EQ(declared_foreign_keys(target), 11);
  EXPECT_GT(query_int("SELECT count(*) FROM " + pg::qualified(target, "InvoiceLine")), 1000);

  // PostgreSQL -> SQLite.
  const std::string file = dir.file("twin.sqlite");
  ASSERT_EQ(run_command(kCli + " -q synth " + shell_quote(url(target)) + " --to " + file, &output),
            0)
      << output;
  EXPECT_EQ(testing::foreign_key_violations(file), 0);
  EXPECT_GT(testing::query_int(file, "SELECT count(*) FROM InvoiceLine"), 1000);
  auto back = open_source(file);
  EXPECT_EQ(keys_of(back->describe()), keys_of(metadata));
}

TEST_F(Postgres, UnreachableServerIsAClearError) {
  const pg::Url base = pg::parse_url(url_);
  // Port 1 on loopback: nothing listens there.
  const std::string dead = "postgresql://relsynth:topsecret1@127.0.0.1:1/" + base.database;
  try {
    open_source(dead);
    FAIL() << "connected to port 1";
  } catch (const IoError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot connect to PostgreSQL at 127.0.0.1:1"), std::string::npos)
        << message;
    EXPECT_EQ(message.find("topsecret1"), std::string::npos) << message;
  }
  std::string output;
  EXPECT_EQ(run_command(kCli + " inspect " + shell_quote(dead), &output), 4);
  EXPECT_NE(output.find("cannot connect to PostgreSQL at 127.0.0.1:1"), std::string::npos)
      << output;
  EXPECT_EQ(output.find("topsecret1"), std::string::npos) << output;

  // A database that does not exist.
  const std::string missing = "postgresql://" + base.user + ":" + base.password + "@" + base.host +
                              ":" + base.port + "/no_such_db_" + std::to_string(::getpid());
  try {
    open_source(missing);
    FAIL() << "connected to a missing database";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
  // A schema that does not exist.
  try {
    open_source(url("no_such_schema"));
    FAIL() << "read a missing schema";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("schema \"no_such_schema\" does not exist"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(Postgres, WrongPasswordSaysAuthenticationFailedWithoutThePassword) {
  const pg::Url base = pg::parse_url(url_);
  const std::string password = "wrong-Pa55word-xyz";
  const std::string bad = "postgresql://" + base.user + ":" + password + "@" + base.host + ":" +
                          base.port + "/" + base.database + "?schema=public";
  try {
    open_source(bad);
    FAIL() << "a wrong password was accepted";
  } catch (const IoError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("authentication failed for user \"" + base.user + "\""),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find(password), std::string::npos) << message;
  }
  std::string output;
  EXPECT_EQ(run_command(kCli + " inspect " + shell_quote(bad), &output), 4);
  EXPECT_NE(output.find("authentication failed"), std::string::npos) << output;
  EXPECT_EQ(output.find(password), std::string::npos) << output;
  EXPECT_EQ(run_command(kCli + " synth " + shared_dataset("chinook") + " --to " + shell_quote(bad),
                        &output),
            4);
  EXPECT_NE(output.find("authentication failed"), std::string::npos) << output;
  EXPECT_EQ(output.find(password), std::string::npos) << output;

  // Without a password in the URL, PGPASSWORD is used: it connects, and finds the test
  // database's public schema empty (bad input, exit 3, not an I/O error).
  const std::string bare =
      "postgresql://" + base.user + "@" + base.host + ":" + base.port + "/" + base.database;
  EXPECT_EQ(run_command("PGPASSWORD=" + shell_quote(base.password) + " PGPASSFILE=/dev/null " +
                            kCli + " -q inspect " + shell_quote(bare) + " --json",
                        &output),
            3)
      << output;
  EXPECT_NE(output.find("the source has no tables"), std::string::npos) << output;
  EXPECT_EQ(run_command("env -u PGPASSWORD PGPASSFILE=/dev/null " + kCli + " -q inspect " +
                            shell_quote(bare),
                        &output),
            4);
  EXPECT_NE(output.find("no password given"), std::string::npos) << output;
}

// PostgreSQL would cut a 70-byte column name to 63 silently: refused before training instead.
TEST_F(Postgres, NamesLongerThanTheServerKeepsAreRefusedBeforeTraining) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("long"));
  const std::string column(70, 'x');
  std::ofstream csv(dir.file("long") + "/events.csv");
  csv << "id," << column << "\n";
  for (int i = 1; i <= 40; ++i) csv << i << "," << i % 7 << "\n";
  csv.close();
  const std::string target = schema("long_names");
  std::string output;
  EXPECT_EQ(
      run_command(kCli + " synth csv:" + dir.file("long") + " --to " + shell_quote(url(target)),
                  &output),
      3)
      << output;
  EXPECT_NE(output.find("at most 63 bytes"), std::string::npos) << output;
  EXPECT_NE(output.find(column), std::string::npos) << output;
  EXPECT_EQ(output.find("training"), std::string::npos) << output;
  EXPECT_FALSE(schema_exists(target));
}

TEST_F(Postgres, ReadOnlyRoleIsRefusedBeforeTraining) {
  const std::string password = "ro-secret-123";
  const std::string reader = role("reader", password);
  const pg::Url base = pg::parse_url(url_);
  exec("GRANT CONNECT ON DATABASE " + pg::quote_identifier(base.database) + " TO " +
       pg::quote_identifier(reader));
  const std::string target = schema("denied");
  std::string output;
  EXPECT_EQ(run_command(kCli + " synth " + shared_dataset("chinook") + " --to " +
                            shell_quote(url_for(reader, password, target)),
                        &output),
            4);
  EXPECT_NE(output.find("cannot write to"), std::string::npos) << output;
  EXPECT_NE(output.find("permission denied"), std::string::npos) << output;
  EXPECT_EQ(output.find("training"), std::string::npos) << output;  // before any work
  EXPECT_EQ(output.find(password), std::string::npos) << output;
  EXPECT_FALSE(schema_exists(target));

  // A role that may create schemas but whose sessions are read-only.
  const std::string frozen = role("frozen", password);
  exec("GRANT CREATE, CONNECT ON DATABASE " + pg::quote_identifier(base.database) + " TO " +
       pg::quote_identifier(frozen));
  exec("ALTER ROLE " + pg::quote_identifier(frozen) + " SET default_transaction_read_only = on");
  try {
    open_destination(url_for(frozen, password, target));
    FAIL() << "a read-only session was accepted as a destination";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("permission denied"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("read-only"), std::string::npos) << e.what();
  }
  exec("REVOKE ALL ON DATABASE " + pg::quote_identifier(base.database) + " FROM " +
       pg::quote_identifier(reader) + ", " + pg::quote_identifier(frozen));
}

// Two tables: `first` loads, `second` has a value its declared type rejects.
struct Halfway {
  Metadata metadata;
  Database data;
};

Halfway halfway_load(int64_t bad_value) {
  Halfway out;
  out.metadata.sql_dialect = "postgresql";
  for (const char* name : {"first", "second"}) {
    TableMeta table;
    table.name = name;
    ColumnMeta id;
    id.name = "id";
    id.type = DataType::Int64;
    id.sql_type = "bigint";
    id.nullable = false;
    ColumnMeta value;
    value.name = "value";
    value.type = DataType::Int64;
    value.sql_type = "integer";
    table.columns = {id, value};
    table.primary_key = {"id"};
    out.metadata.tables.push_back(table);
    Table rows(name);
    rows.add_column(Column("id", DataType::Int64));
    rows.add_column(Column("value", DataType::Int64));
    for (int64_t i = 0; i < 5; ++i) {
      rows.column(0).append_int(i);
      rows.column(1).append_int(std::string(name) == "second" && i == 3 ? bad_value : i);
    }
    out.data.add_table(rows);
  }
  return out;
}

TEST_F(Postgres, LoadFailingHalfwayLeavesNothingBehind) {
  const Halfway load = halfway_load(int64_t{1} << 40);  // out of range for integer, 4th row
  const std::string target = schema("halfway");
  auto destination = open_destination(url(target));
  try {
    write_database(*destination, load.metadata, load.data);
    FAIL() << "an out-of-range value was written";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("table \"second\", column \"value\", row 4"), std::string::npos)
        << message;
    EXPECT_NE(message.find("out of range"), std::string::npos) << message;
  }
  EXPECT_FALSE(schema_exists(target));

  // Replacing an existing schema that fails at commit (a foreign key that does not hold)
  // leaves the old one as it was.
  const Halfway good = halfway_load(3);
  {
    auto first = open_destination(url(target));
    write_database(*first, good.metadata, good.data);
  }
  Halfway orphaned = halfway_load(3);
  orphaned.metadata.tables[1].foreign_keys.push_back(
      {{"value"}, "first", {"id"}, "", "", "declared"});
  orphaned.data.table("second").column("value").set_int(4, 99);  // no such parent
  orphaned.data.table("first").column("value").set_int(0, 42);
  DestinationOptions overwrite;
  overwrite.overwrite = true;
  auto second = open_destination(url(target), overwrite);
  try {
    write_database(*second, orphaned.metadata, orphaned.data);
    FAIL() << "an orphan foreign key was committed";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("table \"second\""), std::string::npos) << message;
    EXPECT_NE(message.find("foreign key"), std::string::npos) << message;
  }
  EXPECT_EQ(query_int("SELECT value FROM " + pg::qualified(target, "first") + " WHERE id = 0"), 0);
  EXPECT_EQ(query_int("SELECT count(*) FROM " + pg::qualified(target, "second")), 5);
  EXPECT_EQ(declared_foreign_keys(target), 0);

  // A NOT NULL violation names the column and row too.
  Halfway nulls = halfway_load(3);
  nulls.metadata.tables[0].columns[1].nullable = false;
  nulls.data.table("first").column("value").set_null(2);
  const std::string third = schema("nulls");
  auto destination3 = open_destination(url(third));
  try {
    write_database(*destination3, nulls.metadata, nulls.data);
    FAIL() << "a NULL went into a NOT NULL column";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("table \"first\", column \"value\", row 3"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(schema_exists(third));
}

TEST_F(Postgres, ExistingSchemaIsRefusedWithoutOverwrite) {
  const std::string target = schema("existing");
  exec("CREATE SCHEMA " + pg::quote_identifier(target) + "; CREATE TABLE " +
       pg::qualified(target, "keep me") + " (x int); INSERT INTO " +
       pg::qualified(target, "keep me") + " VALUES (1)");
  try {
    open_destination(url(target));
    FAIL() << "a non-empty schema was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--overwrite"), std::string::npos) << e.what();
  }
  std::string output;
  EXPECT_EQ(run_command(
                kCli + " synth " + shared_dataset("chinook") + " --to " + shell_quote(url(target)),
                &output),
            2);
  EXPECT_EQ(output.find("training"), std::string::npos) << output;  // refused before training
  EXPECT_EQ(query_int("SELECT x FROM " + pg::qualified(target, "keep me")), 1);

  // An empty schema is used as it is (its grants stay).
  const std::string empty = schema("empty");
  exec("CREATE SCHEMA " + pg::quote_identifier(empty));
  const Halfway good = halfway_load(3);
  {
    auto destination = open_destination(url(empty));
    write_database(*destination, good.metadata, good.data);
  }
  EXPECT_EQ(query_int("SELECT count(*) FROM " + pg::qualified(empty, "second")), 5);
}

TEST_F(Postgres, QuotedNamesUnicodeNullsAndEveryKindOfKey) {
  const OddDatabase odd = odd_database();
  const std::string target = schema("odd \"schema\" ü");
  {
    auto destination = open_destination(url(target));
    write_database(*destination, odd.metadata, odd.data);
  }
  auto source = open_source(url(target));
  expect_equal_databases(odd.data, read_database(*source, odd.metadata));

  // The keys as declared: composite, self-referencing, a cycle.
  const Metadata described = source->describe();
  EXPECT_EQ(keys_of(described), keys_of(odd.metadata));
  const TableMeta& people = described.table("my \"people\" ñ");
  ASSERT_EQ(people.foreign_keys.size(), 1u);
  EXPECT_EQ(people.foreign_keys[0].on_delete, "SET NULL");
  EXPECT_EQ(people.checks, std::vector<std::string>{"visits >= 0"});  // GLOB was left out
  ASSERT_EQ(people.indexes.size(), 1u);
  EXPECT_EQ(people.indexes[0].name, "ix people seen");
  EXPECT_TRUE(described.table("宠物 table").find_column("id")->auto_increment);
  EXPECT_EQ(orphans(target, odd.metadata), 0);

  // Types as mapped, and the identity continues after the loaded keys.
  const auto types = column_types(*conn_, target);
  EXPECT_EQ(types.at("my \"people\" ñ.given name"), "character varying(12)");
  EXPECT_EQ(types.at("my \"people\" ñ.paid"), "numeric(8,2)");
  EXPECT_EQ(types.at("my \"people\" ñ.photo"), "bytea");
  EXPECT_EQ(types.at("my \"people\" ñ.woke"), "time without time zone");
  EXPECT_EQ(types.at("my \"people\" ñ.active"), "boolean");
  exec("INSERT INTO " + pg::qualified(target, "宠物 table") + " (\"owner given\") VALUES (NULL)");
  EXPECT_EQ(query_int("SELECT max(id) FROM " + pg::qualified(target, "宠物 table")), 5);

  // Values longer than varchar(n) widen the column (with a warning) instead of failing.
  OddDatabase longer = odd_database();
  Table& longer_people = longer.data.table("my \"people\" ñ");
  longer_people.column("given name").set_string(0, "a much longer given name");
  longer_people.column("boss given").set_string(1, "a much longer given name");  // its boss
  const std::string wide = schema("wide");
  {
    auto destination = open_destination(url(wide));
    write_database(*destination, longer.metadata, longer.data);
  }
  EXPECT_EQ(column_types(*conn_, wide).at("my \"people\" ñ.given name"), "character varying(24)");
  auto wide_source = open_source(url(wide));
  expect_equal_databases(longer.data, read_database(*wide_source, longer.metadata));
}

TEST_F(Postgres, TrainingSubsetRowsAreSelectedByTheServer) {
  const OddDatabase odd = odd_database();
  const std::string target = schema("selected");
  {
    auto destination = open_destination(url(target));
    write_database(*destination, odd.metadata, odd.data);
  }
  auto source = open_source(url(target));
  testing::expect_odd_selections_read_exactly(*source, odd);

  // Chinook (a composite key in PlaylistTrack): the two-pass read gives the subset that is
  // chosen from the whole database.
  auto sqlite = open_source(shared_dataset("chinook"));
  const Metadata sqlite_metadata = sqlite->describe();
  const std::string chinook = schema("chinook");
  {
    auto destination = open_destination(url(chinook));
    write_database(*destination, sqlite_metadata, read_database(*sqlite, sqlite_metadata));
  }
  auto server = open_source(url(chinook));
  const Metadata metadata = server->describe();
  testing::expect_same_subset(*server, metadata, read_database(*server, metadata), 3000, 5);
}

TEST_F(Postgres, DestinationWarningsAreSilencedByQuiet) {
  // A SQLite-only CHECK cannot be kept in PostgreSQL: the warning says so, unless -q.
  TempDir dir;
  const std::string file = dir.file("odd.sqlite");
  {
    auto destination = open_destination(file);
    const OddDatabase odd = odd_database();
    write_database(*destination, odd.metadata, odd.data);
  }
  std::string loud, quiet;
  ASSERT_EQ(
      run_command(kCli + " synth " + file + " --to " + shell_quote(url(schema("loud"))), &loud), 0)
      << loud;
  EXPECT_NE(loud.find("warning: table \"my \\\"people\\\" ñ\": CHECK (visits GLOB"),
            std::string::npos)
      << loud;
  ASSERT_EQ(run_command(kCli + " -q synth " + file + " --to " + shell_quote(url(schema("quiet"))),
                        &quiet),
            0)
      << quiet;
  EXPECT_EQ(quiet, "");
}

TEST_F(Postgres, PostgresTypesRoundTripVerbatim) {
  const std::string source_schema = schema("types");
  const std::string s = pg::quote_identifier(source_schema);
  exec("CREATE SCHEMA " + s + "; SET search_path = " + s +
       ";"
       "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
       "CREATE DOMAIN posint AS integer CHECK (VALUE > 0);"
       "CREATE TABLE t ("
       "  id serial PRIMARY KEY, m mood NOT NULL DEFAULT 'ok', u uuid, j jsonb, js json,"
       "  iv interval, arr integer[], ts timestamptz, t3 timestamp(3), d date, tm time,"
       "  n numeric(12,4) CHECK (n >= 0), f4 real, f8 double precision, b boolean, by bytea,"
       "  small smallint DEFAULT -1, p posint, st varchar(10) CHECK (st IN ('a', 'b')),"
       "  ch char(4), inf date, other_mood mood);"
       "CREATE UNIQUE INDEX t_u ON t (u);"
       "INSERT INTO t (m, u, j, js, iv, arr, ts, t3, d, tm, n, f4, f8, b, by, p, st, ch, inf) "
       "SELECT (ARRAY['sad','ok','happy'])[1 + i % 3]::mood, md5(i::text)::uuid,"
       "  jsonb_build_object('k', i, 'nested', jsonb_build_array(i, 'x')),"
       "  json_build_object('a', i % 3), make_interval(days => i, secs => i * 1.5),"
       "  ARRAY[i, NULL, i + 1], '2024-03-01 12:00:00+02'::timestamptz + i * interval '1.25 sec',"
       "  '2020-02-29 12:34:56.789'::timestamp + i * interval '1 day', DATE '1999-12-31' + i,"
       "  TIME '23:59:59.999999' - i * interval '1 minute', i * 1.2345, 1.0 / (i + 3),"
       "  1.0 / (i + 7), i % 2 = 0, decode(lpad(to_hex(i), 4, '0') || '005c', 'hex'), i,"
       "  (ARRAY['a','b'])[1 + i % 2], 'ab', CASE WHEN i = 5 THEN 'infinity'::date ELSE "
       "DATE '2000-01-01' END FROM generate_series(1, 40) i;"
       "INSERT INTO t (m, f8, n) VALUES ('happy', 'NaN', 'NaN'), ('sad', '-Infinity', 0);"
       "RESET search_path");
  auto source = open_source(url(source_schema));
  const Metadata metadata = source->describe();
  const TableMeta& t = metadata.table("t");
  EXPECT_EQ(t.find_column("m")->sql_type, "mood");
  EXPECT_EQ(t.find_column("m")->enum_values, (std::vector<std::string>{"sad", "ok", "happy"}));
  EXPECT_EQ(t.find_column("m")->default_value, "'ok'");
  EXPECT_EQ(t.find_column("small")->default_value, "-1");
  EXPECT_EQ(t.find_column("p")->sql_type, "integer");  // the domain's base type
  EXPECT_TRUE(t.find_column("id")->auto_increment);
  EXPECT_TRUE(t.find_column("u")->unique);  // a plain unique index is a unique constraint
  EXPECT_EQ(t.find_column("ts")->type, DataType::DateTime);
  EXPECT_EQ(t.find_column("tm")->type, DataType::Time);
  EXPECT_EQ(t.find_column("n")->type, DataType::Decimal);
  EXPECT_EQ(t.find_column("by")->type, DataType::Binary);
  EXPECT_EQ(t.find_column("inf")->type, DataType::String);  // 'infinity' is no relsynth date
  EXPECT_EQ(t.checks, (std::vector<std::string>{"n >= (0)", "(st) IN ('a', 'b')"}));
  const Database data = read_database(*source, metadata);
  EXPECT_EQ(data.table("t").num_rows(), 42u);
  EXPECT_EQ(data.table("t").column("by").string_at(0), std::string("\x00\x01\x00\\", 4));

  const std::string copy = schema("types_copy");
  {
    auto destination = open_destination(url(copy));
    write_database(*destination, metadata, data);
  }
  auto copied = open_source(url(copy));
  expect_equal_databases(data, read_database(*copied, metadata));
  auto types = column_types(*conn_, copy), original = column_types(*conn_, source_schema);
  EXPECT_EQ(types.at("t.m"), copy + ".mood");  // the enum type, in the new schema
  EXPECT_EQ(types.at("t.p"), "integer");       // the domain's base type
  for (const char* column : {"t.m", "t.other_mood", "t.p"}) {
    types.erase(column);
    original.erase(column);
  }
  EXPECT_EQ(types, original);
  const Metadata again = copied->describe();
  EXPECT_EQ(again.table("t").checks, t.checks);
  EXPECT_EQ(query_int("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = "
                      "t.typnamespace WHERE t.typtype = 'e' AND n.nspname = " +
                      pg::quote_literal(copy)),
            1);  // both enum columns share one type

  // Synthetic values that do not parse as a structured type (text made up for a jsonb
  // column) turn the column into text with a warning; an unknown enum label is added.
  Database synthetic = data;
  synthetic.table("t").column("j").set_string(0, "not json");
  synthetic.table("t").column("m").set_string(1, "_RARE_");
  const std::string loose = schema("types_loose");
  {
    auto destination = open_destination(url(loose));
    write_database(*destination, metadata, synthetic);
  }
  EXPECT_EQ(column_types(*conn_, loose).at("t.j"), "text");
  auto loose_source = open_source(url(loose));
  expect_equal_databases(synthetic, read_database(*loose_source, metadata));
}

}  // namespace
}  // namespace relsynth

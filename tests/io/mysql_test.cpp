// The MySQL/MariaDB connector against a real server (scripts/test-server-mariadb.sh, started by
// scripts/with-test-servers.sh): shared datasets loaded and read back equal, the CLI on MySQL
// URLs, cross-engine runs, odd names and native types, and the failures a user meets
// (unreachable server, wrong password, missing rights, a load failing halfway).
// Without RELSYNTH_TEST_MYSQL_URL the server tests are skipped (they fail instead when
// RELSYNTH_TEST_SERVERS_REQUIRED=1). Each test works in databases of its own.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "io/connectors.h"
#include "io/io_fixtures.h"
#include "io/mysql_common.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "relsynth/metadata.h"
#include "test_support.h"

namespace relsynth {
namespace {

using testing::odd_database;
using testing::OddDatabase;
using testing::row_set;
using testing::run_command;
using testing::servers_required;
using testing::shared_dataset;
using testing::shell_quote;
using testing::TempDir;
using testing::unique_name;

const std::string kCli = RELSYNTH_CLI_PATH;

std::string server_url() { return testing::server_url("RELSYNTH_TEST_MYSQL_URL"); }

// A TCP port of 127.0.0.1 on which nothing listens.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

struct Loaded {
  Metadata metadata;
  Database data;
};

Loaded read_all(const std::string& uri) {
  auto source = open_source(uri);
  Loaded loaded;
  loaded.metadata = source->describe();
  loaded.data = read_database(*source, loaded.metadata);
  return loaded;
}

void write_all(const std::string& uri, const Metadata& metadata, const Database& data,
               bool overwrite = false) {
  DestinationOptions options;
  options.overwrite = overwrite;
  auto destination = open_destination(uri, options);
  write_database(*destination, metadata, data);
}

using KeyTuple =
    std::tuple<std::string, std::vector<std::string>, std::string, std::vector<std::string>>;

std::set<KeyTuple> foreign_keys(const Metadata& metadata) {
  std::set<KeyTuple> out;
  for (const TableMeta& table : metadata.tables)
    for (const ForeignKey& key : table.foreign_keys)
      out.insert({table.name, key.columns, key.parent_table, key.parent_columns});
  return out;
}

std::map<std::string, std::vector<std::string>> primary_keys(const Metadata& metadata) {
  std::map<std::string, std::vector<std::string>> out;
  for (const TableMeta& table : metadata.tables) out[table.name] = table.primary_key;
  return out;
}

// Tables read from SQLite and from MySQL hold the same rows with compatible types.
void expect_same_database(const Loaded& expected, const Loaded& actual) {
  std::set<std::string> expected_names, actual_names;
  for (const TableMeta& table : expected.metadata.tables) expected_names.insert(table.name);
  for (const TableMeta& table : actual.metadata.tables) actual_names.insert(table.name);
  ASSERT_EQ(expected_names, actual_names);
  EXPECT_EQ(primary_keys(expected.metadata), primary_keys(actual.metadata));
  EXPECT_EQ(foreign_keys(expected.metadata), foreign_keys(actual.metadata));
  for (const TableMeta& meta : expected.metadata.tables) {
    SCOPED_TRACE("table " + meta.name);
    const Table& a = expected.data.table(meta.name);
    const Table& b = actual.data.table(meta.name);
    ASSERT_EQ(a.num_columns(), b.num_columns());
    for (size_t c = 0; c < a.num_columns(); ++c) {
      EXPECT_EQ(a.column(c).name(), b.column(c).name());
      const DataType x = a.column(c).type(), y = b.column(c).type();
      EXPECT_TRUE(x == y || (x == DataType::Float64 && y == DataType::Decimal))
          << a.column(c).name() << ": " << to_string(x) << " became " << to_string(y);
    }
    EXPECT_EQ(a.num_rows(), b.num_rows());
    EXPECT_EQ(row_set(a), row_set(b));
  }
}

// ---- no server needed ----

TEST(MysqlUrl, ParsesFormsAndMasksThePassword) {
  mysql::Url url = mysql::parse_url("mysql://bob:s%40cret@db.example.com:3307/sales");
  EXPECT_EQ(url.user, "bob");
  EXPECT_EQ(url.password, "s@cret");
  EXPECT_TRUE(url.has_password);
  EXPECT_EQ(url.host, "db.example.com");
  EXPECT_EQ(url.port, 3307u);
  EXPECT_EQ(url.database, "sales");
  EXPECT_EQ(url.display, "mysql://bob:***@db.example.com:3307/sales");
  EXPECT_EQ(url.endpoint(), "db.example.com:3307");

  url = mysql::parse_url("mariadb://alice@[::1]/my%20db?socket=/tmp/x.sock&connect-timeout=3");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, 3306u);
  EXPECT_EQ(url.database, "my db");
  EXPECT_EQ(url.socket, "/tmp/x.sock");
  EXPECT_EQ(url.connect_timeout, 3u);

  const char* saved = std::getenv("MYSQL_PWD");
  const std::string saved_value = saved ? saved : "";
  ::setenv("MYSQL_PWD", "from-env", 1);
  url = mysql::parse_url("mysql://alice@localhost/db");
  EXPECT_EQ(url.password, "from-env");
  EXPECT_EQ(url.display, "mysql://alice@localhost/db");  // nothing to mask, nothing shown
  url = mysql::parse_url("mysql://alice:in-url@localhost/db");
  EXPECT_EQ(url.password, "in-url");  // the URL wins
  if (saved)
    ::setenv("MYSQL_PWD", saved_value.c_str(), 1);
  else
    ::unsetenv("MYSQL_PWD");

  for (const std::string bad : {"mysql://u:topsecret@host/", "mysql://u:topsecret@host:99999/d",
                                "mysql://u:topsecret@host/d?bogus=1", "mysql:/u@h/d"}) {
    try {
      mysql::parse_url(bad);
      ADD_FAILURE() << bad << " parsed";
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()).find("topsecret"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(mysql::mask_password("mysql://u:p@ss:w@h:1/d"), "mysql://u:***@h:1/d");
  EXPECT_EQ(mysql::quote_identifier("we`ird"), "`we``ird`");
}

TEST(MysqlUrl, RecognisesMysqlColumnTypes) {
  for (const char* type : {"int(11)", "bigint(20) unsigned", "varchar(40)", "decimal(10,2)",
                           "enum('a','b''c')", "datetime(3)", "tinyint(1)", "longtext", "int",
                           "set('x','y')", "double", "year(4)", "bit(1)", "json"})
    EXPECT_TRUE(mysql::is_mysql_column_type(type)) << type;
  for (const char* type :
       {"INTEGER", "NVARCHAR(40)", "integer", "character varying(40)", "numeric(5,2)",
        "timestamp without time zone", "DECIMAL(5,2)", "varchar", "boolean", ""})
    EXPECT_FALSE(mysql::is_mysql_column_type(type)) << type;
}

TEST(MysqlErrors, UnreachableServerIsAClearErrorWithoutThePassword) {
  const int port = closed_port();
  const std::string url =
      "mysql://someone:Unreachable-Secret-1@127.0.0.1:" + std::to_string(port) + "/db";
  try {
    open_source(url);
    FAIL() << "connected to a closed port";
  } catch (const IoError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot connect to MySQL/MariaDB at 127.0.0.1:" + std::to_string(port)),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find("Unreachable-Secret-1"), std::string::npos) << message;
    EXPECT_NE(message.find("someone:***@"), std::string::npos) << message;
  }
  EXPECT_THROW(open_destination(url), IoError);
  std::string output;
  EXPECT_EQ(run_command(kCli + " inspect " + shell_quote(url), &output), 4) << output;
  EXPECT_EQ(output.find("Unreachable-Secret-1"), std::string::npos) << output;
}

// ---- against the test server ----

class MysqlServer : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = server_url();
    if (url_.empty()) {
      if (servers_required())
        FAIL() << "RELSYNTH_TEST_MYSQL_URL is not set but RELSYNTH_TEST_SERVERS_REQUIRED=1";
      GTEST_SKIP() << "RELSYNTH_TEST_MYSQL_URL is not set (run under scripts/with-test-servers.sh)";
    }
    parsed_ = mysql::parse_url(url_);
    admin_ = std::make_unique<mysql::Connection>(parsed_, "");
  }

  void TearDown() override {
    if (!admin_) return;
    admin_->try_exec("SET SESSION foreign_key_checks = 0");
    for (const std::string& database : databases_)
      admin_->try_exec("DROP DATABASE IF EXISTS " + mysql::quote_identifier(database));
    for (const std::string& user : users_) {
      admin_->try_exec("DROP USER IF EXISTS '" + user + "'@'127.0.0.1'");
      admin_->try_exec("DROP USER IF EXISTS '" + user + "'@'localhost'");
    }
  }

  // A database name of this test's own, dropped at the end (not created).
  std::string database(const std::string& stem) {
    databases_.push_back(unique_name("rs_" + stem));
    return databases_.back();
  }

  // The server URL pointing at another database (and optionally another user/password).
  std::string url_for(const std::string& database, const std::string& user = {},
                      const std::string& password = {}) const {
    std::string head = url_.substr(0, url_.rfind('/'));
    if (!user.empty()) {
      const size_t at = head.rfind('@');
      head = "mysql://" + user + (password.empty() ? "" : ":" + password) + head.substr(at);
    }
    return head + "/" + database;
  }

  std::string password() const { return parsed_.password; }

  // A user of this test's own with a password, dropped at the end.
  std::string user(const std::string& stem, const std::string& password, const std::string& grant) {
    users_.push_back(unique_name(stem));
    const std::string& name = users_.back();
    for (const char* host : {"127.0.0.1", "localhost"}) {
      admin_->exec("CREATE USER '" + name + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
      admin_->exec("GRANT " + grant + " TO '" + name + "'@'" + host + "'");
    }
    return name;
  }

  bool database_exists(const std::string& name) {
    return !admin_
                ->query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
                        admin_->literal(name))
                .empty();
  }

  std::vector<std::string> tables_in(const std::string& name) {
    std::vector<std::string> out;
    for (const mysql::Row& row :
         admin_->query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                       admin_->literal(name) + " ORDER BY TABLE_NAME"))
      out.push_back(row[0].value_or(""));
    return out;
  }

  // Anything a relsynth load may leave in this test's databases: staging or swapped-out
  // tables, staging databases. (Other tests may be loading at the same time.)
  int64_t leftovers() {
    int64_t total = 0;
    for (const std::string& name : databases_) {
      total += count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                     admin_->literal(name) + " AND TABLE_NAME LIKE '\\_\\_relsynth\\_%'");
      total += count("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME <> " +
                     admin_->literal(name) + " AND SCHEMA_NAME LIKE CONCAT(" +
                     admin_->literal(name) + ", '%relsynth%')");
    }
    return total;
  }

  int64_t count(const std::string& sql) {
    return std::stoll(admin_->query_value(sql).value_or("0"));
  }

  // Rows breaking each declared foreign key of `database`, counted by the server.
  int64_t orphans(const std::string& database, const Metadata& metadata) {
    int64_t total = 0;
    for (const TableMeta& table : metadata.tables)
      for (const ForeignKey& key : table.foreign_keys) {
        std::string where, match;
        for (size_t k = 0; k < key.columns.size(); ++k) {
          const std::string child = "c." + mysql::quote_identifier(key.columns[k]);
          where += (k ? " AND " : "") + child + " IS NOT NULL";
          match += (k ? " AND " : "") + std::string("p.") +
                   mysql::quote_identifier(key.parent_columns[k]) + " = " + child;
        }
        total += count("SELECT COUNT(*) FROM " + mysql::qualified(database, table.name) +
                       " c WHERE " + where + " AND NOT EXISTS (SELECT 1 FROM " +
                       mysql::qualified(database, key.parent_table) + " p WHERE " + match + ")");
      }
    return total;
  }

  std::string url_;
  mysql::Url parsed_;
  std::unique_ptr<mysql::Connection> admin_;
  std::vector<std::string> databases_, users_;
};

TEST_F(MysqlServer, SharedDatasetsLoadAndReadBackEqual) {
  for (const std::string name : {"chinook", "northwind"}) {
    SCOPED_TRACE(name);
    const Loaded source = read_all(shared_dataset(name));
    const std::string db = database(name);
    write_all(url_for(db), source.metadata, source.data);
    const Loaded back = read_all(url_for(db));
    expect_same_database(source, back);
    // Every foreign key is declared on the server, and holds.
    EXPECT_EQ(count("SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE "
                    "CONSTRAINT_SCHEMA = " +
                    admin_->literal(db)),
              static_cast<int64_t>(foreign_keys(source.metadata).size()));
    EXPECT_EQ(orphans(db, back.metadata), 0);
    // Row counts come from the server.
    for (const TableMeta& table : back.metadata.tables)
      EXPECT_EQ(table.row_count, static_cast<int64_t>(source.data.table(table.name).num_rows()));
  }
  EXPECT_EQ(leftovers(), 0);
}

TEST_F(MysqlServer, InspectFindsDeclaredKeysAndTypes) {
  const Loaded source = read_all(shared_dataset("chinook"));
  const std::string db = database("inspect");
  write_all(url_for(db), source.metadata, source.data);

  TempDir dir;
  std::string output;
  ASSERT_EQ(run_command(
                kCli + " inspect --json " + shell_quote(url_for(db)) + " -o " + dir.file("m.json"),
                &output),
            0)
      << output;
  const Metadata inspected = load_metadata(dir.file("m.json"));
  EXPECT_EQ(primary_keys(inspected), primary_keys(source.metadata));
  EXPECT_EQ(foreign_keys(inspected), foreign_keys(source.metadata));
  const TableMeta& album = inspected.table("Album");
  EXPECT_EQ(album.find_column("Title")->sql_type, "varchar(160)");
  EXPECT_FALSE(album.find_column("Title")->nullable);
  const TableMeta& invoice = inspected.table("Invoice");
  EXPECT_EQ(invoice.find_column("Total")->sql_type, "decimal(10,2)");
  EXPECT_EQ(invoice.find_column("Total")->type, DataType::Decimal);
  EXPECT_EQ(invoice.find_column("InvoiceDate")->type, DataType::DateTime);
  EXPECT_EQ(invoice.find_column("InvoiceDate")->sql_type, "datetime");
  EXPECT_EQ(inspected.table("Customer").find_column("Email")->sdtype, SDType::Email);
  EXPECT_EQ(inspected.table("Employee").find_column("ReportsTo")->sdtype, SDType::Id);
  // The human report of the same source works too.
  ASSERT_EQ(run_command(kCli + " inspect " + shell_quote(url_for(db)), &output), 0) << output;
  EXPECT_NE(output.find("InvoiceLine"), std::string::npos) << output;
}

TEST_F(MysqlServer, SynthBetweenDatabasesDeclaresAndKeepsForeignKeys) {
  const Loaded source = read_all(shared_dataset("northwind"));
  const std::string real = database("synth_real"), synthetic = database("synth_twin");
  write_all(url_for(real), source.metadata, source.data);

  std::string output;
  ASSERT_EQ(run_command(kCli + " -q synth " + shell_quote(url_for(real)) + " --to " +
                            shell_quote(url_for(synthetic)) + " --seed 3",
                        &output),
            0)
      << output;
  const Loaded twin = read_all(url_for(synthetic));
  EXPECT_EQ(foreign_keys(twin.metadata), foreign_keys(source.metadata));
  EXPECT_EQ(primary_keys(twin.metadata), primary_keys(source.metadata));
  EXPECT_EQ(count("SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE "
                  "CONSTRAINT_SCHEMA = " +
                  admin_->literal(synthetic)),
            13);
  EXPECT_EQ(orphans(synthetic, twin.metadata), 0);
  EXPECT_GT(twin.data.table("Orders").num_rows(), 100u);
  // Declared types follow the real database's.
  EXPECT_EQ(twin.metadata.table("Orders").find_column("OrderDate")->sql_type, "datetime(3)");

  TempDir dir;
  ASSERT_EQ(run_command(kCli + " -q report --real " + shell_quote(url_for(real)) + " --synthetic " +
                            shell_quote(url_for(synthetic)) + " --json " + dir.file("report.json") +
                            " --no-detection --no-privacy",
                        &output),
            0)
      << output;
  std::ifstream in(dir.file("report.json"));
  const nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["summary"]["integrity_violations"].get<int64_t>(), 0);
  EXPECT_EQ(leftovers(), 0);
}

TEST_F(MysqlServer, CrossEngineBothWays) {
  TempDir dir;
  std::string output;
  // SQLite -> MySQL.
  const std::string from_sqlite = database("from_sqlite");
  ASSERT_EQ(run_command(kCli + " -q synth " + shared_dataset("chinook") + " --to " +
                            shell_quote(url_for(from_sqlite)),
                        &output),
            0)
      << output;
  EXPECT_EQ(tables_in(from_sqlite).size(), 11u);
  const Loaded twin = read_all(url_for(from_sqlite));
  EXPECT_EQ(foreign_keys(twin.metadata).size(), 11u);
  EXPECT_EQ(orphans(from_sqlite, twin.metadata), 0);

  // MySQL -> SQLite.
  const std::string out = dir.file("twin.sqlite");
  ASSERT_EQ(run_command(kCli + " -q synth " + shell_quote(url_for(from_sqlite)) + " --to " + out,
                        &output),
            0)
      << output;
  EXPECT_EQ(testing::query_int(out, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"), 11);
  EXPECT_GT(testing::query_int(out, "SELECT COUNT(*) FROM Track"), 1000);
  EXPECT_EQ(testing::foreign_key_violations(out), 0);
  const Loaded back = read_all(out);
  EXPECT_EQ(foreign_keys(back.metadata), foreign_keys(twin.metadata));
  EXPECT_EQ(back.metadata.table("Album").find_column("Title")->sql_type, "varchar(160)");
}

TEST_F(MysqlServer, WrongPasswordSaysAccessDeniedWithoutThePassword) {
  const std::string secret = "Wrong-Pass-4711";
  const std::string url = url_for("relsynth_test", parsed_.user, secret);
  for (int destination = 0; destination < 2; ++destination) {
    try {
      if (destination)
        open_destination(url_for(database("never"), parsed_.user, secret));
      else
        open_source(url);
      FAIL() << "connected with a wrong password";
    } catch (const IoError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("access denied for user '" + parsed_.user + "'"), std::string::npos)
          << message;
      EXPECT_EQ(message.find(secret), std::string::npos) << message;
    }
  }
  std::string output;
  EXPECT_EQ(run_command(kCli + " inspect " + shell_quote(url), &output), 4) << output;
  EXPECT_NE(output.find("access denied"), std::string::npos) << output;
  EXPECT_EQ(output.find(secret), std::string::npos) << output;
  EXPECT_EQ(run_command(kCli + " synth " + shared_dataset("chinook") + " --to " +
                            shell_quote(url_for(database("never2"), parsed_.user, secret)),
                        &output),
            4)
      << output;
  EXPECT_EQ(output.find(secret), std::string::npos) << output;
}

TEST_F(MysqlServer, PasswordFromEnvironmentAndMissingDatabase) {
  const std::string db = database("env");
  const Loaded source = read_all(shared_dataset("chinook"));
  write_all(url_for(db), source.metadata, source.data);
  const std::string without_password = url_for(db, parsed_.user);
  std::string output;
  ASSERT_EQ(run_command("MYSQL_PWD=" + shell_quote(password()) + " " + kCli + " inspect " +
                            shell_quote(without_password),
                        &output),
            0)
      << output;
  EXPECT_NE(output.find("Album"), std::string::npos) << output;
  EXPECT_EQ(output.find(password()), std::string::npos) << output;
  // Without the variable: no password at all.
  EXPECT_EQ(run_command("env -u MYSQL_PWD " + kCli + " inspect " + shell_quote(without_password),
                        &output),
            4);
  EXPECT_NE(output.find("no password given"), std::string::npos) << output;

  const std::string missing = unique_name("rs_no_such_db");
  try {
    open_source(url_for(missing));
    FAIL() << "opened a missing database";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("database `" + missing + "` does not exist"),
              std::string::npos)
        << e.what();
    EXPECT_EQ(std::string(e.what()).find(password()), std::string::npos) << e.what();
  }
}

// Two columns that differ in case only are one to MySQL: refused before training, nothing made.
TEST_F(MysqlServer, ColumnsDifferingInCaseOnlyAreRefusedBeforeTraining) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("people"));
  std::ofstream csv(dir.file("people") + "/people.csv");
  csv << "id,Name,name\n";
  for (int i = 1; i <= 40; ++i) csv << i << ",a" << i % 3 << ",b" << i % 4 << "\n";
  csv.close();
  const std::string target = database("cases");
  std::string output;
  EXPECT_EQ(run_command(
                kCli + " synth csv:" + dir.file("people") + " --to " + shell_quote(url_for(target)),
                &output),
            3)
      << output;
  EXPECT_NE(output.find("column \"name\""), std::string::npos) << output;
  EXPECT_NE(output.find("ignore case"), std::string::npos) << output;
  EXPECT_EQ(output.find("training"), std::string::npos) << output;
  EXPECT_FALSE(database_exists(target));
}

TEST_F(MysqlServer, UserWithoutCreatePrivilegeIsRefusedBeforeTraining) {
  const std::string reader = user("rs_reader", "Reader-Pass-1", "SELECT ON *.*");
  const std::string target = database("denied");
  std::string output;
  // Without -q: the progress would show training had it started.
  EXPECT_EQ(run_command(kCli + " synth " + shared_dataset("chinook") + " --to " +
                            shell_quote(url_for(target, reader, "Reader-Pass-1")),
                        &output),
            4)
      << output;
  EXPECT_NE(output.find("permission denied: user '" + reader + "' may not create database"),
            std::string::npos)
      << output;
  EXPECT_EQ(output.find("reading data"), std::string::npos) << output;
  EXPECT_EQ(output.find("Reader-Pass-1"), std::string::npos) << output;
  EXPECT_FALSE(database_exists(target));

  // An existing database the user may read but not change.
  admin_->exec("CREATE DATABASE " + mysql::quote_identifier(target));
  try {
    open_destination(url_for(target, reader, "Reader-Pass-1"));
    FAIL() << "a read-only user was accepted as a destination";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("permission denied"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(tables_in(target).empty());

  // Rights on one database only are enough: the load never leaves it.
  const std::string scoped_db = database("scoped");
  const std::string owner =
      user("rs_owner", "Owner-Pass-1", "ALL ON " + mysql::quote_identifier(scoped_db) + ".*");
  const Loaded source = read_all(shared_dataset("chinook"));
  write_all(url_for(scoped_db, owner, "Owner-Pass-1"), source.metadata, source.data);
  EXPECT_EQ(tables_in(scoped_db).size(), 11u);
  EXPECT_EQ(leftovers(), 0);
}

ColumnMeta col(const std::string& name, DataType type, bool nullable = true,
               const std::string& sql_type = {}, const std::string& format = {}) {
  ColumnMeta column;
  column.name = name;
  column.type = type;
  column.nullable = nullable;
  column.sql_type = sql_type;
  column.format = format;
  return column;
}

ForeignKey fk(const std::vector<std::string>& columns, const std::string& parent,
              const std::vector<std::string>& parent_columns) {
  ForeignKey key;
  key.columns = columns;
  key.parent_table = parent;
  key.parent_columns = parent_columns;
  return key;
}

// "p7": built by appending (GCC 12 warns falsely on "p" + std::to_string(i)).
std::string label_of(char prefix, int number) {
  std::string out(1, prefix);
  out += std::to_string(number);
  return out;
}

// Two tables, a parent and a child, as a small metadata with data.
struct Pair {
  Metadata metadata;
  Database data;
};

Pair parent_and_child(int64_t orphan_parent, bool null_in_not_null) {
  Pair pair;
  TableMeta parent;
  parent.name = "parent";
  parent.columns = {col("id", DataType::Int64, false), col("name", DataType::String)};
  parent.primary_key = {"id"};
  TableMeta child;
  child.name = "child";
  child.columns = {col("id", DataType::Int64, false), col("parent_id", DataType::Int64),
                   col("label", DataType::String, false)};
  child.primary_key = {"id"};
  child.foreign_keys = {fk({"parent_id"}, "parent", {"id"})};
  pair.metadata.tables = {parent, child};

  Table p("parent");
  p.add_column(Column("id", DataType::Int64));
  p.add_column(Column("name", DataType::String));
  Column& pid = p.column(0);
  Column& pname = p.column(1);
  for (int i = 1; i <= 50; ++i) {
    pid.append_int(i);
    pname.append_string(label_of('p', i));
  }
  Table c("child");
  c.add_column(Column("id", DataType::Int64));
  c.add_column(Column("parent_id", DataType::Int64));
  c.add_column(Column("label", DataType::String));
  Column& cid = c.column(0);
  Column& cparent = c.column(1);
  Column& label = c.column(2);
  for (int i = 1; i <= 100; ++i) {
    cid.append_int(i);
    cparent.append_int(i == 60 ? orphan_parent : 1 + i % 50);
    if (null_in_not_null && i == 77)
      label.append_null();
    else
      label.append_string(label_of('c', i));
  }
  pair.data.add_table(std::move(p));
  pair.data.add_table(std::move(c));
  return pair;
}

TEST_F(MysqlServer, FailedLoadLeavesTheServerAsItWas) {
  // A NULL in a NOT NULL column: the error names table, column and row; the database that
  // did not exist before does not exist after.
  {
    const std::string db = database("fail_fresh");
    const Pair pair = parent_and_child(1, true);
    try {
      write_all(url_for(db), pair.metadata, pair.data);
      FAIL() << "a NULL went into a NOT NULL column";
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("table \"child\""), std::string::npos) << message;
      EXPECT_NE(message.find("column \"label\""), std::string::npos) << message;
      EXPECT_NE(message.find("row 77"), std::string::npos) << message;
    }
    EXPECT_FALSE(database_exists(db));
  }
  // A broken foreign key found at commit, in an existing empty database: it stays, empty.
  {
    const std::string db = database("fail_existing");
    admin_->exec("CREATE DATABASE " + mysql::quote_identifier(db));
    const Pair pair = parent_and_child(999, false);
    try {
      write_all(url_for(db), pair.metadata, pair.data);
      FAIL() << "an orphan passed";
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("table \"child\""), std::string::npos) << message;
      EXPECT_NE(message.find("1 rows break the foreign key (parent_id) -> parent (id)"),
                std::string::npos)
          << message;
      EXPECT_NE(message.find("parent_id=999"), std::string::npos) << message;
    }
    EXPECT_TRUE(database_exists(db));
    EXPECT_TRUE(tables_in(db).empty());
  }
  // With --overwrite, a failing load keeps the tables that were there.
  {
    const std::string db = database("fail_overwrite");
    const Pair good = parent_and_child(1, false);
    write_all(url_for(db), good.metadata, good.data);
    const Pair bad = parent_and_child(999, false);
    EXPECT_THROW(write_all(url_for(db), bad.metadata, bad.data, true), InputError);
    EXPECT_EQ(tables_in(db), (std::vector<std::string>{"child", "parent"}));
    EXPECT_EQ(count("SELECT COUNT(*) FROM " + mysql::qualified(db, "child")), 100);
  }
  // Abandoned after begin(): nothing remains.
  {
    const std::string db = database("fail_abandoned");
    const Pair pair = parent_and_child(1, false);
    {
      auto destination = open_destination(url_for(db));
      destination->begin(pair.metadata);
      destination->append(pair.metadata.tables[0], pair.data.table("parent"));
    }
    EXPECT_FALSE(database_exists(db));
  }
  EXPECT_EQ(leftovers(), 0);
}

TEST_F(MysqlServer, NonEmptyDatabaseNeedsOverwrite) {
  const std::string db = database("nonempty");
  admin_->exec("CREATE DATABASE " + mysql::quote_identifier(db));
  admin_->exec("CREATE TABLE " + mysql::qualified(db, "keep_me") + " (x INT)");
  admin_->exec("CREATE VIEW " + mysql::qualified(db, "a_view") + " AS SELECT 1 AS one");
  try {
    open_destination(url_for(db));
    FAIL() << "a non-empty database was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--overwrite"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("keep_me"), std::string::npos) << e.what();
  }
  std::string output;
  EXPECT_EQ(run_command(kCli + " -q synth " + shared_dataset("chinook") + " --to " +
                            shell_quote(url_for(db)),
                        &output),
            2)
      << output;
  EXPECT_EQ(tables_in(db), (std::vector<std::string>{"a_view", "keep_me"}));

  const Pair pair = parent_and_child(1, false);
  write_all(url_for(db), pair.metadata, pair.data, true);
  EXPECT_EQ(tables_in(db), (std::vector<std::string>{"child", "parent"}));
  EXPECT_EQ(leftovers(), 0);
}

// A load killed before its end leaves staging tables; the next load to the database removes
// them (their run's lock is free), but never those of a load still running.
TEST_F(MysqlServer, StagingTablesOfAKilledLoadAreRemovedByTheNext) {
  const std::string db = database("stale");
  admin_->exec("CREATE DATABASE " + mysql::quote_identifier(db));
  admin_->exec("CREATE TABLE " + mysql::qualified(db, "__relsynth_deadbeef_0") + " (x INT)");
  admin_->exec("CREATE TABLE " + mysql::qualified(db, "__relsynth_deadbeef_1") + " (x INT)");
  mysql::Connection running(parsed_, "");  // another load, alive: holds its lock
  ASSERT_EQ(running.query_value("SELECT GET_LOCK('relsynth_staging_cafe1234', 0)"), "1");
  admin_->exec("CREATE TABLE " + mysql::qualified(db, "__relsynth_cafe1234_0") + " (x INT)");

  std::vector<std::string> warnings;
  DestinationOptions options;
  options.on_warning = [&](const std::string& text) { warnings.push_back(text); };
  const Pair pair = parent_and_child(1, false);
  auto destination = open_destination(url_for(db), options);  // no --overwrite needed
  write_database(*destination, pair.metadata, pair.data);
  const std::vector<std::string> left = tables_in(db);
  EXPECT_EQ(std::set<std::string>(left.begin(), left.end()),
            (std::set<std::string>{"__relsynth_cafe1234_0", "child", "parent"}));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("__relsynth_deadbeef_*"), std::string::npos) << warnings[0];
  admin_->exec("DROP TABLE " + mysql::qualified(db, "__relsynth_cafe1234_0"));
}

TEST_F(MysqlServer, OddNamesUnicodeNullsAndKeyShapesRoundTrip) {
  // A parent with odd names, every storage type and a self-reference; a child with a
  // composite key; a grandchild with a composite foreign key; a cycle between two tables.
  const std::string parent_name = "pärent table", id = "id`x", boss = "bôss 表";
  TableMeta parent;
  parent.name = parent_name;
  parent.columns = {col(id, DataType::Int64, false),
                    col("näme", DataType::String, true, "VARCHAR(20)"),
                    col("amount", DataType::Decimal, true, "DECIMAL(10,3)"),
                    col("ratio", DataType::Float64),
                    col("flag", DataType::Bool),
                    col("born", DataType::Date, true, "", "%Y-%m-%d"),
                    col("seen", DataType::DateTime, true, "", "%Y-%m-%d %H:%M:%S.%3f"),
                    col("at", DataType::Time, true, "", "%H:%M:%S"),
                    col("blob", DataType::Binary),
                    col(boss, DataType::Int64),
                    col("select", DataType::String)};
  parent.primary_key = {id};
  parent.foreign_keys = {fk({boss}, parent_name, {id})};

  TableMeta child;
  child.name = "child rows";
  child.columns = {col("p id", DataType::Int64, false), col("seq", DataType::String, false),
                   col("note", DataType::String)};
  child.primary_key = {"p id", "seq"};
  child.foreign_keys = {fk({"p id"}, parent_name, {id})};

  TableMeta grandchild;
  grandchild.name = "grandchild";
  grandchild.columns = {col("gid", DataType::Int64, false), col("p", DataType::Int64),
                        col("s", DataType::String)};
  grandchild.primary_key = {"gid"};
  grandchild.foreign_keys = {fk({"p", "s"}, "child rows", {"p id", "seq"})};

  TableMeta a, b;
  a.name = "A";
  a.columns = {col("id", DataType::Int64, false), col("b_id", DataType::Int64)};
  a.primary_key = {"id"};
  a.foreign_keys = {fk({"b_id"}, "B", {"id"})};
  b.name = "B";
  b.columns = {col("id", DataType::Int64, false), col("a_id", DataType::Int64, false)};
  b.primary_key = {"id"};
  b.foreign_keys = {fk({"a_id"}, "A", {"id"})};

  // A key of four unbounded text columns: their varchar lengths must share InnoDB's 3072 bytes.
  TableMeta quad;
  quad.name = "quad";
  for (const char* name : {"k1", "k2", "k3", "k4"}) {
    quad.columns.push_back(col(name, DataType::String, false));
    quad.primary_key.push_back(name);
  }

  Metadata metadata;
  metadata.tables = {parent, child, grandchild, a, b, quad};

  Database data;
  const int64_t rows = 20000;  // several INSERT statements of about 1 MB
  {
    Table t(parent_name);
    for (const ColumnMeta& meta : parent.columns)
      t.add_column(Column(meta.name, meta.type, meta.format));
    std::vector<Column*> c;  // after every add_column: the vector no longer moves
    for (Column& column : t.columns()) c.push_back(&column);
    const std::vector<std::string> names = {
        "Zoë 😀",       "O'Brien",           "back\\slash",     "",
        "line\nbreak", "\"quoted\" `tick`", "ünïcödé 表 текст"};
    for (int64_t i = 1; i <= rows; ++i) {
      c[0]->append_int(i);
      if (i % 11 == 0)
        c[1]->append_null();
      else if (i == 5)
        c[1]->append_string("a value longer than twenty characters");  // widened
      else
        c[1]->append_string(names[static_cast<size_t>(i) % names.size()]);
      if (i % 13 == 0)
        c[2]->append_null();
      else
        c[2]->append_string(i % 2 ? "12.500" : "-0.001");
      const double ratios[] = {0.1, 1e300, -2.5, 1.0 / 3.0};
      if (i % 17 == 0)
        c[3]->append_null();
      else
        c[3]->append_double(ratios[i % 4]);
      if (i % 19 == 0)
        c[4]->append_null();
      else
        c[4]->append_int(i % 2);
      c[5]->append_int(-1000 + i);                          // from 1967
      c[6]->append_int(1700000000000000 + i * 1234567000);  // milliseconds only
      c[7]->append_int((i % 86400) * 1000000);
      if (i % 23 == 0)
        c[8]->append_null();
      else
        c[8]->append_string(i % 2 ? std::string("\0\x01\xff", 3) : std::string());
      if (i == 1)
        c[9]->append_null();
      else
        c[9]->append_int(1 + (i - 1) / 2);  // a tree: everyone's boss comes before them
      c[10]->append_string("kw" + std::to_string(i % 7));
    }
    data.add_table(std::move(t));
  }
  {
    Table t("child rows");
    t.add_column(Column("p id", DataType::Int64));
    t.add_column(Column("seq", DataType::String));
    t.add_column(Column("note", DataType::String));
    Column& pid = t.column(0);
    Column& seq = t.column(1);
    Column& note = t.column(2);
    for (int64_t p = 1; p <= 100; ++p)
      for (const char* s : {"a", "b"}) {
        pid.append_int(p);
        seq.append_string(s);
        if (p % 3 == 0)
          note.append_null();
        else
          note.append_string("n " + std::to_string(p) + s);
      }
    data.add_table(std::move(t));
  }
  {
    Table t("grandchild");
    t.add_column(Column("gid", DataType::Int64));
    t.add_column(Column("p", DataType::Int64));
    t.add_column(Column("s", DataType::String));
    Column& gid = t.column(0);
    Column& p = t.column(1);
    Column& s = t.column(2);
    for (int64_t g = 1; g <= 50; ++g) {
      gid.append_int(g);
      if (g % 10 == 0) {
        p.append_null();  // a NULL part: the key is not checked (MATCH SIMPLE)
        s.append_string("zzz");
      } else {
        p.append_int(g);
        s.append_string(g % 2 ? "a" : "b");
      }
    }
    data.add_table(std::move(t));
  }
  {
    Table ta("A"), tb("B");
    ta.add_column(Column("id", DataType::Int64));
    ta.add_column(Column("b_id", DataType::Int64));
    tb.add_column(Column("id", DataType::Int64));
    tb.add_column(Column("a_id", DataType::Int64));
    Column& aid = ta.column(0);
    Column& ab = ta.column(1);
    Column& bid = tb.column(0);
    Column& ba = tb.column(1);
    for (int64_t i = 1; i <= 10; ++i) {
      aid.append_int(i);
      if (i == 10)
        ab.append_null();
      else
        ab.append_int(11 - i);
      bid.append_int(i);
      ba.append_int(i);
    }
    data.add_table(std::move(ta));
    data.add_table(std::move(tb));
  }

  {
    Table t("quad");
    for (const char* name : {"k1", "k2", "k3", "k4"}) t.add_column(Column(name, DataType::String));
    for (int i = 0; i < 3; ++i)
      for (size_t c = 0; c < 4; ++c)
        t.column(c).append_string(std::string(150, static_cast<char>('a' + i)));
    data.add_table(std::move(t));
  }

  const std::string db = database("odd ñame`s");
  write_all(url_for(db), metadata, data);
  const Loaded back = read_all(url_for(db));
  EXPECT_EQ(foreign_keys(back.metadata), foreign_keys(metadata));
  EXPECT_EQ(primary_keys(back.metadata), primary_keys(metadata));
  for (const TableMeta& meta : metadata.tables) {
    SCOPED_TRACE(meta.name);
    const Table& expected = data.table(meta.name);
    const Table& actual = back.data.table(meta.name);
    ASSERT_EQ(expected.num_columns(), actual.num_columns());
    for (size_t c = 0; c < expected.num_columns(); ++c)
      EXPECT_TRUE(expected.column(c) == actual.column(c))
          << expected.column(c).name() << ": " << to_string(actual.column(c).type()) << " \""
          << actual.column(c).format() << "\"";
  }
  const TableMeta& parent_back = back.metadata.table(parent_name);
  EXPECT_EQ(parent_back.find_column("amount")->sql_type, "decimal(10,3)");
  EXPECT_EQ(parent_back.find_column("seen")->sql_type, "datetime(3)");
  EXPECT_EQ(parent_back.find_column("flag")->sql_type, "tinyint(1)");
  EXPECT_EQ(parent_back.find_column("näme")->sql_type, "longtext");  // widened from varchar(20)
  EXPECT_EQ(orphans(db, back.metadata), 0);
  EXPECT_EQ(leftovers(), 0);
}

TEST_F(MysqlServer, TrainingSubsetRowsAreSelectedByTheServer) {
  const OddDatabase odd = odd_database();
  const std::string target = database("selected");
  write_all(url_for(target), odd.metadata, odd.data);
  auto source = open_source(url_for(target));
  testing::expect_odd_selections_read_exactly(*source, odd);

  // Chinook (a composite key in PlaylistTrack): the two-pass read gives the subset that is
  // chosen from the whole database.
  const Loaded chinook = read_all(shared_dataset("chinook"));
  const std::string copy = database("chinook");
  write_all(url_for(copy), chinook.metadata, chinook.data);
  auto server = open_source(url_for(copy));
  const Metadata metadata = server->describe();
  testing::expect_same_subset(*server, metadata, read_database(*server, metadata), 3000, 5);
}

TEST_F(MysqlServer, NativeTypesAndConstraintsRoundTrip) {
  const std::string real = database("native_real"), copy = database("native_copy");
  admin_->exec("CREATE DATABASE " + mysql::quote_identifier(real) + " CHARACTER SET utf8mb4");
  admin_->exec("SET SESSION sql_mode = ''");  // to store zero dates
  const std::string p = mysql::qualified(real, "p"), c = mysql::qualified(real, "c");
  admin_->exec(
      "CREATE TABLE " + p +
      " (id INT UNSIGNED PRIMARY KEY AUTO_INCREMENT, code CHAR(3) NOT NULL UNIQUE, "
      "name VARCHAR(50) DEFAULT 'n/a', flag TINYINT(1) NOT NULL DEFAULT 0, notbool TINYINT(1), "
      "big BIGINT UNSIGNED, price DECIMAL(7,2) CHECK (price >= 0), kind ENUM('a','b','c') "
      "DEFAULT 'a', tags SET('x','y'), doc JSON, yr YEAR, t TIME(3), dt DATETIME(6), "
      "ts TIMESTAMP(2) NULL, d DATE, zd DATE, b1 BIT(1), b8 BIT(8), bl BLOB, bin BINARY(4), "
      "f FLOAT, db DOUBLE, txt TEXT, UNIQUE KEY uq_pair (kind, code), KEY ix_name (name), "
      "KEY ix_txt (txt(20)))");
  admin_->exec("CREATE TABLE " + c +
               " (id INT PRIMARY KEY, p_id INT UNSIGNED, parent INT, "
               "CONSTRAINT fk_p FOREIGN KEY (p_id) REFERENCES " +
               p +
               " (id) ON DELETE CASCADE ON UPDATE SET NULL, "
               "CONSTRAINT fk_self FOREIGN KEY (parent) REFERENCES " +
               c + " (id))");
  admin_->exec(
      "INSERT INTO " + p +
      " (code, name, flag, notbool, big, price, kind, tags, doc, yr, t, dt, ts, d, zd, b1, b8, "
      "bl, bin, f, db, txt) VALUES "
      "('abc', 'Zoë 😀', 1, 5, 18446744073709551615, 12.50, 'b', 'x,y', '{\"a\": [1, 2]}', "
      "2024, '12:34:56.789', '2024-02-29 23:59:59.123456', '2030-01-01 00:00:00.50', "
      "'1999-12-31', '0000-00-00', 1, 200, x'00ff10', x'01020304', 1.5, 0.1, 'hello'), "
      "('def', NULL, 0, 2, 1, 0.00, NULL, '', NULL, 1901, '00:00:00.000', "
      "'1000-01-01 00:00:00', '1970-01-02 00:00:00', '2000-01-01', '2001-00-05', 0, 0, '', "
      "x'00000000', -3.25e10, 1e300, NULL)");
  admin_->exec("INSERT INTO " + c + " VALUES (1, 1, NULL), (2, 2, 1), (3, NULL, 2)");

  const Loaded source = read_all(url_for(real));
  const TableMeta& pm = source.metadata.table("p");
  auto type_of = [&](const char* name) { return pm.find_column(name)->type; };
  EXPECT_EQ(type_of("id"), DataType::Int64);
  EXPECT_TRUE(pm.find_column("id")->auto_increment);
  EXPECT_EQ(pm.find_column("id")->sql_type, "int(10) unsigned");
  EXPECT_EQ(type_of("flag"), DataType::Bool);
  EXPECT_EQ(type_of("notbool"), DataType::Int64);  // tinyint(1) holding 5
  EXPECT_EQ(type_of("big"), DataType::Decimal);    // beyond int64
  EXPECT_EQ(type_of("price"), DataType::Decimal);
  EXPECT_EQ(pm.find_column("kind")->sql_type, "enum('a','b','c')");
  EXPECT_EQ(pm.find_column("kind")->sdtype, SDType::Categorical);
  EXPECT_EQ(pm.find_column("kind")->default_value.value_or(""), "'a'");
  EXPECT_EQ(pm.find_column("name")->default_value.value_or(""), "'n/a'");
  EXPECT_EQ(type_of("t"), DataType::Time);
  EXPECT_EQ(pm.find_column("t")->format, "%H:%M:%S.%3f");
  EXPECT_EQ(type_of("dt"), DataType::DateTime);
  EXPECT_EQ(pm.find_column("dt")->format, "%Y-%m-%d %H:%M:%S.%6f");
  EXPECT_EQ(pm.find_column("ts")->format, "%Y-%m-%d %H:%M:%S.%2f");
  EXPECT_EQ(type_of("d"), DataType::Date);
  EXPECT_EQ(type_of("zd"), DataType::String);  // zero dates stay text
  EXPECT_EQ(type_of("b1"), DataType::Bool);
  EXPECT_EQ(type_of("b8"), DataType::Int64);
  EXPECT_EQ(type_of("bl"), DataType::Binary);
  EXPECT_EQ(type_of("bin"), DataType::Binary);
  EXPECT_EQ(type_of("f"), DataType::Float64);
  EXPECT_EQ(type_of("txt"), DataType::String);
  EXPECT_TRUE(pm.find_column("code")->unique);
  EXPECT_EQ(pm.unique_constraints.size(), 1u);
  EXPECT_EQ(pm.checks.size(), 2u);  // price >= 0 and MariaDB's json_valid(doc)
  const TableMeta& cm = source.metadata.table("c");
  ASSERT_EQ(cm.foreign_keys.size(), 2u);
  EXPECT_EQ(cm.foreign_keys[0].on_delete, "CASCADE");
  EXPECT_EQ(cm.foreign_keys[0].on_update, "SET NULL");
  EXPECT_EQ(cm.foreign_keys[1].parent_table, "c");
  const Table& pt = source.data.table("p");
  EXPECT_EQ(pt.column("name").string_at(0), "Zoë 😀");
  EXPECT_EQ(pt.column("big").string_at(0), "18446744073709551615");
  EXPECT_EQ(pt.column("price").string_at(0), "12.50");
  EXPECT_EQ(pt.column("zd").string_at(1), "2001-00-05");
  EXPECT_EQ(pt.column("b8").int_at(0), 200);
  EXPECT_EQ(pt.column("bl").string_at(0), std::string("\0\xff\x10", 3));
  EXPECT_EQ(pt.column("dt").text_at(0), "2024-02-29 23:59:59.123456");

  // MySQL -> MySQL keeps every declared type, default, key, constraint and value.
  write_all(url_for(copy), source.metadata, source.data);
  const Loaded back = read_all(url_for(copy));
  for (const TableMeta& meta : source.metadata.tables) {
    SCOPED_TRACE(meta.name);
    const TableMeta& other = back.metadata.table(meta.name);
    ASSERT_EQ(meta.columns.size(), other.columns.size());
    for (size_t i = 0; i < meta.columns.size(); ++i) {
      const ColumnMeta &x = meta.columns[i], &y = other.columns[i];
      EXPECT_EQ(x.sql_type, y.sql_type) << x.name;
      EXPECT_EQ(x.type, y.type) << x.name;
      EXPECT_EQ(x.format, y.format) << x.name;
      EXPECT_EQ(x.nullable, y.nullable) << x.name;
      EXPECT_EQ(x.unique, y.unique) << x.name;
      EXPECT_EQ(x.auto_increment, y.auto_increment) << x.name;
      EXPECT_EQ(x.default_value, y.default_value) << x.name;
    }
    EXPECT_EQ(meta.primary_key, other.primary_key);
    EXPECT_EQ(std::set<std::string>(meta.checks.begin(), meta.checks.end()),
              std::set<std::string>(other.checks.begin(), other.checks.end()));
    ASSERT_EQ(meta.foreign_keys.size(), other.foreign_keys.size());
    for (size_t k = 0; k < meta.foreign_keys.size(); ++k) {
      EXPECT_EQ(meta.foreign_keys[k].on_delete, other.foreign_keys[k].on_delete);
      EXPECT_EQ(meta.foreign_keys[k].on_update, other.foreign_keys[k].on_update);
    }
    std::set<std::string> indexes_a, indexes_b;
    for (const IndexMeta& index : meta.indexes) indexes_a.insert(index.name);
    for (const IndexMeta& index : other.indexes) indexes_b.insert(index.name);
    EXPECT_EQ(indexes_a, indexes_b);
    EXPECT_TRUE(source.data.table(meta.name) == back.data.table(meta.name));
  }
  // The CHECK holds on the copy: the server refuses a negative price.
  EXPECT_NE(admin_->try_exec("INSERT INTO " + mysql::qualified(copy, "p") +
                             " (code, price) VALUES ('neg', -1)"),
            0u);
  EXPECT_EQ(leftovers(), 0);
}

}  // namespace
}  // namespace relsynth

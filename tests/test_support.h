// Helpers shared by tests: temp dirs, SQL queries on result files, running the CLI.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

namespace relsynth::testing {

// A fresh directory under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Creates (or extends) the SQLite file at db_path by running `script` (throws on SQL errors).
void create_sqlite(const std::string& db_path, const std::string& script);
// The first column of the first row of `sql` as an integer (throws on SQL errors).
int64_t query_int(const std::string& db_path, const std::string& sql);
// Number of rows `PRAGMA foreign_key_check` reports.
int64_t foreign_key_violations(const std::string& db_path);
// "identifier" quoted for SQL.
std::string sql_name(const std::string& name);

// Runs `command` through the shell; returns its exit status and captures stdout+stderr.
int run_command(const std::string& command, std::string* output = nullptr);

// The demo database with `customers` customers at dir/retail.sqlite and a model trained on it at
// dir/retail.rsm (gtest assertions fail the caller on error).
struct DemoModel {
  std::string database, model;
};
DemoModel make_demo_model(const TempDir& dir, int customers);

std::string shared_dataset(const std::string& name);  // path of <name>.sqlite
std::vector<std::string> shared_dataset_names();

}  // namespace relsynth::testing

namespace relsynth::testing {
// Every table's rows as text, tables in name order, rows in rowid order: equal dumps mean
// equal databases.
std::string dump_database(const std::string& db_path);
}  // namespace relsynth::testing

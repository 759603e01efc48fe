#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace relsynth::testing {

namespace {
// Every generation in the tests, in this process and in the CLI runs it starts, checks that no
// enabled rule is broken in its output (src/synth/rule_check.h); a test may set it to 0.
[[maybe_unused]] const bool kRulesChecked = ::setenv("RELSYNTH_CHECK_RULES", "1", 0) == 0;
}  // namespace

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device device;
  path_ = std::filesystem::temp_directory_path() /
          ("relsynth-test-" + std::to_string(device()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void create_sqlite(const std::string& db_path, const std::string& script) {
  sqlite3* db = nullptr;
  char* error = nullptr;
  const bool opened = sqlite3_open(db_path.c_str(), &db) == SQLITE_OK;
  if (!opened || sqlite3_exec(db, script.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    sqlite3_close(db);
    throw std::runtime_error(db_path + ": " + message);
  }
  sqlite3_close(db);
}

int64_t query_int(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_path);
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(sql + ": " + message);
  }
  int64_t value = 0;
  if (sqlite3_step(statement) == SQLITE_ROW) value = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

int64_t foreign_key_violations(const std::string& db_path) {
  return query_int(db_path, "SELECT COUNT(*) FROM pragma_foreign_key_check");
}

std::string sql_name(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

int run_command(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 4096> buffer;
  std::string text;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), n);
  int status = pclose(pipe);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

DemoModel make_demo_model(const TempDir& dir, int customers) {
  DemoModel demo{dir.file("retail.sqlite"), dir.file("retail.rsm")};
  std::string output;
  EXPECT_EQ(run_command(std::string(RELSYNTH_DEMO_DB_TOOL) + " " + demo.database + " --customers " +
                            std::to_string(customers),
                        &output),
            0)
      << output;
  EXPECT_EQ(run_command(
                std::string(RELSYNTH_CLI_PATH) + " -q train " + demo.database + " -o " + demo.model,
                &output),
            0)
      << output;
  return demo;
}

std::string shared_dataset(const std::string& name) {
  return std::string(RELSYNTH_SHARED_DATASETS) + "/" + name + ".sqlite";
}

std::vector<std::string> shared_dataset_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(RELSYNTH_SHARED_DATASETS))
    if (entry.path().extension() == ".sqlite") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace relsynth::testing

namespace relsynth::testing {

std::string dump_database(const std::string& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_path);
  }
  std::vector<std::string> tables;
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                     "'sqlite_%' ORDER BY name",
                     -1, &statement, nullptr);
  while (sqlite3_step(statement) == SQLITE_ROW)
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
  sqlite3_finalize(statement);
  std::string out;
  for (const std::string& table : tables) {
    out += "## " + table + "\n";
    std::string sql = "SELECT * FROM " + sql_name(table);
    sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
    const int columns = sqlite3_column_count(statement);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      for (int c = 0; c < columns; ++c) {
        const unsigned char* text = sqlite3_column_text(statement, c);
        out += std::to_string(sqlite3_column_type(statement, c)) + ":" +
               (text ? reinterpret_cast<const char*>(text) : "NULL") + "|";
      }
      out += "\n";
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return out;
}

}  // namespace relsynth::testing

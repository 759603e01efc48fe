// The demo database generator (examples/demo_db.cpp), run as the real binary, and the checks of
// the patterns it plants (demo_patterns.h): they hold on the demo data and break when the column
// a pattern lives in is shuffled.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "integration/demo_patterns.h"
#include "relsynth/error.h"

namespace relsynth {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("relsynth_demo_db_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs the generator with the given arguments; returns its exit code.
int run_tool(const std::vector<std::string>& args, const fs::path& log) {
  std::string cmd = shell_quote(RELSYNTH_DEMO_DB_TOOL);
  for (const auto& a : args) cmd.append(" ").append(shell_quote(a));
  cmd.append(" >").append(shell_quote(log.string())).append(" 2>&1");
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class Sqlite {
 public:
  explicit Sqlite(const fs::path& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    }
  }
  ~Sqlite() { sqlite3_close(db_); }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << (err ? err : "?");
    }
    sqlite3_free(err);
  }

  // Every row as text, columns separated by '|', each value tagged with its storage class so
  // that 1, 1.0 and '1' differ.
  std::vector<std::string> rows(const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return out;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        if (i) row += '|';
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            row += "N";
            break;
          case SQLITE_INTEGER:
            row.append("I").append(std::to_string(sqlite3_column_int64(stmt, i)));
            break;
          case SQLITE_FLOAT: {
            char buf[40];
            std::snprintf(buf, sizeof buf, "F%.17g", sqlite3_column_double(stmt, i));
            row += buf;
            break;
          }
          default:
            row.append("T").append(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)));
        }
      }
      out.push_back(row);
    }
    sqlite3_finalize(stmt);
    return out;
  }

  int64_t scalar(const std::string& sql) {
    const auto r = rows(sql);
    return r.empty() || r[0].empty() || r[0][0] != 'I' ? -1 : std::stoll(r[0].substr(1));
  }

  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// The schema and every row of every table, in key order.
std::string dump(const fs::path& path) {
  Sqlite db(path);
  std::string out;
  for (const auto& t : db.rows("SELECT name, sql FROM sqlite_master ORDER BY type, name")) {
    out += t + "\n";
  }
  for (const auto& t :
       db.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    const std::string name = t.substr(1);
    for (const auto& r : db.rows("SELECT * FROM \"" + name + "\" ORDER BY rowid")) {
      out += name + ":" + r + "\n";
    }
  }
  return out;
}

// Shuffles one column's values across the rows of its table (a fixed permutation), leaving
// every other column in place: this destroys whatever links that column to the others.
void shuffle_column(const fs::path& path, const std::string& table, const std::string& column) {
  Sqlite db(path);
  sqlite3_stmt* read = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db.handle(),
                         ("SELECT rowid, " + column + " FROM " + table + " ORDER BY rowid").c_str(),
                         -1, &read, nullptr),
      SQLITE_OK);
  std::vector<int64_t> rowids;
  std::vector<sqlite3_value*> values;
  while (sqlite3_step(read) == SQLITE_ROW) {
    rowids.push_back(sqlite3_column_int64(read, 0));
    values.push_back(sqlite3_value_dup(sqlite3_column_value(read, 1)));
  }
  sqlite3_finalize(read);
  std::mt19937_64 gen(12345);  // mt19937_64's output is fixed by the standard
  for (size_t i = values.size(); i > 1; --i) std::swap(values[i - 1], values[gen() % i]);

  db.exec("BEGIN");
  sqlite3_stmt* write = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db.handle(),
                         ("UPDATE " + table + " SET " + column + " = ? WHERE rowid = ?").c_str(),
                         -1, &write, nullptr),
      SQLITE_OK);
  for (size_t i = 0; i < rowids.size(); ++i) {
    sqlite3_bind_value(write, 1, values[i]);
    sqlite3_bind_int64(write, 2, rowids[i]);
    EXPECT_EQ(sqlite3_step(write), SQLITE_DONE) << sqlite3_errmsg(db.handle());
    sqlite3_reset(write);
    sqlite3_value_free(values[i]);
  }
  sqlite3_finalize(write);
  db.exec("COMMIT");
}

const std::vector<std::string> kTables = {"customers", "stores",      "employees", "products",
                                          "orders",    "order_items", "payments",  "reviews"};

// One default-size demo database shared by the read-only tests.
class DemoDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_path_ = (*dir_ / "demo.sqlite").string();
    ASSERT_EQ(run_tool({db_path_}, *dir_ / "log.txt"), 0) << read_text(*dir_ / "log.txt");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static TempDir* dir_;
  static std::string db_path_;
};

TempDir* DemoDbTest::dir_ = nullptr;
std::string DemoDbTest::db_path_;

TEST_F(DemoDbTest, RowCountsAreWithinTheDefaultRange) {
  Sqlite db(db_path_);
  int64_t total = 0;
  for (const auto& table : kTables) {
    const int64_t n = db.scalar("SELECT COUNT(*) FROM " + table);
    EXPECT_GT(n, 0) << table;
    total += n;
  }
  EXPECT_GE(total, 5000);
  EXPECT_LE(total, 20000);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM customers"), 1000);
}

TEST_F(DemoDbTest, ForeignKeysAndIntegrityHold) {
  Sqlite db(db_path_);
  EXPECT_EQ(db.rows("PRAGMA foreign_key_check"), std::vector<std::string>{});
  EXPECT_EQ(db.rows("PRAGMA integrity_check"), std::vector<std::string>{"Tok"});
  // The stores <-> employees cycle is really there, with a vacant manager post.
  EXPECT_GT(db.scalar("SELECT COUNT(*) FROM stores WHERE manager_id IS NOT NULL"), 0);
  EXPECT_GT(db.scalar("SELECT COUNT(*) FROM stores WHERE manager_id IS NULL"), 0);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM stores s JOIN employees e ON e.employee_id = "
                      "s.manager_id WHERE e.store_id <> s.store_id OR e.role <> 'store_manager'"),
            0);
  // Referral chains are short trees: every chain ends at a customer nobody referred.
  EXPECT_GT(db.scalar("SELECT COUNT(*) FROM customers WHERE referred_by IS NOT NULL"), 100);
  EXPECT_EQ(db.scalar("WITH RECURSIVE chain(id, depth) AS (SELECT customer_id, 0 FROM customers "
                      "UNION ALL SELECT c.referred_by, chain.depth + 1 FROM chain JOIN customers "
                      "c ON c.customer_id = chain.id WHERE c.referred_by IS NOT NULL AND "
                      "chain.depth < 1000) SELECT MAX(depth) < 50 FROM chain"),
            1);
  // Declared types and constraints a real application would declare.
  const auto price = db.rows(
      "SELECT type, \"notnull\" FROM pragma_table_info('products') "
      "WHERE name = 'price'");
  EXPECT_EQ(price, std::vector<std::string>{"TDECIMAL(10,2)|I1"});
  EXPECT_EQ(db.rows("SELECT type FROM pragma_table_info('orders') WHERE name = 'order_date'"),
            std::vector<std::string>{"TDATETIME"});
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM pragma_index_list('order_items') WHERE origin = 'pk'"),
            1);
  EXPECT_EQ(
      db.scalar("SELECT COUNT(*) FROM products WHERE sku NOT GLOB 'SKU-[0-9][0-9][0-9][0-9][0-9]'"),
      0);
  EXPECT_EQ(
      db.scalar("SELECT COUNT(*) FROM orders WHERE order_date NOT GLOB "
                "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'"),
      0);
  // CHECK constraints are enforced, as in the shop's own database.
  Sqlite writable(db_path_);
  char* err = nullptr;
  EXPECT_NE(sqlite3_exec(writable.handle(), "UPDATE reviews SET rating = 6 WHERE review_id = 1",
                         nullptr, nullptr, &err),
            SQLITE_OK);
  sqlite3_free(err);
}

TEST_F(DemoDbTest, PlantedPatternsHold) {
  const DemoPatterns m = measure_demo_patterns(db_path_);
  std::cout << describe_demo_patterns(m);
  EXPECT_EQ(check_demo_patterns(m), std::vector<std::string>{});
  // The exact rules are exact in the source itself.
  EXPECT_EQ(m.order_before_signup_share, 0.0);
  EXPECT_EQ(m.paid_before_order_share, 0.0);
  EXPECT_EQ(m.channel_employee_mismatch_share, 0.0);
  EXPECT_EQ(m.seller_other_store_share, 0.0);
  EXPECT_EQ(m.unit_price_mismatch_share, 0.0);
  EXPECT_EQ(m.total_mismatch_share, 0.0);
  EXPECT_EQ(m.row_counts.at("customers"), 1000);
}

TEST_F(DemoDbTest, MeasureRejectsOtherDatabases) {
  TempDir dir;
  EXPECT_THROW(measure_demo_patterns((dir / "missing.sqlite").string()), IoError);
  const fs::path other = dir / "other.sqlite";
  Sqlite(other).exec("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
  EXPECT_THROW(measure_demo_patterns(other.string()), InputError);
}

struct ShuffleCase {
  std::string table, column;
  std::string broken;                   // the check that must fail
  std::set<std::string> may_also_fail;  // checks the same column legitimately feeds
};

class DemoDbShuffleTest : public DemoDbTest, public ::testing::WithParamInterface<ShuffleCase> {};

TEST_P(DemoDbShuffleTest, ShuffledColumnBreaksItsPattern) {
  const ShuffleCase& c = GetParam();
  TempDir dir;
  const fs::path copy = dir / "shuffled.sqlite";
  fs::copy_file(db_path_, copy);
  shuffle_column(copy, c.table, c.column);
  const auto failures = check_demo_patterns(measure_demo_patterns(copy.string()));
  bool found = false;
  for (const auto& f : failures) {
    std::cout << "  " << f << "\n";
    const std::string id = f.substr(0, f.find(':'));
    found = found || id == c.broken;
    EXPECT_TRUE(id == c.broken || c.may_also_fail.count(id)) << "unexpected failure: " << f;
  }
  EXPECT_TRUE(found) << c.table << "." << c.column << " shuffled, yet " << c.broken
                     << " still holds";
}

INSTANTIATE_TEST_SUITE_P(
    DemoDb, DemoDbShuffleTest,
    ::testing::Values(ShuffleCase{"customers", "segment", "segment_orders", {"segment_late"}},
                      ShuffleCase{"products", "price", "category_price", {"price_total"}},
                      ShuffleCase{"customers", "signup_date", "date_order", {}},
                      ShuffleCase{"payments", "paid_date", "date_order", {}},
                      ShuffleCase{"payments", "is_late", "segment_late", {}},
                      ShuffleCase{"orders", "employee_id", "channel_employee", {}},
                      ShuffleCase{"order_items", "unit_price", "price_total", {"quantity_price"}},
                      ShuffleCase{"orders", "total", "price_total", {}},
                      ShuffleCase{"order_items", "quantity", "quantity_price", {"price_total"}},
                      ShuffleCase{"reviews", "rating", "category_rating", {}},
                      ShuffleCase{"employees", "salary", "role_salary", {}}),
    [](const ::testing::TestParamInfo<ShuffleCase>& info) {
      return info.param.table + "_" + info.param.column;
    });

TEST(DemoDbToolTest, SameSeedSameDataOtherSeedOtherData) {
  TempDir dir;
  ASSERT_EQ(run_tool({(dir / "a.sqlite").string(), "--seed", "7"}, dir / "log"), 0);
  ASSERT_EQ(run_tool({(dir / "b.sqlite").string(), "--seed", "7"}, dir / "log"), 0);
  ASSERT_EQ(run_tool({(dir / "c.sqlite").string(), "--seed", "8"}, dir / "log"), 0);
  const std::string a = dump(dir / "a.sqlite");
  EXPECT_GT(a.size(), 500000u);  // the dump really holds the rows
  EXPECT_EQ(a, dump(dir / "b.sqlite"));
  const std::string c = dump(dir / "c.sqlite");
  EXPECT_NE(a, c);
  // Other data, same planted patterns.
  EXPECT_EQ(check_demo_patterns(measure_demo_patterns((dir / "c.sqlite").string())),
            std::vector<std::string>{});
}

TEST(DemoDbToolTest, CustomersFlagScalesTheDatabase) {
  TempDir dir;
  const fs::path path = dir / "small.sqlite";
  ASSERT_EQ(run_tool({path.string(), "--customers", "300", "--seed", "3"}, dir / "log"), 0);
  Sqlite db(path);
  EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM customers"), 300);
  EXPECT_LT(db.scalar("SELECT COUNT(*) FROM orders"), 1500);
  EXPECT_EQ(db.rows("PRAGMA foreign_key_check"), std::vector<std::string>{});
}

TEST(DemoDbToolTest, RefusesToOverwriteAndWritesAtomically) {
  TempDir dir;
  const fs::path path = dir / "demo.sqlite";
  { std::ofstream(path) << "precious"; }
  EXPECT_EQ(run_tool({path.string()}, dir / "log"), 2);
  EXPECT_EQ(read_text(path), "precious");
  EXPECT_NE(read_text(dir / "log").find("--overwrite"), std::string::npos);

  ASSERT_EQ(run_tool({path.string(), "--overwrite", "--customers", "50"}, dir / "log"), 0);
  EXPECT_EQ(Sqlite(path).scalar("SELECT COUNT(*) FROM customers"), 50);
  // Only the destination and the log are left: no temporary file behind.
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"demo.sqlite", "log"}));
}

TEST(DemoDbToolTest, BadArgumentsAreUsageErrors) {
  TempDir dir;
  EXPECT_EQ(run_tool({}, dir / "log"), 2);
  EXPECT_EQ(run_tool({(dir / "x.sqlite").string(), "--seed", "abc"}, dir / "log"), 2);
  EXPECT_NE(read_text(dir / "log").find("--seed"), std::string::npos);
  EXPECT_EQ(run_tool({(dir / "x.sqlite").string(), "--customers", "3"}, dir / "log"), 2);
  EXPECT_EQ(run_tool({(dir / "x.sqlite").string(), "--frobnicate"}, dir / "log"), 2);
  EXPECT_FALSE(fs::exists(dir / "x.sqlite"));
  // A directory that does not exist is an I/O failure, and leaves nothing behind.
  EXPECT_EQ(run_tool({(dir / "no" / "such" / "x.sqlite").string()}, dir / "log"), 4);
}

}  // namespace
}  // namespace relsynth

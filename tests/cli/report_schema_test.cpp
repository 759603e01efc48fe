// `relsynth report` against a synthetic database whose schema is not the real one's: a missing
// table or column is bad input (exit 3, naming it), never "0 rows" or a column of its own name.
#include <gtest/gtest.h>

#include <string>

#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

// The real schema, less the orders table or its text column `channel` (which SQLite would read
// as the string 'channel' in every row).
std::string schema(bool with_orders, bool with_channel) {
  std::string sql =
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, city TEXT NOT NULL);\n"
      "INSERT INTO customers VALUES (1, 'Oslo'), (2, 'Bergen'), (3, 'Oslo'), (4, 'Tromso');\n";
  if (with_orders) {
    sql += std::string("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER ") +
           "REFERENCES customers (id), placed TEXT, total REAL" +
           (with_channel ? ", channel TEXT" : "") + ");\n";
    for (int i = 1; i <= 40; ++i)
      sql += "INSERT INTO orders VALUES (" + std::to_string(i) + ", " + std::to_string(1 + i % 4) +
             ", '2024-01-" + std::to_string(10 + i % 18) + "', " + std::to_string(i * 3) + ".5" +
             (with_channel ? std::string(i % 3 ? ", 'web'" : ", 'shop'") : "") + ");\n";
  }
  return sql;
}

class ReportSchema : public ::testing::Test {
 protected:
  void SetUp() override {
    real_ = dir_.file("real.sqlite");
    create_sqlite(real_, schema(true, true));
  }
  int report(const std::string& synthetic, std::string* output) {
    return run_command(
        kCli + " -q report --real " + real_ + " --synthetic " + synthetic + " --no-detection",
        output);
  }
  TempDir dir_;
  std::string real_;
};

TEST_F(ReportSchema, TheSameSchemaIsReported) {
  const std::string synthetic = dir_.file("same.sqlite");
  create_sqlite(synthetic, schema(true, true));
  std::string output;
  EXPECT_EQ(report(synthetic, &output), 0) << output;
}

TEST_F(ReportSchema, AMissingTableIsBadInputNamingIt) {
  const std::string synthetic = dir_.file("no_orders.sqlite");
  create_sqlite(synthetic, schema(false, false));
  std::string output;
  EXPECT_EQ(report(synthetic, &output), 3) << output;
  EXPECT_NE(output.find("table \"orders\""), std::string::npos) << output;
  EXPECT_NE(output.find("missing"), std::string::npos) << output;
}

TEST_F(ReportSchema, AMissingColumnIsBadInputNamingIt) {
  const std::string synthetic = dir_.file("no_channel.sqlite");
  create_sqlite(synthetic, schema(true, false));
  std::string output;
  EXPECT_EQ(report(synthetic, &output), 3) << output;
  EXPECT_NE(output.find("table \"orders\", column \"channel\""), std::string::npos) << output;
}

// The same check for a CSV folder, whose reader has no SQL to fail on.
TEST_F(ReportSchema, AMissingCsvFileIsBadInputNamingIt) {
  const std::string folder = dir_.file("csv");
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q synth " + real_ + " --to csv:" + folder, &output), 0) << output;
  ASSERT_EQ(report("csv:" + folder, &output), 0) << output;
  std::filesystem::remove(folder + "/orders.csv");
  EXPECT_EQ(report("csv:" + folder, &output), 3) << output;
  EXPECT_NE(output.find("table \"orders\""), std::string::npos) << output;
}

}  // namespace
}  // namespace relsynth::testing

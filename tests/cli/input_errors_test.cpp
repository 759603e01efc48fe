// Safe by default: table options naming no table are reported, never silently taken.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace relsynth::testing {
namespace {

namespace fs = std::filesystem;

const std::string kCli = RELSYNTH_CLI_PATH;

// parents <- children, and a lookup table linked to neither.
std::string small_database(const TempDir& dir) {
  const std::string db = dir.file("small.sqlite");
  std::string script =
      "CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
      "CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
      "REFERENCES parents(id), amount REAL, note TEXT);"
      "CREATE TABLE lookup (code TEXT PRIMARY KEY, label TEXT);"
      "INSERT INTO lookup VALUES ('a', 'alpha'), ('b', 'beta');";
  for (int i = 1; i <= 40; ++i) {
    script +=
        "INSERT INTO parents VALUES (" + std::to_string(i) + ", 'p" + std::to_string(i % 7) + "');";
    for (int k = 0; k < i % 4; ++k)
      script += "INSERT INTO children (parent_id, amount, note) VALUES (" + std::to_string(i) +
                ", " + std::to_string(i * 1.5 + k) + ", 'n" + std::to_string(k) + "');";
  }
  create_sqlite(db, script);
  return db;
}

// The message lists the tables there are, so a typo is easy to fix.
void expect_lists_tables(const std::string& output, const std::string& option) {
  EXPECT_NE(output.find(option + ": no table named \"nope\"; the tables are "), std::string::npos)
      << output;
  for (const char* table : {"\"parents\"", "\"children\"", "\"lookup\""})
    EXPECT_NE(output.find(table), std::string::npos) << output;
}

TEST(InputErrors, TableOptionsNamingNoTableAreUsageErrorsEverywhere) {
  TempDir dir;
  const std::string db = small_database(dir);
  std::string output;
  for (const std::string option : {"--preserve", "--only", "--ignore"}) {
    SCOPED_TRACE(option);
    EXPECT_EQ(
        run_command(kCli + " train " + db + " -o " + dir.file("m.rsm") + " " + option + " nope",
                    &output),
        2);
    expect_lists_tables(output, option);
    EXPECT_FALSE(fs::exists(dir.file("m.rsm")));
    EXPECT_EQ(run_command(kCli + " synth " + db + " --to " + dir.file("out.sqlite") + " " + option +
                              " parents nope",
                          &output),
              2);
    expect_lists_tables(output, option);
    EXPECT_FALSE(fs::exists(dir.file("out.sqlite")));
  }
  ASSERT_EQ(run_command(kCli + " -q train " + db + " -o " + dir.file("m.rsm"), &output), 0)
      << output;
  EXPECT_EQ(run_command(kCli + " generate " + dir.file("m.rsm") + " --to " +
                            dir.file("out.sqlite") + " --preserve nope",
                        &output),
            2);
  expect_lists_tables(output, "--preserve");
  EXPECT_FALSE(fs::exists(dir.file("out.sqlite")));

  EXPECT_EQ(run_command(kCli + " train " + db + " -o " + dir.file("m2.rsm") +
                            " --ignore parents children lookup",
                        &output),
            2);
  EXPECT_NE(output.find("leave no table"), std::string::npos) << output;
}

}  // namespace
}  // namespace relsynth::testing

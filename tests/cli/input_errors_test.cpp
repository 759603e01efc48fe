// Safe by default: table options naming no table, sources without tables, metadata files that
// are invalid or leave parts of the source out are reported, never silently taken.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

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

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

void write_json(const std::string& path, const nlohmann::json& json) {
  std::ofstream out(path);
  out << json.dump(2);
}

nlohmann::json& table_named(nlohmann::json& metadata, const std::string& name) {
  for (auto& table : metadata.at("tables"))
    if (table.at("name") == name) return table;
  throw std::runtime_error("no table " + name);
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

// A parent column that sums its children reads a table --only / --ignore may leave out: the
// rule goes with the table, said in a warning naming both, and training goes on.
TEST(InputErrors, RulesReadingALeftOutTableAreDroppedWithAWarning) {
  TempDir dir;
  const std::string db = dir.file("totals.sqlite");
  std::string script =
      "CREATE TABLE parents (id INTEGER PRIMARY KEY, total REAL NOT NULL);"
      "CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
      "REFERENCES parents(id), amount REAL NOT NULL);";
  for (int i = 1; i <= 60; ++i) {
    double total = 0;
    std::string lines;
    for (int k = 0; k <= i % 3; ++k) {
      const double amount = (i * 7 + k * 13) % 50 + 0.5;
      total += amount;
      lines += "INSERT INTO children (parent_id, amount) VALUES (" + std::to_string(i) + ", " +
               std::to_string(amount) + ");";
    }
    script += "INSERT INTO parents VALUES (" + std::to_string(i) + ", " + std::to_string(total) +
              ");" + lines;
  }
  create_sqlite(db, script);
  std::string output;
  ASSERT_EQ(run_command(kCli + " inspect " + db, &output), 0) << output;
  ASSERT_NE(output.find("total = sum(children.amount)"), std::string::npos) << output;
  for (const std::string option : {"--only parents", "--ignore children"}) {
    SCOPED_TRACE(option);
    ASSERT_EQ(run_command(kCli + " train " + db + " -o " + dir.file(option.substr(2, 4) + ".rsm") +
                              " " + option,
                          &output),
              0)
        << output;
    EXPECT_NE(output.find("parents: rule total = sum(children.amount) is dropped: table "
                          "children is left out"),
              std::string::npos)
        << output;
  }
}

TEST(InputErrors, ASourceWithoutTablesIsBadInput) {
  TempDir dir;
  fs::create_directories(dir.file("empty"));
  std::string output;
  EXPECT_EQ(run_command(kCli + " inspect " + dir.file("empty"), &output), 3);
  EXPECT_NE(output.find("the source has no tables (no .csv or .tsv files)"), std::string::npos)
      << output;
  EXPECT_EQ(run_command(kCli + " synth csv:" + dir.file("empty") + " --to " + dir.file("o.sqlite"),
                        &output),
            3);
  EXPECT_FALSE(fs::exists(dir.file("o.sqlite")));
  create_sqlite(dir.file("none.sqlite"), "CREATE TABLE t (x INTEGER); DROP TABLE t;");
  EXPECT_EQ(
      run_command(kCli + " train " + dir.file("none.sqlite") + " -o " + dir.file("m.rsm"), &output),
      3);
  EXPECT_NE(output.find("the source has no tables"), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(dir.file("m.rsm")));
}

// A schema the destination cannot hold is refused once the source is read, before training
// (SQLite refused it when writing, after all the work): CSV columns `Name` and `name` are one to
// SQLite, and it reserves table names starting with "sqlite_".
TEST(InputErrors, ASchemaTheDestinationCannotHoldIsRefusedBeforeTraining) {
  TempDir dir;
  fs::create_directories(dir.file("case"));
  fs::create_directories(dir.file("reserved"));
  std::ofstream names(dir.file("case") + "/people.csv"),
      reserved(dir.file("reserved") + "/sqlite_stat1.csv");
  names << "id,Name,name\n";
  reserved << "id,v\n";
  for (int i = 1; i <= 40; ++i) {
    names << i << ",a" << i % 3 << ",b" << i % 4 << "\n";
    reserved << i << "," << i % 5 << "\n";
  }
  names.close();
  reserved.close();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"case", "table \"people\": cannot create the table in"},
      {"reserved", "table \"sqlite_stat1\": cannot create the table in"}};
  for (const auto& [folder, error] : cases) {
    std::string output;
    EXPECT_EQ(run_command(
                  kCli + " synth csv:" + dir.file(folder) + " --to " + dir.file(folder + ".sqlite"),
                  &output),
              3)
        << output;
    EXPECT_NE(output.find(error), std::string::npos) << output;
    EXPECT_EQ(output.find("training"), std::string::npos) << "refused before training\n" << output;
    EXPECT_FALSE(fs::exists(dir.file(folder + ".sqlite")));
  }
}

TEST(InputErrors, MetadataErrorsNameTheTableAndColumn) {
  TempDir dir;
  const std::string db = small_database(dir), file = dir.file("meta.json");
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q inspect " + db + " -o " + file, &output), 0) << output;
  const nlohmann::json good = read_json(file);

  nlohmann::json bad = good;
  for (auto& column : table_named(bad, "children").at("columns"))
    if (column.at("name") == "note") column["sdtype"] = "bogus";
  write_json(file, bad);
  EXPECT_EQ(run_command(kCli + " inspect " + db + " -m " + file, &output), 3);
  EXPECT_NE(output.find("table \"children\", column \"note\", field \"sdtype\": unknown sdtype "
                        "\"bogus\""),
            std::string::npos)
      << output;
  EXPECT_EQ(output.find("$.tables"), std::string::npos) << output;

  bad = good;
  table_named(bad, "children").at("columns").push_back({{"sdtype", "text"}});
  write_json(file, bad);
  EXPECT_EQ(run_command(kCli + " inspect " + db + " -m " + file, &output), 3);
  EXPECT_NE(output.find("table \"children\", column 5, field \"name\": missing"), std::string::npos)
      << output;

  // Valid JSON, invalid metadata: a foreign key to a table that does not exist.
  bad = good;
  table_named(bad, "children")
      .at("foreign_keys")
      .push_back(
          {{"columns", {"parent_id"}}, {"parent_table", "ghosts"}, {"parent_columns", {"id"}}});
  write_json(file, bad);
  for (const std::string& command :
       std::vector<std::string>{"inspect", "inspect --json", "train -o " + dir.file("m.rsm")}) {
    SCOPED_TRACE(command);
    EXPECT_EQ(run_command(kCli + " " + command + " " + db + " -m " + file, &output), 3);
    EXPECT_NE(output.find("\"ghosts\"(id): parent table does not exist"), std::string::npos)
        << output;
  }
}

TEST(InputErrors, TablesAndColumnsLeftOutOfTheMetadataAreReported) {
  TempDir dir;
  const std::string db = small_database(dir), file = dir.file("meta.json");
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q inspect " + db + " -o " + file, &output), 0) << output;
  nlohmann::json metadata = read_json(file);
  auto& tables = metadata.at("tables");
  for (size_t i = 0; i < tables.size(); ++i)
    if (tables[i].at("name") == "lookup") tables.erase(i);
  auto& columns = table_named(metadata, "children").at("columns");
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].at("name") == "note") columns.erase(i);
  for (auto& table : tables) table.erase("rules");  // rules on `note` are gone with it
  write_json(file, metadata);

  for (const std::string& command :
       std::vector<std::string>{"inspect --json", "synth --to " + dir.file("out.sqlite")}) {
    SCOPED_TRACE(command);
    // stdout to /dev/null: the warnings are on stderr.
    ASSERT_EQ(run_command("(" + kCli + " " + command + " " + db + " -m " + file + " > /dev/null)",
                          &output),
              0)
        << output;
    EXPECT_NE(output.find("warning: table \"lookup\" is in the source but not in the metadata: "
                          "left out"),
              std::string::npos)
        << output;
    EXPECT_NE(output.find("warning: table \"children\", column \"note\" is in the source but not "
                          "in the metadata: left out"),
              std::string::npos)
        << output;
  }
  EXPECT_EQ(
      query_int(dir.file("out.sqlite"), "SELECT COUNT(*) FROM sqlite_master WHERE name = 'lookup'"),
      0);
  EXPECT_EQ(query_int(dir.file("out.sqlite"),
                      "SELECT COUNT(*) FROM pragma_table_info('children') WHERE name = 'note'"),
            0);
}

}  // namespace
}  // namespace relsynth::testing

// relsynth run PLAN on the demo database: an execution with its timeline, a re-run that reuses
// the model, a changed plan that retrains, an invalid plan that runs nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

nlohmann::json json_of(const std::string& command) {
  std::string output;
  EXPECT_EQ(run_command(command + " 2>/dev/null", &output), 0) << command << "\n" << output;
  return nlohmann::json::parse(output, nullptr, false);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> step_names(const nlohmann::json& execution) {
  std::vector<std::string> out;
  for (const auto& step : execution["steps"]) out.push_back(step["name"].get<std::string>());
  return out;
}

bool has_step(const nlohmann::json& execution, const std::string& prefix) {
  for (const std::string& name : step_names(execution))
    if (name.rfind(prefix, 0) == 0) return true;
  return false;
}

class RunPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    demo_ = make_demo_model(dir_, 80);
    store_ = " --store " + dir_.file("store");
    plan_ = dir_.file("retail.plan.yaml");
    std::string output;
    ASSERT_EQ(run_command(kCli + " -q plan " + demo_.database + " -o " + plan_ + " --to " +
                              dir_.file("twin.sqlite") + " --trees 3",
                          &output),
              0)
        << output;
  }

  TempDir dir_;
  DemoModel demo_;
  std::string store_, plan_;
};

TEST_F(RunPlan, AnExecutionIsRecordedWithItsTimelineAndARerunReusesTheModel) {
  std::string output;
  ASSERT_EQ(run_command(kCli + " run " + plan_ + store_, &output), 0) << output;
  EXPECT_EQ(foreign_key_violations(dir_.file("twin.sqlite")), 0);
  EXPECT_GT(query_int(dir_.file("twin.sqlite"), "SELECT COUNT(*) FROM orders"), 0);

  const nlohmann::json first = json_of(kCli + " runs show 1 --json" + store_);
  EXPECT_EQ(first["status"], "succeeded") << first.dump(2);
  EXPECT_EQ(first["seed"], 42);
  EXPECT_TRUE(has_step(first, "reading data")) << first.dump(2);
  bool trained_orders = false, generated_orders = false;
  for (const auto& step : first["steps"]) {
    trained_orders |= step["name"] == "training orders" && step["table"] == "orders";
    generated_orders |= step["table"] == "orders" && step["name"] != "training orders";
    EXPECT_EQ(step["status"], "done") << step.dump();
  }
  EXPECT_TRUE(trained_orders) << first.dump(2);
  EXPECT_TRUE(generated_orders) << first.dump(2);
  EXPECT_TRUE(std::filesystem::exists(first["model_file"].get<std::string>()));
  EXPECT_NE(read_file(first["report_json"].get<std::string>()).find("\"summary\""),
            std::string::npos);
  EXPECT_NE(first["plan_text"].get<std::string>().find("trees: 3"), std::string::npos);

  // A new seed: the same plan and source, so no training, and another database.
  ASSERT_EQ(run_command(kCli + " run " + plan_ + store_ + " --seed 7 --to " +
                            dir_.file("twin7.sqlite") + " --name again",
                        &output),
            0)
      << output;
  const nlohmann::json second = json_of(kCli + " runs show 2 --json" + store_);
  EXPECT_EQ(second["status"], "succeeded");
  EXPECT_EQ(second["name"], "again");
  EXPECT_EQ(second["seed"], 7);
  EXPECT_EQ(second["model_from"], 1) << second.dump(2);
  EXPECT_FALSE(has_step(second, "training ")) << second.dump(2);
  EXPECT_TRUE(has_step(second, "reusing the model of execution 1")) << second.dump(2);
  EXPECT_EQ(foreign_key_violations(dir_.file("twin7.sqlite")), 0);
  EXPECT_NE(dump_database(dir_.file("twin.sqlite")), dump_database(dir_.file("twin7.sqlite")));

  // A change to the training part retrains.
  std::string text = read_file(plan_);
  text.replace(text.find("trees: 3"), 8, "trees: 4");
  std::ofstream(dir_.file("changed.yaml")) << text;
  ASSERT_EQ(run_command(kCli + " run " + dir_.file("changed.yaml") + store_ + " --to " +
                            dir_.file("twin4.sqlite") + " --no-report",
                        &output),
            0)
      << output;
  const nlohmann::json third = json_of(kCli + " runs show 3 --json" + store_);
  EXPECT_TRUE(has_step(third, "training orders")) << third.dump(2);
  EXPECT_TRUE(third["model_from"].is_null()) << third.dump(2);

  const nlohmann::json list = json_of(kCli + " runs list --json" + store_);
  ASSERT_EQ(list.size(), 3u);
  for (const auto& execution : list) EXPECT_EQ(execution["status"], "succeeded");
}

TEST_F(RunPlan, AnInvalidPlanRunsNothingAndAFailureIsRecorded) {
  std::string text = read_file(plan_);
  text.replace(text.find("trees: 3"), 8, "trees: 0");
  std::ofstream(dir_.file("bad.yaml")) << text;
  std::string output;
  EXPECT_EQ(run_command(kCli + " run " + dir_.file("bad.yaml") + store_, &output), 2);
  EXPECT_NE(output.find("setting training.trees: must be a whole number from 1 to 1000, got 0"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("nothing was run"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(dir_.file("twin.sqlite")));
  EXPECT_FALSE(std::filesystem::exists(dir_.file("store/runs.sqlite")));

  // An existing destination without overwrite is found before anything runs.
  create_sqlite(dir_.file("twin.sqlite"),
                "CREATE TABLE keep_me (x INTEGER); INSERT INTO keep_me VALUES (1);");
  EXPECT_EQ(run_command(kCli + " -q run " + plan_ + store_, &output), 2);
  EXPECT_NE(output.find("destination: " + dir_.file("twin.sqlite") +
                        " exists; set destination.overwrite: true"),
            std::string::npos)
      << output;
  EXPECT_FALSE(std::filesystem::exists(dir_.file("store/runs.sqlite")));

  // A failure while it runs (here: a size that needs --yes, found once the model is trained) is
  // recorded with its reason, and the destination is left as it was.
  EXPECT_EQ(
      run_command(kCli + " -q run " + plan_ + store_ + " --scale 1000000 --overwrite", &output), 2);
  const nlohmann::json failed = json_of(kCli + " runs show 1 --json" + store_);
  EXPECT_EQ(failed["status"], "failed") << failed.dump(2);
  EXPECT_NE(failed["error"].get<std::string>().find("relsynth did not write"), std::string::npos)
      << failed.dump(2);
  EXPECT_EQ(query_int(dir_.file("twin.sqlite"), "SELECT COUNT(*) FROM keep_me"), 1);
}

// The edits of README's plan example, run: each treatment and size shows in the output.
TEST_F(RunPlan, TheReadmeExampleEditsTakeEffect) {
  std::string text = read_file(plan_);
  // The treatment at the end of a column's line, replaced.
  auto treat = [&](const std::string& column, const std::string& treatment) {
    const size_t at = text.find("- {name: " + column + ",");
    ASSERT_NE(at, std::string::npos) << column;
    const size_t end = text.find("treatment: auto}", at);
    ASSERT_NE(end, std::string::npos) << column;
    text.replace(end, 16, "treatment: " + treatment + "}");
  };
  treat("first_name", "{kind: fake, locale: de_DE}");
  treat("phone", "{kind: mask, keep_last: 4}");
  treat("postal_code", "exclude");
  treat("sku", R"({kind: pattern, pattern: "SKU-[0-9]{6}", unique: true})");
  const size_t products = text.find("- name: products");
  const size_t rows = text.find("      rows:", products);
  text.replace(rows, text.find('\n', rows) - rows, "      rows: 300");
  std::ofstream(dir_.file("readme.yaml")) << text;
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q validate " + dir_.file("readme.yaml"), &output), 0) << output;
  ASSERT_EQ(
      run_command(kCli + " -q run " + dir_.file("readme.yaml") + store_ + " --no-report", &output),
      0)
      << output;
  const std::string twin = dir_.file("twin.sqlite");
  EXPECT_EQ(foreign_key_violations(twin), 0);
  EXPECT_EQ(query_int(twin, "SELECT COUNT(*) FROM products"), 300);
  EXPECT_EQ(query_int(twin, "SELECT COUNT(DISTINCT sku) FROM products"), 300);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM products WHERE sku NOT GLOB "
                      "'SKU-[0-9][0-9][0-9][0-9][0-9][0-9]'"),
            0);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM pragma_table_info('customers') "
                      "WHERE name = 'postal_code'"),
            0);
  EXPECT_GT(query_int(twin, "SELECT COUNT(*) FROM customers WHERE phone IS NOT NULL"), 0);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM customers WHERE phone IS NOT NULL AND NOT "
                      "(phone GLOB '*[0-9][0-9][0-9][0-9]' AND substr(phone, 1, 1) = '*')"),
            0);
}

}  // namespace
}  // namespace relsynth::testing

// `relsynth runs list | show | rename | delete | cancel` through the real binary, on a store
// written through the library.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "relsynth/progress.h"
#include "runs/recorder.h"
#include "runs/run_store.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

using runs::RunStore;
using runs::Status;

// Three executions: 1 succeeded with a timeline and a warning, 2 failed in table orders,
// 3 queued.
void fill(RunStore& store) {
  runs::ExecutionRequest request;
  request.plan_text = "plan";
  request.seed = 5;
  request.scale = 2;
  request.source = "retail.sqlite";
  request.destination = "twin.sqlite";
  const int64_t first = store.create(request);
  store.start(first);
  {
    Progress progress(true);
    runs::ExecutionRecorder recorder(store, first, progress);
    progress.step("reading data");
    progress.update(4, 4);
    progress.done("1,234 rows");
    progress.step("training orders");
    progress.message("warning: orders.note is empty on every row");
    progress.done("800 rows, 5 columns modelled");
    progress.step("generating orders");
    progress.update(1600, 1600);
    progress.done();
    store.record_output(first, "twin.sqlite", 1600);
    recorder.succeeded();
  }
  request.seed = 6;
  const int64_t second = store.create(request);
  store.start(second);
  {
    Progress progress(true);
    runs::ExecutionRecorder recorder(store, second, progress);
    progress.step("training orders");
    recorder.failed("out of memory");
  }
  request.root_rows = {{"customers", 50}};
  store.create(request);
}

class RunsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    RunStore store(dir_.file("p"));
    fill(store);
  }
  std::string runs(const std::string& arguments, int expected = 0) {
    std::string output;
    EXPECT_EQ(run_command(kCli + " runs " + arguments + " --store " + dir_.file("p"), &output),
              expected)
        << arguments << ": " << output;
    return output;
  }
  TempDir dir_;
};

TEST_F(RunsCli, ListAsTextAndJson) {
  const std::string text = runs("list");
  EXPECT_NE(text.find("ID"), std::string::npos) << text;
  EXPECT_NE(text.find("run 1"), std::string::npos) << text;
  EXPECT_NE(text.find("succeeded"), std::string::npos) << text;
  EXPECT_NE(text.find("failed"), std::string::npos) << text;
  EXPECT_NE(text.find("queued"), std::string::npos) << text;
  EXPECT_NE(text.find("customers=50"), std::string::npos) << text;

  const nlohmann::json list = nlohmann::json::parse(runs("list --json"));
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["id"], 1);
  EXPECT_EQ(list[0]["name"], "run 1");
  EXPECT_EQ(list[0]["status"], "succeeded");
  EXPECT_EQ(list[0]["seed"], 5);
  EXPECT_EQ(list[0]["scale"], 2.0);
  EXPECT_TRUE(list[0]["started"].is_string());
  EXPECT_TRUE(list[0]["ended"].is_string());
  EXPECT_GE(list[0]["seconds"].get<double>(), 0);
  EXPECT_EQ(list[0]["rows_written"], 1600);
  EXPECT_EQ(list[1]["status"], "failed");
  EXPECT_EQ(list[1]["failed_table"], "orders");
  EXPECT_EQ(list[1]["error"], "out of memory");
  EXPECT_EQ(list[2]["status"], "queued");
  EXPECT_TRUE(list[2]["started"].is_null());
  EXPECT_EQ(list[2]["rows"]["customers"], 50);
}

TEST_F(RunsCli, ListFiltersAndShowGivesThePlan) {
  nlohmann::json list = nlohmann::json::parse(runs("list --json --status failed"));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], 2);
  list = nlohmann::json::parse(runs("list --json --last 2"));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["id"], 2);
  EXPECT_EQ(list[1]["id"], 3);
  runs("list --status done", 2);  // not a status
  EXPECT_EQ(runs("show 1 --plan"), "plan\n");
}

TEST_F(RunsCli, ShowPrintsTheTimeline) {
  const std::string text = runs("show 1");
  EXPECT_NE(text.find("execution 1 \"run 1\": succeeded"), std::string::npos) << text;
  EXPECT_NE(text.find("timeline:"), std::string::npos) << text;
  EXPECT_NE(text.find("training orders"), std::string::npos) << text;
  EXPECT_NE(text.find("800 rows, 5 columns modelled"), std::string::npos) << text;
  EXPECT_NE(text.find("1,600/1,600"), std::string::npos) << text;
  EXPECT_NE(text.find("warnings:\n  - orders.note is empty on every row"), std::string::npos)
      << text;
  const std::string failed = runs("show 2");
  EXPECT_NE(failed.find("error"), std::string::npos) << failed;
  EXPECT_NE(failed.find("out of memory (table orders)"), std::string::npos) << failed;
  EXPECT_NE(failed.find("[failed]"), std::string::npos) << failed;

  const nlohmann::json shown = nlohmann::json::parse(runs("show 1 --json"));
  EXPECT_EQ(shown["status"], "succeeded");
  EXPECT_EQ(shown["plan_text"], "plan");
  ASSERT_EQ(shown["steps"].size(), 3u);
  EXPECT_EQ(shown["steps"][1]["name"], "training orders");
  EXPECT_EQ(shown["steps"][1]["table"], "orders");
  EXPECT_TRUE(shown["steps"][0]["table"].is_null());
  EXPECT_EQ(shown["steps"][2]["done"], 1600);
  EXPECT_GE(shown["steps"][2]["seconds"].get<double>(), 0);
  ASSERT_EQ(shown["warnings"].size(), 1u);
  EXPECT_EQ(shown["warnings"][0]["step"], 2);
}

TEST_F(RunsCli, RenameDeleteAndCancel) {
  EXPECT_NE(runs("rename 2 \"first try\"").find("\"first try\""), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(runs("list --json"))[1]["name"], "first try");

  const std::string folder = dir_.file("p/runs/2");
  EXPECT_TRUE(std::filesystem::is_directory(folder));
  runs("delete 2");
  EXPECT_FALSE(std::filesystem::exists(folder));
  EXPECT_EQ(nlohmann::json::parse(runs("list --json")).size(), 2u);

  EXPECT_NE(runs("cancel 3").find("cancelled"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(runs("show 3 --json"))["status"], "cancelled");
  const std::string again = runs("cancel 3", 2);
  EXPECT_NE(again.find("already cancelled"), std::string::npos) << again;

  // A running execution (this test process runs it) is not deleted.
  {
    RunStore store(dir_.file("p"));
    store.start(store.create({}));
  }
  EXPECT_NE(runs("show 4").find("running for"), std::string::npos);
  const std::string running = runs("delete 4", 2);
  EXPECT_NE(running.find("is running"), std::string::npos) << running;
  EXPECT_NE(running.find("relsynth runs cancel 4"), std::string::npos) << running;
}

TEST_F(RunsCli, ErrorsNameTheExecutionAndTheStore) {
  const std::string missing = runs("show 7", 2);
  EXPECT_NE(missing.find("no execution 7 in " + dir_.file("p") + "/runs.sqlite"), std::string::npos)
      << missing;
  EXPECT_NE(missing.find("`relsynth runs list`"), std::string::npos) << missing;
  runs("rename 7 x", 2);
  runs("delete 7", 2);
  runs("cancel 7", 2);
  runs("show x", 2);  // not a number
  runs("frobnicate", 2);

  std::filesystem::create_directories(dir_.file("bad"));
  std::ofstream(dir_.file("bad/runs.sqlite")) << std::string(5000, 'x');
  std::string output;
  EXPECT_EQ(run_command(kCli + " runs list --store " + dir_.file("bad"), &output), 3) << output;
  EXPECT_NE(output.find("is not a relsynth run store"), std::string::npos) << output;
  EXPECT_EQ(output.find("internal error"), std::string::npos) << output;
}

TEST_F(RunsCli, TheStoreIsFoundInTheCurrentFolderOrTheEnvironment) {
  std::string output;
  // No store yet: nothing to list, and none created by listing.
  EXPECT_EQ(run_command("cd " + dir_.file("") + " && " + kCli + " runs list", &output), 0);
  EXPECT_NE(output.find("no executions in .relsynth/runs.sqlite"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(dir_.file(".relsynth")));
  EXPECT_EQ(run_command("cd " + dir_.file("") + " && " + kCli + " runs list --json", &output), 0);
  EXPECT_EQ(nlohmann::json::parse(output).size(), 0u);
  EXPECT_EQ(
      run_command("RELSYNTH_STORE=" + dir_.file("p") + " " + kCli + " runs list --json", &output),
      0);
  EXPECT_EQ(nlohmann::json::parse(output).size(), 3u) << output;
}

}  // namespace
}  // namespace relsynth::testing

// `relsynth export RUN` and executions as real processes: the same output again, a running
// export cancelled through `relsynth runs cancel`, a killed one shown as failed with its
// destination lock taken over, two exports onto one destination.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "runs/run_store.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

using runs::RunStore;

int64_t total_rows(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* tables = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &tables,
                     nullptr);
  std::vector<std::string> names;
  while (sqlite3_step(tables) == SQLITE_ROW)
    names.push_back(reinterpret_cast<const char*>(sqlite3_column_text(tables, 0)));
  sqlite3_finalize(tables);
  sqlite3_close(db);
  int64_t total = 0;
  for (const std::string& name : names)
    total += query_int(path, "SELECT COUNT(*) FROM " + sql_name(name));
  return total;
}
using runs::Status;

class Export : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    demo_ = new DemoModel(make_demo_model(*dir_, 300));
  }
  static void TearDownTestSuite() {
    delete demo_;
    delete dir_;
  }
  // A succeeded execution that used the demo model at this seed and scale.
  int64_t executed(uint64_t seed, double scale, const std::string& model) {
    RunStore store(store_folder());
    runs::ExecutionRequest request;
    request.seed = seed;
    request.scale = scale;
    request.source = demo_->database;
    request.destination = "first.sqlite";
    const int64_t id = store.create(request);
    store.start(id);
    store.record_model(id, model);
    store.finish(id, Status::Succeeded);
    return id;
  }
  std::string store_folder() const { return out_.file("store"); }
  std::string cli(const std::string& arguments, int expected) {
    std::string output;
    EXPECT_EQ(run_command(kCli + " " + arguments + " --store " + store_folder(), &output), expected)
        << arguments << ": " << output;
    return output;
  }
  // Waits until execution `id` runs and has begun generating; false after a minute.
  bool wait_generating(int64_t id) {
    RunStore store(store_folder());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      const auto execution = store.find(id);
      if (execution && execution->status == Status::Running)
        for (const runs::Step& step : store.steps(id))
          if (step.name.rfind("generating", 0) == 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  static bool has_temporaries(const std::string& folder) {
    for (const auto& entry : std::filesystem::directory_iterator(folder))
      if (entry.path().filename().string().find(".tmp-") != std::string::npos) return true;
    return false;
  }

  static TempDir* dir_;
  static DemoModel* demo_;
  TempDir out_;
};
TempDir* Export::dir_ = nullptr;
DemoModel* Export::demo_ = nullptr;

TEST_F(Export, WritesTheSameOutputAgainAsAnExecutionOfItsOwn) {
  const int64_t first = executed(5, 1.5, demo_->model);
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q generate " + demo_->model + " --seed 5 --scale 1.5 --to " +
                            out_.file("direct.sqlite"),
                        &output),
            0)
      << output;
  cli("-q export " + std::to_string(first) + " --to " + out_.file("again.sqlite"), 0);
  EXPECT_EQ(dump_database(out_.file("again.sqlite")), dump_database(out_.file("direct.sqlite")));

  const nlohmann::json list = nlohmann::json::parse(cli("runs list --json", 0));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["name"], "export of run 1");
  EXPECT_EQ(list[1]["status"], "succeeded");
  EXPECT_EQ(list[1]["model_from"], first);
  EXPECT_EQ(list[1]["seed"], 5);
  EXPECT_EQ(list[1]["rows_written"].get<int64_t>(), total_rows(out_.file("again.sqlite")));
  const nlohmann::json shown = nlohmann::json::parse(cli("runs show 2 --json", 0));
  EXPECT_GE(shown["steps"].size(), 3u);

  // An existing destination needs --overwrite, and the refusal is not recorded.
  const std::string refused =
      cli("-q export " + std::to_string(first) + " --to " + out_.file("again.sqlite"), 2);
  EXPECT_NE(refused.find("--overwrite"), std::string::npos) << refused;
  EXPECT_EQ(nlohmann::json::parse(cli("runs list --json", 0)).size(), 2u);
  cli("-q export 2 --overwrite --to csv:" + out_.file("csv"), 0);
  EXPECT_TRUE(std::filesystem::exists(out_.file("csv/orders.csv")));
}

TEST_F(Export, RefusesWithoutItsModelOrSuccess) {
  std::filesystem::copy_file(demo_->model, out_.file("copy.rsm"));
  const int64_t id = executed(1, 1, out_.file("copy.rsm"));
  std::filesystem::remove(out_.file("copy.rsm"));
  const std::string gone =
      cli("export " + std::to_string(id) + " --to " + out_.file("x.sqlite"), 2);
  EXPECT_NE(gone.find("execution 1 (run 1): its model file " + out_.file("copy.rsm") + " is gone"),
            std::string::npos)
      << gone;
  RunStore store(store_folder());
  const int64_t failed = store.create({});
  store.start(failed);
  store.finish(failed, Status::Failed, "boom");
  const std::string not_done = cli("export 2 --to " + out_.file("x.sqlite"), 2);
  EXPECT_NE(not_done.find("execution 2 (run 2) failed; only a succeeded execution"),
            std::string::npos)
      << not_done;
  cli("export 9 --to " + out_.file("x.sqlite"), 2);
  EXPECT_FALSE(std::filesystem::exists(out_.file("x.sqlite")));
}

// Several processes at once on one store: each execution gets its own id and record.
TEST_F(Export, ProcessesShareOneStore) {
  std::filesystem::copy_file(demo_->model, out_.file("m.rsm"));
  const int64_t first = executed(3, 0.5, out_.file("m.rsm"));
  constexpr int kProcesses = 4;
  std::vector<std::thread> exports;
  std::vector<int> codes(kProcesses, -1);
  std::vector<std::string> outputs(kProcesses);
  for (int p = 0; p < kProcesses; ++p)
    exports.emplace_back([&, p] {
      codes[p] = run_command(kCli + " -q export " + std::to_string(first) + " --to " +
                                 out_.file("copy" + std::to_string(p) + ".sqlite") + " --store " +
                                 store_folder(),
                             &outputs[p]);
    });
  for (std::thread& t : exports) t.join();
  for (int p = 0; p < kProcesses; ++p) EXPECT_EQ(codes[p], 0) << outputs[p];
  const nlohmann::json list = nlohmann::json::parse(cli("runs list --json", 0));
  ASSERT_EQ(list.size(), 1u + kProcesses);
  std::set<std::string> destinations;
  for (size_t i = 1; i < list.size(); ++i) {
    EXPECT_EQ(list[i]["id"], static_cast<int64_t>(i + 1));
    EXPECT_EQ(list[i]["status"], "succeeded");
    destinations.insert(list[i]["destination"].get<std::string>());
  }
  EXPECT_EQ(destinations.size(), static_cast<size_t>(kProcesses));
  for (int p = 1; p < kProcesses; ++p)
    EXPECT_EQ(dump_database(out_.file("copy" + std::to_string(p) + ".sqlite")),
              dump_database(out_.file("copy0.sqlite")));
}

// A long export (2,000 units of the demo) stopped by `relsynth runs cancel`: recorded as
// cancelled, nothing left at the destination; meanwhile a second export onto the same
// destination is refused.
TEST_F(Export, CancelStopsARunningExecution) {
  const int64_t big = executed(1, 2000, demo_->model);
  const int64_t small = executed(1, 1, demo_->model);
  const std::string target = out_.file("big.sqlite");
  int exit_code = -1;
  std::string output;
  std::thread running([&] {
    exit_code = run_command(
        kCli + " export " + std::to_string(big) + " --to " + target + " --store " + store_folder(),
        &output);
  });
  const int64_t id = small + 1;
  ASSERT_TRUE(wait_generating(id)) << output;
  const std::string busy = cli("-q export " + std::to_string(small) + " --to " + target, 2);
  EXPECT_NE(busy.find("is being written by execution " + std::to_string(id)), std::string::npos)
      << busy;
  const std::string cancelled = cli("runs cancel " + std::to_string(id), 0);
  running.join();
  EXPECT_NE(cancelled.find("execution " + std::to_string(id) + " (export of run 1) cancelled"),
            std::string::npos)
      << cancelled;
  EXPECT_EQ(exit_code, 143) << output;  // terminated (SIGTERM)
  EXPECT_FALSE(std::filesystem::exists(target));
  EXPECT_FALSE(has_temporaries(out_.path()));

  RunStore store(store_folder());
  const runs::Execution e = store.get(id);
  EXPECT_EQ(e.status, Status::Cancelled);
  EXPECT_NE(e.error.find("interrupted or terminated"), std::string::npos) << e.error;
  EXPECT_EQ(store.steps(id).back().status, "cancelled");
  // The destination is free again.
  cli("-q export " + std::to_string(small) + " --to " + target, 0);
}

// A running export killed outright (kill -9): shown as failed, and the next execution to its
// destination takes over the lock it left.
TEST_F(Export, AKilledExecutionIsFailedAndItsLockTakenOver) {
  const int64_t big = executed(2, 2000, demo_->model);
  const int64_t small = executed(2, 1, demo_->model);
  const std::string target = out_.file("big.sqlite");
  std::string output;
  std::thread running([&] {
    run_command(kCli + " -q export " + std::to_string(big) + " --to " + target + " --store " +
                    store_folder(),
                &output);
  });
  const int64_t id = small + 1;
  ASSERT_TRUE(wait_generating(id)) << output;
  const int64_t pid = RunStore(store_folder()).get(id).pid;
  ASSERT_EQ(kill(static_cast<pid_t>(pid), SIGKILL), 0);
  running.join();
  EXPECT_EQ(query_int(store_folder() + "/runs.sqlite", "SELECT COUNT(*) FROM locks"), 1);
  // The lock is stale: taken over without reading the killed execution first.
  cli("-q export " + std::to_string(small) + " --to " + target, 0);
  EXPECT_FALSE(has_temporaries(out_.path()));  // the killed run's, removed by the next one

  const nlohmann::json shown =
      nlohmann::json::parse(cli("runs show " + std::to_string(id) + " --json", 0));
  EXPECT_EQ(shown["status"], "failed");
  EXPECT_EQ(shown["error"], "the process ended without finishing");
  EXPECT_EQ(shown["steps"].back()["status"], "failed");
  EXPECT_EQ(nlohmann::json::parse(cli("runs list --json", 0)).back()["status"], "succeeded");
}

}  // namespace
}  // namespace relsynth::testing

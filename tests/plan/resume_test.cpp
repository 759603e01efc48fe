// Fits kept in the run store's cache: a training that meets the same inputs reuses them and makes
// the same model; an execution stopped during training resumes where it stopped; `retrain`
// refits only the tables asked.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "relsynth/inference.h"
#include "relsynth/io.h"
#include "relsynth/synth.h"
#include "runs/run_store.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

size_t files_in(const std::string& folder) {
  if (!std::filesystem::exists(folder)) return 0;
  size_t count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
    count += entry.is_regular_file();
  return count;
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Database read_all(const std::string& path, Metadata& metadata) {
  auto source = open_source(path, {});
  metadata = source->describe();
  return read_database(*source, metadata);
}

// The fits of training `name` (from its progress notes: "..., 5 fits reused, 0 new").
struct FitCounts {
  size_t reused = 0, fitted = 0;
};
FitCounts fits_of(const Metadata& metadata, const Database& data, const TrainOptions& options,
                  const std::string& path) {
  struct Notes : ProgressListener {
    FitCounts counts;
    void step_started(const std::string&) override {}
    void step_updated(uint64_t, uint64_t, const std::string&) override {}
    void message(const std::string&) override {}
    void step_done(const std::string& note) override {
      size_t reused = 0, fitted = 0;
      if (std::sscanf(note.c_str() + note.find(" columns modelled"),
                      " columns modelled, %zu fits reused, %zu new", &reused, &fitted) == 2) {
        counts.reused += reused;
        counts.fitted += fitted;
      }
    }
  } notes;
  Progress quiet(true);
  quiet.add_listener(&notes);
  train(metadata, data, options, quiet).save(path);
  quiet.remove_listener(&notes);
  return notes.counts;
}

TEST(FitCache, ReusedFitsMakeTheSameModel) {
  TempDir dir;
  const DemoModel demo = make_demo_model(dir, 120);
  Metadata declared;
  const Database data = read_all(demo.database, declared);
  const Metadata metadata = infer_metadata(declared, data).metadata;
  Progress quiet(true);
  TrainOptions plain;
  plain.num_trees = 3;
  train(metadata, data, plain, quiet).save(dir.file("plain.rsm"));

  TrainOptions cached = plain;
  cached.fit_cache = dir.file("cache");
  const FitCounts first = fits_of(metadata, data, cached, dir.file("first.rsm"));
  EXPECT_EQ(first.reused, 0u);
  EXPECT_GT(first.fitted, 10u);
  EXPECT_GE(files_in(cached.fit_cache), first.fitted);  // and the deferred links', after the steps
  const FitCounts second = fits_of(metadata, data, cached, dir.file("second.rsm"));
  EXPECT_EQ(second.reused, first.fitted);
  EXPECT_EQ(second.fitted, 0u);
  cached.refit_tables = {"orders"};
  const FitCounts refit = fits_of(metadata, data, cached, dir.file("refit.rsm"));
  EXPECT_GT(refit.fitted, 0u);
  EXPECT_EQ(refit.reused + refit.fitted, first.fitted);
  for (const char* name : {"first.rsm", "second.rsm", "refit.rsm"})
    EXPECT_EQ(bytes_of(dir.file(name)), bytes_of(dir.file("plain.rsm"))) << name;

  // A damaged entry is fitted again, never trusted; another seed is another fit.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(cached.fit_cache))
    if (entry.is_regular_file()) std::ofstream(entry.path(), std::ios::trunc) << "garbage";
  cached.refit_tables.clear();
  const FitCounts repaired = fits_of(metadata, data, cached, dir.file("repaired.rsm"));
  EXPECT_EQ(repaired.reused, 0u);
  EXPECT_EQ(bytes_of(dir.file("repaired.rsm")), bytes_of(dir.file("plain.rsm")));
  cached.seed = 7;
  EXPECT_EQ(fits_of(metadata, data, cached, dir.file("seed7.rsm")).reused, 0u);
}

// An execution stopped while it trains (SIGTERM through `runs cancel`) is recorded as
// cancelled; the next run of the plan reuses the fits of the tables trained before the stop.
TEST(Resume, AStoppedExecutionResumesWhereItStopped) {
  TempDir dir;
  const DemoModel demo = make_demo_model(dir, 3000);
  const std::string store_folder = dir.file("store");
  const std::string plan = dir.file("plan.yaml");
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q plan " + demo.database + " -o " + plan + " --to " +
                            dir.file("twin.sqlite") + " --threads 1",
                        &output),
            0)
      << output;
  const std::string run = kCli + " -q run " + plan + " --store " + store_folder + " --no-report";
  int exit_code = -1;
  std::thread running([&] { exit_code = run_command(run, &output); });
  // Wait until a first table is trained, then stop the execution.
  bool trained_one = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!trained_one && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!std::filesystem::exists(store_folder + "/runs.sqlite")) continue;
    runs::RunStore store(store_folder, false);
    if (!store.find(1)) continue;
    for (const runs::Step& step : store.steps(1))
      trained_one |= step.name.rfind("training ", 0) == 0 && !step.ended.empty();
  }
  ASSERT_TRUE(trained_one);
  std::string cancelled;
  run_command(kCli + " runs cancel 1 --store " + store_folder, &cancelled);
  running.join();
  runs::RunStore store(store_folder, false);
  const runs::Execution stopped = store.get(1);
  if (stopped.status == runs::Status::Succeeded)
    GTEST_SKIP() << "the run ended before the cancel arrived (a very fast machine)";
  EXPECT_EQ(stopped.status, runs::Status::Cancelled) << cancelled << output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("twin.sqlite")));
  std::vector<std::string> trained;
  for (const runs::Step& step : store.steps(1))
    if (step.name.rfind("training ", 0) == 0 && step.status == "done") trained.push_back(step.name);
  ASSERT_FALSE(trained.empty());

  // The retry: the tables trained before the stop reuse every fit.
  ASSERT_EQ(run_command(kCli + " -q retrain 1 --store " + store_folder + " --no-report", &output),
            0)
      << output;
  const runs::Execution retried = store.get(2);
  EXPECT_EQ(retried.status, runs::Status::Succeeded);
  EXPECT_EQ(retried.name, "retrain of 1");
  EXPECT_EQ(foreign_key_violations(dir.file("twin.sqlite")), 0);
  size_t resumed = 0;
  for (const runs::Step& step : store.steps(2))
    if (std::find(trained.begin(), trained.end(), step.name) != trained.end())
      resumed += step.note.find(" 0 new") != std::string::npos;
  EXPECT_EQ(resumed, trained.size()) << "each table trained before the stop resumes from the cache";

  // retrain --tables refits the table asked and reuses the others.
  ASSERT_EQ(run_command(kCli + " -q retrain 2 --tables orders --to " + dir.file("twin2.sqlite") +
                            " --store " + store_folder + " --no-report",
                        &output),
            0)
      << output;
  for (const runs::Step& step : store.steps(3)) {
    if (step.name == "training orders") {
      EXPECT_NE(step.note.find(" 0 fits reused"), std::string::npos) << step.note;
    }
    if (step.name == "training customers") {
      EXPECT_NE(step.note.find(" 0 new"), std::string::npos) << step.note;
    }
  }
  EXPECT_EQ(dump_database(dir.file("twin.sqlite")), dump_database(dir.file("twin2.sqlite")));
  EXPECT_NE(run_command(kCli + " -q retrain 2 --tables nosuch --store " + store_folder, &output),
            0);
  EXPECT_NE(output.find("nosuch"), std::string::npos) << output;
}

}  // namespace
}  // namespace relsynth::testing

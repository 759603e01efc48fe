// The run store and its timeline: executions recorded from a real Progress run, their steps,
// tables and warnings, crashed runs, destination locks, concurrent writers, bad store files.
#include "runs/run_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "relsynth/error.h"
#include "runs/fingerprint.h"
#include "runs/recorder.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

using runs::DestinationLock;
using runs::ExecutionRequest;
using runs::RunStore;
using runs::Status;

// The pid of a process that has ended (and was reaped): a crashed run's.
int64_t ended_pid() {
  std::string output;
  EXPECT_EQ(run_command("sh -c 'echo $$'", &output), 0);
  return std::stoll(output);
}

ExecutionRequest request(const std::string& destination = "out.sqlite") {
  ExecutionRequest r;
  r.plan_text = "source: retail.sqlite\n";
  r.seed = 3;
  r.scale = 2;
  r.source = "retail.sqlite";
  r.destination = destination;
  r.training_key = "key-1";
  return r;
}

const runs::Step* find_step(const std::vector<runs::Step>& steps, const std::string& name) {
  for (const runs::Step& step : steps)
    if (step.name == name) return &step;
  return nullptr;
}

TEST(RunStore, RecordsAnExecutionFromCreationToItsEnd) {
  TempDir dir;
  RunStore store(dir.file("project"));
  EXPECT_TRUE(std::filesystem::exists(dir.file("project/runs.sqlite")));
  const int64_t first = store.create(request());
  ExecutionRequest named = request();
  named.name = "nightly";
  const int64_t second = store.create(named);
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);

  runs::Execution e = store.get(first);
  EXPECT_EQ(e.name, "run 1");
  EXPECT_EQ(e.status, Status::Queued);
  EXPECT_EQ(e.plan_hash, runs::content_hash("source: retail.sqlite\n"));
  EXPECT_EQ(e.seed, 3u);
  EXPECT_EQ(e.scale, 2);
  EXPECT_FALSE(e.user.empty());
  EXPECT_FALSE(e.host.empty());
  EXPECT_FALSE(e.created.empty());
  EXPECT_TRUE(e.started.empty());
  EXPECT_TRUE(std::filesystem::is_directory(e.folder));
  EXPECT_EQ(std::filesystem::path(e.folder).filename(), "1");
  EXPECT_EQ(store.get(second).name, "nightly");

  store.start(first);
  e = store.get(first);
  EXPECT_EQ(e.status, Status::Running);
  EXPECT_EQ(e.pid, runs::this_process().pid);
  EXPECT_FALSE(e.started.empty());
  EXPECT_THROW(store.start(first), UsageError);  // only a queued one starts

  store.record_model(first, store.model_file(first));
  store.record_report(first, store.report_html_file(first), store.report_json_file(first));
  store.record_output(first, "out.sqlite", 1234);
  EXPECT_TRUE(store.finish(first, Status::Succeeded));
  EXPECT_FALSE(store.finish(first, Status::Cancelled));  // a late end never overwrites
  e = store.get(first);
  EXPECT_EQ(e.status, Status::Succeeded);
  EXPECT_FALSE(e.ended.empty());
  EXPECT_GE(runs::seconds_between(e.started, e.ended), 0);
  EXPECT_EQ(e.model_file, store.model_file(first));
  EXPECT_EQ(e.report_json, store.report_json_file(first));
  EXPECT_EQ(e.rows_written, 1234);

  // Another process (or a later session) reads the same store.
  RunStore again(dir.file("project"), false);
  ASSERT_EQ(again.list().size(), 2u);
  EXPECT_EQ(again.list()[0].status, Status::Succeeded);
  EXPECT_EQ(again.list()[1].status, Status::Queued);
}

TEST(RunStore, AnAbsentExecutionIsNamedWithTheStore) {
  TempDir dir;
  RunStore store(dir.file("p"));
  try {
    store.get(7);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("no execution 7 in " + dir.file("p") + "/runs.sqlite"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("relsynth runs list"), std::string::npos) << e.what();
  }
  RunStore absent(dir.file("nothing here"), false);  // reading never creates a store
  EXPECT_FALSE(absent.exists());
  EXPECT_TRUE(absent.list().empty());
  EXPECT_FALSE(std::filesystem::exists(dir.file("nothing here")));
}

TEST(RunStore, ForeignOrDamagedFilesAreRefusedClearly) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("a"));
  std::ofstream(dir.file("a/runs.sqlite")) << "this is not a database, just some text";
  try {
    RunStore store(dir.file("a"));
    FAIL() << "opened";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("is not a relsynth run store"), std::string::npos)
        << e.what();
  }
  std::filesystem::create_directories(dir.file("b"));
  create_sqlite(dir.file("b/runs.sqlite"), "CREATE TABLE customers(id INTEGER PRIMARY KEY);");
  try {
    RunStore store(dir.file("b"));
    FAIL() << "opened";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("holds other tables"), std::string::npos) << e.what();
  }
  EXPECT_EQ(query_int(dir.file("b/runs.sqlite"), "SELECT COUNT(*) FROM sqlite_master"), 1);
  { RunStore store(dir.file("c")); }
  create_sqlite(dir.file("c/runs.sqlite"),
                "UPDATE store_info SET value = '99' WHERE key = 'schema_version';");
  try {
    RunStore store(dir.file("c"));
    FAIL() << "opened";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("newer relsynth"), std::string::npos) << e.what();
  }
}

TEST(RunStore, RenameAndDelete) {
  TempDir dir;
  RunStore store(dir.file("p"));
  const int64_t id = store.create(request());
  store.rename(id, "baseline");
  EXPECT_EQ(store.get(id).name, "baseline");
  EXPECT_THROW(store.rename(id, ""), UsageError);
  store.start(id);
  EXPECT_THROW(store.remove(id), UsageError);  // running
  store.add_step(id, "reading data", "");
  store.add_warning(id, 1, "something");
  store.finish(id, Status::Failed, "boom", "orders");
  const std::string folder = store.get(id).folder;
  store.remove(id);
  EXPECT_FALSE(store.find(id));
  EXPECT_FALSE(std::filesystem::exists(folder));
  EXPECT_TRUE(store.steps(id).empty());
  EXPECT_TRUE(store.warnings(id).empty());
  EXPECT_EQ(store.create(request()), 2);  // ids are never reused
}

TEST(RunStore, ARunningExecutionWhoseProcessIsGoneIsShownAsFailed) {
  TempDir dir;
  RunStore store(dir.file("p"));
  const int64_t id = store.create(request());
  store.start(id);
  const int64_t step = store.add_step(id, "training orders", "orders");
  DestinationLock lock = store.lock_destination(id, dir.file("out.sqlite"));
  // The process that ran it was killed: its pid now names no process.
  create_sqlite(dir.file("p/runs.sqlite"),
                "UPDATE executions SET pid = " + std::to_string(ended_pid()) +
                    ", process_start = ''; UPDATE locks SET pid = (SELECT pid FROM executions);");
  const runs::Execution e = store.get(id);
  EXPECT_EQ(e.status, Status::Failed);
  EXPECT_EQ(e.error, "the process ended without finishing");
  EXPECT_FALSE(e.ended.empty());
  EXPECT_EQ(store.steps(id).at(step - 1).status, "failed");
  // Fixed in the store: a plain SQL reader sees it too, and the destination is free.
  EXPECT_EQ(query_int(dir.file("p/runs.sqlite"),
                      "SELECT COUNT(*) FROM executions WHERE status = 'failed'"),
            1);
  EXPECT_EQ(query_int(dir.file("p/runs.sqlite"), "SELECT COUNT(*) FROM locks"), 0);
  EXPECT_NO_THROW(store.remove(id));
}

TEST(RunStore, AQueuedExecutionWhoseProcessIsGoneIsShownAsFailed) {
  TempDir dir;
  RunStore store(dir.file("p"));
  const int64_t abandoned = store.create(request()), waiting = store.create(request());
  // The process that created it ended before starting it (its destination was busy).
  create_sqlite(dir.file("p/runs.sqlite"),
                "UPDATE executions SET pid = " + std::to_string(ended_pid()) +
                    " WHERE id = " + std::to_string(abandoned) + ";");
  EXPECT_EQ(store.get(abandoned).status, Status::Failed);
  EXPECT_EQ(store.get(abandoned).error, "the process ended before it started");
  EXPECT_EQ(store.get(waiting).status, Status::Queued);  // its process (this one) runs
}

TEST(RunStore, ADestinationIsWrittenByOneExecutionAtATime) {
  TempDir dir;
  RunStore store(dir.file("p"));
  RunStore other(dir.file("p"));  // another connection, as another process has
  const int64_t a = store.create(request()), b = other.create(request());
  DestinationLock held = store.lock_destination(a, dir.file("out.sqlite"));
  try {
    // The same file named another way.
    other.lock_destination(b, "sqlite:" + dir.file("./out.sqlite"));
    FAIL() << "locked twice";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("being written by execution 1"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("relsynth runs cancel 1"), std::string::npos) << e.what();
  }
  DestinationLock elsewhere = other.lock_destination(b, dir.file("other.sqlite"));
  held.release();
  EXPECT_NO_THROW(other.lock_destination(b, dir.file("out.sqlite")));

  // The end of an execution releases its locks.
  DestinationLock again = store.lock_destination(a, dir.file("third.sqlite"));
  store.finish(a, Status::Succeeded);
  EXPECT_NO_THROW(other.lock_destination(b, dir.file("third.sqlite")));
}

TEST(RunStore, AStaleLockIsTakenOver) {
  TempDir dir;
  RunStore store(dir.file("p"));
  const int64_t a = store.create(request()), b = store.create(request());
  DestinationLock held = store.lock_destination(a, dir.file("out.sqlite"));
  EXPECT_THROW(store.lock_destination(b, dir.file("out.sqlite")), UsageError);
  // Its process was killed without releasing it.
  create_sqlite(dir.file("p/runs.sqlite"),
                "UPDATE locks SET pid = " + std::to_string(ended_pid()) + ";");
  DestinationLock taken = store.lock_destination(b, dir.file("out.sqlite"));
  EXPECT_EQ(query_int(dir.file("p/runs.sqlite"), "SELECT execution FROM locks"), b);
  held.release();  // the old holder's release leaves the new lock alone
  EXPECT_EQ(query_int(dir.file("p/runs.sqlite"), "SELECT execution FROM locks"), b);
}

TEST(RunStore, ConcurrentWritersLoseNothing) {
  TempDir dir;  // no store yet: the writers create it at once
  constexpr int kWriters = 4, kEach = 15;
  std::vector<std::thread> writers;
  std::vector<std::vector<int64_t>> ids(kWriters);
  std::atomic<int> locked{0};
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      RunStore store(dir.file("p"));  // a connection each, as separate processes have
      for (int i = 0; i < kEach; ++i) {
        const int64_t id = store.create(request());
        ids[w].push_back(id);
        store.start(id);
        const int64_t step = store.add_step(id, "generating orders", "orders");
        store.update_step(id, step, 5, 10);
        store.add_warning(id, step, "w" + std::to_string(i));
        try {
          DestinationLock lock = store.lock_destination(id, dir.file("shared.sqlite"));
          ++locked;
        } catch (const UsageError&) {
        }
        store.end_step(id, step, "done", "10 rows", 10, 10);
        store.finish(id, Status::Succeeded);
      }
    });
  for (std::thread& writer : writers) writer.join();
  std::set<int64_t> all;
  for (const auto& some : ids) all.insert(some.begin(), some.end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kWriters * kEach));
  RunStore store(dir.file("p"));
  const auto executions = store.list();
  ASSERT_EQ(executions.size(), static_cast<size_t>(kWriters * kEach));
  for (const runs::Execution& e : executions) {
    EXPECT_EQ(e.status, Status::Succeeded) << e.id;
    ASSERT_EQ(store.steps(e.id).size(), 1u) << e.id;
    EXPECT_EQ(store.steps(e.id)[0].done, 10u);
    EXPECT_EQ(store.warnings(e.id).size(), 1u) << e.id;
  }
  EXPECT_GE(locked.load(), 1);
  EXPECT_EQ(query_int(dir.file("p/runs.sqlite"), "SELECT COUNT(*) FROM locks"), 0);
}

TEST(RunStore, ReusableModelIsTheNewestSucceededWithItsFile) {
  TempDir dir;
  RunStore store(dir.file("p"));
  auto run_with_model = [&](Status status, bool write_model) {
    const int64_t id = store.create(request());
    store.start(id);
    if (write_model) std::ofstream(store.model_file(id)) << "model";
    store.record_model(id, store.model_file(id));
    store.finish(id, status);
    return id;
  };
  EXPECT_FALSE(store.reusable_model("key-1"));
  const int64_t good = run_with_model(Status::Succeeded, true);
  run_with_model(Status::Failed, true);
  const int64_t gone = run_with_model(Status::Succeeded, true);
  std::filesystem::remove(store.model_file(gone));
  ASSERT_TRUE(store.reusable_model("key-1"));
  EXPECT_EQ(store.reusable_model("key-1")->id, good);
  EXPECT_FALSE(store.reusable_model("key-2"));

  // A reusing execution keeps the model when the one that trained it is deleted.
  const int64_t rerun = store.create(request());
  const std::string adopted = store.adopt_model(rerun, *store.reusable_model("key-1"));
  store.remove(good);
  EXPECT_TRUE(std::filesystem::exists(adopted));
  EXPECT_EQ(store.get(rerun).model_from, good);
  EXPECT_EQ(store.get(rerun).model_file, adopted);
}

TEST(TableOfStep, NamesTheTableAStepIsAbout) {
  EXPECT_EQ(runs::table_of_step("training orders"), "orders");
  EXPECT_EQ(runs::table_of_step("generating order items"), "order items");
  EXPECT_EQ(runs::table_of_step("generating 5 units"), "");
  EXPECT_EQ(runs::table_of_step("reading data"), "");
  EXPECT_EQ(runs::table_of_step("training"), "");
  EXPECT_EQ(runs::table_of_step("generating 5 units", {"5 units"}), "5 units");
  EXPECT_EQ(runs::table_of_step("training orders", {"customers"}), "");
}

// A real run through the library: the demo database trained and generated with a recorder on
// its Progress.
class Recorder : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_EQ(run_command(std::string(RELSYNTH_DEMO_DB_TOOL) + " " + dir_->file("retail.sqlite") +
                          " --customers 150"),
              0);
    source_ = new SourceData(load(dir_->file("retail.sqlite")));
  }
  static void TearDownTestSuite() {
    delete source_;
    delete dir_;
  }
  static TempDir* dir_;
  static SourceData* source_;
};
TempDir* Recorder::dir_ = nullptr;
SourceData* Recorder::source_ = nullptr;

TEST_F(Recorder, RecordsTheTimelineOfARealRun) {
  TempDir dir;
  RunStore store(dir.file("p"));
  const int64_t id = store.create(request(dir.file("twin.sqlite")));
  store.start(id);
  {
    Progress progress(true);  // quiet: the store records all the same
    runs::ExecutionRecorder recorder(store, id, progress);
    progress.step("reading data");
    progress.update(1, 2);
    progress.update(2, 2);
    progress.done("1,000 rows");
    progress.message("warning: orders.note: 3 rows are empty");
    progress.message("note: not a warning");
    Model model = train(source_->metadata, source_->data, {}, progress);
    model.save(store.model_file(id));
    store.record_model(id, store.model_file(id));
    auto destination = open_destination(dir.file("twin.sqlite"));
    const auto written = generate(model, {}, *destination, progress);
    int64_t rows = 0;
    for (const auto& [table, count] : written) rows += count;
    store.record_output(id, dir.file("twin.sqlite"), rows);
    recorder.succeeded();
    progress.step("after the end");  // not recorded
  }
  const runs::Execution e = store.get(id);
  EXPECT_EQ(e.status, Status::Succeeded);
  EXPECT_GT(e.rows_written, 0);
  const std::vector<runs::Step> steps = store.steps(id);
  ASSERT_FALSE(steps.empty());
  for (size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(steps[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(steps[i].status, "done") << steps[i].name;
    EXPECT_FALSE(steps[i].ended.empty()) << steps[i].name;
    EXPECT_GE(runs::seconds_between(steps[i].started, steps[i].ended), 0) << steps[i].name;
  }
  const runs::Step* reading = find_step(steps, "reading data");
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->done, 2u);  // the last count, written when the step ends
  EXPECT_EQ(reading->total, 2u);
  EXPECT_EQ(reading->note, "1,000 rows");
  EXPECT_EQ(reading->table, "");
  for (const TableMeta& table : source_->metadata.tables) {
    const runs::Step* training = find_step(steps, "training " + table.name);
    ASSERT_TRUE(training) << table.name;
    EXPECT_EQ(training->table, table.name);
    EXPECT_NE(training->note.find("rows"), std::string::npos) << training->note;
    const runs::Step* generating = find_step(steps, "generating " + table.name);
    ASSERT_TRUE(generating) << table.name;
    EXPECT_EQ(generating->table, table.name);
  }
  EXPECT_TRUE(find_step(steps, "writing"));
  EXPECT_FALSE(find_step(steps, "after the end"));
  const std::vector<runs::Warning> warnings = store.warnings(id);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].text, "orders.note: 3 rows are empty");
  EXPECT_EQ(warnings[0].step, 1);
}

TEST_F(Recorder, AFailureNamesTheTableOfItsStep) {
  TempDir dir;
  RunStore store(dir.file("p"));
  const int64_t id = store.create(request());
  store.start(id);
  {
    Progress progress(true);
    runs::ExecutionRecorder recorder(store, id, progress);
    progress.step("training customers");
    progress.done();
    progress.step("training orders");
    progress.update(3, 10);
    EXPECT_EQ(recorder.current_table(), "orders");
    recorder.failed("orders.amount: a value is not a number");
  }  // the Progress closes its step after the end: not recorded over the failure
  const runs::Execution e = store.get(id);
  EXPECT_EQ(e.status, Status::Failed);
  EXPECT_EQ(e.error, "orders.amount: a value is not a number");
  EXPECT_EQ(e.failed_table, "orders");
  const auto steps = store.steps(id);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].status, "done");
  EXPECT_EQ(steps[1].status, "failed");
  EXPECT_EQ(steps[1].done, 3u);  // the last count, even within the update interval
  EXPECT_EQ(steps[1].total, 10u);
}

TEST_F(Recorder, ARecorderGoneBeforeTheEndRecordsAFailure) {
  TempDir dir;
  RunStore store(dir.file("p"));
  const int64_t thrown = store.create(request()), returned = store.create(request());
  store.start(thrown);
  store.start(returned);
  Progress progress(true);
  try {
    runs::ExecutionRecorder recorder(store, thrown, progress);
    progress.step("generating orders");
    throw std::runtime_error("disk full");
  } catch (const std::runtime_error&) {
  }
  progress.done();
  { runs::ExecutionRecorder recorder(store, returned, progress); }
  EXPECT_EQ(store.get(thrown).status, Status::Failed);
  EXPECT_EQ(store.get(thrown).error, "stopped by an error");
  EXPECT_EQ(store.get(thrown).failed_table, "orders");
  EXPECT_EQ(store.steps(thrown).at(0).status, "failed");
  EXPECT_EQ(store.get(returned).status, Status::Failed);
  EXPECT_EQ(store.get(returned).error, "ended without recording success or failure");
}

TEST(SourceFingerprint, SameRowsInAnyOrderSameFingerprint) {
  TempDir dir;
  const std::string a = dir.file("a.sqlite"), b = dir.file("b.sqlite"), c = dir.file("c.sqlite");
  const std::string schema =
      "CREATE TABLE p(id INTEGER PRIMARY KEY, name TEXT);"
      "CREATE TABLE c(id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p(id), v REAL);";
  create_sqlite(a, schema +
                       "INSERT INTO p VALUES (1,'x'),(2,'y');"
                       "INSERT INTO c VALUES (10,1,0.5),(11,2,1.5),(12,2,2.5);");
  create_sqlite(b, schema +
                       "INSERT INTO p VALUES (2,'y'),(1,'x');"
                       "INSERT INTO c VALUES (12,2,2.5),(10,1,0.5),(11,2,1.5);");
  create_sqlite(c, schema +
                       "INSERT INTO p VALUES (1,'x'),(2,'y');"
                       "INSERT INTO c VALUES (10,1,0.5),(11,1,1.5),(12,2,2.5);");  // re-keyed
  const SourceData sa = load(a), sb = load(b), sc = load(c);
  const std::string fa = runs::source_fingerprint(sa.metadata, sa.data);
  EXPECT_EQ(fa.size(), 32u);
  EXPECT_EQ(fa, runs::source_fingerprint(sb.metadata, sb.data));
  EXPECT_NE(fa, runs::source_fingerprint(sc.metadata, sc.data));
  SourceData fewer = sa;
  fewer.data.table("c") = fewer.data.table("c").slice(0, 2);
  EXPECT_NE(fa, runs::source_fingerprint(fewer.metadata, fewer.data));
  EXPECT_NE(runs::training_key("trees: 10", fa), runs::training_key("trees: 20", fa));
}

}  // namespace
}  // namespace relsynth::testing

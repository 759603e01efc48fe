// A user's data is never lost through relsynth: --overwrite replaces only relsynth's own output,
// no output lands on an input, an interrupted run leaves no temporary behind, and output places
// are checked before any work. Real files, real processes, real signals.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "test_support.h"

extern char** environ;

namespace relsynth::testing {
namespace {

namespace fs = std::filesystem;
const std::string kCli = RELSYNTH_CLI_PATH;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Entries of `folder` whose name contains ".tmp-": relsynth's temporaries.
std::vector<std::string> temporaries(const fs::path& folder) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos)
      found.push_back(entry.path().filename().string());
  return found;
}

class DataSafety : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const DemoModel demo = make_demo_model(*dir_, 200);
    demo_ = demo.database;
    model_ = demo.model;
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
  static std::string demo_, model_;
};
TempDir* DataSafety::dir_ = nullptr;
std::string DataSafety::demo_, DataSafety::model_;

TEST_F(DataSafety, CsvOverwriteReplacesOnlyRelsynthsOwnFolder) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  std::string output;
  // An empty folder made beforehand is written without --overwrite.
  fs::create_directories(out);
  ASSERT_EQ(run_command(kCli + " -q generate " + model_ + " --to csv:" + out.string(), &output), 0)
      << output;
  EXPECT_TRUE(fs::exists(out / "orders.csv"));
  EXPECT_TRUE(fs::exists(out / ".relsynth-output"));
  // relsynth's own output is replaced with --overwrite.
  ASSERT_EQ(run_command(
                kCli + " -q generate " + model_ + " --seed 3 --overwrite --to csv:" + out.string(),
                &output),
            0)
      << output;

  // Anything else in the folder makes --overwrite refuse, and it stays as it was.
  write_file(out / "notes.txt", "mine");
  fs::create_directories(out / "photos");
  write_file(out / "photos" / "cat.jpg", "meow");
  const std::string before = read_file(out / "orders.csv");
  EXPECT_EQ(
      run_command(kCli + " generate " + model_ + " --overwrite --to csv:" + out.string(), &output),
      2);
  EXPECT_NE(output.find("notes.txt"), std::string::npos) << output;
  EXPECT_NE(output.find("photos/"), std::string::npos) << output;
  EXPECT_EQ(read_file(out / "notes.txt"), "mine");
  EXPECT_EQ(read_file(out / "photos" / "cat.jpg"), "meow");
  EXPECT_EQ(read_file(out / "orders.csv"), before);

  // A folder of the user's own CSV files (no manifest) is never replaced either.
  const fs::path theirs = dir.path() / "theirs";
  fs::create_directories(theirs);
  write_file(theirs / "budget.csv", "year,amount\n2026,10\n");
  EXPECT_EQ(run_command(kCli + " generate " + model_ + " --overwrite --to csv:" + theirs.string(),
                        &output),
            2);
  EXPECT_EQ(read_file(theirs / "budget.csv"), "year,amount\n2026,10\n");
  EXPECT_TRUE(temporaries(dir.path()).empty());
}

TEST_F(DataSafety, SqliteOverwriteReplacesOnlyADatabase) {
  TempDir dir;
  const std::string thesis = dir.file("thesis.db");
  write_file(thesis, "not a database: months of work");
  std::string output;
  EXPECT_EQ(run_command(kCli + " generate " + model_ + " --overwrite --to " + thesis, &output), 2);
  EXPECT_NE(output.find("not a SQLite database"), std::string::npos) << output;
  EXPECT_EQ(read_file(thesis), "not a database: months of work");

  // A database relsynth did not write, the source itself among them, is never replaced: a
  // model file does not know its source, the database does not say it was written by relsynth.
  const std::string theirs = dir.file("theirs.sqlite");
  fs::copy_file(demo_, theirs);
  const std::string before = read_file(theirs);
  EXPECT_EQ(run_command(kCli + " generate " + model_ + " --overwrite --to " + theirs, &output), 2);
  EXPECT_NE(output.find("relsynth did not write"), std::string::npos) << output;
  EXPECT_EQ(read_file(theirs), before);
  // relsynth's own output, and an empty database, are replaced.
  const std::string ours = dir.file("ours.sqlite");
  ASSERT_EQ(run_command(kCli + " -q generate " + model_ + " --to " + ours, &output), 0) << output;
  EXPECT_EQ(
      run_command(kCli + " -q generate " + model_ + " --seed 9 --overwrite --to " + ours, &output),
      0)
      << output;
  create_sqlite(dir.file("empty.sqlite"), "PRAGMA user_version = 1;");
  EXPECT_EQ(
      run_command(kCli + " -q generate " + model_ + " --overwrite --to " + dir.file("empty.sqlite"),
                  &output),
      0)
      << output;
}

// Every way an output could land on an input is refused with exit 2, --overwrite or not, and
// the input is left byte for byte as it was.
TEST_F(DataSafety, NoOutputLandsOnAnInput) {
  TempDir dir;
  const std::string source = dir.file("real.sqlite");
  fs::copy_file(demo_, source);
  const std::string original = read_file(source);
  const std::string csv = dir.file("real_csv");
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q synth " + source + " --to csv:" + csv, &output), 0) << output;
  // Turn the output into a user's folder of tables: no manifest.
  fs::remove(fs::path(csv) / ".relsynth-output");
  const std::string csv_before = read_file(fs::path(csv) / "orders.csv");
  fs::create_symlink(source, dir.file("alias.sqlite"));
  const std::string synthetic = dir.file("synthetic.sqlite");
  ASSERT_EQ(run_command(kCli + " -q generate " + model_ + " --to " + synthetic, &output), 0);
  const std::string synthetic_before = read_file(synthetic);
  const std::string meta = dir.file("meta.json");
  ASSERT_EQ(run_command(kCli + " -q inspect " + source + " -o " + meta, &output), 0) << output;
  const std::string meta_before = read_file(meta);

  const std::vector<std::string> attempts = {
      "train " + source + " -o " + source,
      "train " + source + " -o " + dir.file("alias.sqlite"),
      "train " + source + " -m " + meta + " -o " + meta,
      "synth " + source + " --to " + dir.file("x.sqlite") + " --save-model " + source,
      "synth " + source + " --to " + dir.file("x.sqlite") + " --report " + source,
      "synth " + source + " --to " + dir.file("x.sqlite") + " --report-json " + source,
      "synth " + source + " --to " + source + " --overwrite",
      "synth " + source + " --to sqlite:" + dir.file("alias.sqlite") + " --overwrite",
      "synth csv:" + csv + " --to csv:" + csv + " --overwrite",
      "synth csv:" + csv + " --to csv:" + csv + "/ --overwrite",
      "synth csv:" + csv + " --to " + dir.file("x.sqlite") + " --report " + csv + "/orders.csv",
      "synth " + source + " --to csv:" + dir.path().string() + " --overwrite",
      "synth " + source + " --to " + dir.file("x.sqlite") + " --holdout 0.2 --holdout-to " +
          source + " --overwrite",
      "report --real " + source + " --synthetic " + synthetic + " -o " + source,
      "report --real " + source + " --synthetic " + synthetic + " -o " + synthetic,
      "report --real " + source + " --synthetic " + synthetic + " --json " + synthetic,
      "inspect " + source + " -o " + source,
      "inspect csv:" + csv + " -o " + csv + "/orders.csv",
      "generate " + model_ + " --to sqlite:" + model_ + " --overwrite",
  };
  for (const std::string& attempt : attempts) {
    EXPECT_EQ(run_command(kCli + " " + attempt, &output), 2) << attempt << "\n" << output;
    EXPECT_NE(output.find("never writes"), std::string::npos) << attempt << "\n" << output;
  }
  EXPECT_EQ(read_file(source), original);
  EXPECT_EQ(read_file(synthetic), synthetic_before);
  EXPECT_EQ(read_file(meta), meta_before);
  EXPECT_EQ(read_file(fs::path(csv) / "orders.csv"), csv_before);
  EXPECT_TRUE(fs::exists(model_));

  // Two outputs onto one file are refused too.
  EXPECT_EQ(run_command(kCli + " synth " + source + " --to " + dir.file("y.sqlite") +
                            " --save-model " + dir.file("same") + " --report " + dir.file("same"),
                        &output),
            2)
      << output;
  EXPECT_FALSE(fs::exists(dir.file("y.sqlite")));
}

// Starts the CLI with `args`, stderr to `log`; returns its pid.
pid_t start(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> all = {kCli};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : all) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int failed = posix_spawn(&pid, kCli.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return failed ? -1 : pid;
}

// Waits until a temporary appears in `folder` (or the process ends); true if one did.
bool wait_for_temporary(const fs::path& folder, pid_t pid) {
  for (int i = 0; i < 6000; ++i) {
    if (!temporaries(folder).empty()) return true;
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

int exit_status(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST_F(DataSafety, InterruptedRunsRemoveTheirTemporaries) {
  for (const auto& [signal, destination] :
       std::vector<std::pair<int, std::string>>{{SIGINT, "out.sqlite"}, {SIGTERM, "out"}}) {
    TempDir dir;
    const std::string to = destination == "out" ? "csv:" + dir.file("out") : dir.file(destination);
    const pid_t pid = start({"generate", model_, "--scale", "400", "--threads", "1", "--to", to},
                            dir.file("log"));
    ASSERT_GT(pid, 0);
    ASSERT_TRUE(wait_for_temporary(dir.path(), pid)) << read_file(dir.file("log"));
    kill(pid, signal);
    EXPECT_EQ(exit_status(pid), 128 + signal) << read_file(dir.file("log"));
    EXPECT_TRUE(temporaries(dir.path()).empty()) << temporaries(dir.path()).front();
    EXPECT_FALSE(fs::exists(dir.file(destination)));
    EXPECT_NE(read_file(dir.file("log")).find("temporary files removed"), std::string::npos);
  }
}

TEST_F(DataSafety, TheNextRunRemovesWhatAKilledRunLeft) {
  TempDir dir;
  const std::string to = dir.file("out.sqlite");
  const pid_t pid =
      start({"generate", model_, "--scale", "400", "--threads", "1", "--to", to}, dir.file("log"));
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for_temporary(dir.path(), pid));
  kill(pid, SIGKILL);
  EXPECT_EQ(exit_status(pid), 128 + SIGKILL);
  const std::vector<std::string> left = temporaries(dir.path());
  ASSERT_EQ(left.size(), 1u);
  // A file of the user's that merely looks alike is not touched.
  write_file(dir.file("out.sqlite.tmp-notes"), "mine");

  std::string output;
  ASSERT_EQ(run_command(kCli + " generate " + model_ + " --to " + to, &output), 0) << output;
  EXPECT_NE(output.find("left by an interrupted run"), std::string::npos) << output;
  EXPECT_NE(output.find(left.front()), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(dir.path() / left.front()));
  EXPECT_EQ(read_file(dir.file("out.sqlite.tmp-notes")), "mine");
  EXPECT_GT(query_int(to, "SELECT COUNT(*) FROM orders"), 0);

  // A model file's and a report's temporaries too.
  const pid_t gone = fork();
  if (gone == 0) _exit(0);
  exit_status(gone);
  const std::string stale = dir.file("m.rsm.tmp-" + std::to_string(gone) + "-0123456789ab");
  write_file(stale, "half a model");
  ASSERT_EQ(run_command(kCli + " train " + demo_ + " -o " + dir.file("m.rsm"), &output), 0)
      << output;
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_NE(output.find("left by an interrupted run"), std::string::npos) << output;
}

// Output places are checked before any work, missing folders are created for every kind, and
// errors carry the OS's reason.
TEST_F(DataSafety, OutputPlacesAreCheckedFirst) {
  TempDir dir;
  write_file(dir.file("plain"), "a file, not a folder");
  std::string output;
  for (const std::string& attempt : {"synth " + demo_ + " --to " + dir.file("plain") + "/x.sqlite",
                                     "synth " + demo_ + " --to csv:" + dir.file("plain") + "/out",
                                     "synth " + demo_ + " --to " + dir.file("ok.sqlite") +
                                         " --save-model " + dir.file("plain") + "/m.rsm",
                                     "synth " + demo_ + " --to " + dir.file("ok.sqlite") +
                                         " --report " + dir.file("plain") + "/r.html",
                                     "train " + demo_ + " -o " + dir.file("plain") + "/m.rsm",
                                     "synth " + demo_ + " --to " + dir.file("ok.sqlite") +
                                         " --save-model " + dir.path().string()}) {
    EXPECT_EQ(run_command(kCli + " " + attempt, &output), 4) << attempt << "\n" << output;
    EXPECT_TRUE(output.find("Not a directory") != std::string::npos ||
                output.find("Is a directory") != std::string::npos)
        << attempt << "\n"
        << output;
    EXPECT_EQ(output.find("training"), std::string::npos) << attempt << "\n" << output;
    EXPECT_FALSE(fs::exists(dir.file("ok.sqlite")));
  }
  // Missing folders are created alike for a SQLite file, a CSV folder and a model file.
  ASSERT_EQ(run_command(kCli + " -q synth " + demo_ + " --to " + dir.file("a/b/x.sqlite") +
                            " --save-model " + dir.file("c/d/m.rsm"),
                        &output),
            0)
      << output;
  ASSERT_EQ(run_command(
                kCli + " -q generate " + dir.file("c/d/m.rsm") + " --to csv:" + dir.file("e/f/out"),
                &output),
            0)
      << output;
  EXPECT_TRUE(fs::exists(dir.file("a/b/x.sqlite")));
  EXPECT_TRUE(fs::exists(dir.file("e/f/out/orders.csv")));
}

// A model, metadata, plan or report file is written over a file relsynth wrote (re-running
// `train -o m.rsm`), never over another one (`train -o notes.txt` replaced the notes), before
// any work.
TEST_F(DataSafety, FileOutputsReplaceOnlyRelsynthsOwnFiles) {
  TempDir dir;
  std::string output;
  const std::string report = " -q report --real " + demo_ + " --synthetic " + demo_ +
                             " --no-detection --no-privacy --max-rows 500";
  const std::vector<std::string> writes = {
      "-q train " + demo_ + " --trees 1 -o " + dir.file("FILE"),
      "-q inspect " + demo_ + " -o " + dir.file("FILE"),
      "-q inspect " + demo_ + " --sdv -o " + dir.file("FILE"),
      "-q plan " + demo_ + " -o " + dir.file("FILE"),
      report + " --json " + dir.file("FILE"),
      report + " -o " + dir.file("FILE")};
  auto with_file = [&](std::string command, const std::string& name) {
    return command.replace(command.find("FILE"), 4, name);
  };
  for (const std::string& write : writes) {
    SCOPED_TRACE(write);
    write_file(dir.file("notes.txt"), "my notes");
    EXPECT_EQ(run_command(kCli + " " + with_file(write, "notes.txt"), &output), 2) << output;
    EXPECT_NE(output.find("\"" + dir.file("notes.txt") +
                          "\" exists and is not a file relsynth "
                          "wrote"),
              std::string::npos)
        << output;
    EXPECT_EQ(read_file(dir.file("notes.txt")), "my notes");
    // Its own file, and an empty one, are written over.
    write_file(dir.file("empty"), "");
    ASSERT_EQ(run_command(kCli + " " + with_file(write, "empty"), &output), 0) << output;
    ASSERT_EQ(run_command(kCli + " " + with_file(write, "empty"), &output), 0) << output;
  }
  // A pipe (or a device: `-o /dev/null` as root) is never replaced by the file written beside
  // it and renamed into place.
  for (const std::string name : {"pipe", "pipe.sqlite", "pipe.zip"})
    ASSERT_EQ(mkfifo(dir.file(name).c_str(), 0644), 0) << name;
  for (const std::string& write :
       {"-q train " + demo_ + " --trees 1 -o " + dir.file("pipe"),
        "-q generate " + model_ + " --to " + dir.file("pipe.sqlite") + " --overwrite",
        "-q generate " + model_ + " --to " + dir.file("pipe.zip") + " --overwrite"}) {
    EXPECT_EQ(run_command(kCli + " " + write, &output), 2) << write << "\n" << output;
    EXPECT_NE(output.find("is not a regular file"), std::string::npos) << output;
  }
  for (const std::string name : {"pipe", "pipe.sqlite", "pipe.zip"})
    EXPECT_TRUE(fs::is_fifo(dir.file(name))) << name << " was replaced";
}

// As another user, a folder one may not write is refused with the OS's reason, before work.
TEST_F(DataSafety, AnUnwritableFolderIsRefusedWithTheReason) {
  if (geteuid() != 0 || run_command("command -v setpriv >/dev/null") != 0)
    GTEST_SKIP() << "needs root and setpriv to act as another user";
  TempDir dir;
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  const std::string demo = dir.file("retail.sqlite");
  fs::copy_file(demo_, demo);
  fs::create_directories(dir.file("locked"));
  std::string output;
  const std::string as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  for (const std::string& attempt : {"synth " + demo + " --to " + dir.file("locked/x.sqlite"),
                                     "synth " + demo + " --to csv:" + dir.file("locked/out"),
                                     "train " + demo + " -o " + dir.file("locked/m.rsm")}) {
    EXPECT_EQ(run_command(as_nobody + kCli + " " + attempt, &output), 4) << attempt << "\n"
                                                                         << output;
    EXPECT_NE(output.find("Permission denied"), std::string::npos) << attempt << "\n" << output;
    EXPECT_EQ(output.find("training"), std::string::npos) << attempt << "\n" << output;
  }
}

}  // namespace
}  // namespace relsynth::testing

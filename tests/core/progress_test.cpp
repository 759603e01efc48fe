// Progress without a terminal: a line when each step starts and ends, a heartbeat line while a
// long step runs, no carriage returns; nothing at all when quiet.
#include "relsynth/progress.h"

#include <gtest/gtest.h>

#include <thread>

namespace relsynth {
namespace {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(Progress, WithoutATerminalEachStepHasLinesAndALongStepAHeartbeat) {
  ::testing::internal::CaptureStderr();
  {
    Progress progress(false, false, std::chrono::milliseconds(40));
    progress.step("reading");
    progress.done("12 rows");
    progress.step("training orders");
    progress.update(3, 10);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    progress.update(7, 10);
    progress.done();
  }
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(log.find('\r'), std::string::npos) << log;
  EXPECT_NE(log.find("] reading ...\n"), std::string::npos) << log;
  EXPECT_NE(log.find("] reading: "), std::string::npos) << log;
  EXPECT_NE(log.find("] training orders ...\n"), std::string::npos) << log;
  EXPECT_GE(count(log, "training orders ... 3/10 (30%)"), 2u) << log;  // heartbeats
  EXPECT_NE(log.find("] training orders: "), std::string::npos) << log;
}

TEST(Progress, AHeartbeatNamesWhatTheStepWorksOn) {
  ::testing::internal::CaptureStderr();
  {
    Progress progress(false, false, std::chrono::milliseconds(20));
    progress.step("training batting");
    progress.update(7, 19, "column HR");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    progress.done();
  }
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_GE(count(log, "training batting ... 7/19 (36%) column HR, "), 1u) << log;
}

TEST(Progress, QuietPrintsNothing) {
  ::testing::internal::CaptureStderr();
  {
    Progress progress(true, false, std::chrono::milliseconds(10));
    progress.step("reading");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    progress.message("warning: x");
    progress.done();
  }
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

// Listeners (a run store's recorder) hear every event, quiet or not, and change no output.
TEST(Progress, ListenersHearEveryEventEvenWhenQuiet) {
  struct Log : ProgressListener {
    std::string events;
    void step_started(const std::string& name) override { events += "start " + name + ";"; }
    void step_updated(uint64_t done, uint64_t total, const std::string& detail) override {
      events += "update " + std::to_string(done) + "/" + std::to_string(total) + " " + detail + ";";
    }
    void step_done(const std::string& note) override { events += "done " + note + ";"; }
    void message(const std::string& text) override { events += "message " + text + ";"; }
  };
  for (bool quiet : {true, false}) {
    Log log;
    ::testing::internal::CaptureStderr();
    {
      Progress progress(quiet, false, std::chrono::seconds(60));
      progress.add_listener(&log);
      progress.step("reading");
      progress.update(1, 2, "table a");
      progress.message("warning: x");
      progress.step("training orders");  // ends "reading"
      progress.remove_listener(&log);
      progress.done("3 rows");
    }
    const std::string printed = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(log.events,
              "start reading;update 1/2 table a;message warning: x;done ;start training orders;");
    EXPECT_EQ(printed.empty(), quiet) << printed;
    if (!quiet) {
      EXPECT_NE(printed.find("warning: x\n"), std::string::npos) << printed;
    }
  }
}

}  // namespace
}  // namespace relsynth

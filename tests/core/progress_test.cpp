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

}  // namespace
}  // namespace relsynth

// Every usage error exits 2 with a message naming the option and what it accepts; numbers are
// checked against their range, never wrapped or saturated; a huge run asks for --yes.
#include <gtest/gtest.h>

#include <filesystem>

#include "relsynth/synth.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

class UsageErrors : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const DemoModel demo = make_demo_model(*dir_, 100);
    demo_ = demo.database;
    model_ = demo.model;
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
  static std::string demo_, model_;
};
TempDir* UsageErrors::dir_ = nullptr;
std::string UsageErrors::demo_, UsageErrors::model_;

TEST_F(UsageErrors, ParseErrorsExit2) {
  TempDir dir;
  const std::string to = " --to " + dir.file("out.sqlite");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"generate " + model_ + to + " --seed abc", "--seed"},
      {"generate " + model_ + to + " --scale abc", "--scale"},
      {"generate " + model_ + to + " --bogus", "--bogus"},
      {"generate " + model_, "--to"},
      {"generate " + model_ + to + " --seed", "--seed"},
      {"generate " + model_ + to + " extra", "extra"},
      {"synth", "source"},
      {"report --real " + demo_, "--synthetic"},
  };
  std::string output;
  for (const auto& [args, named] : cases) {
    EXPECT_EQ(run_command(kCli + " " + args, &output), 2) << args << "\n" << output;
    EXPECT_NE(output.find(named), std::string::npos) << args << "\n" << output;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.sqlite")));
  EXPECT_EQ(run_command(kCli + " --help", &output), 0);
  EXPECT_EQ(run_command(kCli + " synth --help", &output), 0);
}

TEST_F(UsageErrors, AnUnknownCommandIsNamedWithTheCommands) {
  std::string output;
  EXPECT_EQ(run_command(kCli + " sinth " + demo_, &output), 2);
  EXPECT_NE(output.find("unknown command \"sinth\""), std::string::npos) << output;
  EXPECT_NE(output.find("inspect, train, generate, synth, report"), std::string::npos) << output;
}

TEST_F(UsageErrors, NumbersAreCheckedAgainstTheirRange) {
  TempDir dir;
  const std::string train = "train " + demo_ + " -o " + dir.file("m.rsm");
  const std::string generate = "generate " + model_ + " --to " + dir.file("out.sqlite");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {train + " --threads -1", "from 0 to 1024"},
      {train + " --train-rows -5", "from 0 to"},
      {train + " --trees -1", "from 1 to 1000"},
      {train + " --trees 0", "from 1 to 1000"},
      {train + " --depth -2", "from 1 to 64"},
      {train + " --rare -3", "from 1 to 1000000"},
      {train + " --seed -1", "from 0 to 18446744073709551615"},
      {train + " --seed 18446744073709551616", "from 0 to 18446744073709551615"},
      {generate + " --batch-rows 0", "from 1 to 1000000000"},
      {generate + " --seed -7", "from 0 to 18446744073709551615"},
      {generate + " --scale -1", "above 0 and at most 1e+06"},
      {generate + " --scale 2e6", "above 0 and at most 1e+06"},
      {generate + " --scale nan", "above 0 and at most 1e+06"},
      {generate + " --rows customers=-4", "whole number from 0"},
      {"report --real " + demo_ + " --synthetic " + demo_ + " --max-rows 0", "from 1 to"},
  };
  std::string output;
  for (const auto& [args, range] : cases) {
    EXPECT_EQ(run_command(kCli + " " + args, &output), 2) << args << "\n" << output;
    EXPECT_NE(output.find(range), std::string::npos) << args << "\n" << output;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("m.rsm")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("out.sqlite")));
  // The largest seed is accepted as it is.
  EXPECT_EQ(run_command(kCli + " -q " + generate + " --seed 18446744073709551615", &output), 0)
      << output;
}

TEST_F(UsageErrors, AHugeRunStatesItsSizeAndNeedsYes) {
  TempDir dir;
  std::string output;
  // The demo at scale 1e6 is billions of rows.
  EXPECT_EQ(
      run_command(kCli + " generate " + model_ + " --scale 1000000 --to " + dir.file("huge.sqlite"),
                  &output),
      2);
  EXPECT_NE(output.find("rows (more than 1,000,000,000)"), std::string::npos) << output;
  EXPECT_NE(output.find("--yes"), std::string::npos) << output;
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST_F(UsageErrors, TheSizeEstimateMatchesWhatIsWritten) {
  TempDir dir;
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q generate " + model_ + " --scale 2 --to " + dir.file("x.sqlite"),
                        &output),
            0)
      << output;
  GenerateOptions options;
  options.scale = 2;
  const OutputEstimate estimate = estimate_output(Model::load(model_), options);
  int64_t written = 0;
  for (const char* table : {"customers", "stores", "employees", "products", "orders", "order_items",
                            "payments", "reviews"})
    written += query_int(dir.file("x.sqlite"), std::string("SELECT COUNT(*) FROM ") + table);
  EXPECT_NEAR(estimate.rows, static_cast<double>(written), 0.1 * static_cast<double>(written));
  const double bytes = static_cast<double>(std::filesystem::file_size(dir.file("x.sqlite")));
  EXPECT_GT(estimate.bytes, bytes / 4);
  EXPECT_LT(estimate.bytes, bytes * 4);
}

}  // namespace
}  // namespace relsynth::testing

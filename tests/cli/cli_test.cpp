// The `relsynth` command as a user runs it: exit codes, messages, files, quiet mode.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    demo_ = dir_->file("retail.sqlite");
    ASSERT_EQ(run_command(std::string(RELSYNTH_DEMO_DB_TOOL) + " " + demo_ + " --customers 300"),
              0);
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
  static std::string demo_;
};
TempDir* Cli::dir_ = nullptr;
std::string Cli::demo_;

TEST_F(Cli, SynthWritesADatabaseAndRefusesToOverwrite) {
  TempDir dir;
  const std::string out = dir.file("twin.sqlite");
  std::string output;
  ASSERT_EQ(run_command(kCli + " synth " + demo_ + " --to " + out, &output), 0) << output;
  EXPECT_NE(output.find("training customers"), std::string::npos) << output;  // the timeline
  EXPECT_GT(query_int(out, "SELECT COUNT(*) FROM orders"), 0);
  EXPECT_EQ(foreign_key_violations(out), 0);
  const auto written = std::filesystem::last_write_time(out);

  EXPECT_EQ(run_command(kCli + " synth " + demo_ + " --to " + out, &output), 2);
  EXPECT_NE(output.find("--overwrite"), std::string::npos) << output;
  EXPECT_EQ(std::filesystem::last_write_time(out), written);
  EXPECT_EQ(run_command(kCli + " -q synth " + demo_ + " --to " + out + " --overwrite", &output), 0);
  EXPECT_EQ(output, "");  // quiet means quiet
}

TEST_F(Cli, TrainThenGenerateEqualsSynth) {
  TempDir dir;
  std::string output;
  ASSERT_EQ(
      run_command(kCli + " -q train " + demo_ + " -o " + dir.file("m.rsm") + " --seed 5", &output),
      0)
      << output;
  ASSERT_EQ(run_command(kCli + " -q generate " + dir.file("m.rsm") + " --seed 5 --to " +
                            dir.file("a.sqlite"),
                        &output),
            0)
      << output;
  ASSERT_EQ(
      run_command(kCli + " -q synth " + demo_ + " --seed 5 --to " + dir.file("b.sqlite"), &output),
      0)
      << output;
  EXPECT_EQ(dump_database(dir.file("a.sqlite")), dump_database(dir.file("b.sqlite")));
}

TEST_F(Cli, GenerateToCsvWithRowsAndScale) {
  TempDir dir;
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q train " + demo_ + " -o " + dir.file("m.rsm"), &output), 0);
  ASSERT_EQ(run_command(kCli + " -q generate " + dir.file("m.rsm") +
                            " --rows products=50 --to csv:" + dir.file("out"),
                        &output),
            0)
      << output;
  std::ifstream products(dir.file("out") + "/products.csv");
  std::string line;
  int lines = 0;
  while (std::getline(products, line)) ++lines;
  EXPECT_EQ(lines, 51);  // header + 50 rows
  EXPECT_EQ(run_command(kCli + " generate " + dir.file("m.rsm") + " --rows orders=5 --to " +
                            dir.file("bad.sqlite"),
                        &output),
            2);
  EXPECT_NE(output.find("root"), std::string::npos) << output;
  EXPECT_EQ(run_command(kCli + " generate " + dir.file("m.rsm") +
                            " --scale 0.5 --rows products=3 --to " + dir.file("bad2.sqlite"),
                        &output),
            2);
}

// `generate --preserve T` copies T only when training stored its rows (`train --preserve T`);
// for a table the model learned, it says how to train instead of writing anything.
TEST_F(Cli, GeneratePreservesOnlyWhatTheModelHolds) {
  TempDir dir;
  std::string output;
  ASSERT_EQ(
      run_command(kCli + " -q train " + demo_ + " --preserve products -o " + dir.file("m.rsm"),
                  &output),
      0)
      << output;
  ASSERT_EQ(run_command(kCli + " -q generate " + dir.file("m.rsm") + " --preserve products --to " +
                            dir.file("a.sqlite"),
                        &output),
            0)
      << output;
  const std::string products =  // the real rows, as a checksum
      "SELECT COUNT(*) * 1000000 + SUM(product_id * length(sku || name || price)) FROM products";
  EXPECT_EQ(query_int(dir.file("a.sqlite"), products), query_int(demo_, products));
  EXPECT_EQ(run_command(kCli + " generate " + dir.file("m.rsm") + " --preserve customers --to " +
                            dir.file("b.sqlite"),
                        &output),
            2);
  EXPECT_NE(output.find("train SOURCE --preserve customers"), std::string::npos) << output;
  EXPECT_EQ(run_command(kCli + " generate " + dir.file("m.rsm") + " --preserve nosuch --to " +
                            dir.file("c.sqlite"),
                        &output),
            2);
  EXPECT_NE(output.find("no table"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("b.sqlite")));
  EXPECT_FALSE(std::filesystem::exists(dir.file("c.sqlite")));
}

TEST_F(Cli, InspectJsonFeedsBackWithMetadataFlag) {
  TempDir dir;
  std::string output;
  ASSERT_EQ(run_command(kCli + " -q inspect " + demo_ + " -o " + dir.file("meta.json"), &output),
            0);
  EXPECT_NE(output.find("customers"), std::string::npos);
  EXPECT_NE(output.find("declared"), std::string::npos);
  std::ifstream in(dir.file("meta.json"));
  std::string json((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(json.find("\"relsynth_metadata_version\": 1"), std::string::npos);
  ASSERT_EQ(run_command(kCli + " -q synth " + demo_ + " -m " + dir.file("meta.json") + " --to " +
                            dir.file("twin.sqlite"),
                        &output),
            0)
      << output;
  ASSERT_EQ(run_command(kCli + " -q inspect " + demo_ + " --sdv", &output), 0);
  EXPECT_NE(output.find("\"METADATA_SPEC_VERSION\": \"V1\""), std::string::npos);
}

TEST_F(Cli, BadInputsGiveClearErrorsAndExitCodes) {
  TempDir dir;
  std::string output;
  EXPECT_EQ(run_command(kCli + " inspect " + dir.file("missing.sqlite"), &output), 4);
  EXPECT_NE(output.find("missing.sqlite"), std::string::npos) << output;

  std::ofstream(dir.file("broken.json")) << R"({"tables": [{"name": "customers", "columns": 3}]})";
  EXPECT_EQ(run_command(kCli + " train " + demo_ + " -m " + dir.file("broken.json") + " -o " +
                            dir.file("m.rsm"),
                        &output),
            3);
  EXPECT_NE(output.find("broken.json"), std::string::npos) << output;
  EXPECT_NE(output.find("columns"), std::string::npos) << output;

  std::ofstream(dir.file("fake.rsm")) << "hello";
  EXPECT_EQ(
      run_command(kCli + " generate " + dir.file("fake.rsm") + " --to " + dir.file("o.sqlite"),
                  &output),
      3);
  EXPECT_NE(output.find("not a relsynth model"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("o.sqlite")));

  EXPECT_EQ(run_command(kCli + " synth " + demo_ + " --to " + dir.file("x.unknown"), &output), 2);
  EXPECT_EQ(run_command(kCli + " synth " + demo_ + " --to " + dir.file("x.sqlite") + " --scale -1",
                        &output),
            2);
}

}  // namespace
}  // namespace relsynth::testing

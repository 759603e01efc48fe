// Treatments given in a metadata file (-m) reach training and generation through the CLI.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

nlohmann::json& column_of(nlohmann::json& metadata, const std::string& table,
                          const std::string& column) {
  for (auto& t : metadata.at("tables"))
    if (t.at("name") == table)
      for (auto& c : t.at("columns"))
        if (c.at("name") == column) return c;
  throw std::runtime_error("no column " + table + "." + column);
}

nlohmann::json& table_of(nlohmann::json& metadata, const std::string& table) {
  for (auto& t : metadata.at("tables"))
    if (t.at("name") == table) return t;
  throw std::runtime_error("no table " + table);
}

class TreatmentsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    demo_ = dir_.file("retail.sqlite");
    std::string output;
    ASSERT_EQ(
        run_command(std::string(RELSYNTH_DEMO_DB_TOOL) + " " + demo_ + " --customers 200", &output),
        0)
        << output;
    ASSERT_EQ(run_command(kCli + " -q inspect " + demo_ + " -o " + dir_.file("meta.json"), &output),
              0)
        << output;
    std::ifstream in(dir_.file("meta.json"));
    metadata_ = nlohmann::json::parse(in);
  }
  std::string write_metadata() {
    const std::string path = dir_.file("treated.json");
    std::ofstream(path) << metadata_.dump(2);
    return path;
  }

  TempDir dir_;
  std::string demo_;
  nlohmann::json metadata_;
};

TEST_F(TreatmentsCli, AMetadataFileWithTreatmentsShapesTheOutput) {
  column_of(metadata_, "customers", "email")["treatment"] = {{"kind", "hash"},
                                                             {"secret_env", "DEMO_SECRET"}};
  column_of(metadata_, "products", "sku")["treatment"] = {{"kind", "pattern"},
                                                          {"pattern", "SKU-[0-9A-F]{6}"}};
  column_of(metadata_, "customers", "phone")["treatment"] = {{"kind", "mask"}, {"keep_first", 2}};
  column_of(metadata_, "products", "category")["treatment"] = {{"kind", "constant"},
                                                               {"value", "misc"}};
  column_of(metadata_, "reviews", "review_text")["treatment"] = "exclude";
  table_of(metadata_, "payments")["treatment"] = "exclude";
  const std::string out = dir_.file("out.sqlite");
  std::string output;
  ASSERT_EQ(
      run_command("DEMO_SECRET=s3cret " + kCli + " -q synth " + demo_ + " -m " + write_metadata() +
                      " --to " + out + " --report-json " + dir_.file("report.json"),
                  &output),
      0)
      << output;
  EXPECT_EQ(query_int(out, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'payments'"), 0);
  EXPECT_EQ(query_int(out,
                      "SELECT COUNT(*) FROM pragma_table_info('reviews') WHERE name = "
                      "'review_text'"),
            0);
  EXPECT_EQ(query_int(out,
                      "SELECT COUNT(*) FROM products WHERE category <> 'misc' OR "
                      "sku NOT GLOB 'SKU-[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'"),
            0);
  EXPECT_EQ(query_int(out, "SELECT COUNT(DISTINCT sku) FROM products"),
            query_int(out, "SELECT COUNT(*) FROM products"));
  // E-mails are 20 hex digits, each once (the column is UNIQUE), none a real one.
  EXPECT_EQ(query_int(out,
                      "SELECT COUNT(*) FROM customers WHERE length(email) <> 20 OR "
                      "email GLOB '*[^0-9a-f]*'"),
            0);
  EXPECT_EQ(query_int(out, "SELECT COUNT(DISTINCT email) FROM customers"),
            query_int(out, "SELECT COUNT(*) FROM customers"));
  EXPECT_EQ(query_int(out, "SELECT COUNT(*) FROM customers WHERE email LIKE '%@%'"), 0);
  // Phones keep their first 2 characters.
  EXPECT_EQ(query_int(out,
                      "SELECT COUNT(*) FROM customers WHERE phone IS NOT NULL AND "
                      "substr(phone, 3) GLOB '*[^*]*'"),
            0);
  EXPECT_EQ(foreign_key_violations(out), 0);
  // `report` with the same metadata compares with the treated data (no payments, no review text).
  ASSERT_EQ(run_command("DEMO_SECRET=s3cret " + kCli + " -q report --real " + demo_ +
                            " --synthetic " + out + " -m " + dir_.file("treated.json") +
                            " --json " + dir_.file("report2.json"),
                        &output),
            0)
      << output;
}

TEST_F(TreatmentsCli, BadTreatmentsAreAllReportedAsAUsageError) {
  column_of(metadata_, "customers", "email")["treatment"] = "keep";
  column_of(metadata_, "products", "sku")["treatment"] = {{"kind", "pattern"},
                                                          {"pattern", "SKU-[0-9"}};
  std::string output;
  EXPECT_EQ(run_command(kCli + " -q synth " + demo_ + " -m " + write_metadata() + " --to " +
                            dir_.file("out.sqlite"),
                        &output),
            2);
  EXPECT_NE(output.find("table \"customers\", column \"email\": treatment keep is not allowed on "
                        "a sensitive column"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("table \"products\", column \"sku\": treatment pattern: pattern "
                        "\"SKU-[0-9\" is not valid: at character 5: '[' is never closed"),
            std::string::npos)
      << output;
}

}  // namespace
}  // namespace relsynth::testing

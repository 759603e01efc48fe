// SDV metadata written by `inspect --sdv` loads back with `-m` on every shared dataset: it holds
// no storage types, so they come from the source, and the keys and sdtypes stay as written.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace relsynth::testing {
namespace {

const std::string kCli = RELSYNTH_CLI_PATH;

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

TEST(SdvMetadata, RoundTripsOnEverySharedDataset) {
  const auto names = shared_dataset_names();
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    TempDir dir;
    const std::string db = shared_dataset(name), sdv = dir.file("sdv.json");
    std::string output;
    ASSERT_EQ(run_command("(" + kCli + " -q inspect " + db + " --sdv -o " + sdv + " > " +
                              dir.file("stdout.json") + ")",
                          &output),
              0)
        << output;
    const nlohmann::json written = read_json(sdv);
    ASSERT_EQ(written.at("METADATA_SPEC_VERSION"), "V1");  // -o writes the format asked for
    EXPECT_EQ(read_json(dir.file("stdout.json")), written);

    // Read back: keys, relationships, sdtypes and datetime formats come out as written.
    const std::string back = dir.file("back.json");
    ASSERT_EQ(run_command(kCli + " -q inspect " + db + " -m " + sdv + " --sdv -o " + back, &output),
              0)
        << output;
    EXPECT_EQ(read_json(back), written);
    EXPECT_EQ(output.find("is in the source but not in the metadata"), std::string::npos) << output;

    // relsynth's own format from it equals what inference found (bar a sequential table's
    // kind, which SDV's multi-table metadata does not hold): the source's storage, SQL types,
    // formats and NOT NULL, the file's keys and sdtypes.
    const std::string inferred = dir.file("inferred.json"), own = dir.file("own.json");
    ASSERT_EQ(run_command(kCli + " -q inspect " + db + " -o " + inferred, &output), 0) << output;
    ASSERT_EQ(run_command(kCli + " -q inspect " + db + " -m " + sdv + " -o " + own, &output), 0)
        << output;
    const nlohmann::json expected = read_json(inferred), metadata = read_json(own);
    ASSERT_EQ(metadata.at("tables").size(), expected.at("tables").size());
    for (size_t t = 0; t < expected.at("tables").size(); ++t) {
      const auto& want = expected.at("tables")[t];
      const auto& got = metadata.at("tables")[t];
      SCOPED_TRACE(want.at("name").get<std::string>());
      EXPECT_EQ(got.at("name"), want.at("name"));
      EXPECT_EQ(got.at("primary_key"), want.at("primary_key"));
      ASSERT_EQ(got.at("foreign_keys").size(), want.at("foreign_keys").size());
      for (size_t f = 0; f < want.at("foreign_keys").size(); ++f)
        for (const char* field : {"columns", "parent_table", "parent_columns"})
          EXPECT_EQ(got.at("foreign_keys")[f].at(field), want.at("foreign_keys")[f].at(field));
      ASSERT_EQ(got.at("columns").size(), want.at("columns").size());
      for (size_t c = 0; c < want.at("columns").size(); ++c)
        for (const char* field : {"name", "sdtype", "type", "sql_type", "format", "nullable"})
          EXPECT_EQ(got.at("columns")[c].value(field, nlohmann::json()),
                    want.at("columns")[c].value(field, nlohmann::json()))
              << want.at("columns")[c];
    }

    // Training with it works (on a subset: this is about the metadata, not the model).
    ASSERT_EQ(run_command(kCli + " -q train " + db + " -m " + sdv + " --train-rows 2000 -o " +
                              dir.file("m.rsm"),
                          &output),
              0)
        << output;
  }
}

}  // namespace
}  // namespace relsynth::testing

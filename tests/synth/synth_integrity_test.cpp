// Synthesises every shared dataset at scale 1 and checks the output with SQL: no orphan,
// no duplicate or NULL key, constraints hold, row counts close to the source's.
#include <gtest/gtest.h>

#include <cmath>

#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

class SynthDataset : public ::testing::TestWithParam<std::string> {};

TEST_P(SynthDataset, FullIntegrityAndRowCounts) {
  const std::string name = GetParam();
  TempDir dir;
  SourceData source = load(shared_dataset(name));
  const std::string output = dir.file(name + ".synthetic.sqlite");
  TrainOptions train_options;
  train_options.threads = 2;
  auto written = synthesize(source, output, train_options);
  expect_integrity(source.metadata, output);
  for (const TableMeta& table : source.metadata.tables) {
    const int64_t real = static_cast<int64_t>(source.data.table(table.name).num_rows());
    const int64_t synthetic = query_int(output, "SELECT COUNT(*) FROM " + sql_name(table.name));
    EXPECT_EQ(synthetic, written[table.name]);
    // Within 10% of the source (a row or two of slack for tiny tables).
    EXPECT_LE(std::abs(synthetic - real), std::max<int64_t>(2, std::llround(real * 0.10)))
        << name << "." << table.name << ": real " << real << ", synthetic " << synthetic;
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, SynthDataset, ::testing::ValuesIn(shared_dataset_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relsynth::testing

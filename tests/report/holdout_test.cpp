// --holdout: the split keeps training closed under its foreign keys, and the report's
// dcr_share tells memorised rows (near 1) from rows drawn anew (near 0.5).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/random.h"
#include "io/io_fixtures.h"
#include "relsynth/io.h"
#include "relsynth/report.h"
#include "relsynth/synth.h"
#include "synth/key_index.h"
#include "test_support.h"

namespace relsynth {
namespace {

using testing::run_command;
using testing::TempDir;

const std::string kCli = RELSYNTH_CLI_PATH;

TEST(Holdout, SplitKeepsTrainingClosedAndAccountsForEveryRow) {
  auto source = open_source(testing::shared_dataset("chinook"));
  const Metadata metadata = source->describe();
  const Database data = read_database(*source, metadata);
  const HoldoutSplit split = split_holdout(metadata, data, 0.2, 3);
  EXPECT_GT(split.holdout.total_rows(), data.total_rows() / 10);
  EXPECT_LT(split.holdout.total_rows(), data.total_rows() / 3);
  for (const TableMeta& table : metadata.tables) {
    SCOPED_TRACE(table.name);
    EXPECT_EQ(
        split.training.table(table.name).num_rows() + split.holdout.table(table.name).num_rows(),
        data.table(table.name).num_rows());
    // Every training row's parent is a training row (chinook has no orphan).
    const Table& rows = split.training.table(table.name);
    for (const ForeignKey& fk : table.foreign_keys) {
      const auto parents = resolve_foreign_key(
          rows, fk.columns, split.training.table(fk.parent_table), fk.parent_columns);
      for (size_t row = 0; row < parents.size(); ++row) {
        if (!rows.column(fk.columns.front()).is_null(row)) {
          EXPECT_GE(parents[row], 0) << "-> " << fk.parent_table << " row " << row;
        }
      }
    }
  }
  // Invoices are held out with all their lines.
  EXPECT_GT(split.holdout.table("Invoice").num_rows(), 0u);
  EXPECT_GT(split.holdout.table("InvoiceLine").num_rows(), 0u);
}

// One table of `rows` rows drawn from a fixed distribution with stream `stream`.
Table draw(size_t rows, uint64_t stream, const std::string& name = "t") {
  Table table(name);
  table.add_column(Column("x", DataType::Float64));
  table.add_column(Column("y", DataType::Float64));
  table.add_column(Column("c", DataType::String));
  Rng rng(99, stream);
  for (size_t i = 0; i < rows; ++i) {
    const double x = rng.uniform();
    table.column(0).append_double(x);
    table.column(1).append_double(x + rng.uniform());
    table.column(2).append_string(rng.uniform() < 0.3 ? "a" : rng.uniform() < 0.5 ? "b" : "c");
  }
  return table;
}

Metadata one_table_metadata() {
  TableMeta meta;
  meta.name = "t";
  for (const char* name : {"x", "y"}) {
    ColumnMeta column;
    column.name = name;
    column.type = DataType::Float64;
    column.sdtype = SDType::Numerical;
    meta.columns.push_back(column);
  }
  ColumnMeta c;
  c.name = "c";
  c.type = DataType::String;
  c.sdtype = SDType::Categorical;
  meta.columns.push_back(c);
  Metadata metadata;
  metadata.tables.push_back(meta);
  return metadata;
}

TEST(Holdout, DcrShareTellsMemorisingFromLearning) {
  const Metadata metadata = one_table_metadata();
  Database real;
  real.add_table(draw(3000, 1));
  std::vector<bool> held(3000);  // half, so the training sample is all the training rows
  for (size_t i = 0; i < held.size(); ++i) held[i] = i % 2 == 0;
  Database holdout, training;
  holdout.add_table(real.table("t").filter(held));
  held.flip();
  training.add_table(real.table("t").filter(held));

  ReportOptions options;
  options.detection = false;
  Database fresh;
  fresh.add_table(draw(1500, 2));
  const Report learned = evaluate(metadata, real, fresh, options, &holdout);
  ASSERT_TRUE(learned.summary.dcr_share.has_value());
  EXPECT_NEAR(*learned.summary.dcr_share, 0.5, 0.08);
  const PrivacyResult& p = learned.tables[0].privacy;
  EXPECT_TRUE(p.holdout);
  EXPECT_EQ(p.holdout_rows, 1500);

  // Copies of training rows sit at distance 0 from the training rows.
  const Report copied = evaluate(metadata, real, training, options, &holdout);
  EXPECT_GT(*copied.summary.dcr_share, 0.95);
  EXPECT_EQ(copied.tables[0].privacy.dcr_p5, 0.0);
  EXPECT_GT(copied.tables[0].privacy.dcr_holdout_p5, 0.0);

  // Without a holdout there is no share.
  EXPECT_FALSE(evaluate(metadata, real, fresh, options).summary.dcr_share.has_value());
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream file(path);
  return nlohmann::json::parse(file);
}

TEST(Holdout, SynthHoldsOutWritesTheRowsAndReportsTheShare) {
  TempDir dir;
  const std::string demo = dir.file("demo.sqlite");
  ASSERT_EQ(run_command(std::string(RELSYNTH_DEMO_DB_TOOL) + " " + demo), 0);
  std::string output;
  ASSERT_EQ(
      run_command(kCli + " -q synth " + demo + " --to " + dir.file("syn.sqlite") +
                      " --holdout 0.2 --holdout-to " + dir.file("held.sqlite") + " --report " +
                      dir.file("r.html") + " --report-json " + dir.file("r.json"),
                  &output),
      0)
      << output;
  EXPECT_NE(output.find("DCR share"), std::string::npos) << output;
  const auto synth_report = read_json(dir.file("r.json"));
  ASSERT_TRUE(synth_report["summary"]["dcr_share"].is_number());
  const double share = synth_report["summary"]["dcr_share"];
  EXPECT_GT(share, 0.3);
  EXPECT_LT(share, 0.7);
  EXPECT_GT(testing::query_int(dir.file("held.sqlite"), "SELECT count(*) FROM orders"), 0);
  std::ifstream html(dir.file("r.html"));
  EXPECT_NE(std::string(std::istreambuf_iterator<char>(html), {}).find("DCR share"),
            std::string::npos);

  // The report command reads the same holdout back and finds the same share.
  ASSERT_EQ(
      run_command(kCli + " -q report --real " + demo + " --synthetic " + dir.file("syn.sqlite") +
                      " --holdout " + dir.file("held.sqlite") + " --json " + dir.file("again.json"),
                  &output),
      0)
      << output;
  EXPECT_DOUBLE_EQ(read_json(dir.file("again.json"))["summary"]["dcr_share"], share);

  // Misuse is a clear error before any work.
  EXPECT_NE(run_command(kCli + " -q synth " + demo + " --to " + dir.file("x.sqlite") +
                            " --holdout-to " + dir.file("h2.sqlite"),
                        &output),
            0);
  EXPECT_NE(output.find("--holdout-to needs --holdout"), std::string::npos) << output;
  EXPECT_NE(
      run_command(kCli + " -q synth " + demo + " --to " + dir.file("x.sqlite") + " --holdout 1.5",
                  &output),
      0);
  EXPECT_NE(output.find("--holdout: must be a share from 0"), std::string::npos) << output;
}

}  // namespace
}  // namespace relsynth

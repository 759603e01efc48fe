// The generation-time rule check (src/synth/rule_check.h): a broken enabled rule stops the
// output before it is committed, naming the table, the rule and the rows; a disabled one does
// not count.
#include "synth/rule_check.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "relsynth/io.h"

namespace relsynth {
namespace {

// Counts what it is asked to do.
class CountingDestination : public Destination {
 public:
  std::string kind() const override { return "counting"; }
  void begin(const Metadata&) override { ++begun; }
  void append(const TableMeta&, const Table& rows) override { appended += rows.num_rows(); }
  void commit() override { ++committed; }
  void abort() override { ++aborted; }
  int begun = 0, committed = 0, aborted = 0;
  size_t appended = 0;
};

Metadata ordered_pair(bool enabled) {
  Metadata metadata;
  TableMeta table;
  table.name = "t";
  for (const char* name : {"low", "high"}) {
    ColumnMeta column;
    column.name = name;
    column.type = DataType::Int64;
    column.sdtype = SDType::Numerical;
    table.columns.push_back(column);
  }
  Rule rule;
  rule.kind = RuleKind::Order;
  rule.target = "high";
  rule.columns = {"low"};
  rule.op = "<=";
  rule.enabled = enabled;
  table.rules.push_back(rule);
  metadata.tables.push_back(table);
  return metadata;
}

// Rows (low, high), appended in two parts: the second part's first row breaks low <= high.
void append_rows(Destination& destination, const TableMeta& meta) {
  for (const std::vector<std::pair<int, int>>& part :
       {std::vector<std::pair<int, int>>{{1, 2}, {3, 3}}, {{5, 4}, {6, 9}}}) {
    Table rows("t");
    Column low("low", DataType::Int64), high("high", DataType::Int64);
    for (auto [a, b] : part) low.append_int(a), high.append_int(b);
    rows.add_column(std::move(low));
    rows.add_column(std::move(high));
    destination.append(meta, rows);
  }
}

TEST(RuleCheck, ABrokenEnabledRuleStopsTheOutputBeforeCommit) {
  const Metadata metadata = ordered_pair(true);
  CountingDestination inner;
  auto checked = checking_rules(metadata, inner);
  checked->begin(metadata);
  append_rows(*checked, metadata.tables[0]);
  EXPECT_EQ(inner.appended, 4u);
  try {
    checked->commit();
    FAIL() << "the broken rule was not found";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("t: low <= high broken on 1 of 4 rows (first row 2)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(inner.committed, 0);
}

TEST(RuleCheck, ADisabledRuleIsNotChecked) {
  const Metadata metadata = ordered_pair(false);
  CountingDestination inner;
  auto checked = checking_rules(metadata, inner);
  checked->begin(metadata);
  append_rows(*checked, metadata.tables[0]);
  checked->commit();
  EXPECT_EQ(inner.committed, 1);
}

}  // namespace
}  // namespace relsynth

// Keeping a table's exact rules in generated rows. Functions (a column that follows from one
// or two labels or keys) are kept while the chain is drawn: the first row with given inputs
// draws the value, later rows with the same inputs reuse it. The other rules repair values
// after decoding: computed columns (constants, equalities, arithmetic) are written from their
// inputs, orderings get a gap drawn from the source's gaps, ranges are clamped.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "synth/synthesis_model.h"

namespace relsynth {

// A function kept in the chain: its target step takes the token the first row with the same
// inputs drew.
struct FunctionMemo {
  const Rule* rule = nullptr;
  int step = -1;    // the target's chain step
  int column = -1;  // the target column
  // Each input: a categorical chain step, or a foreign key whose parent's column holds it.
  struct Input {
    int step = -1;
    int foreign_key = -1;
    int parent_table = -1;
    int parent_column = -1;
  };
  std::vector<Input> inputs;
  // Inputs -> (token, the row whose draw decodes the value).
  std::unordered_map<std::string, std::pair<uint16_t, int64_t>> seen;
};

// A rule kept by rewriting one column of each row after the values are decoded.
struct ValueRepair {
  const Rule* rule = nullptr;
  int target = -1;          // the rule's target column
  std::vector<int> inputs;  // the rule's other columns
  int write = -1;           // the column rewritten (the target, or an input solved for)
};

struct RulePlan {
  std::vector<FunctionMemo> functions;  // by chain step
  std::vector<ValueRepair> repairs;     // in an order where a column is written before read
  std::vector<std::string> not_kept;    // rules that cannot be kept, and why
};

// How table t's enabled rules are kept with this model (roles, chain order, links).
RulePlan plan_rules(const SynthesisModel& model, int t);

// Rewrites `values` (rows of table t, the first being row `row_offset` of the whole table) so
// every repair holds; random draws keyed by (seed, table, row).
void apply_repairs(const RulePlan& plan, Table& values, uint64_t seed, int t, int64_t row_offset);

}  // namespace relsynth

// Keeping a table's exact rules in generated rows. Functions (a column that follows from one
// or two labels or keys) are kept while the chain is drawn: the first row with given inputs
// draws the value, later rows with the same inputs reuse it. The other rules repair values
// after decoding: computed columns (constants, equalities, arithmetic) are written from their
// inputs, orderings get a gap drawn from the source's gaps, ranges are clamped. Rules across a
// foreign key: a child column is copied from, or placed after, its parent row's column once
// the keys are set; a parent column that counts or sums its children is filled in after all
// of them are generated (the parent is written last).
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "synth/synthesis_model.h"

namespace relsynth {

// An equality with exceptions (an `equal` rule with `max`: a team's code in another catalogue
// is its team id but for a few historic teams) on a text column that is not personal is
// learned: while training, the target holds kSameAsSource on the rows where it equals its
// source, so the model learns which rows differ and what they hold instead, and generation
// copies the source where it draws kSameAsSource. On other columns the rows that differ are
// a share picked as parent_equal's are.
inline const std::string kSameAsSource = "\x01same";
bool learns_exceptions(const TableMeta& meta, const Rule& rule);
// `rows` (of `meta`) with each learned equality's target marked; nullopt when there is none.
std::optional<Table> mark_rows_equal_to_source(const TableMeta& meta, const Table& rows);

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
  // Orderings: the values the written column's tokens decode to (a repair past them makes the
  // column NULL where it may be), and whether it may be NULL.
  double low = -HUGE_VAL, high = HUGE_VAL;
  bool nullable = false;
  bool learned = false;  // an equality with exceptions whose target holds kSameAsSource
  // A function kept on the decoded values (its inputs are drawn after it, or are keys of
  // parents the model does not tell apart): per inputs, the value of the first row with them.
  std::unordered_map<std::string, size_t> first_of;
  Column first_values;
  // Inputs that recur in other units: appends the value every unit gives them (false: none,
  // the first row's value stands). Unset: the first row's value.
  std::function<bool(const std::string& inputs, Column& into)> shared_value;
};

// A child column copied from, or kept after, a column of its parent row (a parent_equal with
// `max` copies on all but that share of rows).
struct ParentRepair {
  const Rule* rule = nullptr;
  int target = -1;       // the child column
  int foreign_key = -1;  // of the child table
  int parent_table = -1;
  int parent_column = -1;
};

// A parent column computed from its children, accumulated part by part. When another rule
// already fills the parent column (an order's total from its lines), the children are
// adjusted instead (its payments are scaled to sum to the total).
struct AggregateFill {
  const Rule* rule = nullptr;
  int parent_table = -1, target = -1;
  int child_table = -1, foreign_key = -1;  // the child's foreign key to the parent
  std::vector<int> inputs;                 // child columns (count: none)
  bool distribute = false;                 // adjust the children to the parent's value
  // distribute: each child keeps at least this (the column's lowest decoded value, when not
  // below 0) wherever the parent's value allows it; -inf: no floor.
  double floor = -HUGE_VAL;
  bool filled = false;
  std::vector<double> count, sum, min, max;  // per parent row
};

struct RulePlan {
  std::vector<FunctionMemo> functions;  // by chain step
  std::vector<ParentRepair> parent_repairs;
  std::vector<ValueRepair> repairs;   // in an order where a column is written before read
  std::vector<std::string> not_kept;  // rules that cannot be kept, and why
  std::vector<int> refused;           // their indexes in the table's rules
};

// How table t's enabled rules are kept with this model (roles, chain order, links).
RulePlan plan_rules(const SynthesisModel& model, int t);

// The end of the chain's first segment: the first step generation draws in a pass over all
// rows (a function rule's target, whose equal inputs are then given one value, or a children
// count with a token for 0, drawn across the rows at once). Steps before it are drawn row by
// row, so a sequential table's row can see them at its previous sibling.
size_t first_segment_end(const TableModel& table, const RulePlan& plan);

// The aggregates of every table that can be kept (neither side copied, the key not deferred).
std::vector<AggregateFill> plan_aggregates(const SynthesisModel& model,
                                           std::vector<std::string>& not_kept,
                                           std::vector<const Rule*>* refused = nullptr);

// Disables (in model.metadata) every enabled rule the model cannot keep, so that none is
// enabled and broken in generated rows; returns a warning per rule naming it and why.
std::vector<std::string> disable_rules_not_kept(SynthesisModel& model);

// Copies or orders child columns after their parents' (`fk_rows`: per foreign key, the parent
// row of each row; `tables`: every table's generated values so far).
void apply_parent_repairs(const RulePlan& plan, Table& values,
                          const std::vector<std::vector<int64_t>>& fk_rows,
                          const std::vector<const Table*>& tables, uint64_t seed, int t,
                          int64_t row_offset);
// Adds generated children (of fill.child_table, with their parent rows) to the aggregate.
void accumulate(AggregateFill& fill, const Table& children, const std::vector<int64_t>& parents);
// Writes the aggregate into the parent's column (sized to the parent's rows).
void fill_aggregate(AggregateFill& fill, Table& parent);
// Scales each parent's children (of a distributing sum) so they add up to its value, in the
// children's decimal places, the rounding left on the last child.
void distribute(const AggregateFill& fill, Table& children, const std::vector<int64_t>& parents,
                const Table& parent);

// A parent column that is the max (min) of its children: each child's value is kept at or
// below (above) the value the parent drew, so the parent filled in afterwards keeps its own
// distribution instead of the maximum of many draws (northwind's product prices doubled).
void bound_by_parent(const AggregateFill& fill, Table& children,
                     const std::vector<int64_t>& parents, const Table& parent);

// Rewrites `values` (rows of table t, the first being row `row_offset` of the whole table) so
// every repair holds; random draws keyed by (seed, table, row).
// Run again after a mechanism that sets pinned columns (a parent's columns filled from its
// children, children scaled to their parent), it leaves those as they are.
void apply_repairs(RulePlan& plan, Table& values, uint64_t seed, int t, int64_t row_offset);

}  // namespace relsynth

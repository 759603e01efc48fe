// Exact rules: found in a table's rows, read from its CHECK constraints, checked on any rows.
// The Rule itself is part of the metadata (metadata.h); generation enforces the enabled ones.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth {

struct RuleDiscoveryOptions {
  // A rule holds when at most this share of the rows it applies to break it (functions and
  // arithmetic; orderings and equalities must hold on every row).
  double max_exception_share = 0.001;
  size_t min_rows = 20;       // rows a rule must apply to before it counts
  size_t sample_rows = 4096;  // candidates are screened on a sample, then verified on all rows
  // Rows of a training subset (--train-rows): each table's share of its source rows. An
  // ordering then needs that share of min_rows (at least 3): one that holds on 29 of the
  // source's rows holds on 4 of a 15% subset, and the output broke it on a third of its rows.
  std::map<std::string, double> subset_share;
};

// The rules `rows` (a table of `table`) follow: constants, equalities, functions of one or
// two columns, orderings and arithmetic between columns. Each comes with its support.
std::vector<Rule> discover_rules(const TableMeta& table, const Table& rows,
                                 const RuleDiscoveryOptions& options = {});

// Rules written in the table's CHECK constraints of simple forms: `x >= 0`, `x BETWEEN 1 AND
// 5`, `x IN ('a', 'b')`, `a <= b` (others are ignored).
std::vector<Rule> rules_from_checks(const TableMeta& table);

// Discovery plus CHECK rules for every table of `data` (tables absent from it are skipped),
// then the rules across foreign keys (a child column equal to or after its parent's, a parent
// column counting or summing its children), keeping the rules a user declared and marking the
// metadata's rules as known.
void find_rules(Metadata& metadata, const Database& data, const RuleDiscoveryOptions& options = {});

// Removes each rule that says what an earlier one of the list says (same kind, columns and
// parameters; orderings of the same two columns whatever their op), keeping the first: a CHECK
// that discovery also finds, a foreign key declared twice, a metadata file listing one twice.
// Returns how many were removed.
size_t remove_duplicate_rules(std::vector<Rule>& rules);

struct RuleCheck {
  int64_t checked = 0;     // rows the rule applies to
  int64_t violations = 0;  // of those, rows that break it
  int64_t first_row = -1;  // the first breaking row
};
// Counts the rows of `rows` (a table of `table`) that break `rule` (a rule of one table).
RuleCheck check_rule(const Rule& rule, const Table& rows);
// Any rule of `table`, rules across foreign keys too (those read the other table in `data`).
RuleCheck check_rule(const Rule& rule, const TableMeta& table, const Metadata& metadata,
                     const Database& data);

// Every rule of `table` checked on `data` (rules across foreign keys read the other table), in
// the table's order, disabled ones too (the report lists them). The one evaluator of both the
// report and the generation-time check.
std::vector<RuleCheck> check_table_rules(const TableMeta& table, const Metadata& metadata,
                                         const Database& data);

// "distance = f(origin, dest)", "shipped >= ordered", "hour = sched_dep_time div 100".
std::string describe(const Rule& rule);

// Problems that make a rule unusable for `table` (missing columns, wrong kinds), one message
// each naming the table, the rule and the column.
std::vector<std::string> rule_errors(const Metadata& metadata, const TableMeta& table,
                                     const Rule& rule);

// One foreign key of a same_ancestor path: the key `foreign_key` of `table`, to `parent`.
struct PathHop {
  const TableMeta* table = nullptr;
  int foreign_key = -1;
  const TableMeta* parent = nullptr;
};
// The foreign keys a same_ancestor path (Rule::path) takes from `table`; empty (and `error`
// set) when a hop names no foreign key of the table reached.
std::vector<PathHop> path_keys(const Metadata& metadata, const TableMeta& table,
                               const std::vector<std::vector<std::string>>& path,
                               std::string* error = nullptr);

// Column::number_at, with nullopt where it gives NaN (NULL, text that is not a number).
std::optional<double> numeric_value(const Column& column, size_t row);

// A parent_order rule's side: the value of `column` at `row` as compared with a column of
// type `other`. A datetime compared with a date counts by its day (an order placed at 10:00
// on the day its customer signed up is not before the signup); otherwise number_at.
std::optional<double> ordered_value(const Column& column, size_t row, DataType other);

}  // namespace relsynth

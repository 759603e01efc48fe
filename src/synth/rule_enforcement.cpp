#include "synth/rule_enforcement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/random.h"
#include "relsynth/rules.h"

namespace relsynth {

namespace {

constexpr uint64_t kRepair = 10;  // random stream of repairs (generate.cpp's 10 is keyed by no row)

bool is_kind(const Rule& rule, RuleKind kind) { return rule.kind == kind; }

bool crosses_tables(const Rule& rule) {
  return rule.kind == RuleKind::ParentEqual || rule.kind == RuleKind::ParentOrder ||
         rule.kind == RuleKind::Aggregate;
}

// Digits after the point of a plain decimal ("12.50" -> 2, "3" -> 0); -1 for other text
// ("1.5e3", "").
int plain_decimal_places(const std::string& text) {
  const size_t dot = text.find('.');
  const size_t digits_end = text.find_first_not_of("-+0123456789.");
  if (text.empty() || digits_end != std::string::npos) return -1;
  return dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

// Writes a number into a cell of any number-like column.
void set_number(Column& column, size_t row, double value) {
  switch (column.type()) {
    case DataType::Float64: {
      // Fifteen significant digits: 0.1 + 0.2 is written 0.3, and a product of two 6-digit
      // values (9.20624 * 1.15078 = 10.5943568672) keeps every digit the source has (ten
      // digits cut it to 10.59435687, a value the source never holds).
      char text[32];
      std::snprintf(text, sizeof text, "%.15g", value);
      column.set_double(row, std::strtod(text, nullptr));
      return;
    }
    case DataType::Decimal:
    case DataType::String: {
      // A decimal keeps the scale the model writes the column with (its generated cells carry
      // the source's decimal places), as a DECIMAL(p, s) column holds a computed value.
      const int places = column.type() == DataType::Decimal && !column.is_null(row)
                             ? plain_decimal_places(column.string_at(row))
                             : -1;
      char text[352];
      if (places >= 0)
        std::snprintf(text, sizeof text, "%.*f", places, value);
      else
        std::snprintf(text, sizeof text, "%.15g", value);
      column.set_string(row, text);
      return;
    }
    default:
      column.set_int(row, std::llround(value));
  }
}

// Writes a value given as text into a cell (it was read from such a column or a rule).
void set_text(Column& column, size_t row, const std::string& text) {
  if (column.type() == DataType::String || column.type() == DataType::Decimal ||
      column.type() == DataType::Binary)
    return column.set_string(row, text);
  if (is_temporal(column.type())) {
    if (auto value = parse_temporal(text, column.type(), column.format()))
      column.set_int(row, *value);
    return;
  }
  if (column.type() == DataType::Bool)
    return column.set_int(row, text == "1" || text == "true" || text == "TRUE");
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str()) set_number(column, row, value);
}

// A gap drawn between two adjacent quantiles of the source's gaps, among the first `spans`
// intervals (the smallest gaps) when given.
double draw_gap(const Rule& rule, Rng& rng, bool integral, size_t spans = SIZE_MAX) {
  const std::vector<double>& q = rule.gaps;
  double gap = 0;
  if (q.size() >= 2) {
    const double at = rng.uniform() * static_cast<double>(std::min(spans, q.size() - 1));
    const size_t i = std::min(static_cast<size_t>(at), q.size() - 2);
    gap = q[i] + (q[i + 1] - q[i]) * (at - static_cast<double>(i));
  } else if (q.size() == 1) {
    gap = q[0];
  }
  gap = std::max(gap, 0.0);
  if (integral) gap = std::round(gap);
  if (rule.op == "<" && gap <= 0) {
    double positive = 0;
    for (double v : q)
      if (v > 0) {
        positive = v;
        break;
      }
    gap = positive > 0 ? positive : (integral ? 1 : 1e-6);
    if (integral) gap = std::max(1.0, std::round(gap));
  }
  return gap;
}

// Solves an arithmetic rule for input `i` given the target value c and the other values.
std::optional<double> solve_input(const Rule& rule, size_t i, double c, double a, double b) {
  const std::string& op = rule.op;
  if (rule.columns.size() == 1) {
    if (op == "+") return c - rule.k;
    if (op == "-") return c + rule.k;
    if (op == "*") return rule.k != 0 ? std::optional(c / rule.k) : std::nullopt;
    const double k = rule.k;
    if (op == "div") return c * k + (a - k * std::floor(a / k));  // keeps the remainder
    return k * std::floor(a / k) + c;                             // mod: keeps the quotient
  }
  if (op == "+") return i == 0 ? c - b : c - a;
  if (op == "-") return i == 0 ? c + b : a - c;
  if (op == "*") {
    const double other = i == 0 ? b : a;
    return other != 0 ? std::optional(c / other) : std::nullopt;
  }
  return std::nullopt;
}

double compute(const Rule& rule, double a, double b) {
  const std::string& op = rule.op;
  const bool single = rule.columns.size() == 1;
  if (op == "+") return a + (single ? rule.k : b);
  if (op == "-") return a - (single ? rule.k : b);
  if (op == "*") return a * (single ? rule.k : b);
  if (op == "div") return std::floor(a / rule.k);
  return a - rule.k * std::floor(a / rule.k);
}

// A parent_equal that holds on all but a share `max` of the rows leaves the row with its own
// (generated) value when the golden-ratio sequence over the table's rows falls below the share:
// any run of rows gets the share within a row, whatever the batches, and every such rule of a
// table leaves the same rows (an order shipped elsewhere differs in its whole address).
bool differs_from_parent(const Rule& rule, uint64_t row) {
  if (!rule.max) return false;
  return golden_point(0.5, row) < *rule.max;
}

}  // namespace

namespace {

// The least value a child column scaled to its parent's sum keeps (distribute): its lowest
// decoded value, when that is a number of at least 0 (a count of wins, never below 7 in the
// source, does not become 0 by rounding a share).
double distribute_floor(const TableModel& child, int column) {
  const int at = value_step(child, column);
  const ChainStep* step = at >= 0 ? &child.chain[at] : nullptr;
  double low = 0, high = 0;
  if (!step || !step->encoder || step->residual.from >= 0 || step->delta_from >= 0 ||
      !step->encoder->value_range(low, high) || !(low >= 0))
    return -HUGE_VAL;
  return low;
}

// Columns of table t that another mechanism sets after its repairs, which the repairs must
// leave as they are: parent columns filled from their children, children scaled to their
// parent's sum or bounded by its min or max.
std::set<int> pinned_by_aggregates(const std::vector<AggregateFill>& fills, int t) {
  std::set<int> pinned;
  for (const AggregateFill& fill : fills) {
    if (fill.parent_table == t && !fill.distribute) pinned.insert(fill.target);
    const bool bounds = fill.rule->op == "min" || fill.rule->op == "max";
    if (fill.child_table == t && (fill.distribute || bounds) && fill.inputs.size() == 1)
      pinned.insert(fill.inputs[0]);
  }
  return pinned;
}

// The child column a parent column sums (a non-distributing sum of one column filled by
// `fills`), and the child table and key, or nothing.
struct SumOf {
  int child_table = -1, foreign_key = -1, column = -1;
};
std::optional<SumOf> sum_of(const std::vector<AggregateFill>& fills, int t, int column) {
  for (const AggregateFill& fill : fills)
    if (fill.parent_table == t && fill.target == column && !fill.distribute &&
        fill.rule->op == "sum" && fill.inputs.size() == 1)
      return SumOf{fill.child_table, fill.foreign_key, fill.inputs[0]};
  return std::nullopt;
}

// A rule between parent columns that each sum a column of the same children holds when the
// children keep the same rule (an ordering through a chain of them): a team's hits <= at-bats
// when each batting line's do, L = G - W when each manager's does.
bool implied_by_children(const SynthesisModel& model, int t, const Rule& rule,
                         const std::vector<AggregateFill>& fills) {
  const TableMeta& meta = model.metadata.tables[t];
  const bool order = rule.kind == RuleKind::Order;
  const bool linear = rule.kind == RuleKind::Arithmetic && rule.columns.size() == 2 &&
                      (rule.op == "+" || rule.op == "-");
  if (!order && !linear) return false;
  std::vector<std::string> names = rule.columns;
  names.push_back(rule.target);
  std::vector<std::string> child_names;
  int child_table = -1, foreign_key = -1;
  for (const std::string& name : names) {
    const auto sum = sum_of(fills, t, meta.column_index(name));
    if (!sum ||
        (child_table >= 0 && (sum->child_table != child_table || sum->foreign_key != foreign_key)))
      return false;
    child_table = sum->child_table, foreign_key = sum->foreign_key;
    child_names.push_back(model.metadata.tables[child_table].columns[sum->column].name);
  }
  const std::vector<Rule>& child_rules = model.metadata.tables[child_table].rules;
  if (linear) {
    return std::any_of(child_rules.begin(), child_rules.end(), [&](const Rule& other) {
      return other.enabled && other.kind == RuleKind::Arithmetic && other.op == rule.op &&
             other.target == child_names[2] &&
             other.columns == std::vector<std::string>{child_names[0], child_names[1]};
    });
  }
  // An ordering: the children's orderings lead from the lower column to the upper one.
  std::set<std::string> reached = {child_names[0]};
  for (bool grew = true; grew;) {
    grew = false;
    for (const Rule& other : child_rules)
      if (other.enabled && other.kind == RuleKind::Order && reached.count(other.columns.at(0)))
        grew |= reached.insert(other.target).second;
  }
  return reached.count(child_names[1]) > 0;
}

// Columns an exact equality makes one (b = a: b copies a after the repairs). Orderings and
// sums on b are planned on a, so a <= b = c, b <= d is one chain (a <= c <= d) rather than a
// cycle, and the equality copies the result. Each column maps to the column it ends up equal
// to (itself when none).
std::vector<int> merge_equal_columns(const TableMeta& meta, const TableModel& table,
                                     const std::set<int>& written) {
  std::vector<int> same_as(meta.columns.size());
  for (size_t c = 0; c < same_as.size(); ++c) same_as[c] = static_cast<int>(c);
  auto root = [&](int c) {
    while (same_as[c] != c) c = same_as[c];
    return c;
  };
  for (const Rule& rule : meta.rules) {
    if (!rule.enabled || rule.kind != RuleKind::Equal || rule.max || rule.columns.size() != 1)
      continue;
    const int target = meta.column_index(rule.target), source = meta.column_index(rule.columns[0]);
    if (target < 0 || source < 0 || written.count(target) || same_as[target] != target) continue;
    const ColumnRole role = table.roles[target];
    if (role != ColumnRole::Modelled && role != ColumnRole::Generated) continue;
    if (root(source) != target) same_as[target] = root(source);
  }
  for (size_t c = 0; c < same_as.size(); ++c) same_as[c] = root(static_cast<int>(c));
  return same_as;
}

// A linear identity (a + or - of two columns) as its terms, sign-normalised: L = G - W and
// G = L + W are one identity, so only the first is kept (the second holds when it does).
std::vector<std::pair<int, int>> linear_terms(const Rule& rule, int target,
                                              const std::vector<int>& inputs) {
  std::map<int, int> coefficient;
  coefficient[target] += 1;
  coefficient[inputs[0]] -= 1;
  coefficient[inputs[1]] += rule.op == "+" ? -1 : 1;
  std::vector<std::pair<int, int>> terms;
  for (auto [c, k] : coefficient)
    if (k != 0) terms.emplace_back(c, k);
  if (!terms.empty() && terms[0].second < 0)
    for (auto& term : terms) term.second = -term.second;
  return terms;
}

// A column as an affine sum of columns no repair computes (an arithmetic rule's target
// expanded into its inputs: L = G - W is G - W), for telling whether an ordering follows.
struct Affine {
  std::map<int, double> terms;
  double constant = 0;
};
std::optional<Affine> affine_of(int c, const std::vector<ValueRepair>& repairs, int depth = 0) {
  Affine out;
  for (const ValueRepair& repair : repairs) {
    const Rule& rule = *repair.rule;
    if (rule.kind != RuleKind::Arithmetic || repair.write != c || repair.target != c) continue;
    if (depth > 4) return std::nullopt;
    const bool single = repair.inputs.size() == 1;
    const std::string& op = rule.op;
    if (op == "div" || op == "mod" || (op == "*" && !single)) return std::nullopt;
    const auto a = affine_of(repair.inputs[0], repairs, depth + 1);
    if (!a) return std::nullopt;
    const double scale = op == "*" ? rule.k : 1;
    for (auto [column, k] : a->terms) out.terms[column] += scale * k;
    out.constant = scale * a->constant + (single && op == "+"   ? rule.k
                                          : single && op == "-" ? -rule.k
                                                                : 0);
    if (!single) {
      const auto b = affine_of(repair.inputs[1], repairs, depth + 1);
      if (!b) return std::nullopt;
      const double sign = op == "+" ? 1 : -1;
      for (auto [column, k] : b->terms) out.terms[column] += sign * k;
      out.constant += sign * b->constant;
    }
    return out;
  }
  out.terms[c] = 1;
  return out;
}

}  // namespace

bool learns_exceptions(const TableMeta& meta, const Rule& rule) {
  if (!rule.enabled || rule.kind != RuleKind::Equal || !rule.max) return false;
  const ColumnMeta* target = meta.find_column(rule.target);
  return target && target->type == DataType::String && !is_pii(target->sdtype);
}

std::optional<Table> mark_rows_equal_to_source(const TableMeta& meta, const Table& rows) {
  std::optional<Table> out;
  for (const Rule& rule : meta.rules) {
    if (!learns_exceptions(meta, rule)) continue;
    if (!out) out = rows;
    Column& target = out->column(rule.target);
    const Column& source = rows.column(rule.columns.at(0));
    for (size_t row = 0; row < target.size(); ++row)
      if (!target.is_null(row) && !source.is_null(row) &&
          target.string_at(row) == source.text_at(row))
        target.set_string(row, kSameAsSource);
  }
  return out;
}

RulePlan plan_rules(const SynthesisModel& model, int t) {
  RulePlan plan;
  const TableModel& table = model.tables[t];
  const TableMeta& meta = model.metadata.tables[t];
  if (table.copied) return plan;  // real rows follow their rules
  auto modelled = [&](int c) { return c >= 0 && table.roles[c] == ColumnRole::Modelled; };
  auto refuse = [&](const Rule& rule, const std::string& why) {
    plan.not_kept.push_back(meta.name + ": rule " + describe(rule) + " is not kept: " + why);
    plan.refused.push_back(static_cast<int>(&rule - meta.rules.data()));
  };
  std::vector<std::string> aggregate_warnings;  // plan_aggregates reports them
  const std::vector<AggregateFill> fills = plan_aggregates(model, aggregate_warnings);
  const std::set<int> pinned = pinned_by_aggregates(fills, t);
  // Foreign keys assigned before the chain, in the order their columns get set.
  std::vector<int> early;
  if (table.driver >= 0) early.push_back(table.driver);
  for (const LinkModel& link : table.links)
    if (!link.self && !link.deferred) early.push_back(link.foreign_key);

  std::set<int> written(pinned.begin(), pinned.end());
  // Columns a repair may rewrite after decoding: a function reading one keeps the tokens drawn
  // before it, so it is kept on the decoded values too (franchise = f(team_id_retro) once that
  // copies team_id, then division = f(franchise)).
  std::set<std::string> rewritten;
  for (const Rule& rule : meta.rules) {
    if (!rule.enabled || is_kind(rule, RuleKind::Function) || is_kind(rule, RuleKind::Order) ||
        is_kind(rule, RuleKind::Aggregate) || is_kind(rule, RuleKind::SameAncestor))
      continue;
    rewritten.insert(rule.target);
    if (is_kind(rule, RuleKind::Arithmetic))
      rewritten.insert(rule.columns.begin(), rule.columns.end());
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const Rule& rule : meta.rules)
      if (rule.enabled && is_kind(rule, RuleKind::Function) && !rewritten.count(rule.target) &&
          std::any_of(rule.columns.begin(), rule.columns.end(),
                      [&](const std::string& name) { return rewritten.count(name) > 0; }))
        grew = rewritten.insert(rule.target).second;
  }
  std::vector<const Rule*> functions_after;  // kept by a repair on the decoded values
  for (const Rule& rule : meta.rules) {
    if (!rule.enabled || !is_kind(rule, RuleKind::Function)) continue;
    FunctionMemo memo;
    memo.rule = &rule;
    memo.column = meta.column_index(rule.target);
    memo.step = value_step(table, memo.column);
    bool ok = modelled(memo.column) && memo.step >= 0;
    for (const std::string& name : rule.columns) {
      if (!ok) break;
      const int c = meta.column_index(name);
      FunctionMemo::Input input;
      if (modelled(c)) {
        input.step = value_step(table, c);
        const ChainStep& step = table.chain[input.step];
        ok &= step.encoder && step.encoder->kind() == EncoderKind::Categorical &&
              input.step < memo.step && !rewritten.count(name);
      } else {
        for (int f : early) {
          const ForeignKey& fk = meta.foreign_keys[f];
          auto at = std::find(fk.columns.begin(), fk.columns.end(), name);
          if (at == fk.columns.end()) continue;
          input.foreign_key = f;
          input.parent_table = model.table_index(fk.parent_table);
          input.parent_column = model.metadata.tables[input.parent_table].column_index(
              fk.parent_columns[at - fk.columns.begin()]);
          break;
        }
        // A copied parent's rows are in the context only through its identity step (a small
        // lookup table); without it one value per parent would be drawn blind.
        ok &= input.foreign_key >= 0;
        if (ok) {
          const TableModel& parent = model.tables[input.parent_table];
          ok &= !parent.copied || std::any_of(parent.chain.begin(), parent.chain.end(),
                                              [](const ChainStep& s) { return s.identity; });
        }
      }
      memo.inputs.push_back(input);
    }
    if (ok) {
      written.insert(memo.column);
      plan.functions.push_back(std::move(memo));
      continue;
    }
    // Inputs drawn after the target, or keys of parents the model does not tell apart: the
    // decoded rows with equal inputs take the first one's value instead.
    const int target = memo.column;
    const bool free =
        (modelled(target) || (target >= 0 && table.roles[target] == ColumnRole::Generated)) &&
        !written.count(target);
    if (!free) {
      refuse(rule, "its column is a key, or set by another rule");
      continue;
    }
    written.insert(target);
    functions_after.push_back(&rule);
  }
  std::sort(plan.functions.begin(), plan.functions.end(),
            [](const FunctionMemo& a, const FunctionMemo& b) { return a.step < b.step; });

  // Across foreign keys: child columns from their parent rows (before the repairs below,
  // which may read them); a parent column an aggregate fills is left to it.
  for (const Rule& rule : meta.rules) {
    if (!rule.enabled || !crosses_tables(rule) || is_kind(rule, RuleKind::Aggregate)) continue;
    const int target = meta.column_index(rule.target);
    ParentRepair repair;
    repair.rule = &rule;
    repair.target = target;
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f)
      if (meta.foreign_keys[f].columns == rule.via &&
          meta.foreign_keys[f].parent_table == rule.other_table)
        repair.foreign_key = static_cast<int>(f);
    const bool assigned = std::find(early.begin(), early.end(), repair.foreign_key) != early.end();
    // A generated column (an address) may be copied too: its parent's value is as synthetic.
    const bool free =
        modelled(target) || (target >= 0 && table.roles[target] == ColumnRole::Generated);
    if (repair.foreign_key < 0 || !assigned || !free || written.count(target)) {
      refuse(rule, "its column is not free, or its key is set too late (a cycle)");
      continue;
    }
    repair.parent_table = model.table_index(rule.other_table);
    repair.parent_column =
        model.metadata.tables[repair.parent_table].column_index(rule.columns.at(0));
    written.insert(target);
    plan.parent_repairs.push_back(repair);
  }

  // Repairs on the decoded values. Each column is written by one rule, or raised (lowered) by
  // orderings alone; a column is written before any repair reads it, so chains (a <= b <= c)
  // and orderings of a computed column's inputs hold together.
  std::vector<ValueRepair> repairs;
  for (const Rule* rule : functions_after) {
    ValueRepair repair;
    repair.rule = rule;
    repair.target = repair.write = meta.column_index(rule->target);
    for (const std::string& name : rule->columns) repair.inputs.push_back(meta.column_index(name));
    repairs.push_back(repair);
  }
  const std::vector<int> same_as = merge_equal_columns(meta, table, written);
  auto merged = [&](const std::string& name) {
    const int c = meta.column_index(name);
    return c >= 0 ? same_as[c] : c;
  };
  struct Ordering {
    const Rule* rule;
    int lower, upper;  // merged columns
  };
  std::vector<Ordering> orders;
  std::set<std::vector<std::pair<int, int>>> identities;  // linear ones, as their terms
  for (const Rule& rule : meta.rules) {
    if (!rule.enabled || is_kind(rule, RuleKind::Function) || crosses_tables(rule) ||
        is_kind(rule, RuleKind::SameAncestor))  // kept by the links (find_anchor in train.cpp)
      continue;
    if (is_kind(rule, RuleKind::Order)) {
      orders.push_back({&rule, merged(rule.columns.at(0)), merged(rule.target)});
      continue;
    }
    ValueRepair repair;
    repair.rule = &rule;
    const bool arithmetic = is_kind(rule, RuleKind::Arithmetic);
    repair.target = arithmetic ? merged(rule.target) : meta.column_index(rule.target);
    for (const std::string& name : rule.columns)
      repair.inputs.push_back(arithmetic ? merged(name) : meta.column_index(name));
    // The same identity said another way (G_all = G_defense + G_ph beside G_ph = G_all -
    // G_batting once G_defense = G_batting) holds when the first one does.
    if (arithmetic && repair.inputs.size() == 2 && (rule.op == "+" || rule.op == "-") &&
        repair.target >= 0 && repair.inputs[0] >= 0 && repair.inputs[1] >= 0 &&
        !identities.insert(linear_terms(rule, repair.target, repair.inputs)).second)
      continue;
    // An equality may copy into a generated column too: its source is as synthetic.
    const bool copied = is_kind(rule, RuleKind::Equal) && repair.target >= 0 &&
                        table.roles[repair.target] == ColumnRole::Generated;
    if ((modelled(repair.target) || copied) && !written.count(repair.target)) {
      repair.write = repair.target;
      repair.learned = learns_exceptions(meta, rule) && modelled(repair.target);
    } else if (is_kind(rule, RuleKind::Arithmetic)) {
      for (size_t i = 0; i < repair.inputs.size() && repair.write < 0; ++i)
        if (modelled(repair.inputs[i]) && !written.count(repair.inputs[i]))
          repair.write = repair.inputs[i];
    }
    if (repair.write < 0) {
      // A bound on a column another rule computes holds when that rule's inputs do.
      const bool bound = is_kind(rule, RuleKind::Range) || is_kind(rule, RuleKind::In);
      if (!(bound && written.count(repair.target)) && !implied_by_children(model, t, rule, fills))
        refuse(rule, "none of its columns is free to change (keys, generated or computed)");
      continue;
    }
    written.insert(repair.write);
    repairs.push_back(repair);
  }
  // Orderings that need no repair: on one column once equalities merge it (a strict one there
  // cannot hold), said twice, or following from the ranges of the columns that compute both
  // sides (L <= G when L = G - W and W is never below 0; PO < inn_outs when they are 2 G and
  // 24 G and G >= 1), as long as no repair moves those columns the wrong way.
  struct Implied {
    const Rule* rule;
    std::vector<int> not_lowered, not_raised;
  };
  std::vector<Implied> implied;
  auto range_of = [&](int c, double& low, double& high) {
    low = -HUGE_VAL, high = HUGE_VAL;
    // A column scaled to its parent's sum keeps its floor (distribute), and nothing else moves
    // it: L < G follows from L = G - W with W scaled to the team's wins, never below 7.
    for (const AggregateFill& fill : fills)
      if (fill.distribute && fill.child_table == t && fill.inputs.size() == 1 &&
          fill.inputs[0] == c && fill.floor > -HUGE_VAL) {
        low = fill.floor;
        return;
      }
    const int at = modelled(c) && !written.count(c) ? value_step(table, c) : -1;
    const ChainStep* step = at >= 0 ? &table.chain[at] : nullptr;
    // (A column drawn NULL is not compared: its range says nothing.)
    if (!step || !step->encoder || step->residual.from >= 0 || step->delta_from >= 0 ||
        step->encoder->null_token() >= 0 || !step->encoder->value_range(low, high))
      low = -HUGE_VAL, high = HUGE_VAL;
  };
  std::set<std::tuple<int, int, std::string>> seen_orders;
  std::set<int> kept_present;  // columns an implied ordering reads: a repair never NULLs them
  std::erase_if(orders, [&](const Ordering& order) {
    const Rule& rule = *order.rule;
    if (order.lower < 0 || order.upper < 0) return false;
    if (order.lower == order.upper) {
      if (rule.op == "<") refuse(rule, "its two columns are equal by another rule");
      return true;
    }
    if (!seen_orders.insert({order.lower, order.upper, rule.op}).second) return true;
    const auto upper = affine_of(order.upper, repairs), lower = affine_of(order.lower, repairs);
    if (!upper || !lower) return false;
    Affine gap = *upper;  // upper - lower
    for (auto [c, k] : lower->terms) gap.terms[c] -= k;
    gap.constant -= lower->constant;
    Implied follows{&rule, {}, {}};
    double least = gap.constant;
    for (auto [c, k] : gap.terms) {
      if (k == 0) continue;
      double low, high;
      range_of(c, low, high);
      least += k > 0 ? k * low : k * high;
      (k > 0 ? follows.not_lowered : follows.not_raised).push_back(c);
    }
    if (!(rule.op == "<" ? least > 0 : least >= 0)) return false;
    for (auto [c, k] : gap.terms) kept_present.insert(c);
    implied.push_back(std::move(follows));
    return true;
  });
  // Orderings: a column only raised, or only lowered. Those with one way left are decided
  // first (below a pinned column, the chain is lowered), the others raise their upper side.
  std::set<int> raised, lowered;
  auto free = [&](int c) { return modelled(c) && !written.count(c); };
  while (!orders.empty()) {
    size_t chosen = 0;
    int way = 0;  // 1 raise the upper side, -1 lower the lower side, 2 none left
    for (size_t i = 0; i < orders.size() && way == 0; ++i) {
      const int upper = orders[i].upper;
      const int lower = orders[i].lower;
      const bool up = free(upper) && !lowered.count(upper);
      const bool down = free(lower) && !raised.count(lower);
      if (up == down && up) continue;
      chosen = i;
      way = up ? 1 : down ? -1 : 2;
    }
    if (way == 0) way = 1;
    const Ordering order = orders[chosen];
    const Rule& rule = *order.rule;
    orders.erase(orders.begin() + static_cast<std::ptrdiff_t>(chosen));
    ValueRepair repair;
    repair.rule = &rule;
    repair.target = order.upper;
    repair.inputs = {order.lower};
    if (way == 2) {
      if (!implied_by_children(model, t, rule, fills))
        refuse(rule, "neither side is free to change (keys, computed, or moved the other way)");
      continue;
    }
    repair.write = way == 1 ? repair.target : repair.inputs[0];
    (way == 1 ? raised : lowered).insert(repair.write);
    const int at = value_step(table, repair.write);
    const ChainStep* step = at >= 0 ? &table.chain[at] : nullptr;
    const bool plain = step && step->encoder && step->residual.from < 0 && step->delta_from < 0;
    if (!plain || !step->encoder->value_range(repair.low, repair.high))
      repair.low = -HUGE_VAL, repair.high = HUGE_VAL;
    repair.nullable = meta.columns[repair.write].nullable && !kept_present.count(repair.write);
    repairs.push_back(repair);
  }
  for (const Implied& follows : implied) {
    const bool moved = std::any_of(follows.not_lowered.begin(), follows.not_lowered.end(),
                                   [&](int c) { return lowered.count(c) > 0; }) ||
                       std::any_of(follows.not_raised.begin(), follows.not_raised.end(),
                                   [&](int c) { return raised.count(c) > 0; });
    if (moved)
      refuse(*follows.rule,
             "it follows from other rules only while a repair moves none of their columns");
  }
  // A column is written before it is read; in a cycle orderings give way first.
  auto reads = [](const ValueRepair& repair) {
    std::vector<int> out = repair.inputs;
    out.push_back(repair.target);
    std::erase(out, repair.write);
    return out;
  };
  std::vector<ValueRepair> ordered;
  std::vector<bool> placed(repairs.size(), false), dropped(repairs.size(), false);
  while (true) {
    bool progress = false;
    for (size_t i = 0; i < repairs.size(); ++i) {
      if (placed[i] || dropped[i]) continue;
      bool ready = true;
      const std::vector<int> mine = reads(repairs[i]);
      for (size_t j = 0; j < repairs.size() && ready; ++j)
        ready = j == i || placed[j] || dropped[j] ||
                std::find(mine.begin(), mine.end(), repairs[j].write) == mine.end();
      if (!ready) continue;
      placed[i] = progress = true;
      ordered.push_back(repairs[i]);
    }
    if (progress) continue;
    // Stuck in a cycle: the last ordering left (or else the last repair) is given up.
    int give_up = -1;
    for (size_t i = 0; i < repairs.size(); ++i)
      if (!placed[i] && !dropped[i] &&
          (give_up < 0 || is_kind(*repairs[i].rule, RuleKind::Order) ||
           !is_kind(*repairs[give_up].rule, RuleKind::Order)))
        give_up = static_cast<int>(i);
    if (give_up < 0) break;
    dropped[give_up] = true;
    refuse(*repairs[give_up].rule, "it forms a cycle with other rules");
  }
  plan.repairs = std::move(ordered);
  return plan;
}

namespace {

// A learned equality keeps at most its share of rows that differ: the model, drawing each row
// on its own, may differ more often (2.5% of a wide database's teams came out 3.6%). Rows
// beyond the share, picked at random, take the source's value.
void cap_exceptions(const ValueRepair& repair, Table& values, uint64_t seed, int t,
                    int64_t row_offset, size_t r) {
  Column& target = values.column(repair.target);
  const Column& source = values.column(repair.inputs.at(0));
  std::vector<std::pair<uint64_t, size_t>> differing;
  size_t checked = 0;
  for (size_t row = 0; row < target.size(); ++row) {
    if (target.is_null(row) && source.is_null(row)) continue;
    ++checked;
    const bool same = !target.is_null(row) &&
                      (target.string_at(row) == kSameAsSource ||
                       (!source.is_null(row) && target.string_at(row) == source.text_at(row)));
    if (same) continue;
    Rng rng(seed, t + 1, static_cast<uint64_t>(row_offset) + row, kRepair, 1000 + r);
    differing.emplace_back(rng.next_u64(), row);
  }
  const auto cap =
      static_cast<size_t>(std::llround(*repair.rule->max * static_cast<double>(checked)));
  if (differing.size() <= cap) return;
  std::sort(differing.begin(), differing.end());
  for (size_t i = cap; i < differing.size(); ++i)
    target.set_string(differing[i].second, kSameAsSource);
}

}  // namespace

void apply_repairs(RulePlan& plan, Table& values, uint64_t seed, int t, int64_t row_offset) {
  const size_t rows = values.num_rows();
  for (size_t r = 0; r < plan.repairs.size(); ++r) {
    ValueRepair& repair = plan.repairs[r];
    if (repair.learned) cap_exceptions(repair, values, seed, t, row_offset, r);
    const Rule& rule = *repair.rule;
    Column& write = values.column(repair.write);
    Column& target = values.column(repair.target);
    auto number = [&](int c, size_t row) { return numeric_value(values.column(c), row); };
    for (size_t row = 0; row < rows; ++row) {
      switch (rule.kind) {
        case RuleKind::Constant:
          if (!target.is_null(row)) set_text(target, row, rule.value);
          break;
        case RuleKind::Equal: {
          const Column& source = values.column(repair.inputs[0]);
          // With exceptions: the rows drawn (or picked) to differ keep their own value.
          if (repair.learned && (target.is_null(row) || target.string_at(row) != kSameAsSource))
            break;
          if (!repair.learned && differs_from_parent(rule, static_cast<uint64_t>(row_offset) + row))
            break;
          if (source.is_null(row))
            target.set_null(row);
          else
            target.set_from(row, source, row);
          break;
        }
        case RuleKind::Arithmetic: {
          const auto a = number(repair.inputs[0], row);
          const auto b = repair.inputs.size() > 1 ? number(repair.inputs[1], row) : std::nullopt;
          if (!a || (repair.inputs.size() > 1 && !b)) break;
          if (repair.write == repair.target) {
            set_number(target, row, compute(rule, *a, b.value_or(0)));
            break;
          }
          const auto c = number(repair.target, row);
          if (!c) break;
          const size_t i = static_cast<size_t>(
              std::find(repair.inputs.begin(), repair.inputs.end(), repair.write) -
              repair.inputs.begin());
          if (auto solved = solve_input(rule, i, *c, *a, b.value_or(0)))
            set_number(write, row, *solved);
          break;
        }
        case RuleKind::Order: {
          const auto a = number(repair.inputs[0], row), b = number(repair.target, row);
          if (!a || !b) break;
          const bool holds = rule.op == "<" ? *a < *b : *a <= *b;
          if (holds) break;
          Rng rng(seed, t + 1, static_cast<uint64_t>(row_offset) + row, kRepair, r);
          const bool integral =
              write.type() != DataType::Float64 && write.type() != DataType::Decimal;
          const double gap = draw_gap(rule, rng, integral);
          const double value = repair.write == repair.target ? *a + gap : *b - gap;
          // Pushed past the values its tokens decode to (a plane's speed above its seats: only
          // 23 small planes of 3,322 have a speed, big ones drew one), a column that may be NULL
          // is better NULL than out of its range.
          if ((value < repair.low || value > repair.high) && repair.nullable)
            write.set_null(row);
          else
            set_number(write, row, value);
          break;
        }
        case RuleKind::Range: {
          const auto value = number(repair.target, row);
          if (!value) break;
          if (rule.min && *value < *rule.min) set_number(target, row, *rule.min);
          if (rule.max && *value > *rule.max) set_number(target, row, *rule.max);
          break;
        }
        case RuleKind::In: {
          if (target.is_null(row) || rule.values.empty()) break;
          const std::string text = target.text_at(row);
          if (std::find(rule.values.begin(), rule.values.end(), text) != rule.values.end()) break;
          Rng rng(seed, t + 1, static_cast<uint64_t>(row_offset) + row, kRepair, r);
          set_text(target, row, rule.values[rng.uniform_int(rule.values.size())]);
          break;
        }
        case RuleKind::Function: {
          if (target.is_null(row)) break;
          std::string key;
          bool present = true;
          for (int c : repair.inputs) {
            const Column& input = values.column(c);
            present &= !input.is_null(row);
            key += input.text_at(row);
            key += '\x1f';
          }
          if (!present) break;
          if (repair.first_values.name().empty())
            repair.first_values = Column("first", target.type(), target.format());
          const auto [first, fresh] = repair.first_of.try_emplace(key, repair.first_values.size());
          if (!fresh || (repair.shared_value && repair.shared_value(key, repair.first_values)))
            target.set_from(row, repair.first_values, first->second);
          else
            repair.first_values.append_from(target, row);
          break;
        }
        case RuleKind::ParentEqual:
        case RuleKind::ParentOrder:
        case RuleKind::Aggregate:
        case RuleKind::SameAncestor:  // kept by the links (find_anchor in train.cpp)
          break;
      }
    }
  }
}

size_t first_segment_end(const TableModel& table, const RulePlan& plan) {
  size_t end = plan.functions.empty() ? table.chain.size() : plan.functions.front().step;
  for (size_t s = 0; s < end; ++s)
    if (table.chain[s].count_of >= 0 && table.chain[s].encoder->exact_token(0) >= 0) return s;
  return end;
}

std::vector<AggregateFill> plan_aggregates(const SynthesisModel& model,
                                           std::vector<std::string>& not_kept,
                                           std::vector<const Rule*>* refused) {
  std::vector<AggregateFill> fills;
  for (size_t p = 0; p < model.tables.size(); ++p) {
    const TableMeta& parent = model.metadata.tables[p];
    for (const Rule& rule : parent.rules) {
      if (!rule.enabled || !is_kind(rule, RuleKind::Aggregate)) continue;
      AggregateFill fill;
      fill.rule = &rule;
      fill.parent_table = static_cast<int>(p);
      fill.target = parent.column_index(rule.target);
      fill.child_table = model.table_index(rule.other_table);
      bool ok = fill.child_table >= 0 && fill.target >= 0;
      if (ok) {
        const TableMeta& child = model.metadata.tables[fill.child_table];
        const TableModel& child_model = model.tables[fill.child_table];
        for (size_t f = 0; f < child.foreign_keys.size(); ++f)
          if (child.foreign_keys[f].columns == rule.via &&
              child.foreign_keys[f].parent_table == parent.name)
            fill.foreign_key = static_cast<int>(f);
        for (const LinkModel& link : child_model.links)
          ok &= !(link.foreign_key == fill.foreign_key && (link.deferred || link.self));
        for (const std::string& name : rule.columns)
          fill.inputs.push_back(child.column_index(name));
        // (While training, a table not trained yet has no roles.)
        ok &= fill.foreign_key >= 0 && !child_model.copied && !model.tables[p].copied &&
              fill.target < static_cast<int>(model.tables[p].roles.size()) &&
              model.tables[p].roles[fill.target] == ColumnRole::Modelled;
      }
      if (!ok) {
        not_kept.push_back(parent.name + ": rule " + describe(rule) +
                           " is not kept: a copied table, a generated column or a late key");
        if (refused) refused->push_back(&rule);
        continue;
      }
      fills.push_back(std::move(fill));
    }
  }
  // One rule fills each parent column: the one over the most children. The others keep it by
  // scaling their children, which works for a sum of one column of children generated under
  // that parent (their driver), drawn by the model.
  auto rows_of = [&](const AggregateFill& fill) {
    return model.metadata.tables[fill.child_table].row_count;
  };
  std::stable_sort(fills.begin(), fills.end(), [&](const AggregateFill& a, const AggregateFill& b) {
    return rows_of(a) > rows_of(b);
  });
  std::vector<AggregateFill> kept;
  for (AggregateFill& fill : fills) {
    bool taken = false;
    for (const AggregateFill& other : kept)
      taken |= other.parent_table == fill.parent_table && other.target == fill.target &&
               !other.distribute;
    if (taken) {
      const TableModel& child = model.tables[fill.child_table];
      fill.distribute = fill.rule->op == "sum" && fill.inputs.size() == 1 &&
                        child.driver == fill.foreign_key &&
                        fill.inputs[0] < static_cast<int>(child.roles.size()) &&
                        child.roles[fill.inputs[0]] == ColumnRole::Modelled;
      if (fill.distribute) fill.floor = distribute_floor(child, fill.inputs[0]);
      if (!fill.distribute) {
        not_kept.push_back(model.metadata.tables[fill.parent_table].name + ": rule " +
                           describe(*fill.rule) +
                           " is not kept: another rule fills the column, and these children "
                           "cannot be scaled to it");
        if (refused) refused->push_back(fill.rule);
        continue;
      }
    }
    kept.push_back(std::move(fill));
  }
  return kept;
}

namespace {

// Digits after the decimal point in a column's values (at most 6; -1: not rounded).
int decimals_of(const Column& column) {
  if (holds_integers(column.type())) return 0;
  if (column.type() == DataType::Float64) return -1;
  int most = 0;
  for (size_t row = 0; row < column.size(); ++row) {
    if (column.is_null(row)) continue;
    const std::string& text = column.string_at(row);
    const size_t dot = text.find('.');
    if (dot != std::string::npos) most = std::max(most, static_cast<int>(text.size() - dot - 1));
  }
  return std::min(most, 6);
}

double round_to(double value, int decimals) {
  if (decimals < 0) return value;
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

// Down to `decimals` places (a tiny tolerance keeps 2.9999999 at 3).
double floor_to(double value, int decimals) {
  if (decimals < 0) return value;
  const double scale = std::pow(10.0, decimals);
  return std::floor(value * scale + 1e-9) / scale;
}

}  // namespace

void distribute(const AggregateFill& fill, Table& children, const std::vector<int64_t>& parents,
                const Table& parent) {
  Column& column = children.column(fill.inputs.at(0));
  const Column& totals = parent.column(fill.target);
  const int decimals = std::max(decimals_of(column), decimals_of(totals));
  std::unordered_map<int64_t, std::vector<size_t>> rows_of;
  for (size_t row = 0; row < children.num_rows() && row < parents.size(); ++row)
    if (parents[row] >= 0 && !column.is_null(row)) rows_of[parents[row]].push_back(row);
  for (auto& [p, rows] : rows_of) {
    const double total = totals.number_at(static_cast<size_t>(p));
    if (std::isnan(total)) continue;
    const double n = static_cast<double>(rows.size());
    if (fill.floor > -HUGE_VAL && total >= 0) {
      // Each child its floor (or an even part of a total too small for it), then the rest by
      // the children's shares above it, rounded down so the last child keeps its floor too.
      const double base = total >= fill.floor * n ? fill.floor : floor_to(total / n, decimals);
      double above = 0;
      for (size_t row : rows) above += std::max(0.0, column.number_at(row) - base);
      const double rest = total - base * n;
      double given = 0;
      for (size_t i = 0; i < rows.size(); ++i) {
        const double share =
            above > 0 ? std::max(0.0, column.number_at(rows[i]) - base) / above : 1.0 / n;
        const double value = i + 1 < rows.size() ? base + floor_to(rest * share, decimals)
                                                 : round_to(total - given, decimals);
        set_number(column, rows[i], value);
        given += value;
      }
      continue;
    }
    double sum = 0;
    for (size_t row : rows) sum += column.number_at(row);
    double given = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const double share =
          sum > 0 ? column.number_at(rows[i]) / sum : 1.0 / static_cast<double>(rows.size());
      const double value = i + 1 < rows.size() ? round_to(total * share, decimals)
                                               : round_to(total - given, decimals);
      set_number(column, rows[i], value);
      given += value;
    }
  }
}

void bound_by_parent(const AggregateFill& fill, Table& children,
                     const std::vector<int64_t>& parents, const Table& parent) {
  const bool max = fill.rule->op == "max";
  if ((!max && fill.rule->op != "min") || fill.inputs.size() != 1) return;
  Column& column = children.column(fill.inputs[0]);
  const Column& bounds = parent.column(fill.target);
  for (size_t row = 0; row < children.num_rows() && row < parents.size(); ++row) {
    if (parents[row] < 0 || column.is_null(row)) continue;
    const double bound = bounds.number_at(static_cast<size_t>(parents[row]));
    const double value = column.number_at(row);
    if (!std::isnan(bound) && (max ? value > bound : value < bound)) set_number(column, row, bound);
  }
}

void apply_parent_repairs(const RulePlan& plan, Table& values,
                          const std::vector<std::vector<int64_t>>& fk_rows,
                          const std::vector<const Table*>& tables, uint64_t seed, int t,
                          int64_t row_offset) {
  for (size_t r = 0; r < plan.parent_repairs.size(); ++r) {
    const ParentRepair& repair = plan.parent_repairs[r];
    const Rule& rule = *repair.rule;
    const Column& source = tables[repair.parent_table]->column(repair.parent_column);
    const std::vector<int64_t>& parents = fk_rows[repair.foreign_key];
    Column& target = values.column(repair.target);
    for (size_t row = 0; row < values.num_rows(); ++row) {
      if (row >= parents.size() || parents[row] < 0) continue;
      const size_t p = static_cast<size_t>(parents[row]);
      if (is_kind(rule, RuleKind::ParentEqual)) {
        if (differs_from_parent(rule, static_cast<uint64_t>(row_offset) + row)) continue;
        if (source.is_null(p))
          target.set_null(row);
        else if (source.type() == target.type())
          target.set_from(row, source, p);
        else
          set_text(target, row, source.text_at(p));
        continue;
      }
      const auto a = ordered_value(source, p, target.type());
      const auto b = ordered_value(target, row, source.type());
      if (!a || !b || (rule.op == "<" ? *a < *b : *a <= *b)) continue;
      // The nearest values that keep the rule: a gap among the source's smallest (drawn from
      // all of them, an order placed before its customer signed up moved years ahead, beyond
      // any real date).
      Rng rng(seed, t + 1, static_cast<uint64_t>(row_offset) + row, kRepair, 100 + r);
      const double value = *a + draw_gap(rule, rng, target.type() != DataType::Float64, 2);
      if (target.type() == DataType::DateTime && source.type() == DataType::Date) {
        // Compared by day: the datetime moves by whole days, its time of day stays.
        const int64_t days = static_cast<int64_t>(value) - static_cast<int64_t>(*b);
        target.set_int(
            row, target.int_at(row) + convert_temporal(days, DataType::Date, DataType::DateTime));
      } else {
        set_number(target, row, value);
      }
    }
  }
}

void accumulate(AggregateFill& fill, const Table& children, const std::vector<int64_t>& parents) {
  for (size_t row = 0; row < children.num_rows() && row < parents.size(); ++row) {
    if (parents[row] < 0) continue;
    const size_t p = static_cast<size_t>(parents[row]);
    if (p >= fill.count.size()) {
      fill.count.resize(p + 1, 0);
      fill.sum.resize(p + 1, 0);
      fill.min.resize(p + 1, INFINITY);
      fill.max.resize(p + 1, -INFINITY);
    }
    fill.count[p] += 1;
    double x = 1;
    for (int c : fill.inputs) x *= children.column(c).number_at(row);
    if (std::isnan(x)) continue;
    fill.sum[p] += x;
    fill.min[p] = std::min(fill.min[p], x);
    fill.max[p] = std::max(fill.max[p], x);
  }
}

void fill_aggregate(AggregateFill& fill, Table& parent) {
  const Rule& rule = *fill.rule;
  Column& target = parent.column(fill.target);
  for (size_t p = 0; p < parent.num_rows(); ++p) {
    const bool childless = p >= fill.count.size() || fill.count[p] == 0;
    if (childless) {
      if (rule.value == "0") set_number(target, p, 0);
      continue;  // else the parent keeps the value it drew
    }
    const double value = rule.op == "count" ? fill.count[p]
                         : rule.op == "min" ? fill.min[p]
                         : rule.op == "max" ? fill.max[p]
                                            : fill.sum[p];
    if (std::isfinite(value)) set_number(target, p, value);
  }
}

}  // namespace relsynth

namespace relsynth {

std::vector<std::string> disable_rules_not_kept(SynthesisModel& model) {
  std::vector<std::string> warnings;
  const std::string disabled = " (disabled in the model)";
  // Disabling a rule frees the columns it held: plan again until every enabled rule is kept.
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<std::string> why;
    std::vector<const Rule*> refused;
    plan_aggregates(model, why, &refused);
    for (size_t i = 0; i < refused.size(); ++i) {
      const_cast<Rule*>(refused[i])->enabled = false;  // a rule of model.metadata
      warnings.push_back(why[i] + disabled);
      changed = true;
    }
    for (size_t t = 0; t < model.tables.size(); ++t) {
      RulePlan plan = plan_rules(model, static_cast<int>(t));
      for (size_t i = 0; i < plan.refused.size(); ++i) {
        model.metadata.tables[t].rules[plan.refused[i]].enabled = false;
        warnings.push_back(plan.not_kept[i] + disabled);
        changed = true;
      }
    }
  }
  return warnings;
}

}  // namespace relsynth

// Exact rules across foreign keys, found by joining each child row to its parent row:
//  - parent_equal: a child column always equals a parent column (a line's unit price is its
//    product's price), or a personal one mostly does, on all but a share `max` of the rows (an
//    order's ship-to address is its customer's unless it ships elsewhere);
//  - parent_order: a child column is never before a parent column (an order is placed after
//    its customer signed up), kept with gaps drawn from the source's;
//  - aggregate: a parent column counts its children, or sums (or bounds) a child column or the
//    product of two (an invoice's total is the sum of quantity x unit price of its lines);
//  - same_ancestor: two paths of foreign keys from a table reach the same ancestor row (a
//    payment's customer is the customer of its rental; a bond's two atoms are in one molecule).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/random.h"
#include "core/text.h"
#include "relsynth/error.h"
#include "schema/rules_internal.h"
#include "synth/key_index.h"

namespace relsynth::rules_detail {

namespace {

const ForeignKey* find_foreign_key(const TableMeta& child, const std::vector<std::string>& via,
                                   const std::string& parent) {
  for (const ForeignKey& fk : child.foreign_keys)
    if (fk.columns == via && fk.parent_table == parent) return &fk;
  return nullptr;
}

// The columns a cross-table rule may read or write: not keys, numbers, datetimes or text.
std::vector<size_t> value_columns(const TableMeta& table) {
  const std::set<std::string> keys = key_columns(table, true);
  std::vector<size_t> out;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const ColumnMeta& column = table.columns[c];
    if (keys.count(column.name) || column.sdtype == SDType::Id || column.type == DataType::Binary ||
        !column.generated.empty())
      continue;
    out.push_back(c);
  }
  return out;
}

bool numeric(DataType type) {
  return type == DataType::Int64 || type == DataType::Float64 || type == DataType::Decimal;
}

// Values as numbers (NaN for NULL), datetimes in their integer units.
std::vector<double> numbers(const Column& column) {
  std::vector<double> out(column.size());
  for (size_t row = 0; row < column.size(); ++row) out[row] = column.number_at(row);
  return out;
}

// A column's values as ordered against a column of type `other` (ordered_value; NaN where
// NULL).
std::vector<double> ordered_numbers(const Column& column, DataType other) {
  std::vector<double> out(column.size());
  for (size_t row = 0; row < column.size(); ++row)
    out[row] = ordered_value(column, row, other).value_or(std::nan(""));
  return out;
}

// Per parent row: how many children, and the sum, min and max of a child expression.
struct Aggregates {
  std::vector<double> count, sum, min, max;
  explicit Aggregates(size_t parents)
      : count(parents, 0), sum(parents, 0), min(parents, INFINITY), max(parents, -INFINITY) {}
  void add(int64_t parent, double value) {
    if (std::isnan(value)) return;
    const size_t p = static_cast<size_t>(parent);
    sum[p] += value;
    min[p] = std::min(min[p], value);
    max[p] = std::max(max[p], value);
  }
};

double aggregate_of(const Rule& rule, const Aggregates& a, size_t parent) {
  if (rule.op == "count") return a.count[parent];
  if (rule.op == "min") return a.min[parent];
  if (rule.op == "max") return a.max[parent];
  return a.sum[parent];
}

// The child expression an aggregate reads, per child row (count: 1).
std::vector<double> expression(const Rule& rule, const Table& children) {
  std::vector<double> out(children.num_rows(), 1.0);
  for (const std::string& name : rule.columns) {
    const std::vector<double> values = numbers(children.column(name));
    for (size_t row = 0; row < out.size(); ++row) out[row] *= values[row];
  }
  return out;
}

struct Joined {
  const Table* child = nullptr;
  const Table* parent = nullptr;
  std::vector<int64_t> parent_of;  // per child row, -1 none
};

std::optional<Joined> join(const Metadata& metadata, const Database& data,
                           const std::string& child_name, const std::vector<std::string>& via,
                           const std::string& parent_name) {
  const TableMeta* child_meta = metadata.find_table(child_name);
  const Table* child = data.find_table(child_name);
  const Table* parent = data.find_table(parent_name);
  if (!child_meta || !child || !parent) return std::nullopt;
  const ForeignKey* fk = find_foreign_key(*child_meta, via, parent_name);
  if (!fk) return std::nullopt;
  for (const std::string& name : fk->columns)
    if (!child->find_column(name)) return std::nullopt;
  for (const std::string& name : fk->parent_columns)
    if (!parent->find_column(name)) return std::nullopt;
  return Joined{child, parent,
                resolve_foreign_key(*child, fk->columns, *parent, fk->parent_columns)};
}

// A child value equal to its parent's: the same text (both NULL too), or the same number.
bool equal_values(const Column& child, size_t row, const Column& parent, size_t pr) {
  if (child.is_null(row) || parent.is_null(pr)) return child.is_null(row) && parent.is_null(pr);
  if (child.text_at(row) == parent.text_at(pr)) return true;
  const double a = child.number_at(row), b = parent.number_at(pr);
  return !std::isnan(a) && !std::isnan(b) && same_number(a, b);
}

// Of the linked rows where either side has a value, the share with equal values.
double equal_share(const Column& child, const Column& parent, const std::vector<int64_t>& parent_of,
                   size_t& checked) {
  size_t equal = 0;
  checked = 0;
  for (size_t row = 0; row < child.size(); ++row) {
    const int64_t p = parent_of[row];
    if (p < 0 || (child.is_null(row) && parent.is_null(static_cast<size_t>(p)))) continue;
    ++checked;
    equal += equal_values(child, row, parent, static_cast<size_t>(p));
  }
  return checked ? static_cast<double>(equal) / static_cast<double>(checked) : 0.0;
}

bool holds(const Rule& rule, double aggregate, double value) {
  if (rule.op == "count" || rule.op == "sum") return same_number(aggregate, value);
  return aggregate == value;
}

}  // namespace

RuleCheck check_cross_table_rule(const Rule& rule, const TableMeta& table, const Metadata& metadata,
                                 const Database& data) {
  RuleCheck out;
  auto breaks = [&](size_t row) {
    ++out.violations;
    if (out.first_row < 0) out.first_row = static_cast<int64_t>(row);
  };
  if (rule.kind == RuleKind::Aggregate) {
    auto joined = join(metadata, data, rule.other_table, rule.via, table.name);
    if (!joined || !joined->parent->find_column(rule.target)) return out;
    for (const std::string& name : rule.columns)
      if (!joined->child->find_column(name)) return out;
    Aggregates a(joined->parent->num_rows());
    const std::vector<double> x = expression(rule, *joined->child);
    for (size_t row = 0; row < x.size(); ++row) {
      const int64_t p = joined->parent_of[row];
      if (p < 0) continue;
      a.count[static_cast<size_t>(p)] += 1;
      a.add(p, x[row]);
    }
    const Column& target = joined->parent->column(rule.target);
    for (size_t p = 0; p < a.count.size(); ++p) {
      const double value = target.number_at(p);
      if (a.count[p] == 0) {
        if (rule.value != "0") continue;  // childless parents keep their own value
        ++out.checked;
        if (!(value == 0)) breaks(p);
        continue;
      }
      if (std::isnan(value)) continue;
      ++out.checked;
      if (!holds(rule, aggregate_of(rule, a, p), value)) breaks(p);
    }
    return out;
  }
  auto joined = join(metadata, data, table.name, rule.via, rule.other_table);
  if (!joined || rule.columns.size() != 1 || !joined->child->find_column(rule.target) ||
      !joined->parent->find_column(rule.columns[0]))
    return out;
  const Column& child = joined->child->column(rule.target);
  const Column& parent = joined->parent->column(rule.columns[0]);
  for (size_t row = 0; row < child.size(); ++row) {
    const int64_t p = joined->parent_of[row];
    if (p < 0) continue;
    const size_t pr = static_cast<size_t>(p);
    if (rule.kind == RuleKind::ParentEqual) {
      if (child.is_null(row) && parent.is_null(pr)) continue;
      ++out.checked;
      if (!equal_values(child, row, parent, pr)) breaks(row);
    } else {
      const auto a = ordered_value(parent, pr, child.type());
      const auto b = ordered_value(child, row, parent.type());
      if (!a || !b) continue;
      ++out.checked;
      if (rule.op == "<" ? !(*a < *b) : !(*a <= *b)) breaks(row);
    }
  }
  if (rule.kind == RuleKind::ParentEqual && rule.max) beyond_share(*rule.max, out);
  return out;
}

std::vector<std::pair<std::string, Rule>> discover_cross_table_rules(
    const Metadata& metadata, const Database& data, const RuleDiscoveryOptions& options) {
  std::vector<std::pair<std::string, Rule>> found;
  auto make = [](RuleKind kind, const std::string& target, std::vector<std::string> columns,
                 const std::string& other, const ForeignKey& fk) {
    Rule rule;
    rule.kind = kind;
    rule.target = target;
    rule.columns = std::move(columns);
    rule.other_table = other;
    rule.via = fk.columns;
    rule.origin = "discovered";
    return rule;
  };
  // A column some rule of its own table already computes is left to that rule (but a
  // function of the foreign key alone may turn out to be the parent's column: find_rules
  // then keeps the stronger rule).
  auto computed = [](const TableMeta& table, const std::string& column,
                     const std::vector<std::string>& via = {}) {
    for (const Rule& rule : table.rules)
      if (rule.enabled && rule.target == column &&
          (rule.kind == RuleKind::Constant || rule.kind == RuleKind::Equal ||
           rule.kind == RuleKind::Function || rule.kind == RuleKind::Arithmetic) &&
          !(rule.kind == RuleKind::Function && rule.columns == via))
        return true;
    return false;
  };

  for (const TableMeta& child_meta : metadata.tables) {
    const Table* child = data.find_table(child_meta.name);
    if (!child) continue;
    for (const ForeignKey& fk : child_meta.foreign_keys) {
      const TableMeta* parent_meta = metadata.find_table(fk.parent_table);
      if (!parent_meta || parent_meta == &child_meta) continue;  // self-references: not here
      auto joined = join(metadata, data, child_meta.name, fk.columns, fk.parent_table);
      if (!joined) continue;
      const Table& parent = *joined->parent;
      const std::vector<int64_t>& parent_of = joined->parent_of;
      size_t linked = 0;
      for (int64_t p : parent_of) linked += p >= 0;
      if (linked < options.min_rows) continue;
      const std::vector<size_t> child_columns = value_columns(child_meta);
      const std::vector<size_t> parent_columns = value_columns(*parent_meta);

      // Child column vs parent column: equal, else ordered.
      for (size_t c : child_columns) {
        const ColumnMeta& cm = child_meta.columns[c];
        if (computed(child_meta, cm.name, fk.columns)) continue;
        const Column& cv = child->column(cm.name);
        bool found_equal = false;
        for (size_t pc : parent_columns) {
          const ColumnMeta& pm = parent_meta->columns[pc];
          const bool same_kind = numeric(cm.type) ? numeric(pm.type) : cm.type == pm.type;
          if (!same_kind || found_equal) continue;
          Rule rule = make(RuleKind::ParentEqual, cm.name, {pm.name}, parent_meta->name, fk);
          // Screen on the first linked rows, then verify on all.
          const Column& pv = parent.column(pm.name);
          bool plausible = true;
          for (size_t row = 0, seen = 0; row < cv.size() && seen < 64 && plausible; ++row) {
            if (parent_of[row] < 0) continue;
            ++seen;
            plausible = cv.text_at(row) == pv.text_at(static_cast<size_t>(parent_of[row])) ||
                        same_number(cv.number_at(row), pv.number_at(parent_of[row]));
          }
          if (!plausible) continue;
          // A parent column with a single value says nothing a constant would not.
          std::set<std::string> distinct;
          for (size_t p = 0; p < pv.size() && distinct.size() < 2; ++p)
            if (!pv.is_null(p)) distinct.insert(pv.text_at(p));
          if (distinct.size() < 2) continue;
          const RuleCheck check = check_cross_table_rule(rule, child_meta, metadata, data);
          if (check.violations || check.checked < static_cast<int64_t>(options.min_rows)) continue;
          rule.checked = check.checked;
          found.emplace_back(child_meta.name, std::move(rule));
          found_equal = true;
        }
        // A personal column that mostly repeats a personal column of its parent (an order's
        // ship-to name and address are its customer's but for orders shipped elsewhere): the
        // rows that repeat it copy the synthetic parent's value, the others are generated.
        if (!found_equal && is_pii(cm.sdtype) && cm.type == DataType::String) {
          double best = 0;
          size_t best_checked = 0, best_column = 0;
          for (size_t pc : parent_columns) {
            const ColumnMeta& pm = parent_meta->columns[pc];
            if (!is_pii(pm.sdtype) || pm.type != cm.type) continue;
            size_t checked = 0;
            const double share = equal_share(cv, parent.column(pm.name), parent_of, checked);
            if (share > best) best = share, best_checked = checked, best_column = pc;
          }
          if (best >= kMostlyEqualShare && best < 1 && best_checked >= options.min_rows) {
            Rule rule = make(RuleKind::ParentEqual, cm.name,
                             {parent_meta->columns[best_column].name}, parent_meta->name, fk);
            rule.max = 1 - best;
            rule.checked = static_cast<int64_t>(best_checked);
            found.emplace_back(child_meta.name, std::move(rule));
            found_equal = true;
          }
        }
        // Orderings between datetimes only: between numbers of a parent and a child they are
        // mostly coincidences of scale (an altitude below a pressure). A date and a datetime
        // compare by day.
        if (found_equal || !is_temporal(cm.type)) continue;
        for (size_t pc : parent_columns) {
          const ColumnMeta& pm = parent_meta->columns[pc];
          if (pm.type != cm.type && !(is_calendar(pm.type) && is_calendar(cm.type))) continue;
          const std::vector<double> x = ordered_numbers(cv, pm.type);
          const std::vector<double> y = ordered_numbers(parent.column(pm.name), cm.type);
          std::vector<double> gaps;
          bool ok = true;
          size_t equal = 0;
          for (size_t row = 0; row < x.size() && ok; ++row) {
            if (parent_of[row] < 0) continue;
            const double a = y[static_cast<size_t>(parent_of[row])], b = x[row];
            if (std::isnan(a) || std::isnan(b)) continue;
            ok = a <= b;
            equal += a == b;
            gaps.push_back(b - a);
          }
          if (!ok || gaps.size() < options.min_rows || equal == gaps.size()) continue;
          // Informative only if a child paired with a random parent would often break it.
          Rng rng(0x0c7055, c, pc);
          size_t tried = 0, broken = 0;
          for (size_t i = 0; i < 2000; ++i) {
            const double b = x[rng.uniform_int(x.size())], a = y[rng.uniform_int(y.size())];
            if (std::isnan(a) || std::isnan(b)) continue;
            ++tried;
            broken += a > b;
          }
          if (tried == 0 || broken < tried / 10) continue;
          Rule rule = make(RuleKind::ParentOrder, cm.name, {pm.name}, parent_meta->name, fk);
          rule.op = equal ? "<=" : "<";
          rule.checked = static_cast<int64_t>(gaps.size());
          rule.gaps = gap_quantiles(std::move(gaps));
          found.emplace_back(child_meta.name, std::move(rule));
        }
      }

      // Parent columns that aggregate the children (not of a column copied from the parent:
      // the parent's own value bounds it trivially).
      std::set<std::string> copied;
      for (const auto& [table, rule] : found)
        if (table == child_meta.name && rule.kind == RuleKind::ParentEqual &&
            rule.via == fk.columns)
          copied.insert(rule.target);
      std::vector<std::string> child_numbers;
      std::map<std::string, std::vector<double>> child_values;
      for (size_t c : child_columns) {
        const ColumnMeta& column = child_meta.columns[c];
        if (!numeric(column.type) || copied.count(column.name)) continue;
        child_numbers.push_back(column.name);
        child_values[column.name] = numbers(child->column(column.name));
      }
      // Candidate expressions: count, each child number, each product of two.
      std::vector<std::vector<std::string>> expressions = {{}};
      for (size_t i = 0; i < child_numbers.size(); ++i) {
        expressions.push_back({child_numbers[i]});
        for (size_t j = i + 1; j < child_numbers.size() && child_numbers.size() <= 12; ++j)
          expressions.push_back({child_numbers[i], child_numbers[j]});
      }
      std::vector<Aggregates> aggregates;
      for (const auto& columns : expressions) {
        std::vector<double> x(child->num_rows(), 1.0);
        for (const std::string& name : columns) {
          const std::vector<double>& values = child_values.at(name);
          for (size_t row = 0; row < x.size(); ++row) x[row] *= values[row];
        }
        Aggregates a(parent.num_rows());
        for (size_t row = 0; row < x.size(); ++row) {
          if (parent_of[row] < 0) continue;
          a.count[static_cast<size_t>(parent_of[row])] += 1;
          a.add(parent_of[row], x[row]);
        }
        aggregates.push_back(std::move(a));
      }
      for (size_t pc : parent_columns) {
        const ColumnMeta& pm = parent_meta->columns[pc];
        if (!numeric(pm.type) || computed(*parent_meta, pm.name)) continue;
        const std::vector<double> y = numbers(parent.column(pm.name));
        bool done = false;
        for (size_t e = 0; e < expressions.size() && !done; ++e) {
          for (const char* op : {"count", "sum", "min", "max"}) {
            const bool is_count = std::string(op) == "count";
            if (is_count != expressions[e].empty()) continue;
            if (expressions[e].size() == 2 && std::string(op) != "sum") continue;
            Rule rule = make(RuleKind::Aggregate, pm.name, expressions[e], child_meta.name, fk);
            rule.op = op;
            size_t with_children = 0, childless = 0, childless_zero = 0;
            std::set<double> values;
            bool ok = true;
            for (size_t p = 0; p < y.size() && ok; ++p) {
              if (aggregates[e].count[p] == 0) {
                ++childless;
                childless_zero += y[p] == 0;
                continue;
              }
              if (std::isnan(y[p])) continue;
              ++with_children;
              const double agg = aggregate_of(rule, aggregates[e], p);
              ok = holds(rule, agg, y[p]);
              if (values.size() < 2) values.insert(agg);
            }
            if (!ok || with_children < options.min_rows || values.size() < 2) continue;
            if (childless > 0 && childless_zero == childless) rule.value = "0";
            rule.checked =
                static_cast<int64_t>(with_children + (rule.value == "0" ? childless : 0));
            found.emplace_back(parent_meta->name, std::move(rule));
            done = true;
            break;
          }
        }
      }
    }
  }
  for (auto& same : discover_same_ancestor_rules(metadata, data, options))
    found.push_back(std::move(same));
  return found;
}

std::string describe_path(const std::vector<std::vector<std::string>>& path) {
  std::string out;
  for (const std::vector<std::string>& hop : path) {
    if (!out.empty()) out += " -> ";
    out += hop.size() == 1 ? hop[0] : "(" + relsynth::join(hop) + ")";
  }
  return out;
}

namespace {

// Per row of `table`: the ancestor row its path reaches, -1 where a key is NULL or dangles.
std::vector<int64_t> follow(const std::vector<PathHop>& hops, const Database& data,
                            std::map<std::pair<std::string, int>, std::vector<int64_t>>& cache) {
  std::vector<int64_t> rows;
  for (size_t h = 0; h < hops.size(); ++h) {
    const PathHop& hop = hops[h];
    auto [it, fresh] = cache.try_emplace({hop.table->name, hop.foreign_key});
    if (fresh) {
      const ForeignKey& fk = hop.table->foreign_keys[hop.foreign_key];
      it->second = resolve_foreign_key(data.table(hop.table->name), fk.columns,
                                       data.table(fk.parent_table), fk.parent_columns);
    }
    const std::vector<int64_t>& step = it->second;
    if (h == 0) {
      rows = step;
    } else {
      for (int64_t& row : rows) row = row >= 0 ? step[static_cast<size_t>(row)] : -1;
    }
    for (int64_t& row : rows) row = std::max<int64_t>(row, -1);
  }
  return rows;
}

bool readable(const std::vector<PathHop>& hops, const Database& data) {
  for (const PathHop& hop : hops) {
    const Table* child = data.find_table(hop.table->name);
    const Table* parent = data.find_table(hop.parent->name);
    if (!child || !parent) return false;
    const ForeignKey& fk = hop.table->foreign_keys[hop.foreign_key];
    for (const std::string& name : fk.columns)
      if (!child->find_column(name)) return false;
    for (const std::string& name : fk.parent_columns)
      if (!parent->find_column(name)) return false;
  }
  return true;
}

}  // namespace

RuleCheck check_same_ancestor(const Rule& rule, const TableMeta& table, const Metadata& metadata,
                              const Database& data) {
  RuleCheck out;
  const std::vector<PathHop> a = path_keys(metadata, table, rule.path);
  const std::vector<PathHop> b = path_keys(metadata, table, rule.other_path);
  if (a.empty() || b.empty() || !readable(a, data) || !readable(b, data)) return out;
  std::map<std::pair<std::string, int>, std::vector<int64_t>> cache;
  const std::vector<int64_t> x = follow(a, data, cache), y = follow(b, data, cache);
  for (size_t row = 0; row < x.size(); ++row) {
    if (x[row] < 0 || y[row] < 0) continue;
    ++out.checked;
    if (x[row] != y[row]) {
      ++out.violations;
      if (out.first_row < 0) out.first_row = static_cast<int64_t>(row);
    }
  }
  return out;
}

std::vector<std::pair<std::string, Rule>> discover_same_ancestor_rules(
    const Metadata& metadata, const Database& data, const RuleDiscoveryOptions& options) {
  std::vector<std::pair<std::string, Rule>> found;
  std::map<std::pair<std::string, int>, std::vector<int64_t>> cache;
  for (const TableMeta& table : metadata.tables) {
    if (!data.find_table(table.name)) continue;
    // Every path of one or two foreign keys to another table (no self-reference, no return).
    struct Path {
      std::vector<std::vector<std::string>> hops;
      std::vector<PathHop> keys;
      const TableMeta* end = nullptr;
      std::vector<int64_t> rows;
    };
    std::vector<Path> paths;
    for (const ForeignKey& fk : table.foreign_keys) {
      const TableMeta* parent = metadata.find_table(fk.parent_table);
      if (!parent || parent == &table) continue;
      paths.push_back({{fk.columns}, {}, parent, {}});
      for (const ForeignKey& next : parent->foreign_keys) {
        const TableMeta* ancestor = metadata.find_table(next.parent_table);
        if (!ancestor || ancestor == parent || ancestor == &table) continue;
        paths.push_back({{fk.columns, next.columns}, {}, ancestor, {}});
      }
    }
    for (Path& path : paths) {
      path.keys = path_keys(metadata, table, path.hops);
      if (!path.keys.empty() && readable(path.keys, data))
        path.rows = follow(path.keys, data, cache);
    }
    // Longer paths first: the rule reads "through the parent, the same ancestor as directly".
    std::stable_sort(paths.begin(), paths.end(),
                     [](const Path& a, const Path& b) { return a.hops.size() > b.hops.size(); });
    // Paths already known to agree (a third path agreeing with two others adds nothing).
    std::vector<size_t> group(paths.size());
    for (size_t i = 0; i < paths.size(); ++i) group[i] = i;
    auto root = [&](size_t i) {
      while (group[i] != i) i = group[i] = group[group[i]];
      return i;
    };
    for (size_t i = 0; i < paths.size(); ++i) {
      for (size_t j = i + 1; j < paths.size(); ++j) {
        const Path& a = paths[i];
        const Path& b = paths[j];
        if (a.end != b.end || a.rows.empty() || b.rows.empty() || root(i) == root(j)) continue;
        if (a.hops.size() == 1 && b.hops.size() == 1) continue;  // two keys to one table
        // Paths that start with keys sharing a column agree through the shared values.
        const std::set<std::string> first(a.hops[0].begin(), a.hops[0].end());
        if (std::any_of(b.hops[0].begin(), b.hops[0].end(),
                        [&](const std::string& c) { return first.count(c) > 0; }))
          continue;
        size_t both = 0;
        bool agree = true;
        std::map<int64_t, double> share_a, share_b;
        for (size_t row = 0; row < a.rows.size() && agree; ++row) {
          if (a.rows[row] < 0 || b.rows[row] < 0) continue;
          ++both;
          agree = a.rows[row] == b.rows[row];
          share_a[a.rows[row]] += 1;
          share_b[b.rows[row]] += 1;
        }
        if (!agree || both < options.min_rows) continue;
        // Informative only if two random rows' ancestors would often differ (one store says
        // nothing).
        double chance = 0;
        for (const auto& [ancestor, n] : share_a)
          if (auto other = share_b.find(ancestor); other != share_b.end())
            chance += n / static_cast<double>(both) * other->second / static_cast<double>(both);
        if (chance > 0.9) continue;
        Rule rule;
        rule.kind = RuleKind::SameAncestor;
        rule.other_table = a.end->name;
        rule.path = a.hops;
        rule.other_path = b.hops;
        rule.origin = "discovered";
        rule.checked = static_cast<int64_t>(both);
        found.emplace_back(table.name, std::move(rule));
        group[root(i)] = root(j);
      }
    }
  }
  return found;
}

}  // namespace relsynth::rules_detail

namespace relsynth {

std::vector<PathHop> path_keys(const Metadata& metadata, const TableMeta& table,
                               const std::vector<std::vector<std::string>>& path,
                               std::string* error) {
  std::vector<PathHop> out;
  const TableMeta* at = &table;
  for (const std::vector<std::string>& hop : path) {
    const auto fk = std::find_if(at->foreign_keys.begin(), at->foreign_keys.end(),
                                 [&](const ForeignKey& key) { return key.columns == hop; });
    const TableMeta* next =
        fk == at->foreign_keys.end() ? nullptr : metadata.find_table(fk->parent_table);
    if (!next) {
      if (error)
        *error = "table " + quote_name(at->name) + " has no foreign key (" + join(hop) +
                 ") to a table of the metadata";
      return {};
    }
    out.push_back({at, static_cast<int>(fk - at->foreign_keys.begin()), next});
    at = next;
  }
  if (out.empty() && error) *error = "a path needs at least one foreign key";
  return out;
}

}  // namespace relsynth

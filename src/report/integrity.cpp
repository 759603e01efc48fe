// Integrity: primary keys, NOT NULL and UNIQUE constraints, foreign keys; and the cardinality
// shape of each relationship, which falls out of resolving its keys.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "report/report_internal.h"

namespace relsynth::report_detail {

namespace {

// Rows whose key (all columns non-NULL) repeats an earlier row's.
int64_t duplicate_rows(const Table& table, const std::vector<int>& columns) {
  std::unordered_set<std::string> seen;
  seen.reserve(table.num_rows());
  std::string key;
  int64_t duplicates = 0;
  for (size_t row = 0; row < table.num_rows(); ++row)
    if (row_key(table, columns, row, key) && !seen.insert(key).second) ++duplicates;
  return duplicates;
}

int64_t rows_with_null(const Table& table, const std::vector<int>& columns) {
  int64_t count = 0;
  for (size_t row = 0; row < table.num_rows(); ++row)
    for (int c : columns)
      if (table.column(static_cast<size_t>(c)).is_null(row)) {
        ++count;
        break;
      }
  return count;
}

}  // namespace

std::vector<bool> key_columns(const TableMeta& meta, const Table& table) {
  std::vector<bool> keys(table.num_columns(), false);
  auto mark = [&](const std::vector<std::string>& names) {
    for (const std::string& name : names) {
      int index = table.column_index(name);
      if (index >= 0) keys[static_cast<size_t>(index)] = true;
    }
  };
  mark(meta.primary_key);
  for (const ForeignKey& fk : meta.foreign_keys) mark(fk.columns);
  return keys;
}

std::vector<ConstraintViolation> constraint_violations(const TableMeta& meta, const Table& real,
                                                       const Table& synthetic) {
  std::vector<ConstraintViolation> out;
  auto add = [&](std::string kind, std::vector<std::string> columns, int64_t synthetic_rows,
                 int64_t real_rows) {
    if (synthetic_rows == 0 && real_rows == 0) return;
    out.push_back({std::move(kind), std::move(columns), synthetic_rows, real_rows});
  };
  if (!meta.primary_key.empty()) {
    const auto real_pk = column_indexes(real, meta.primary_key);
    const auto synthetic_pk = column_indexes(synthetic, meta.primary_key);
    add("primary_key_null", meta.primary_key, rows_with_null(synthetic, synthetic_pk),
        rows_with_null(real, real_pk));
    add("primary_key_duplicate", meta.primary_key, duplicate_rows(synthetic, synthetic_pk),
        duplicate_rows(real, real_pk));
  }
  for (const ColumnMeta& column : meta.columns) {
    const bool in_pk = std::find(meta.primary_key.begin(), meta.primary_key.end(), column.name) !=
                       meta.primary_key.end();
    const std::vector<int> real_index = column_indexes(real, {column.name});
    const std::vector<int> synthetic_index = column_indexes(synthetic, {column.name});
    if (!column.nullable && !in_pk)
      add("not_null", {column.name}, rows_with_null(synthetic, synthetic_index),
          rows_with_null(real, real_index));
    const bool is_pk = meta.primary_key.size() == 1 && in_pk;
    if (column.unique && !is_pk)
      add("unique", {column.name}, duplicate_rows(synthetic, synthetic_index),
          duplicate_rows(real, real_index));
  }
  for (const UniqueConstraint& unique : meta.unique_constraints)
    add("unique", unique.columns,
        duplicate_rows(synthetic, column_indexes(synthetic, unique.columns)),
        duplicate_rows(real, column_indexes(real, unique.columns)));
  return out;
}

Link resolve_link(const std::vector<TablePair>& tables, size_t child, size_t parent,
                  const ForeignKey& foreign_key, RelationshipReport& out) {
  Link link;
  link.child = child;
  link.parent = parent;
  link.foreign_key = &foreign_key;
  out.child_table = tables[child].meta->name;
  out.child_columns = foreign_key.columns;
  out.parent_table = tables[parent].meta->name;
  out.parent_columns = foreign_key.parent_columns;

  auto resolve = [&](const Table& child_table, const Table& parent_table,
                     std::vector<int64_t>& parent_of, std::vector<uint32_t>& children,
                     int64_t& orphan_rows, int64_t* orphan_distinct) {
    const auto child_columns = column_indexes(child_table, foreign_key.columns);
    const auto parent_columns = column_indexes(parent_table, foreign_key.parent_columns);
    KeyIndex index(parent_table, parent_columns);
    parent_of.assign(child_table.num_rows(), -2);
    children.assign(parent_table.num_rows(), 0);
    std::unordered_set<std::string> orphan_keys;
    std::string key;
    orphan_rows = 0;
    for (size_t row = 0; row < child_table.num_rows(); ++row) {
      const int64_t found = index.find(child_table, child_columns, row, key);
      parent_of[row] = found;
      if (found >= 0) {
        ++children[static_cast<size_t>(found)];
      } else if (found == -1) {
        ++orphan_rows;
        if (orphan_distinct) orphan_keys.insert(key);
      }
    }
    if (orphan_distinct) *orphan_distinct = static_cast<int64_t>(orphan_keys.size());
  };
  resolve(*tables[child].real, *tables[parent].real, link.real_parent_of, link.real_children,
          out.real_orphan_rows, nullptr);
  resolve(*tables[child].synthetic, *tables[parent].synthetic, link.synthetic_parent_of,
          link.synthetic_children, out.orphan_rows, &out.orphan_distinct_keys);

  // CardinalityShapeSimilarity: KS complement of the children-per-parent counts, zeros
  // included, orphans and NULL keys left out (as SDMetrics' get_cardinality_distribution).
  auto as_doubles = [](const std::vector<uint32_t>& counts, double& mean, int64_t& max) {
    std::vector<double> values(counts.begin(), counts.end());
    double sum = 0;
    max = 0;
    for (uint32_t c : counts) sum += c, max = std::max<int64_t>(max, c);
    mean = counts.empty() ? 0 : sum / static_cast<double>(counts.size());
    return values;
  };
  std::vector<double> real_counts =
      as_doubles(link.real_children, out.real_children_mean, out.real_children_max);
  std::vector<double> synthetic_counts =
      as_doubles(link.synthetic_children, out.synthetic_children_mean, out.synthetic_children_max);
  std::sort(real_counts.begin(), real_counts.end());
  std::sort(synthetic_counts.begin(), synthetic_counts.end());
  out.cardinality_score = 1.0 - ks_statistic_sorted(real_counts, synthetic_counts);
  if (!real_counts.empty())
    out.children_distribution =
        histogram_distribution(real_counts, synthetic_counts, DataType::Int64, 20, true);
  return link;
}

}  // namespace relsynth::report_detail

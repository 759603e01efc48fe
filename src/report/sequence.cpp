// Sequence trends: whether the rows of one parent in a sequential table still form a series,
// ordered by the sequence key as in the real data. Two views of the series: the gaps between
// consecutive siblings' keys (their distribution, KS complement) and the lag-1 autocorrelation
// of each numerical column (CorrelationSimilarity's form on r(x_i, x_i+1)).
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "relsynth/error.h"
#include "report/report_internal.h"

namespace relsynth::report_detail {

namespace {

// A side needs this many pairs of consecutive siblings for a column's autocorrelation to count.
constexpr int64_t kMinPairs = 10;

// One side's rows in sequence order: by group (first appearance), then key, then row; rows
// with a NULL key or a NULL foreign-key column are left out.
struct Ordered {
  std::vector<uint32_t> rows;
  std::vector<uint32_t> group;  // of each entry of `rows`
  std::vector<double> key;      // of each entry of `rows`
  int64_t groups = 0;
};

Ordered order_rows(const Table& table, int key_column, const std::vector<int>& fk_columns) {
  struct Entry {
    uint32_t group;
    double key;
    uint32_t row;
  };
  const Column& key = table.column(static_cast<size_t>(key_column));
  std::unordered_map<std::string, uint32_t> groups;
  std::vector<Entry> entries;
  entries.reserve(table.num_rows());
  std::string scratch;
  for (size_t row = 0; row < table.num_rows(); ++row) {
    const double k = key.number_at(row);
    if (std::isnan(k)) continue;
    uint32_t g = 0;
    if (!fk_columns.empty()) {
      if (!row_key(table, fk_columns, row, scratch)) continue;
      g = groups.try_emplace(scratch, static_cast<uint32_t>(groups.size())).first->second;
    }
    entries.push_back({g, k, static_cast<uint32_t>(row)});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.group != b.group) return a.group < b.group;
    if (a.key != b.key) return a.key < b.key;
    return a.row < b.row;
  });
  Ordered out;
  out.rows.reserve(entries.size());
  out.group.reserve(entries.size());
  out.key.reserve(entries.size());
  for (const Entry& e : entries) {
    out.rows.push_back(e.row);
    out.group.push_back(e.group);
    out.key.push_back(e.key);
  }
  out.groups = fk_columns.empty() ? (entries.empty() ? 0 : 1) : static_cast<int64_t>(groups.size());
  return out;
}

// Gaps between consecutive siblings' keys, sorted.
std::vector<double> gaps(const Ordered& o) {
  std::vector<double> out;
  for (size_t i = 1; i < o.rows.size(); ++i)
    if (o.group[i] == o.group[i - 1]) out.push_back(o.key[i] - o.key[i - 1]);
  std::sort(out.begin(), out.end());
  return out;
}

double median(const std::vector<double>& sorted) {
  if (sorted.empty()) return std::nan("");
  const size_t n = sorted.size();
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

// Lag-1 Pearson r of `column` over consecutive siblings where both values are present, each
// value taken from its sequence's mean (of the sequence's non-NULL values): the series' own
// persistence, not how far apart the parents' levels are (pooled raw pairs of meters at 100,
// 200, 300 correlate near 1 however each meter's values are ordered).
double lag1(const Column& column, const Ordered& o, int64_t& pairs) {
  std::vector<double> values(o.rows.size()), centred(o.rows.size());
  for (size_t i = 0; i < o.rows.size(); ++i) values[i] = column.number_at(o.rows[i]);
  for (size_t begin = 0; begin < o.rows.size();) {
    size_t end = begin;
    double sum = 0, n = 0;
    for (; end < o.rows.size() && o.group[end] == o.group[begin]; ++end)
      if (!std::isnan(values[end])) sum += values[end], n += 1;
    for (size_t i = begin; i < end; ++i) centred[i] = values[i] - (n > 0 ? sum / n : 0);
    begin = end;
  }
  std::vector<double> x, y;
  for (size_t i = 1; i < o.rows.size(); ++i) {
    if (o.group[i] != o.group[i - 1]) continue;
    if (std::isnan(centred[i - 1]) || std::isnan(centred[i])) continue;
    x.push_back(centred[i - 1]);
    y.push_back(centred[i]);
  }
  pairs = static_cast<int64_t>(x.size());
  return pearson(x, y);
}

// The foreign key the real sequence key tells apart the rows of best: highest share of
// distinct (parent, key) pairs among the rows where both are present; ties to the first
// declared; self references never. Null when the table has no other foreign key.
const ForeignKey* grouping_key(const TableMeta& meta, const Table& real, int key_column) {
  const ForeignKey* best = nullptr;
  double best_share = -1;
  const Column& key = real.column(static_cast<size_t>(key_column));
  std::string pair;
  for (const ForeignKey& fk : meta.foreign_keys) {
    if (fk.parent_table == meta.name || fk.columns.empty()) continue;
    const std::vector<int> columns = column_indexes(real, fk.columns);
    std::unordered_set<std::string> seen;
    seen.reserve(real.num_rows());
    size_t rows = 0;
    for (size_t row = 0; row < real.num_rows(); ++row) {
      if (key.is_null(row) || !row_key(real, columns, row, pair)) continue;
      append_value_key(pair, key, row);
      seen.insert(pair);
      ++rows;
    }
    const double share = rows ? static_cast<double>(seen.size()) / static_cast<double>(rows) : 0;
    if (share > best_share) best = &fk, best_share = share;
  }
  return best;
}

}  // namespace

void sequence_trends(const TablePair& table, TableReport& out, std::vector<std::string>& notes) {
  const TableMeta& meta = *table.meta;
  if (meta.kind != TableKind::Sequential) return;
  const Table& real = *table.real;
  const Table& synthetic = *table.synthetic;
  const int real_key = real.column_index(meta.sequence_key);
  const int synthetic_key = synthetic.column_index(meta.sequence_key);
  if (meta.sequence_key.empty() || real_key < 0 || synthetic_key < 0) {
    notes.push_back("sequential table " + quote_name(meta.name) +
                    (meta.sequence_key.empty()
                         ? " has no sequence key"
                         : " lacks its sequence key " + quote_name(meta.sequence_key)) +
                    "; sequence trends skipped");
    return;
  }
  const DataType key_type = real.column(static_cast<size_t>(real_key)).type();
  if (!holds_integers(key_type) && key_type != DataType::Float64 && key_type != DataType::Decimal) {
    notes.push_back("the sequence key " + locate(meta.name, meta.sequence_key) +
                    " is not a number or a date; sequence trends skipped");
    return;
  }

  SequenceResult& s = out.sequence;
  s.computed = true;
  s.key = meta.sequence_key;
  s.gap_unit = key_type == DataType::Date                                     ? "days"
               : key_type == DataType::DateTime || key_type == DataType::Time ? "microseconds"
                                                                              : "";
  const ForeignKey* fk = grouping_key(meta, real, real_key);
  std::vector<int> real_fk, synthetic_fk;
  if (fk) {
    s.parent_table = fk->parent_table;
    s.foreign_key = fk->columns;
    real_fk = column_indexes(real, fk->columns);
    synthetic_fk = column_indexes(synthetic, fk->columns);
  }
  const Ordered r = order_rows(real, real_key, real_fk);
  const Ordered y = order_rows(synthetic, synthetic_key, synthetic_fk);
  s.real_sequences = r.groups;
  s.synthetic_sequences = y.groups;

  const std::vector<double> real_gaps = gaps(r), synthetic_gaps = gaps(y);
  s.real_gaps = static_cast<int64_t>(real_gaps.size());
  s.synthetic_gaps = static_cast<int64_t>(synthetic_gaps.size());
  s.real_gap_median = median(real_gaps);
  s.synthetic_gap_median = median(synthetic_gaps);
  // No synthetic gap where the real data has some: every synthetic series is a single row
  // (a synthetic side without rows has nothing to compare, as for the other metrics).
  if (!real_gaps.empty() && !y.rows.empty())
    s.gap_score =
        synthetic_gaps.empty() ? 0.0 : 1.0 - ks_statistic_sorted(real_gaps, synthetic_gaps);

  std::vector<double> scores = {s.gap_score};
  const std::vector<bool> keys = key_columns(meta, real);
  for (const ColumnMeta& column : meta.columns) {
    if (column.sdtype != SDType::Numerical || column.name == meta.sequence_key) continue;
    const int index = real.column_index(column.name);
    if (index < 0 || keys[static_cast<size_t>(index)]) continue;
    const Column& rc = real.column(static_cast<size_t>(index));
    const Column* sc = synthetic.find_column(column.name);
    if (!sc || rc.type() == DataType::Binary) continue;
    SequenceColumn c;
    c.column = column.name;
    c.real = lag1(rc, r, c.real_pairs);
    c.synthetic = lag1(*sc, y, c.synthetic_pairs);
    if (c.real_pairs >= kMinPairs && c.synthetic_pairs >= kMinPairs && !std::isnan(c.real) &&
        !std::isnan(c.synthetic))
      c.score = 1.0 - std::fabs(c.real - c.synthetic) / 2.0;
    scores.push_back(c.score);
    s.columns.push_back(std::move(c));
  }
  s.score = nan_mean(scores);
}

}  // namespace relsynth::report_detail

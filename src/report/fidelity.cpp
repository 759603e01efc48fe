// Fidelity: column shapes, column-pair trends and inter-table trends, as SDMetrics' quality
// report defines them.
#include <algorithm>
#include <cmath>

#include "core/random.h"
#include "report/report_internal.h"

namespace relsynth::report_detail {

namespace {

// A column ready for pair metrics on a row selection: numbers for continuous columns, codes
// for discrete ones, and for continuous ones the codes SDMetrics' QualityReport gives them for
// pairs with a discrete column: each side cut into equal-width bins of its own range, the range
// taken over every row before rows are sampled (ColumnPairTrends discretizes whole columns; its
// ContingencySimilarity subsamples afterwards).
struct Prepared {
  std::string name;
  Shape shape = Shape::None;
  std::vector<double> real_values, synthetic_values;
  std::vector<int32_t> real_codes, synthetic_codes;
};

// The smallest and largest non-NULL number of the rows (every row when `rows` is null), the
// input histogram_edges needs; empty when there is none.
std::vector<double> value_range(const Column& column, const Rows* rows) {
  double lo = INFINITY, hi = -INFINITY;
  auto see = [&](size_t row) {
    const double value = column.number_at(row);
    if (!std::isnan(value)) lo = std::min(lo, value), hi = std::max(hi, value);
  };
  if (rows)
    for (uint32_t row : *rows) see(row);
  else
    for (size_t row = 0; row < column.size(); ++row) see(row);
  return lo <= hi ? std::vector<double>{lo, hi} : std::vector<double>{};
}

// `real_rows` / `synthetic_rows` are the (possibly sampled) rows compared; the bins span
// `real_all` / `synthetic_all` (every row of the column when null).
Prepared prepare(const std::string& name, Shape shape, const Column& real, const Rows& real_rows,
                 const Rows* real_all, const Column& synthetic, const Rows& synthetic_rows,
                 const Rows* synthetic_all, int num_bins) {
  Prepared p;
  p.name = name;
  p.shape = shape;
  if (shape == Shape::Continuous) {
    p.real_values = numeric_values(real, real_rows);
    p.synthetic_values = numeric_values(synthetic, synthetic_rows);
    p.real_codes = digitize(p.real_values, histogram_edges(value_range(real, real_all), num_bins));
    p.synthetic_codes = digitize(p.synthetic_values,
                                 histogram_edges(value_range(synthetic, synthetic_all), num_bins));
  } else {
    SharedCodes codes = shared_codes(real, real_rows, synthetic, synthetic_rows);
    p.real_codes = std::move(codes.real);
    p.synthetic_codes = std::move(codes.synthetic);
  }
  return p;
}

PairTrend pair_trend(const Prepared& a, const Prepared& b) {
  PairTrend trend;
  trend.column1 = a.name;
  trend.column2 = b.name;
  if (a.shape == Shape::Continuous && b.shape == Shape::Continuous) {
    trend.metric = "CorrelationSimilarity";
    double rr = 0, rs = 0;
    trend.score = correlation_similarity(a.real_values, b.real_values, a.synthetic_values,
                                         b.synthetic_values, &rr, &rs);
    if (!std::isnan(trend.score)) {
      trend.real_correlation = rr;
      trend.synthetic_correlation = rs;
    }
  } else {
    trend.metric = "ContingencySimilarity";
    double vr = std::nan(""), vs = std::nan("");
    trend.score = contingency_similarity(a.real_codes, b.real_codes, a.synthetic_codes,
                                         b.synthetic_codes, &vr, &vs);
    if (!std::isnan(vr)) trend.real_cramers_v = vr;
    if (!std::isnan(vs)) trend.synthetic_cramers_v = vs;
  }
  return trend;
}

// Indexes of the pairs to compute: all of them, or a fixed-seed subset of max_pairs.
std::vector<size_t> chosen_pairs(size_t total, size_t max_pairs, uint64_t seed, uint64_t stream) {
  std::vector<size_t> chosen(total);
  for (size_t i = 0; i < total; ++i) chosen[i] = i;
  if (total <= max_pairs) return chosen;
  Rng rng(seed, 0x9a125, stream);
  for (size_t i = 0; i < max_pairs; ++i)
    std::swap(chosen[i], chosen[i + rng.uniform_int(total - i)]);
  chosen.resize(max_pairs);
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

// Columns measured for fidelity: not a key, with a continuous or discrete shape.
std::vector<std::pair<int, Shape>> measured_columns(const TableMeta& meta, const Table& real,
                                                    const Table& synthetic) {
  std::vector<std::pair<int, Shape>> out;
  const std::vector<bool> keys = key_columns(meta, real);
  for (const ColumnMeta& column : meta.columns) {
    const int index = real.column_index(column.name);
    if (index < 0 || keys[static_cast<size_t>(index)]) continue;
    if (synthetic.column_index(column.name) < 0) continue;
    const Shape shape = shape_of(column.sdtype, column.type);
    if (shape != Shape::None) out.emplace_back(index, shape);
  }
  return out;
}

double null_share(const Column& column) {
  return column.size()
             ? static_cast<double>(column.null_count()) / static_cast<double>(column.size())
             : 0.0;
}

}  // namespace

void column_shapes(const TablePair& table, TableReport& out) {
  const Table& real = *table.real;
  const Table& synthetic = *table.synthetic;
  std::vector<double> scores;
  for (const auto& [index, shape] : measured_columns(*table.meta, real, synthetic)) {
    const Column& rc = real.column(static_cast<size_t>(index));
    const Column& sc = synthetic.column(rc.name());
    ColumnShape result;
    result.column = rc.name();
    // The plotted distribution comes from the same sorted values or codes as the score.
    if (shape == Shape::Continuous) {
      result.metric = "KSComplement";
      const std::vector<double> real_values = sorted_numbers(rc);
      const std::vector<double> synthetic_values = sorted_numbers(sc);
      result.score = 1.0 - ks_statistic_sorted(real_values, synthetic_values);
      result.distribution = histogram_distribution(real_values, synthetic_values, rc.type());
    } else {
      result.metric = "TVComplement";
      SharedCodes codes = shared_codes(rc, all_rows(rc.size()), sc, all_rows(sc.size()));
      result.score = tv_complement(codes.real, codes.synthetic, codes.count);
      result.distribution = category_distribution(codes, rc);
    }
    result.real_null_share = null_share(rc);
    result.synthetic_null_share = null_share(sc);
    result.null_similarity = 1.0 - std::fabs(result.real_null_share - result.synthetic_null_share);
    scores.push_back(result.score);
    out.column_shapes.push_back(std::move(result));
  }
  out.column_shapes_score = nan_mean(scores);
}

void pair_trends(const TablePair& table, const ReportOptions& options, uint64_t stream,
                 TableReport& out) {
  const Table& real = *table.real;
  const Table& synthetic = *table.synthetic;
  const auto columns = measured_columns(*table.meta, real, synthetic);
  const size_t n = columns.size();
  out.pairs_total = n < 2 ? 0 : n * (n - 1) / 2;
  out.pair_trends_score = std::nan("");
  if (out.pairs_total == 0 || real.num_rows() == 0 || synthetic.num_rows() == 0) return;

  // One stream for both sides: a database compared with itself gets the same sample.
  const Rows real_rows = sample_rows(real.num_rows(), options.max_rows, options.seed, stream);
  const Rows synthetic_rows =
      sample_rows(synthetic.num_rows(), options.max_rows, options.seed, stream);
  if (real_rows.size() < real.num_rows() || synthetic_rows.size() < synthetic.num_rows())
    out.sampled = true;

  const std::vector<size_t> chosen =
      chosen_pairs(out.pairs_total, options.max_pairs, options.seed, stream);
  std::vector<bool> needed(n, false);
  std::vector<std::pair<size_t, size_t>> pairs;
  {
    size_t k = 0, next = 0;
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j, ++k)
        if (next < chosen.size() && chosen[next] == k) {
          pairs.emplace_back(i, j);
          needed[i] = needed[j] = true;
          ++next;
        }
  }
  std::vector<Prepared> prepared(n);
  for (size_t i = 0; i < n; ++i) {
    if (!needed[i]) continue;
    const Column& rc = real.column(static_cast<size_t>(columns[i].first));
    prepared[i] = prepare(rc.name(), columns[i].second, rc, real_rows, nullptr,
                          synthetic.column(rc.name()), synthetic_rows, nullptr, options.num_bins);
  }
  std::vector<double> scores;
  for (const auto& [i, j] : pairs) {
    out.pair_trends.push_back(pair_trend(prepared[i], prepared[j]));
    scores.push_back(out.pair_trends.back().score);
  }
  out.pair_trends_score = nan_mean(scores);
}

void intertable_trends(const std::vector<TablePair>& tables, const Link& link,
                       const ReportOptions& options, uint64_t stream, RelationshipReport& out) {
  const TablePair& child = tables[link.child];
  const TablePair& parent = tables[link.parent];
  const auto child_columns = measured_columns(*child.meta, *child.real, *child.synthetic);
  const auto parent_columns = measured_columns(*parent.meta, *parent.real, *parent.synthetic);
  out.intertable_pairs_total = child_columns.size() * parent_columns.size();
  out.intertable_score = std::nan("");
  if (out.intertable_pairs_total == 0) return;

  // Joined rows (inner join, as SDMetrics' merge): child rows whose parent exists, sampled; the
  // bins of a continuous column span all of them (child rows with a parent, parents with a
  // child).
  struct Joined {
    Rows child, parent;          // the compared (sampled) joined rows
    Rows all_child, all_parent;  // every joined child row; every parent row with a child
  };
  auto joined = [&](const std::vector<int64_t>& parent_of, size_t parent_rows) {
    Joined j;
    std::vector<bool> has_child(parent_rows, false);
    for (size_t row = 0; row < parent_of.size(); ++row)
      if (parent_of[row] >= 0) {
        j.all_child.push_back(static_cast<uint32_t>(row));
        has_child[static_cast<size_t>(parent_of[row])] = true;
      }
    for (size_t row = 0; row < parent_rows; ++row)
      if (has_child[row]) j.all_parent.push_back(static_cast<uint32_t>(row));
    const Rows pick = sample_rows(j.all_child.size(), options.max_rows, options.seed, stream);
    for (uint32_t i : pick) {
      j.child.push_back(j.all_child[i]);
      j.parent.push_back(static_cast<uint32_t>(parent_of[j.all_child[i]]));
    }
    return j;
  };
  const Joined real = joined(link.real_parent_of, parent.real->num_rows());
  const Joined synthetic = joined(link.synthetic_parent_of, parent.synthetic->num_rows());
  if (real.child.empty() || synthetic.child.empty()) return;

  const std::vector<size_t> chosen =
      chosen_pairs(out.intertable_pairs_total, options.max_pairs, options.seed, stream);
  std::vector<Prepared> parent_prepared(parent_columns.size()),
      child_prepared(child_columns.size());
  std::vector<bool> parent_done(parent_columns.size()), child_done(child_columns.size());
  std::vector<double> scores;
  for (size_t k : chosen) {
    const size_t p = k / child_columns.size(), c = k % child_columns.size();
    if (!parent_done[p]) {
      const Column& rc = parent.real->column(static_cast<size_t>(parent_columns[p].first));
      parent_prepared[p] = prepare(rc.name(), parent_columns[p].second, rc, real.parent,
                                   &real.all_parent, parent.synthetic->column(rc.name()),
                                   synthetic.parent, &synthetic.all_parent, options.num_bins);
      parent_done[p] = true;
    }
    if (!child_done[c]) {
      const Column& rc = child.real->column(static_cast<size_t>(child_columns[c].first));
      child_prepared[c] = prepare(rc.name(), child_columns[c].second, rc, real.child,
                                  &real.all_child, child.synthetic->column(rc.name()),
                                  synthetic.child, &synthetic.all_child, options.num_bins);
      child_done[c] = true;
    }
    out.intertable_trends.push_back(pair_trend(parent_prepared[p], child_prepared[c]));
    scores.push_back(out.intertable_trends.back().score);
  }
  out.intertable_score = nan_mean(scores);
}

}  // namespace relsynth::report_detail

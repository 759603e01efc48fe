// Statistical primitives of the report: value views of columns, shared category codes, key
// indexes for joins, and the SDMetrics-compatible similarity scores.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/report.h"
#include "relsynth/table.h"

namespace relsynth::report_detail {

using Rows = std::vector<uint32_t>;

// How SDMetrics' quality report treats an sdtype: continuous (numerical, datetime), discrete
// (categorical, boolean), or not measured (ids, text, PII, binary).
enum class Shape { None, Continuous, Discrete };
Shape shape_of(SDType sdtype, DataType type);

Rows all_rows(size_t n);
// At most `max` row indexes of [0, n), uniform without replacement, sorted; all when n <= max.
Rows sample_rows(size_t n, size_t max, uint64_t seed, uint64_t stream);

// Column::number_at of the rows.
std::vector<double> numeric_values(const Column& column, const Rows& rows);

// Appends a canonical byte key of the value, equal across storage types for equal values
// (5, 5.0 and "5" give the same key). NULL must be checked by the caller.
void append_value_key(std::string& out, const Column& column, size_t row);

// Category codes shared by a real and a synthetic column (equal values, equal codes);
// -1 for NULL.
struct SharedCodes {
  std::vector<int32_t> real, synthetic;
  int32_t count = 0;
};
SharedCodes shared_codes(const Column& real, const Rows& real_rows, const Column& synthetic,
                         const Rows& synthetic_rows);

// Maps a key (one or several columns) to the first row holding it.
class KeyIndex {
 public:
  KeyIndex(const Table& table, const std::vector<int>& columns);
  // The row holding the key of `row` in `table`'s `columns`; -1 when absent; -2 when a key
  // column is NULL there.
  int64_t find(const Table& table, const std::vector<int>& columns, size_t row,
               std::string& scratch) const;
  size_t size() const { return index_.size(); }

 private:
  std::unordered_map<std::string, uint32_t> index_;
};

// Builds the key of `row` into `out`; false when a key column is NULL.
bool row_key(const Table& table, const std::vector<int>& columns, size_t row, std::string& out);

// Column indexes of `names` in `table`; throws InputError naming the table when one is absent.
std::vector<int> column_indexes(const Table& table, const std::vector<std::string>& names);

// Two-sample Kolmogorov-Smirnov statistic; NaNs are dropped; NaN when a side is empty.
double ks_statistic(std::vector<double> a, std::vector<double> b);
// The same on inputs already sorted and free of NaN.
double ks_statistic_sorted(const std::vector<double>& a, const std::vector<double>& b);
// Column::number_at of every non-NULL row, NaN dropped, sorted.
std::vector<double> sorted_numbers(const Column& column);

// The plotted distributions (ColumnDistribution in report.h).
// Histogram of sorted NaN-free values over `bins` bins between the real data's 1st and 99th
// percentiles (at least the 5th value from either end, or the minimum / maximum when it occurs
// 5 times or more); whole-number bins when the real values are integers; edge labels in
// `type`'s units (dates for Date, ...). `whole_range` spans the real minimum to maximum instead,
// for figures whose extremes the report states anyway (children per parent).
ColumnDistribution histogram_distribution(const std::vector<double>& real,
                                          const std::vector<double>& synthetic, DataType type,
                                          int bins = 20, bool whole_range = false);
// Bars of the `top` most frequent real categories seen at least `min_count` times in the real
// data, plus "other"; `codes` cover every row of `real` (codes.real[i] is row i).
ColumnDistribution category_distribution(const SharedCodes& codes, const Column& real,
                                         size_t top = 12, int64_t min_count = 5);
// 1 - total variation distance of the non-NULL code frequencies; NaN when a side is empty.
double tv_complement(const std::vector<int32_t>& real, const std::vector<int32_t>& synthetic,
                     int32_t count);
// Pearson correlation; NaN when a side is constant.
double pearson(const std::vector<double>& x, const std::vector<double>& y);
// SDMetrics' CorrelationSimilarity: 1 - |Pearson(real) - Pearson(synthetic)| / 2, each over the
// rows where both values are present; NaN when a column has a single distinct non-NULL value on
// either side, or when a side's correlation is undefined (fewer than 2 complete rows, or a
// constant column among them).
double correlation_similarity(const std::vector<double>& real_x, const std::vector<double>& real_y,
                              const std::vector<double>& synthetic_x,
                              const std::vector<double>& synthetic_y, double* real_rho,
                              double* synthetic_rho);
// SDMetrics' ContingencySimilarity: 1 - TVD of the joint frequencies, NULL a category of its own;
// NaN when a side has no row. `real_v` / `synthetic_v`, when given, receive each side's
// Cramér's V from the same joint counts.
double contingency_similarity(const std::vector<int32_t>& real_a,
                              const std::vector<int32_t>& real_b,
                              const std::vector<int32_t>& synthetic_a,
                              const std::vector<int32_t>& synthetic_b, double* real_v = nullptr,
                              double* synthetic_v = nullptr);
// Cramér's V of two coded columns (NULL, code -1, a category of its own; no bias correction):
// sqrt(chi2 / (n (min(r, c) - 1))), 0 = independent, 1 = one decides the other. NaN when a
// column has fewer than 2 categories.
double cramers_v(const std::vector<int32_t>& a, const std::vector<int32_t>& b);
// np.histogram_bin_edges(non-NaN values, bins): equal-width edges over the values' range, with
// numpy's arithmetic (np.linspace); the range is [0, 1] without values and v +- 0.5 for a
// single value.
std::vector<double> histogram_edges(const std::vector<double>& values, int bins);
// np.digitize(values, edges): the index of the first edge > value (0 .. edges.size()); NaN gets
// edges.size(), as numpy sorts it after every edge (the bin of the maximum).
std::vector<int32_t> digitize(const std::vector<double>& values, const std::vector<double>& edges);
// SDMetrics' QualityReport discretization of a continuous column for ContingencySimilarity
// (ColumnPairTrends._discretize_column): each side is cut into `bins` equal-width bins of its
// own range, np.histogram_bin_edges then np.digitize, so NULL shares the top bin with the
// side's maximum.
std::vector<int32_t> discretize(const std::vector<double>& values, int bins);
// ROC AUC of scores for positives vs negatives (ties count half).
double roc_auc(const std::vector<float>& scores, const std::vector<uint8_t>& labels);

// Mean of the non-NaN values; NaN when none.
double nan_mean(const std::vector<double>& values);

}  // namespace relsynth::report_detail

// Privacy: exact copies of real rows, and the distance from each synthetic row to its closest
// real row (DCR), each against the same figure between two halves of the real data; with a
// holdout, whether synthetic rows sit closer to the training rows than to unseen real rows.
#include <algorithm>
#include <cmath>
#include <thread>
#include <unordered_set>

#include "core/random.h"
#include "report/report_internal.h"

namespace relsynth::report_detail {

namespace {

constexpr int kHistogramBins = 20;
// Upper bound on distance terms per table (rows searched x rows measured x columns).
constexpr double kDcrBudget = 1.5e8;

// Rows laid out for the nearest-neighbour search: continuous values scaled by the real range
// (NaN for NULL) and discrete codes (-1 for NULL).
struct Points {
  size_t rows = 0;
  std::vector<float> values;   // rows x continuous
  std::vector<int32_t> codes;  // rows x discrete
};

struct Compared {
  std::vector<std::vector<double>> real_values, synthetic_values;  // continuous columns
  std::vector<double> scale;                                       // 1 / real range
  std::vector<SharedCodes> codes;                                  // every compared column
  std::vector<size_t> discrete;                                    // indexes into codes
};

Points points(const Compared& compared, bool synthetic, const Rows& rows) {
  Points p;
  p.rows = rows.size();
  const size_t nc = compared.scale.size(), nd = compared.discrete.size();
  p.values.resize(p.rows * nc);
  p.codes.resize(p.rows * nd);
  for (size_t i = 0; i < rows.size(); ++i) {
    for (size_t c = 0; c < nc; ++c) {
      const auto& v = synthetic ? compared.synthetic_values[c] : compared.real_values[c];
      p.values[i * nc + c] = static_cast<float>(v[rows[i]] * compared.scale[c]);
    }
    for (size_t d = 0; d < nd; ++d) {
      const SharedCodes& codes = compared.codes[compared.discrete[d]];
      p.codes[i * nd + d] = (synthetic ? codes.synthetic : codes.real)[rows[i]];
    }
  }
  return p;
}

// Gower distance of query row q to its closest row of `base`.
double closest(const Points& query, size_t q, const Points& base, size_t nc, size_t nd) {
  const double columns = static_cast<double>(nc + nd);

  const float* qv = query.values.data() + q * nc;
  const int32_t* qd = query.codes.data() + q * nd;
  double best = columns;
  for (size_t b = 0; b < base.rows && best > 0; ++b) {
    const int32_t* bd = base.codes.data() + b * nd;
    double sum = 0;
    for (size_t d = 0; d < nd && sum < best; ++d) sum += qd[d] != bd[d];
    if (sum >= best) continue;
    const float* bv = base.values.data() + b * nc;
    for (size_t c = 0; c < nc && sum < best; ++c) {
      const float x = qv[c], y = bv[c];
      const bool xn = std::isnan(x), yn = std::isnan(y);
      if (xn || yn)
        sum += xn != yn;
      else
        sum += std::min(1.0f, std::fabs(x - y));
    }
    best = std::min(best, sum);
  }
  return best / columns;
}

// Gower distance of every query row to its closest row of `base`, on all hardware threads
// (each query row is independent, so the result does not depend on their number).
std::vector<double> closest_distances(const Points& query, const Points& base, size_t nc,
                                      size_t nd) {
  std::vector<double> out(query.rows, 1.0);
  const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 16);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (size_t q = t; q < query.rows; q += threads) out[q] = closest(query, q, base, nc, nd);
    });
  for (std::thread& thread : pool) thread.join();
  return out;
}
std::vector<double> histogram(const std::vector<double>& distances) {
  std::vector<double> bins(kHistogramBins, 0.0);
  if (distances.empty()) return bins;
  for (double d : distances)
    bins[std::min<size_t>(kHistogramBins - 1, static_cast<size_t>(d * kHistogramBins))] += 1;
  for (double& b : bins) b /= static_cast<double>(distances.size());
  return bins;
}

double median(std::vector<double> values) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(q * values.size()))];
}

// Fewer held-out (or training) rows than this measure nothing.
constexpr size_t kMinHoldoutRows = 10;

// dcr_share and the 5th percentiles: synthetic rows against equal-sized samples of the
// training and the holdout rows.
void holdout_dcr(const Compared& compared, const std::vector<bool>& held_out, size_t synthetic_rows,
                 const ReportOptions& options, uint64_t stream, PrivacyResult& result) {
  Rows training, holdout;
  for (size_t row = 0; row < held_out.size(); ++row)
    (held_out[row] ? holdout : training).push_back(static_cast<uint32_t>(row));
  result.holdout_rows = static_cast<int64_t>(holdout.size());
  if (holdout.size() < kMinHoldoutRows || training.size() < kMinHoldoutRows) return;
  result.holdout = true;

  const size_t nc = compared.scale.size(), nd = compared.discrete.size();
  const size_t queries = std::min(options.dcr_synthetic_rows, synthetic_rows);
  size_t base_rows = std::min({options.dcr_real_rows, training.size(), holdout.size()});
  const double per_base = 3.0 * static_cast<double>(queries) * static_cast<double>(nc + nd);
  if (per_base * static_cast<double>(base_rows) > kDcrBudget)
    base_rows = std::max<size_t>(1, static_cast<size_t>(kDcrBudget / per_base));
  auto sample = [&](const Rows& rows, size_t n, uint64_t salt) {
    Rows out;
    for (uint32_t i : sample_rows(rows.size(), n, options.seed, salt + stream))
      out.push_back(rows[i]);
    return out;
  };
  const Points training_base = points(compared, false, sample(training, base_rows, 0x401d00));
  const Points holdout_base = points(compared, false, sample(holdout, base_rows, 0x401e00));
  const Points synthetic =
      points(compared, true, sample_rows(synthetic_rows, queries, options.seed, 0xdc7000 + stream));
  const std::vector<double> to_training = closest_distances(synthetic, training_base, nc, nd);
  const std::vector<double> to_holdout = closest_distances(synthetic, holdout_base, nc, nd);
  double closer = 0;
  for (size_t i = 0; i < to_training.size(); ++i)
    closer += to_training[i] < to_holdout[i] ? 1.0 : to_training[i] == to_holdout[i] ? 0.5 : 0.0;
  result.holdout_compared = base_rows;
  result.dcr_share = to_training.empty() ? std::nan("") : closer / to_training.size();
  result.dcr_p5 = quantile(to_training, 0.05);
  // Unseen real rows against the same training sample: how close a row gets by chance.
  const Points holdout_queries =
      points(compared, false, sample(holdout, std::min(queries, holdout.size()), 0x401f00));
  result.dcr_holdout_p5 = quantile(closest_distances(holdout_queries, training_base, nc, nd), 0.05);
}

uint64_t row_hash(const std::vector<SharedCodes>& codes, bool synthetic, size_t row) {
  uint64_t h = 0x243f6a8885a308d3ULL;
  for (const SharedCodes& c : codes)
    h = mix64(h ^ static_cast<uint64_t>((synthetic ? c.synthetic : c.real)[row] + 2));
  return h;
}

// How many synthetic rows equal some real row on the columns of `codes`.
int64_t rows_found_in_real(const std::vector<SharedCodes>& codes, size_t real_rows,
                           size_t synthetic_rows) {
  std::unordered_set<uint64_t> real_hashes;
  real_hashes.reserve(real_rows);
  for (size_t row = 0; row < real_rows; ++row) real_hashes.insert(row_hash(codes, false, row));
  int64_t found = 0;
  for (size_t row = 0; row < synthetic_rows; ++row)
    if (real_hashes.count(row_hash(codes, true, row))) ++found;
  return found;
}

// Whether every synthetic row equals some real row on every column the two share, keys
// included: a table kept as it is keeps its real keys, while one whose only compared column
// draws values on the real grid (multiples of 3) matches on that column alone.
bool every_row_real(const Table& real, const Table& synthetic) {
  const Rows real_all = all_rows(real.num_rows()), synthetic_all = all_rows(synthetic.num_rows());
  std::vector<SharedCodes> codes;
  for (size_t c = 0; c < real.num_columns(); ++c)
    if (const Column* sc = synthetic.find_column(real.column(c).name()))
      codes.push_back(shared_codes(real.column(c), real_all, *sc, synthetic_all));
  return rows_found_in_real(codes, real.num_rows(), synthetic.num_rows()) ==
         static_cast<int64_t>(synthetic.num_rows());
}

}  // namespace

PrivacyResult privacy(const TablePair& table, const ReportOptions& options, uint64_t stream,
                      const std::vector<bool>& held_out) {
  PrivacyResult result;
  const Table& real = *table.real;
  const Table& synthetic = *table.synthetic;
  result.synthetic_rows = static_cast<int64_t>(synthetic.num_rows());
  if (real.num_rows() < 2 || synthetic.num_rows() == 0) return result;

  // Compared columns: everything but keys and identifiers, which are regenerated anyway.
  Compared compared;
  const std::vector<bool> keys = key_columns(*table.meta, real);
  const Rows real_all = all_rows(real.num_rows()), synthetic_all = all_rows(synthetic.num_rows());
  for (const ColumnMeta& column : table.meta->columns) {
    const int index = real.column_index(column.name);
    if (index < 0 || keys[static_cast<size_t>(index)] || column.sdtype == SDType::Id) continue;
    const Column* sc = synthetic.find_column(column.name);
    if (!sc) continue;
    const Column& rc = real.column(static_cast<size_t>(index));
    compared.codes.push_back(shared_codes(rc, real_all, *sc, synthetic_all));
    if (shape_of(column.sdtype, column.type) == Shape::Continuous) {
      compared.real_values.push_back(numeric_values(rc, real_all));
      compared.synthetic_values.push_back(numeric_values(*sc, synthetic_all));
      double lo = INFINITY, hi = -INFINITY;
      for (double v : compared.real_values.back())
        if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
      compared.scale.push_back(hi > lo ? 1.0 / (hi - lo) : 1.0);
    } else {
      compared.discrete.push_back(compared.codes.size() - 1);
    }
  }
  result.compared_columns = compared.codes.size();
  if (compared.codes.empty()) return result;
  result.computed = true;

  // Exact copies over every row.
  result.exact_copies = rows_found_in_real(compared.codes, real.num_rows(), synthetic.num_rows());
  result.exact_copy_share =
      static_cast<double>(result.exact_copies) / static_cast<double>(synthetic.num_rows());
  // A candidate for a copied table; the report adds that the sizes match.
  result.copied = result.exact_copies == result.synthetic_rows && every_row_real(real, synthetic);

  // The baseline: one random half of the real rows against the other.
  Rows shuffled = real_all;
  Rng rng(options.seed, 0x9417ac, stream);
  for (size_t i = shuffled.size(); i > 1; --i)
    std::swap(shuffled[i - 1], shuffled[rng.uniform_int(i)]);
  const size_t half = shuffled.size() / 2;
  {
    std::unordered_set<uint64_t> first;
    first.reserve(half);
    for (size_t i = 0; i < half; ++i) first.insert(row_hash(compared.codes, false, shuffled[i]));
    size_t copies = 0;
    for (size_t i = half; i < shuffled.size(); ++i)
      if (first.count(row_hash(compared.codes, false, shuffled[i]))) ++copies;
    result.expected_copy_share =
        static_cast<double>(copies) / static_cast<double>(shuffled.size() - half);
  }

  // DCR: synthetic rows and held-apart real rows, each against the same real half.
  const size_t nc = compared.scale.size(), nd = compared.discrete.size();
  const size_t queries =
      std::min({options.dcr_synthetic_rows, synthetic.num_rows(), shuffled.size() - half});
  size_t base_rows = std::min(options.dcr_real_rows, half);
  const double per_base = 2.0 * static_cast<double>(queries) * static_cast<double>(nc + nd);
  if (per_base * static_cast<double>(base_rows) > kDcrBudget)
    base_rows = std::max<size_t>(1, static_cast<size_t>(kDcrBudget / per_base));
  const Rows base_index(shuffled.begin(),
                        shuffled.begin() + static_cast<std::ptrdiff_t>(base_rows));
  const Rows holdout_index(shuffled.begin() + static_cast<std::ptrdiff_t>(half),
                           shuffled.begin() + static_cast<std::ptrdiff_t>(half + queries));
  const Rows synthetic_index =
      sample_rows(synthetic.num_rows(), queries, options.seed, 0xdc7000 + stream);
  const Points base = points(compared, false, base_index);
  const std::vector<double> dcr =
      closest_distances(points(compared, true, synthetic_index), base, nc, nd);
  const std::vector<double> baseline =
      closest_distances(points(compared, false, holdout_index), base, nc, nd);
  result.dcr_median = median(dcr);
  result.dcr_baseline_median = median(baseline);
  size_t zeros = 0;
  for (double d : dcr) zeros += d == 0;
  result.dcr_zero_share =
      dcr.empty() ? 0 : static_cast<double>(zeros) / static_cast<double>(dcr.size());
  result.dcr_histogram = histogram(dcr);
  result.dcr_baseline_histogram = histogram(baseline);
  if (!held_out.empty())
    holdout_dcr(compared, held_out, synthetic.num_rows(), options, stream, result);
  return result;
}

}  // namespace relsynth::report_detail

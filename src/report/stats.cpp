// Statistical primitives of the report (see stats.h).
#include "report/stats.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <unordered_map>

#include "core/random.h"
#include "relsynth/error.h"

namespace relsynth::report_detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// "-12", "0", "7": the canonical text of an integer (no sign on 0, no leading zeros).
bool canonical_integer(const std::string& text, int64_t& value) {
  if (text.empty() || text.size() > 19) return false;
  size_t start = text[0] == '-' ? 1 : 0;
  if (start == text.size()) return false;
  if (text[start] == '0' && (text.size() > start + 1 || start == 1)) return false;
  for (size_t i = start; i < text.size(); ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

void append_int_key(std::string& out, int64_t value) {
  out.push_back('i');
  char bytes[8];
  std::memcpy(bytes, &value, 8);
  out.append(bytes, 8);
}

void append_double_key(std::string& out, double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.2e18) {
    append_int_key(out, static_cast<int64_t>(value));
    return;
  }
  if (value == 0) value = 0;  // -0.0 and 0.0 are one value
  out.push_back('f');
  char bytes[8];
  std::memcpy(bytes, &value, 8);
  out.append(bytes, 8);
}

}  // namespace

Shape shape_of(SDType sdtype, DataType type) {
  const bool numeric_storage = type == DataType::Int64 || type == DataType::Float64 ||
                               type == DataType::Decimal || is_temporal(type);
  switch (sdtype) {
    case SDType::Numerical:
    case SDType::Datetime:
      return numeric_storage ? Shape::Continuous : Shape::Discrete;
    case SDType::Categorical:
    case SDType::Boolean:
      return Shape::Discrete;
    default:
      return Shape::None;
  }
}

Rows all_rows(size_t n) {
  Rows rows(n);
  std::iota(rows.begin(), rows.end(), 0u);
  return rows;
}

Rows sample_rows(size_t n, size_t max, uint64_t seed, uint64_t stream) {
  Rows rows = all_rows(n);
  if (n <= max) return rows;
  Rng rng(seed, 0x5a3b1e, stream);
  for (size_t i = 0; i < max; ++i) {
    size_t j = i + rng.uniform_int(n - i);
    std::swap(rows[i], rows[j]);
  }
  rows.resize(max);
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<double> numeric_values(const Column& column, const Rows& rows) {
  std::vector<double> values(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) values[i] = column.number_at(rows[i]);
  return values;
}

void append_value_key(std::string& out, const Column& column, size_t row) {
  DataType type = column.type();
  if (holds_integers(type)) {
    append_int_key(out, column.int_at(row));
  } else if (type == DataType::Float64) {
    append_double_key(out, column.double_at(row));
  } else if (type == DataType::Decimal) {
    double value = column.number_at(row);
    if (std::isnan(value)) {
      out.push_back('s');
      out += column.string_at(row);
    } else {
      append_double_key(out, value);
    }
  } else {
    const std::string& text = column.string_at(row);
    int64_t value = 0;
    if (type == DataType::String && canonical_integer(text, value)) {
      append_int_key(out, value);
    } else {
      out.push_back('s');
      out += text;
    }
  }
}

namespace {

// Gives equal values one code whatever their storage: integers (and integral floats, and
// canonical integer text) share one map, other numbers another, remaining text a third.
class CodeBook {
 public:
  int32_t code(const Column& column, size_t row) {
    if (column.is_null(row)) return -1;
    const DataType type = column.type();
    if (holds_integers(type)) return intern(ints_, column.int_at(row));
    if (type == DataType::Float64) return number(column.double_at(row));
    const std::string& text = column.string_at(row);
    if (type == DataType::Decimal) {
      const double value = column.number_at(row);
      if (!std::isnan(value)) return number(value);
    } else if (type == DataType::String) {
      int64_t value = 0;
      if (canonical_integer(text, value)) return intern(ints_, value);
    }
    return intern(texts_, text);
  }
  int32_t count() const { return count_; }

 private:
  int32_t number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.2e18)
      return intern(ints_, static_cast<int64_t>(value));
    if (value == 0) value = 0;  // -0.0 and 0.0 are one value
    uint64_t bits;
    std::memcpy(&bits, &value, 8);
    return intern(doubles_, bits);
  }
  template <typename Map, typename Key>
  int32_t intern(Map& map, const Key& key) {
    auto [it, added] = map.try_emplace(key, count_);
    if (added) ++count_;
    return it->second;
  }

  std::unordered_map<int64_t, int32_t> ints_;
  std::unordered_map<uint64_t, int32_t> doubles_;
  std::unordered_map<std::string, int32_t> texts_;
  int32_t count_ = 0;
};

}  // namespace

SharedCodes shared_codes(const Column& real, const Rows& real_rows, const Column& synthetic,
                         const Rows& synthetic_rows) {
  SharedCodes codes;
  CodeBook book;
  codes.real.resize(real_rows.size());
  codes.synthetic.resize(synthetic_rows.size());
  for (size_t i = 0; i < real_rows.size(); ++i) codes.real[i] = book.code(real, real_rows[i]);
  for (size_t i = 0; i < synthetic_rows.size(); ++i)
    codes.synthetic[i] = book.code(synthetic, synthetic_rows[i]);
  codes.count = book.count();
  return codes;
}

bool row_key(const Table& table, const std::vector<int>& columns, size_t row, std::string& out) {
  out.clear();
  for (int c : columns) {
    const Column& column = table.column(static_cast<size_t>(c));
    if (column.is_null(row)) return false;
    append_value_key(out, column, row);
    out.push_back('\x1f');
  }
  return true;
}

KeyIndex::KeyIndex(const Table& table, const std::vector<int>& columns) {
  index_.reserve(table.num_rows());
  std::string key;
  for (size_t row = 0; row < table.num_rows(); ++row)
    if (row_key(table, columns, row, key)) index_.try_emplace(key, static_cast<uint32_t>(row));
}

int64_t KeyIndex::find(const Table& table, const std::vector<int>& columns, size_t row,
                       std::string& scratch) const {
  if (!row_key(table, columns, row, scratch)) return -2;
  auto it = index_.find(scratch);
  return it == index_.end() ? -1 : static_cast<int64_t>(it->second);
}

std::vector<int> column_indexes(const Table& table, const std::vector<std::string>& names) {
  std::vector<int> indexes;
  for (const std::string& name : names) {
    int index = table.column_index(name);
    if (index < 0)
      throw InputError("no column " + quote_name(name) + " in " + locate(table.name()));
    indexes.push_back(index);
  }
  return indexes;
}

double ks_statistic(std::vector<double> a, std::vector<double> b) {
  auto drop_nan = [](std::vector<double>& v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
    std::sort(v.begin(), v.end());
  };
  drop_nan(a);
  drop_nan(b);
  return ks_statistic_sorted(a, b);
}

double ks_statistic_sorted(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty() || b.empty()) return kNaN;
  const double n = static_cast<double>(a.size()), m = static_cast<double>(b.size());
  size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    d = std::max(d, std::fabs(static_cast<double>(i) / n - static_cast<double>(j) / m));
  }
  return d;
}

double tv_complement(const std::vector<int32_t>& real, const std::vector<int32_t>& synthetic,
                     int32_t count) {
  std::vector<double> fr(static_cast<size_t>(count), 0.0), fs(static_cast<size_t>(count), 0.0);
  double nr = 0, ns = 0;
  for (int32_t c : real)
    if (c >= 0) fr[static_cast<size_t>(c)] += 1, nr += 1;
  for (int32_t c : synthetic)
    if (c >= 0) fs[static_cast<size_t>(c)] += 1, ns += 1;
  if (nr == 0 || ns == 0) return kNaN;
  double total = 0;
  for (size_t c = 0; c < fr.size(); ++c) total += std::fabs(fr[c] / nr - fs[c] / ns);
  return std::clamp(1.0 - 0.5 * total, 0.0, 1.0);
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const size_t n = std::min(x.size(), y.size());
  if (n < 2) return kNaN;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) mx += x[i], my += y[i];
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < n; ++i) {
    const double dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return kNaN;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

double correlation_similarity(const std::vector<double>& real_x, const std::vector<double>& real_y,
                              const std::vector<double>& synthetic_x,
                              const std::vector<double>& synthetic_y, double* real_rho,
                              double* synthetic_rho) {
  // SDMetrics returns NaN when a column has a single distinct (non-NULL) value on either side.
  auto single_valued = [](const std::vector<double>& v) {
    double first = kNaN;
    for (double x : v) {
      if (std::isnan(x)) continue;
      if (std::isnan(first))
        first = x;
      else if (x != first)
        return false;
    }
    return true;
  };
  if (single_valued(real_x) || single_valued(real_y) || single_valued(synthetic_x) ||
      single_valued(synthetic_y))
    return kNaN;
  // Pearson over the rows where both values are present (SDMetrics drops the rows with a NULL
  // in either column); undefined (NaN) with fewer than 2 such rows or a constant column there.
  auto complete_pearson = [](const std::vector<double>& x, const std::vector<double>& y) {
    std::vector<double> a, b;
    const size_t n = std::min(x.size(), y.size());
    a.reserve(n);
    b.reserve(n);
    for (size_t i = 0; i < n; ++i)
      if (!std::isnan(x[i]) && !std::isnan(y[i])) a.push_back(x[i]), b.push_back(y[i]);
    return pearson(a, b);
  };
  const double rr = complete_pearson(real_x, real_y);
  const double rs = complete_pearson(synthetic_x, synthetic_y);
  if (std::isnan(rr) || std::isnan(rs)) return kNaN;
  if (real_rho) *real_rho = rr;
  if (synthetic_rho) *synthetic_rho = rs;
  return 1.0 - std::fabs(rr - rs) / 2.0;
}

namespace {

// Joint counts of two coded columns on both sides, keyed (a + 1) * kb + (b + 1) (codes from -1).
struct JointCounts {
  uint64_t kb = 0;
  std::unordered_map<uint64_t, std::pair<double, double>> cells;  // (real, synthetic)
};

JointCounts joint_counts(const std::vector<int32_t>& real_a, const std::vector<int32_t>& real_b,
                         const std::vector<int32_t>& synthetic_a,
                         const std::vector<int32_t>& synthetic_b) {
  JointCounts joint;
  int64_t kb = 0;
  for (int32_t b : real_b) kb = std::max<int64_t>(kb, b);
  for (int32_t b : synthetic_b) kb = std::max<int64_t>(kb, b);
  joint.kb = static_cast<uint64_t>(kb + 2);  // codes -1 .. max
  joint.cells.reserve(1024);
  auto key = [&](int32_t a, int32_t b) {
    return static_cast<uint64_t>(a + 1) * joint.kb + static_cast<uint64_t>(b + 1);
  };
  for (size_t i = 0; i < real_a.size(); ++i) joint.cells[key(real_a[i], real_b[i])].first += 1;
  for (size_t i = 0; i < synthetic_a.size(); ++i)
    joint.cells[key(synthetic_a[i], synthetic_b[i])].second += 1;
  return joint;
}

// Cramér's V of one side of the joint counts (NaN with fewer than 2 categories on a column):
// chi2 / n = sum over the non-empty cells of n_ij^2 / (n_i. n_.j) - 1.
double cramers_v(const JointCounts& joint, bool synthetic) {
  std::unordered_map<uint64_t, double> row, col;
  double n = 0;
  for (const auto& [key, counts] : joint.cells) {
    const double c = synthetic ? counts.second : counts.first;
    if (c == 0) continue;
    row[key / joint.kb] += c;
    col[key % joint.kb] += c;
    n += c;
  }
  const size_t k = std::min(row.size(), col.size());
  if (n == 0 || k < 2) return kNaN;
  double sum = 0;
  for (const auto& [key, counts] : joint.cells) {
    const double c = synthetic ? counts.second : counts.first;
    if (c > 0) sum += c * c / (row[key / joint.kb] * col[key % joint.kb]);
  }
  return std::sqrt(std::clamp((sum - 1.0) / static_cast<double>(k - 1), 0.0, 1.0));
}

}  // namespace

double contingency_similarity(const std::vector<int32_t>& real_a,
                              const std::vector<int32_t>& real_b,
                              const std::vector<int32_t>& synthetic_a,
                              const std::vector<int32_t>& synthetic_b, double* real_v,
                              double* synthetic_v) {
  if (real_a.empty() || synthetic_a.empty()) return kNaN;
  const JointCounts joint = joint_counts(real_a, real_b, synthetic_a, synthetic_b);
  if (real_v) *real_v = cramers_v(joint, false);
  if (synthetic_v) *synthetic_v = cramers_v(joint, true);
  const double nr = static_cast<double>(real_a.size()),
               ns = static_cast<double>(synthetic_a.size());
  double total = 0;
  for (const auto& [key, counts] : joint.cells)
    total += std::fabs(counts.first / nr - counts.second / ns);
  return std::clamp(1.0 - total / 2.0, 0.0, 1.0);  // rounding could leave -1e-17
}

double cramers_v(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  if (a.empty() || a.size() != b.size()) return kNaN;
  return cramers_v(joint_counts(a, b, {}, {}), false);
}

std::vector<double> histogram_edges(const std::vector<double>& values, int bins) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double x : values)
    if (!std::isnan(x)) lo = std::min(lo, x), hi = std::max(hi, x);
  if (lo > hi) lo = 0, hi = 1;  // no value: numpy's default range
  if (lo == hi) lo -= 0.5, hi += 0.5;
  // np.linspace(lo, hi, bins + 1): i * step + lo, the last edge exactly hi.
  const double step = (hi - lo) / static_cast<double>(bins);
  std::vector<double> edges(static_cast<size_t>(bins) + 1);
  for (int i = 0; i <= bins; ++i)
    edges[static_cast<size_t>(i)] = static_cast<double>(i) * step + lo;
  edges.back() = hi;
  return edges;
}

std::vector<int32_t> digitize(const std::vector<double>& values, const std::vector<double>& edges) {
  std::vector<int32_t> codes(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    // NaN sorts after every edge (np.digitize gives it len(edges), the bin of the maximum).
    codes[i] = std::isnan(values[i])
                   ? static_cast<int32_t>(edges.size())
                   : static_cast<int32_t>(std::upper_bound(edges.begin(), edges.end(), values[i]) -
                                          edges.begin());
  }
  return codes;
}

std::vector<int32_t> discretize(const std::vector<double>& values, int bins) {
  return digitize(values, histogram_edges(values, bins));
}

double roc_auc(const std::vector<float>& scores, const std::vector<uint8_t>& labels) {
  std::vector<uint32_t> order = all_rows(scores.size());
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return scores[a] < scores[b]; });
  double positives = 0, rank_sum = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (size_t k = i; k < j; ++k)
      if (labels[order[k]]) rank_sum += rank, positives += 1;
    i = j;
  }
  const double negatives = static_cast<double>(scores.size()) - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  return (rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

double nan_mean(const std::vector<double>& values) {
  double sum = 0;
  size_t n = 0;
  for (double v : values)
    if (!std::isnan(v)) sum += v, ++n;
  return n ? sum / static_cast<double>(n) : kNaN;
}

std::vector<double> sorted_numbers(const Column& column) {
  std::vector<double> values;
  values.reserve(column.size() - column.null_count());
  for (size_t row = 0; row < column.size(); ++row) {
    const double value = column.number_at(row);
    if (!std::isnan(value)) values.push_back(value);
  }
  std::sort(values.begin(), values.end());
  return values;
}

namespace {

// An edge as text: dates and times in ISO form (precision from the range), numbers with as
// many decimals as the bin width needs.
std::string edge_text(double value, DataType type, double width, double span, bool integral) {
  if (type == DataType::Date || type == DataType::DateTime || type == DataType::Time) {
    const char* format = "%Y-%m-%d";
    constexpr double kMinute = 60e6, kDay = 86400e6;
    if (type == DataType::DateTime)
      format = span >= 2 * kDay ? "%Y-%m-%d" : span >= 2 * kMinute ? "%Y-%m-%d %H:%M" : "%H:%M:%S";
    else if (type == DataType::Time)
      format = span >= 2 * kMinute ? "%H:%M" : "%H:%M:%S";
    return format_temporal(static_cast<int64_t>(std::llround(value)), type, format);
  }
  char buffer[64];
  if (std::fabs(value) >= 1e9 || (value != 0 && std::fabs(value) < 1e-4 && width < 1e-4)) {
    std::snprintf(buffer, sizeof buffer, "%.4g", value);
  } else if (integral) {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(std::llround(value)));
  } else {
    const int decimals =
        width > 0 ? std::clamp(1 - static_cast<int>(std::floor(std::log10(width))), 0, 6) : 2;
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {  // 0.0350 -> 0.035, 10.00 -> 10
      text.erase(text.find_last_not_of('0') + 1);
      if (text.back() == '.') text.pop_back();
    }
    return text == "-0" ? "0" : text;
  }
  return buffer;
}

}  // namespace

ColumnDistribution histogram_distribution(const std::vector<double>& real,
                                          const std::vector<double>& synthetic, DataType type,
                                          int bins, bool whole_range) {
  ColumnDistribution d;
  const size_t n = real.size();
  if (n == 0 || bins < 1) return d;
  d.kind = "histogram";
  // The k-th value from either end, k >= 4: an edge is never one of the 4 most extreme values.
  const size_t k = std::min(std::max<size_t>(static_cast<size_t>(0.01 * static_cast<double>(n)), 4),
                            (n - 1) / 2);
  double lo = real[k], hi = real[n - 1 - k];
  // An extreme the real data holds at least 5 times is a frequent value, not an outlier (a
  // rating of 1, a minute of 59): the bins reach it.
  if (n >= 5 && real[4] == real[0]) lo = real[0];
  if (n >= 5 && real[n - 5] == real[n - 1]) hi = real[n - 1];
  if (whole_range) lo = real[0], hi = real[n - 1];
  bool integral = holds_integers(type);
  if (!integral) {
    integral = true;
    for (double x : real)
      if (x != std::floor(x) || std::fabs(x) > 4e15) {
        integral = false;
        break;
      }
  }
  size_t count = static_cast<size_t>(bins);
  double width = 0;
  std::vector<double> starts;  // integral: the first whole number of each bin, and one past
  if (integral) {
    // Whole-number bins: `width` numbers each, edges halfway between numbers.
    const double numbers = hi - lo + 1;
    width = std::ceil(numbers / static_cast<double>(bins));
    count = static_cast<size_t>(std::ceil(numbers / width));
    for (size_t i = 0; i <= count; ++i) {
      starts.push_back(lo + width * static_cast<double>(i));
      d.edges.push_back(starts.back() - 0.5);
    }
  } else {
    if (lo == hi) lo -= 0.5, hi += 0.5;
    width = (hi - lo) / static_cast<double>(bins);
    for (size_t i = 0; i <= count; ++i)
      d.edges.push_back(lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(bins));
    d.edges.back() = hi;
  }
  const double span = d.edges.back() - d.edges.front();
  for (size_t i = 0; i <= count; ++i)
    d.edge_labels.push_back(
        edge_text(integral ? starts[i] : d.edges[i], type, width, span, integral));

  auto shares = [&](const std::vector<double>& values, std::vector<double>& out, double& below,
                    double& above) {
    out.assign(count, 0.0);
    if (values.empty()) return;
    const double total = static_cast<double>(values.size());
    // Sorted values: a bin is the run between two edges (the last bin is closed).
    auto begin = values.begin();
    auto first = std::lower_bound(begin, values.end(), d.edges.front());
    auto last = std::upper_bound(first, values.end(), d.edges.back());
    below = static_cast<double>(first - begin) / total;
    above = static_cast<double>(values.end() - last) / total;
    auto at = first;
    for (size_t b = 0; b < count; ++b) {
      auto next = b + 1 == count ? last : std::lower_bound(at, last, d.edges[b + 1]);
      out[b] = static_cast<double>(next - at) / total;
      at = next;
    }
  };
  shares(real, d.real, d.real_below, d.real_above);
  shares(synthetic, d.synthetic, d.synthetic_below, d.synthetic_above);
  return d;
}

ColumnDistribution category_distribution(const SharedCodes& codes, const Column& real, size_t top,
                                         int64_t min_count) {
  ColumnDistribution d;
  const size_t count = static_cast<size_t>(std::max(codes.count, 0));
  std::vector<int64_t> in_real(count, 0), in_synthetic(count, 0);
  std::vector<uint32_t> first_row(count, 0);
  int64_t real_total = 0, synthetic_total = 0;
  for (size_t row = 0; row < codes.real.size(); ++row) {
    const int32_t c = codes.real[row];
    if (c < 0) continue;
    if (in_real[static_cast<size_t>(c)]++ == 0) first_row[static_cast<size_t>(c)] = row;
    ++real_total;
  }
  for (int32_t c : codes.synthetic)
    if (c >= 0) ++in_synthetic[static_cast<size_t>(c)], ++synthetic_total;
  if (real_total == 0) return d;
  d.kind = "categories";
  // Most frequent first; ties in order of first appearance (the code order), so it is stable.
  std::vector<uint32_t> order;
  for (size_t c = 0; c < count; ++c)
    if (in_real[c] >= min_count) order.push_back(static_cast<uint32_t>(c));
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return in_real[a] > in_real[b]; });
  if (order.size() > top) order.resize(top);
  auto share = [](int64_t part, int64_t total) {
    return total ? static_cast<double>(part) / static_cast<double>(total) : 0.0;
  };
  int64_t real_shown = 0, synthetic_shown = 0;
  for (uint32_t c : order) {
    d.labels.push_back(real.text_at(first_row[c]));
    d.real.push_back(share(in_real[c], real_total));
    d.synthetic.push_back(share(in_synthetic[c], synthetic_total));
    real_shown += in_real[c];
    synthetic_shown += in_synthetic[c];
  }
  d.real_other = share(real_total - real_shown, real_total);
  d.synthetic_other = share(synthetic_total - synthetic_shown, synthetic_total);
  for (size_t c = 0; c < count; ++c)
    if (in_real[c] + in_synthetic[c] > 0) ++d.other_values;
  d.other_values -= static_cast<int64_t>(order.size());
  return d;
}

}  // namespace relsynth::report_detail

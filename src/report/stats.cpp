// Statistical primitives of the report (see stats.h).
#include "report/stats.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

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
  auto zero_filled = [](const std::vector<double>& v) {
    std::vector<double> out(v);
    for (double& x : out)
      if (std::isnan(x)) x = 0.0;
    return out;
  };
  double rr = pearson(zero_filled(real_x), zero_filled(real_y));
  double rs = pearson(zero_filled(synthetic_x), zero_filled(synthetic_y));
  if (std::isnan(rr)) rr = 0;
  if (std::isnan(rs)) rs = 0;
  if (real_rho) *real_rho = rr;
  if (synthetic_rho) *synthetic_rho = rs;
  return 1.0 - std::fabs(rr - rs) / 2.0;
}

double contingency_similarity(const std::vector<int32_t>& real_a,
                              const std::vector<int32_t>& real_b,
                              const std::vector<int32_t>& synthetic_a,
                              const std::vector<int32_t>& synthetic_b) {
  if (real_a.empty() || synthetic_a.empty()) return kNaN;
  int64_t kb = 0;
  for (int32_t b : real_b) kb = std::max<int64_t>(kb, b);
  for (int32_t b : synthetic_b) kb = std::max<int64_t>(kb, b);
  kb += 2;  // codes -1 .. max
  const double nr = static_cast<double>(real_a.size()),
               ns = static_cast<double>(synthetic_a.size());
  std::unordered_map<uint64_t, std::pair<double, double>> joint;
  joint.reserve(1024);
  for (size_t i = 0; i < real_a.size(); ++i)
    joint[static_cast<uint64_t>(real_a[i] + 1) * kb + static_cast<uint64_t>(real_b[i] + 1)].first +=
        1;
  for (size_t i = 0; i < synthetic_a.size(); ++i)
    joint[static_cast<uint64_t>(synthetic_a[i] + 1) * kb +
          static_cast<uint64_t>(synthetic_b[i] + 1)]
        .second += 1;
  double total = 0;
  for (const auto& [key, counts] : joint)
    total += std::fabs(counts.first / nr - counts.second / ns);
  return std::clamp(1.0 - total / 2.0, 0.0, 1.0);  // rounding could leave -1e-17
}

std::vector<double> histogram_edges(const std::vector<double>& real, int bins) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double x : real)
    if (!std::isnan(x)) lo = std::min(lo, x), hi = std::max(hi, x);
  if (lo > hi) return {};
  if (lo == hi) lo -= 0.5, hi += 0.5;
  std::vector<double> edges(static_cast<size_t>(bins) + 1);
  for (int i = 0; i <= bins; ++i) edges[static_cast<size_t>(i)] = lo + (hi - lo) * i / bins;
  edges.back() = hi;
  return edges;
}

std::vector<int32_t> digitize(const std::vector<double>& values, const std::vector<double>& edges) {
  std::vector<int32_t> codes(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) {
      codes[i] = -1;
      continue;
    }
    codes[i] = static_cast<int32_t>(std::upper_bound(edges.begin(), edges.end(), values[i]) -
                                    edges.begin());
  }
  return codes;
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

}  // namespace relsynth::report_detail

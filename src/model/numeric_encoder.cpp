// Numeric encoder: quantile bins, frequent exact values and NULL as tokens.
//
// Decoding a bin draws from that bin's own distribution: K + 1 within-bin quantiles are
// stored and interpolated linearly. Values on a grid (integers, whole days, cents) are
// treated as spread uniformly over their grid cell when the quantiles are computed, then
// rounded back onto the grid, so the decoded distribution matches the source even for
// discrete data. Past the rare_threshold-th most extreme value each tail is an exponential
// tail fitted to the next rare_threshold values, stopping halfway to the most extreme one, so
// one real outlier never sets the range and is never reproduced. Integer clock times written
// HHMM are modelled as minutes since midnight (looks_like_clock). Low digits the source
// favours (prices ending .99, amounts in whole thousands) are kept: see fit_endings; so are
// exact values a bin repeats (routes' distances): see fit_bin_values.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <span>

#include "model/encoder.h"
#include "relsynth/error.h"

namespace relsynth {
namespace {

constexpr int64_t kMicrosPerDay = 86'400'000'000LL;
constexpr double kMaxExactInt = 9007199254740992.0;  // 2^53

bool is_numeric_type(DataType type) {
  switch (type) {
    case DataType::Int64:
    case DataType::Float64:
    case DataType::Decimal:
    case DataType::Date:
    case DataType::DateTime:
    case DataType::Time:
    case DataType::Bool:
      return true;
    default:
      return false;
  }
}

// Digits after the decimal point of a decimal literal ("12.50" -> 2, "3" -> 0, "1.5e3" -> 1).
int decimal_places(std::string_view text) {
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos) return 0;
  size_t end = dot + 1;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  return static_cast<int>(end - dot - 1);
}

bool parse_decimal(const std::string& text, double& value) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && errno != ERANGE && std::isfinite(value);
}

// Integer clock times written HHMM (nycflights13's dep_time: 517 is 5:17): every value a
// time of day from 0:00 to 24:00, on enough distinct values and hours that chance cannot
// explain it. Modelled as minutes since midnight, so a value drawn inside a bin is a time
// (bins over the raw numbers drew 574 or 799, 7% of departures).
bool looks_like_clock(const std::vector<double>& values) {
  if (values.size() < 100) return false;
  std::vector<bool> seen(2401, false), hours(25, false);
  size_t distinct = 0, distinct_hours = 0;
  for (double v : values) {
    if (v < 0 || v > 2400 || v != std::floor(v)) return false;
    const int hhmm = static_cast<int>(v);
    if (hhmm % 100 >= 60) return false;
    if (!seen[hhmm]) seen[hhmm] = true, ++distinct;
    if (!hours[hhmm / 100]) hours[hhmm / 100] = true, ++distinct_hours;
  }
  return distinct >= 30 && distinct_hours >= 5;
}

double clock_minutes(double hhmm) { return std::floor(hhmm / 100) * 60 + std::fmod(hhmm, 100); }

double clock_hhmm(double minutes) {
  const double m = std::round(minutes);
  return std::floor(m / 60) * 100 + std::fmod(m, 60);
}

double pow10(int d) {
  double p = 1;
  for (int i = 0; i < d; ++i) p *= 10;
  return p;
}

int64_t floor_mod(int64_t a, int64_t m) { return ((a % m) + m) % m; }

// The runs of equal values in sorted [begin, end) at least `min_count` long, each value with
// its count, most common first (equal counts in value order).
template <typename T>
std::vector<std::pair<T, uint64_t>> counted_runs(const T* begin, const T* end,
                                                 size_t min_count = 1) {
  std::vector<std::pair<T, uint64_t>> counted;
  for (const T* i = begin; i < end;) {
    const T* j = i;
    while (j < end && *j == *i) ++j;
    if (static_cast<size_t>(j - i) >= min_count) counted.emplace_back(*i, j - i);
    i = j;
  }
  std::stable_sort(counted.begin(), counted.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  return counted;
}

// A bin: the values rest[begin, end) of the sorted values outside frequent ones.
struct Bin {
  size_t begin, end;
};

// The endings mod `m` of units[begin, end), each with how many share it, most common first.
std::vector<std::pair<int64_t, uint64_t>> counted_endings(const std::vector<int64_t>& units,
                                                          size_t begin, size_t end, int64_t m) {
  std::vector<int64_t> endings;
  endings.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) endings.push_back(floor_mod(units[i], m));
  std::sort(endings.begin(), endings.end());
  return counted_runs(endings.data(), endings.data() + endings.size());
}

// The effective number of distinct endings mod `m` (the inverse of the chance that two
// values share their ending, estimated without bias): m / step for uniform endings, 1 when all
// end alike.
double effective_endings(const std::vector<int64_t>& units, int64_t m) {
  double pairs = 0;
  for (const auto& [ending, count] : counted_endings(units, 0, units.size(), m))
    pairs += static_cast<double>(count) * static_cast<double>(count - 1);
  const double n = static_cast<double>(units.size());
  return pairs > 0 ? n * (n - 1) / pairs : n;
}

// Per bin, a few items with counts and, last, the share of the bin's values beyond them (its
// item is `none`): the endings a bin favours, or the exact values it repeats.
template <typename T>
struct BinChoices {
  std::vector<uint64_t> offsets;  // bin b's items are [offsets[b], offsets[b + 1])
  std::vector<T> items;
  std::vector<uint64_t> counts;
  std::vector<float> cumulative;  // per bin, rebuilt by finish()

  bool empty() const { return offsets.empty(); }

  // Adds the next bin: its `counted` items (most common first, at most `max_items` kept) out
  // of `total` values.
  void add_bin(const std::vector<std::pair<T, uint64_t>>& counted, size_t max_items, uint64_t total,
               T none) {
    if (offsets.empty()) offsets.push_back(0);
    uint64_t kept = 0;
    for (size_t i = 0; i < counted.size() && i < max_items; ++i) {
      items.push_back(counted[i].first);
      counts.push_back(counted[i].second);
      kept += counted[i].second;
    }
    items.push_back(none);
    counts.push_back(total - kept);
    offsets.push_back(items.size());
  }

  void finish() {
    cumulative.clear();
    for (size_t b = 0; b + 1 < offsets.size(); ++b) {
      double total = 0;
      for (size_t i = offsets[b]; i < offsets[b + 1]; ++i)
        cumulative.push_back(static_cast<float>(total += static_cast<double>(counts[i])));
    }
  }

  // An item of `bin` drawn by count; `none` for the share beyond them.
  T draw(uint32_t bin, Rng& rng) const {
    const size_t first = offsets[bin], count = offsets[bin + 1] - first;
    return items[first +
                 rng.sample_cumulative(std::span<const float>(cumulative.data() + first, count))];
  }

  // Either empty or one run per bin, each ending with its `none` (is_none) item.
  template <typename IsNone>
  bool valid(size_t bins, IsNone is_none) const {
    if (offsets.empty()) return items.empty() && counts.empty();
    bool ok = offsets.size() == bins + 1 && offsets[0] == 0 && counts.size() == items.size();
    for (size_t b = 0; ok && b < bins; ++b)
      ok = offsets[b] < offsets[b + 1] && offsets[b + 1] <= items.size() &&
           is_none(items[offsets[b + 1] - 1]);
    return ok;
  }
};

}  // namespace

class NumericEncoder final : public ColumnEncoder {
 public:
  EncoderKind kind() const override { return EncoderKind::Numeric; }
  void fit(const Column& column, const EncoderOptions& options) override;
  size_t num_tokens() const override { return atoms_.size(); }
  int null_token() const override { return null_token_; }
  uint16_t encode_value(const Column& column, size_t row) const override;
  void decode(uint16_t token, Rng& rng, Column& out) const override;
  std::string token_label(uint16_t token) const override;
  int exact_token(double value) const override;
  bool value_range(double& low, double& high) const override;
  void save(BinaryWriter& out) const override;
  void load(BinaryReader& in) override;

 private:
  enum class AtomKind : uint8_t { Bin = 0, Frequent = 1, Null = 2 };
  struct Atom {
    AtomKind kind;
    uint32_t index;
  };

  // The value of a row as a double; false for NULL (and non-finite floats).
  bool value_of(const Column& column, size_t row, double& value) const;
  void fit_endings(const std::vector<double>& rest, const std::vector<Bin>& bins);
  void fit_bin_values(const std::vector<double>& rest, const std::vector<Bin>& bins, int rare);
  // `value` of bin `bin` (inside [lo, hi]) moved to the nearest number inside with an ending
  // drawn from the bin's.
  double with_ending(double value, uint32_t bin, double lo, double hi, Rng& rng) const;
  double snap(double value) const;  // onto the source's grid and number of decimals
  void append(double value, Column& out) const;
  std::string format_value(double value) const;

  std::vector<Atom> atoms_;              // by token
  std::vector<double> frequent_values_;  // sorted
  std::vector<uint16_t> frequent_tokens_;
  std::vector<double> cuts_;  // bin b holds values in (cuts[b-1], cuts[b]]
  std::vector<uint16_t> bin_tokens_;
  std::vector<double> bin_quantiles_;  // (quantiles_ + 1) points per bin
  uint32_t quantiles_ = 8;
  double origin_ = 0;  // grid: origin + k * step_ (step_ == 0: continuous)
  double step_ = 0;
  int32_t decimals_ = -1;      // round to this many decimals; -1: no rounding
  double low_ = 0, high_ = 0;  // values decoded from bins stay within [low_, high_]
  int null_token_ = -1;
  uint16_t mode_token_ = 0;
  bool clock_ = false;  // HHMM clock times, modelled as minutes since midnight
  // Endings: values in units of the last decimal, mod ending_modulus_ (0: none); per bin, the
  // ending -1 is the share that keeps its own.
  int64_t ending_modulus_ = 0;
  BinChoices<int64_t> endings_;
  // Per bin, the exact values it repeats at least rare_threshold times (NaN: any other value).
  BinChoices<double> bin_values_;
};

bool NumericEncoder::value_of(const Column& column, size_t row, double& value) const {
  if (column.is_null(row)) return false;
  switch (type_) {
    case DataType::Float64:
      value = column.double_at(row);
      return std::isfinite(value);
    case DataType::Decimal: {
      if (!parse_decimal(column.string_at(row), value)) {
        throw InputError(locate("", column.name(), static_cast<int64_t>(row)) +
                         ": not a decimal number: \"" + column.string_at(row) + "\"");
      }
      return true;
    }
    default:
      value = static_cast<double>(column.int_at(row));
      if (clock_) value = clock_minutes(value);
      return true;
  }
}

void NumericEncoder::fit(const Column& column, const EncoderOptions& options) {
  if (!is_numeric_type(column.type())) {
    throw UsageError("numeric encoder cannot encode " + locate("", column.name()) + " of type " +
                     std::string(to_string(column.type())));
  }
  *this = NumericEncoder();
  type_ = column.type();
  quantiles_ = static_cast<uint32_t>(std::clamp(options.bin_quantiles, 1, 64));
  const int rare = std::max(1, options.rare_threshold);

  std::vector<double> values;
  values.reserve(column.size());
  bool has_null = false;
  int decimals = 0;
  for (size_t row = 0; row < column.size(); ++row) {
    double v;
    if (value_of(column, row, v)) {
      values.push_back(v);
      if (type_ == DataType::Decimal) {
        decimals = std::max(decimals, decimal_places(column.string_at(row)));
      }
    } else {
      has_null = true;
    }
  }
  if (type_ == DataType::Int64 && looks_like_clock(values)) {
    clock_ = true;
    for (double& v : values) v = clock_minutes(v);
  }
  std::sort(values.begin(), values.end());
  const size_t n = values.size();

  // The grid: origin + k * step, with step the gcd of the distances to the minimum.
  if (n > 0) {
    origin_ = values.front();
    double scale = 0;  // values * scale are integers; 0: no grid
    if (holds_integers(type_)) {
      scale = 1;
    } else if (type_ == DataType::Decimal) {
      decimals_ = std::min(decimals, 12);
      scale = pow10(decimals_);
    } else {  // Float64: the fewest decimals (up to 6) that represent every value
      for (int d = 0; d <= 6 && scale == 0; ++d) {
        const double p = pow10(d);
        bool fits = true;
        for (double v : values) {
          const double scaled = v * p;
          if (std::fabs(scaled) >= kMaxExactInt ||
              std::fabs(scaled - std::round(scaled)) > 1e-7 * std::max(1.0, std::fabs(scaled))) {
            fits = false;
            break;
          }
        }
        if (fits) {
          scale = p;
          decimals_ = d;
        }
      }
    }
    if (scale > 0 && std::fabs(values.back() - values.front()) * scale < kMaxExactInt) {
      const int64_t base = std::llround(values.front() * scale);
      int64_t g = 0;
      for (double v : values) g = std::gcd(g, std::llround(v * scale) - base);
      step_ = g > 0 ? static_cast<double>(g) / scale : 1 / scale;
    }
  }

  // Frequent exact values get their own tokens.
  const size_t min_frequent = std::max<size_t>(
      rare, static_cast<size_t>(std::ceil(options.frequent_value_share * static_cast<double>(n))));
  std::vector<std::pair<double, uint64_t>> runs =
      counted_runs(values.data(), values.data() + n, min_frequent);
  if (runs.size() > static_cast<size_t>(std::max(0, options.max_frequent_values))) {
    runs.resize(std::max(0, options.max_frequent_values));
  }
  std::sort(runs.begin(), runs.end());  // by value
  for (const auto& run : runs) frequent_values_.push_back(run.first);

  std::vector<double> rest;
  rest.reserve(n);
  for (double v : values) {
    if (!std::binary_search(frequent_values_.begin(), frequent_values_.end(), v)) rest.push_back(v);
  }
  const size_t m = rest.size();

  // Quantile bins over the rest. Bins do not straddle a frequent value (so tokens follow the
  // number line) unless the stretch between two frequent values is too small for a bin of
  // its own, and a run of equal values never straddles two bins.
  std::vector<Bin> bins;
  if (m > 0) {
    const size_t min_bin = std::max<size_t>(2 * rare, 10);
    const size_t max_bins = static_cast<size_t>(std::max(1, options.max_bins));
    const size_t total_bins = std::clamp<size_t>(m / min_bin, 1, max_bins);
    std::vector<size_t> bounds = {0};  // segment boundaries in rest
    for (double f : frequent_values_) {
      const size_t at = std::lower_bound(rest.begin(), rest.end(), f) - rest.begin();
      if (at - bounds.back() >= min_bin && m - at >= min_bin) bounds.push_back(at);
    }
    bounds.push_back(m);
    const size_t segments = bounds.size() - 1;
    std::vector<size_t> seg_bins(segments);
    size_t assigned = 0;
    for (size_t s = 0; s < segments; ++s) {
      const size_t size = bounds[s + 1] - bounds[s];
      seg_bins[s] =
          std::clamp<size_t>(total_bins * size / m, 1, std::max<size_t>(1, size / min_bin));
      assigned += seg_bins[s];
    }
    while (assigned > std::max(total_bins, segments)) {  // trim the largest allocations
      *std::max_element(seg_bins.begin(), seg_bins.end()) -= 1;
      --assigned;
    }
    for (size_t s = 0; s < segments; ++s) {
      const size_t lo = bounds[s], size = bounds[s + 1] - bounds[s], count = seg_bins[s];
      size_t begin = lo;
      for (size_t b = 0; b < count && begin < bounds[s + 1]; ++b) {
        size_t end = b + 1 == count ? bounds[s + 1] : lo + (size * (b + 1) + count / 2) / count;
        end = std::clamp(end, begin + 1, bounds[s + 1]);
        while (end < bounds[s + 1] && rest[end] == rest[end - 1]) ++end;
        bins.push_back({begin, end});
        begin = end;
      }
    }
  }

  // Tail ends. Beyond the rare_threshold-th most extreme value on each side the distribution is
  // an exponential tail anchored at that value, its scale read from the spread of the next k
  // values (for an exponential tail the k spacings after the k-th extreme sum to scale * ln 2):
  // the tail keeps its length, yet no single real value sets it or is reproduced. With too few
  // values the ends are winsorised to the k-th extreme (plus half the gap to the next k).
  const size_t k = std::clamp<size_t>(static_cast<size_t>(rare), 1, std::max<size_t>(1, m / 4));
  const double half_step = step_ / 2;
  const bool tails = k >= 2 && m >= 2 * k;
  double low_scale = 0, high_scale = 0;
  const double anchor = static_cast<double>(k) - 0.5;
  // The value at rank position `at` (0-based, fractional) of `rest`: `q` inside, the tail outside.
  auto tail_value = [&](double at, double q) {
    if (!tails) return q;
    if (at + 0.5 < anchor)
      return rest[k - 1] - low_scale * std::log(anchor / (std::max(at, 0.0) + 0.5));
    const double from_top = static_cast<double>(m - 1) - at;
    if (from_top + 0.5 < anchor)
      return rest[m - k] + high_scale * std::log(anchor / (std::max(from_top, 0.0) + 0.5));
    return q;
  };
  if (m > 0) {
    double lo = rest[k - 1];
    double hi = rest[m - k];
    if (tails) {
      low_scale = (rest[2 * k - 1] - rest[k - 1]) / std::log(2.0);
      high_scale = (rest[m - k] - rest[m - 2 * k]) / std::log(2.0);
      lo = tail_value(0, lo);
      hi = tail_value(static_cast<double>(m - 1), hi);
      // The tail stops short of the most extreme value: halfway to the next one.
      low_ = std::max(lo, (rest[0] + rest[1]) / 2);
      high_ = std::min(hi, (rest[m - 2] + rest[m - 1]) / 2);
    } else {
      if (m >= 2 * k) {
        lo -= 0.5 * (rest[2 * k - 1] - rest[k - 1]);
        hi += 0.5 * (rest[m - k] - rest[m - 2 * k]);
      }
      low_ = std::max(lo, rest.front() - half_step);
      high_ = std::min(hi, rest.back() + half_step);
    }
  }

  // Within-bin quantiles of the grid-smoothed distribution.
  const uint32_t K = quantiles_;
  for (size_t b = 0; b < bins.size(); ++b) {
    const size_t c = bins[b].end - bins[b].begin;
    const double* x = rest.data() + bins[b].begin;
    for (uint32_t j = 0; j <= K; ++j) {
      const double t = static_cast<double>(j) / K;
      double q, at;
      if (step_ > 0) {
        const double p = t * static_cast<double>(c);
        const size_t i = std::min(static_cast<size_t>(p), c - 1);
        q = x[i] - half_step + step_ * (p - static_cast<double>(i));
        at = static_cast<double>(bins[b].begin) + p - 0.5;
      } else {
        const double p = t * static_cast<double>(c - 1);
        const size_t i = std::min(static_cast<size_t>(p), c - 1);
        q = i + 1 < c ? x[i] + (p - static_cast<double>(i)) * (x[i + 1] - x[i]) : x[i];
        at = static_cast<double>(bins[b].begin) + p;
      }
      q = std::clamp(tail_value(at, q), low_, high_);
      bin_quantiles_.push_back(q);
    }
    if (b + 1 < bins.size()) cuts_.push_back((x[c - 1] + rest[bins[b].end]) / 2);
  }
  fit_endings(rest, bins);
  fit_bin_values(rest, bins, rare);

  // Tokens in number-line order: bins by their median, frequent values by value; NULL last.
  struct Keyed {
    double key;
    Atom atom;
    size_t count;
  };
  std::vector<Keyed> keyed;
  for (size_t b = 0; b < bins.size(); ++b) {
    keyed.push_back({bin_quantiles_[b * (K + 1) + K / 2],
                     {AtomKind::Bin, static_cast<uint32_t>(b)},
                     bins[b].end - bins[b].begin});
  }
  for (size_t f = 0; f < runs.size(); ++f) {
    keyed.push_back(
        {runs[f].first, {AtomKind::Frequent, static_cast<uint32_t>(f)}, runs[f].second});
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
  bin_tokens_.assign(bins.size(), 0);
  frequent_tokens_.assign(runs.size(), 0);
  size_t best = 0;
  for (size_t t = 0; t < keyed.size(); ++t) {
    atoms_.push_back(keyed[t].atom);
    (keyed[t].atom.kind == AtomKind::Bin ? bin_tokens_ : frequent_tokens_)[keyed[t].atom.index] =
        static_cast<uint16_t>(t);
    if (keyed[t].count > best) {
      best = keyed[t].count;
      mode_token_ = static_cast<uint16_t>(t);
    }
  }
  if (has_null || atoms_.empty()) {
    null_token_ = static_cast<int>(atoms_.size());
    atoms_.push_back({AtomKind::Null, 0});
    if (n == 0) mode_token_ = static_cast<uint16_t>(null_token_);
  }
}

// Low digits the source favours: prices ending .99 or .00, amounts in whole thousands. Bins
// draw values smoothly between the source's, so without this a price list of x.99 comes out
// with every ending (and a detector tells them apart by the cents). The modulus is the largest
// power of 10 (in units of the last decimal) whose every digit is far from uniform: each digit
// added to the ending may multiply the effective number of endings by at most 5 (a uniform
// digit multiplies it by 10). Each bin keeps its own most common endings with their counts
// (cheap prices end anywhere, dear ones in .99), and the share of its values beyond those,
// which keep the ending they are drawn with.
void NumericEncoder::fit_endings(const std::vector<double>& rest, const std::vector<Bin>& bins) {
  constexpr size_t kMinValues = 20, kMaxEndings = 32;
  const bool integers = type_ == DataType::Int64 && !clock_;
  const bool decimals =
      (type_ == DataType::Float64 || type_ == DataType::Decimal) && decimals_ >= 0;
  if (!(integers || decimals) || step_ <= 0 || rest.size() < kMinValues) return;
  const double scale = integers ? 1 : pow10(decimals_);
  if (std::max(std::fabs(rest.front()), std::fabs(rest.back())) * scale >= kMaxExactInt / 16)
    return;
  const int64_t step = std::max<int64_t>(1, std::llround(step_ * scale));
  std::vector<int64_t> units;
  units.reserve(rest.size());
  for (double v : rest) units.push_back(std::llround(v * scale));
  const int64_t range = units.back() - units.front();
  double previous = 1;
  int64_t chosen = 0;
  for (int64_t m = 10; m <= range / 4 && m < (int64_t{1} << 50); m *= 10) {
    if (m % step != 0) continue;  // endings would leave the grid
    if (static_cast<double>(units.size()) < 2 * static_cast<double>(m / step)) break;
    const double effective = effective_endings(units, m);
    if (effective > 5 * previous) break;
    chosen = m;
    previous = effective;
  }
  if (chosen <= step) return;  // a single ending: the grid says it already
  ending_modulus_ = chosen;
  for (const auto& [begin, end] : bins)
    endings_.add_bin(counted_endings(units, begin, end, chosen), kMaxEndings, end - begin, -1);
  endings_.finish();
}

// Values a bin repeats: nycflights13's distances are its routes' (214 values over 337k
// flights), northwind's order lines repeat their products' prices. A bin draws them exactly,
// in proportion, and only the share of other values from its quantiles; smooth draws between
// them were told apart from the source by the exact values alone. A value needs at least
// rare_threshold rows (and 2), so no single real value is ever reproduced.
void NumericEncoder::fit_bin_values(const std::vector<double>& rest, const std::vector<Bin>& bins,
                                    int rare) {
  constexpr size_t kMaxValues = 64;
  const size_t min_count = static_cast<size_t>(std::max(rare, 2));
  bool any = false;
  for (const auto& [begin, end] : bins) {
    const auto counted = counted_runs(rest.data() + begin, rest.data() + end, min_count);
    any |= !counted.empty();
    bin_values_.add_bin(counted, kMaxValues, end - begin, std::nan(""));
  }
  if (!any) bin_values_ = {};
  bin_values_.finish();
}

double NumericEncoder::with_ending(double value, uint32_t bin, double lo, double hi,
                                   Rng& rng) const {
  const double scale = type_ == DataType::Int64 ? 1 : pow10(decimals_);
  const int64_t m = ending_modulus_, at = std::llround(value * scale);
  const int64_t base = at - floor_mod(at, m);
  // An ending that fits nowhere in the bin is drawn again, a few times.
  for (int attempt = 0; attempt < 4; ++attempt) {
    const int64_t ending = endings_.draw(bin, rng);
    if (ending < 0) return value;  // the share that keeps its own ending
    int64_t best = -1, distance = 0;
    for (int64_t c : {base - m + ending, base + ending, base + m + ending}) {
      const double v = static_cast<double>(c) / scale;
      if (v < lo || v > hi || (best >= 0 && std::llabs(c - at) >= distance)) continue;
      best = c, distance = std::llabs(c - at);
    }
    if (best >= 0) return snap(static_cast<double>(best) / scale);
  }
  return value;
}

uint16_t NumericEncoder::encode_value(const Column& column, size_t row) const {
  double v;
  if (!value_of(column, row, v)) {
    return null_token_ >= 0 ? static_cast<uint16_t>(null_token_) : mode_token_;
  }
  auto f = std::lower_bound(frequent_values_.begin(), frequent_values_.end(), v);
  if (f != frequent_values_.end() && *f == v) return frequent_tokens_[f - frequent_values_.begin()];
  if (bin_tokens_.empty()) {  // only frequent values: the nearest one
    if (f == frequent_values_.end() || (f != frequent_values_.begin() && v - *(f - 1) <= *f - v)) {
      --f;
    }
    return frequent_tokens_[f - frequent_values_.begin()];
  }
  const size_t bin = std::lower_bound(cuts_.begin(), cuts_.end(), v) - cuts_.begin();
  return bin_tokens_[bin];
}

double NumericEncoder::snap(double v) const {
  if (step_ > 0) v = origin_ + std::round((v - origin_) / step_) * step_;
  if (decimals_ >= 0) {
    const double p = pow10(decimals_);
    v = std::round(v * p) / p;
  }
  return v;
}

void NumericEncoder::append(double v, Column& out) const {
  switch (type_) {
    case DataType::Float64:
      out.append_double(v);
      break;
    case DataType::Decimal:
      out.append_string(format_value(v));
      break;
    case DataType::Time:
      out.append_int(std::clamp<int64_t>(std::llround(v), 0, kMicrosPerDay - 1));
      break;
    case DataType::Bool:
      out.append_int(v >= 0.5 ? 1 : 0);
      break;
    default:
      out.append_int(std::llround(clock_ ? clock_hhmm(v) : v));
      break;
  }
}

std::string NumericEncoder::format_value(double v) const {
  if (type_ == DataType::Decimal) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", std::max(0, decimals_), v);
    std::string text = buffer;
    if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
    return text;
  }
  if (holds_integers(type_)) return std::to_string(std::llround(clock_ ? clock_hhmm(v) : v));
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

void NumericEncoder::decode(uint16_t token, Rng& rng, Column& out) const {
  check_token(token);
  const Atom atom = atoms_[token];
  switch (atom.kind) {
    case AtomKind::Null:
      out.append_null();
      return;
    case AtomKind::Frequent:
      append(frequent_values_[atom.index], out);
      return;
    case AtomKind::Bin: {
      if (!bin_values_.empty()) {
        const double exact = bin_values_.draw(atom.index, rng);
        if (!std::isnan(exact)) {
          append(exact, out);
          return;
        }
      }
      const double* q = bin_quantiles_.data() + static_cast<size_t>(atom.index) * (quantiles_ + 1);
      const double u = rng.uniform() * quantiles_;
      const uint32_t j = std::min(static_cast<uint32_t>(u), quantiles_ - 1);
      double v = q[j] + (u - j) * (q[j + 1] - q[j]);
      v = snap(v);
      // Snapping may step just outside the winsorised range; step back onto the grid inside.
      if (v > high_ && step_ > 0) v = snap(v - step_);
      if (v < low_ && step_ > 0) v = snap(v + step_);
      const double high = high_ >= low_ ? high_ : low_;
      v = std::clamp(v, low_, high);
      if (ending_modulus_ > 0)
        v = with_ending(v, atom.index, std::max(q[0], low_), std::min(q[quantiles_], high), rng);
      append(v, out);
      return;
    }
  }
}

int NumericEncoder::exact_token(double value) const {
  if (clock_) value = clock_minutes(value);
  auto it = std::lower_bound(frequent_values_.begin(), frequent_values_.end(), value);
  if (it == frequent_values_.end() || *it != value) return -1;
  return frequent_tokens_[it - frequent_values_.begin()];
}

bool NumericEncoder::value_range(double& low, double& high) const {
  const bool number =
      type_ == DataType::Int64 || type_ == DataType::Float64 || type_ == DataType::Decimal;
  low = bin_tokens_.empty() ? HUGE_VAL : low_;
  high = bin_tokens_.empty() ? -HUGE_VAL : high_;
  if (!frequent_values_.empty()) {  // sorted
    low = std::min(low, frequent_values_.front());
    high = std::max(high, frequent_values_.back());
  }
  return number && !clock_ && low <= high;
}

std::string NumericEncoder::token_label(uint16_t token) const {
  check_token(token);
  const Atom atom = atoms_[token];
  if (atom.kind == AtomKind::Null) return "NULL";
  if (atom.kind == AtomKind::Frequent) return format_value(frequent_values_[atom.index]);
  const double* q = bin_quantiles_.data() + static_cast<size_t>(atom.index) * (quantiles_ + 1);
  return "[" + format_value(snap(q[0])) + ", " + format_value(snap(q[quantiles_])) + "]";
}

void NumericEncoder::save(BinaryWriter& out) const {
  out.begin_section("numeric_encoder", 4);
  out.u8(static_cast<uint8_t>(type_));
  out.u32(quantiles_);
  out.f64(origin_);
  out.f64(step_);
  out.i64(decimals_);
  out.f64(low_);
  out.f64(high_);
  out.i64(null_token_);
  out.u16(mode_token_);
  out.u64(atoms_.size());
  for (const Atom& a : atoms_) {
    out.u8(static_cast<uint8_t>(a.kind));
    out.u32(a.index);
  }
  out.f64s(frequent_values_);
  out.u16s(frequent_tokens_);
  out.f64s(cuts_);
  out.u16s(bin_tokens_);
  out.f64s(bin_quantiles_);
  out.boolean(clock_);       // version 2
  out.i64(ending_modulus_);  // version 3
  out.u64s(endings_.offsets);
  out.i64s(endings_.items);
  out.u64s(endings_.counts);
  out.u64s(bin_values_.offsets);  // version 4
  out.f64s(bin_values_.items);
  out.u64s(bin_values_.counts);
  out.end_section();
}

void NumericEncoder::load(BinaryReader& in) {
  *this = NumericEncoder();
  const uint32_t version = in.begin_section("numeric_encoder", 4);
  const uint8_t type = in.u8();
  if (type > static_cast<uint8_t>(DataType::Binary) || !is_numeric_type(DataType(type))) {
    in.fail("numeric encoder has bad type " + std::to_string(type));
  }
  type_ = static_cast<DataType>(type);
  quantiles_ = in.u32();
  origin_ = in.f64();
  step_ = in.f64();
  decimals_ = static_cast<int32_t>(in.i64());
  low_ = in.f64();
  high_ = in.f64();
  null_token_ = static_cast<int>(in.i64());
  mode_token_ = in.u16();
  const uint64_t num_atoms = in.u64();
  if (num_atoms == 0 || num_atoms > 65536 || num_atoms * 5 > in.remaining()) {
    in.fail("numeric encoder has a bad token count " + std::to_string(num_atoms));
  }
  for (uint64_t i = 0; i < num_atoms; ++i) {
    const uint8_t kind = in.u8();
    const uint32_t index = in.u32();
    if (kind > 2) in.fail("numeric encoder has a bad token kind");
    atoms_.push_back({static_cast<AtomKind>(kind), index});
  }
  frequent_values_ = in.f64s();
  frequent_tokens_ = in.u16s();
  cuts_ = in.f64s();
  bin_tokens_ = in.u16s();
  bin_quantiles_ = in.f64s();
  clock_ = version >= 2 && in.boolean();
  if (version >= 3) {
    ending_modulus_ = in.i64();
    endings_.offsets = in.u64s();
    endings_.items = in.i64s();
    endings_.counts = in.u64s();
  }
  if (version >= 4) {
    bin_values_.offsets = in.u64s();
    bin_values_.items = in.f64s();
    bin_values_.counts = in.u64s();
  }
  in.end_section();

  // Everything decode and encode index must be in range.
  const size_t bins = bin_tokens_.size();
  bool ok = quantiles_ >= 1 && quantiles_ <= 64 &&
            frequent_tokens_.size() == frequent_values_.size() &&
            bin_quantiles_.size() == bins * (quantiles_ + 1) &&
            (bins == 0 ? cuts_.empty() : cuts_.size() == bins - 1) && mode_token_ < num_atoms &&
            null_token_ >= -1 && null_token_ < static_cast<int64_t>(num_atoms) && decimals_ >= -1 &&
            decimals_ <= 12 && (!clock_ || type_ == DataType::Int64) && ending_modulus_ >= 0 &&
            (ending_modulus_ == 0) == endings_.empty() &&
            endings_.valid(bins, [](int64_t e) { return e == -1; }) &&
            bin_values_.valid(bins, [](double v) { return std::isnan(v); });
  for (int64_t e : endings_.items) ok = ok && e >= -1 && e < ending_modulus_;
  for (const Atom& a : atoms_) {
    if (a.kind == AtomKind::Bin && a.index >= bins) ok = false;
    if (a.kind == AtomKind::Frequent && a.index >= frequent_values_.size()) ok = false;
  }
  for (uint16_t t : frequent_tokens_) ok = ok && t < num_atoms;
  for (uint16_t t : bin_tokens_) ok = ok && t < num_atoms;
  if (!ok) in.fail("numeric encoder is inconsistent (corrupt file?)");
  endings_.finish();
  bin_values_.finish();
}

std::unique_ptr<ColumnEncoder> make_numeric_encoder() { return std::make_unique<NumericEncoder>(); }

}  // namespace relsynth

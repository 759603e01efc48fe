#include "core/random.h"

#include <cmath>
#include <limits>

namespace relsynth {

double portable_log(double x) {
  if (!(x > 0))
    return x == 0 ? -std::numeric_limits<double>::infinity()
                  : std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(x)) return x;
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(s), s = (m - 1) / (m + 1).
  int e = 0;
  double m = std::frexp(x, &e);  // exact
  if (m < 0.70710678118654752440) {
    m *= 2;
    --e;
  }
  const double s = (m - 1) / (m + 1);
  const double s2 = s * s;
  // |s| <= 0.1716, s^2 <= 0.0295: terms up to s^25 reach double precision.
  double series = 0;
  for (int k = 25; k >= 3; k -= 2) series = (series + 1.0 / k) * s2;
  const double log_m = 2 * s * (1 + series);
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // exact in 32 bits
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  return e * kLn2Hi + (log_m + e * kLn2Lo);
}

uint64_t Rng::uniform_int(uint64_t n) {
  if (n == 0) return 0;
  unsigned __int128 product = static_cast<unsigned __int128>(next_u64()) * n;
  uint64_t low = static_cast<uint64_t>(product);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      product = static_cast<unsigned __int128>(next_u64()) * n;
      low = static_cast<uint64_t>(product);
    }
  }
  return static_cast<uint64_t>(product >> 64);
}

double Rng::normal() {
  for (;;) {
    const double u = 2 * uniform() - 1;
    const double v = 2 * uniform() - 1;
    const double s = u * u + v * v;
    if (s > 0 && s < 1) return u * std::sqrt(-2 * portable_log(s) / s);
  }
}

size_t Rng::sample(std::span<const float> weights) {
  double total = 0;
  for (float w : weights) total += w;
  if (!(total > 0)) return 0;
  const double target = uniform() * total;
  double running = 0;
  size_t last_positive = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0) continue;
    running += weights[i];
    last_positive = i;
    if (target < running) return i;
  }
  return last_positive;  // rounding left target at the very top
}

size_t cumulative_index(std::span<const float> cumulative, double u) {
  if (cumulative.empty() || !(cumulative.back() > 0)) return 0;
  const double target = u * cumulative.back();
  size_t lo = 0;
  size_t hi = cumulative.size() - 1;
  while (lo < hi) {  // first index whose cumulative weight exceeds target
    const size_t mid = (lo + hi) / 2;
    if (cumulative[mid] > target) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

}  // namespace relsynth

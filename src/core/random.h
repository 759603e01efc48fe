// Counter-based randomness: every draw is a pure function of (seed, stream ids, counter), so a
// generated value never depends on the thread count, the batch size or the shard.
//
// A stream is keyed by hashing the seed with up to four ids (e.g. table, row, column, draw);
// draw i of a stream is mix64(key + (i + 1) * kGamma), i.e. splitmix64 started at the key.
// Only integer arithmetic and IEEE-exact floating operations (+ - * / sqrt) are used, plus a
// log written here, so results are bit-identical on every platform (no std::*_distribution).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

namespace relsynth {

// The splitmix64 finaliser: a bijective 64-bit mix with full avalanche.
constexpr uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// The key of stream (seed, a, b, c, d). Distinct id tuples give unrelated keys; the ids are
// chained so (1, 2) and (2, 1) differ.
constexpr uint64_t stream_key(uint64_t seed, uint64_t a = 0, uint64_t b = 0, uint64_t c = 0,
                              uint64_t d = 0) {
  uint64_t k = mix64(seed ^ 0x6a09e667f3bcc908ULL);
  k = mix64(k ^ mix64(a + 0x9e3779b97f4a7c15ULL));
  k = mix64(k ^ mix64(b + 0xbb67ae8584caa73bULL));
  k = mix64(k ^ mix64(c + 0x3c6ef372fe94f82bULL));
  k = mix64(k ^ mix64(d + 0xa54ff53a5f1d36f1ULL));
  return k;
}

// The n-th point of the golden-ratio sequence from `start`, in [0, 1): any run of consecutive
// points spreads evenly, so shares and quantiles come out right within a row or two.
inline double golden_point(double start, uint64_t n) {
  const double u = start + static_cast<double>(n) * 0.6180339887498949;
  return u - std::floor(u);
}

// Natural logarithm from + - * / only (bit-identical everywhere; relative error ~1e-16).
double portable_log(double x);

// The index at quantile u (in [0, 1)) of cumulative weights (non-decreasing, last = total):
// the first whose cumulative weight exceeds u x total; 0 when the total is not positive.
size_t cumulative_index(std::span<const float> cumulative, double u);

class Rng {
 public:
  static constexpr uint64_t kGamma = 0x9e3779b97f4a7c15ULL;

  // A stream keyed by (seed, ids...); see stream_key.
  explicit Rng(uint64_t seed, uint64_t a = 0, uint64_t b = 0, uint64_t c = 0, uint64_t d = 0)
      : key_(stream_key(seed, a, b, c, d)) {}
  static Rng from_key(uint64_t key) {
    Rng rng(0);
    rng.key_ = key;
    return rng;
  }

  uint64_t key() const { return key_; }
  uint64_t counter() const { return counter_; }
  // Jumps to draw `counter` of the stream (random access; the stream is counter-based).
  void seek(uint64_t counter) { counter_ = counter; }
  // A child stream, independent of this one and of its other children.
  Rng split(uint64_t id) const { return from_key(stream_key(key_, id)); }

  uint64_t next_u64() { return mix64(key_ + (++counter_) * kGamma); }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n), unbiased (Lemire's multiply-and-reject); n == 0 returns 0.
  uint64_t uniform_int(uint64_t n);
  // Standard normal (Marsaglia's polar method with portable_log and IEEE sqrt).
  double normal();
  // Index i with probability weights[i] / sum(weights); weights must be >= 0 with a positive
  // sum (otherwise returns 0 when all are zero).
  size_t sample(std::span<const float> weights);
  // Same, from cumulative weights (non-decreasing, last = total): binary search.
  size_t sample_cumulative(std::span<const float> cumulative) {
    return cumulative_index(cumulative, uniform());
  }

 private:
  uint64_t key_ = 0;
  uint64_t counter_ = 0;
};

}  // namespace relsynth

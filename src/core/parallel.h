// Splits [0, n) into contiguous chunks run on up to `threads` threads. Work must not depend
// on how it is split (all randomness is counter-based), so results never depend on it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace relsynth {

inline int resolve_threads(int threads) {
  if (threads > 0) return threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

// fn(begin, end, worker) for each chunk; worker in [0, threads).
template <typename Fn>
void parallel_for(size_t n, int threads, Fn&& fn, size_t min_chunk = 256) {
  threads = resolve_threads(threads);
  size_t workers = std::min<size_t>(threads, (n + min_chunk - 1) / std::max<size_t>(min_chunk, 1));
  if (workers <= 1) {
    if (n > 0) fn(size_t{0}, n, 0);
    return;
  }
  std::vector<std::thread> pool;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const size_t chunk = (n + workers - 1) / workers;
  for (size_t w = 0; w < workers; ++w) {
    size_t begin = w * chunk, end = std::min(n, begin + chunk);
    if (begin >= end) break;
    pool.emplace_back([&, begin, end, w] {
      try {
        fn(begin, end, static_cast<int>(w));
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);  // the first error, on the calling thread
}

}  // namespace relsynth

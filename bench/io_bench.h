// Timing for the connector benchmarks: wall and CPU time, and a line of MB/s and rows/s.
#pragma once

#include <time.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>

namespace relsynth::bench {

// Wall and CPU time: the machine may be shared, and the connector is single-threaded, so the
// CPU time is what an idle machine's wall time would be.
struct Clock {
  std::chrono::steady_clock::time_point wall;
  double cpu;
};

inline double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

inline Clock now() { return {std::chrono::steady_clock::now(), cpu_seconds()}; }

struct Elapsed {
  double wall;
  double cpu;
};

inline Elapsed since(const Clock& start) {
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start.wall).count(),
          cpu_seconds() - start.cpu};
}

inline uint64_t directory_bytes(const std::filesystem::path& directory) {
  uint64_t total = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    if (entry.is_regular_file()) total += entry.file_size();
  return total;
}

inline void report(const char* what, Elapsed elapsed, uint64_t bytes, size_t rows) {
  const double mb = static_cast<double>(bytes) / 1e6, n = static_cast<double>(rows);
  std::printf(
      "%-26s wall %6.3f s %7.1f MB/s %10.0f rows/s | cpu %6.3f s %7.1f MB/s %10.0f rows/s\n", what,
      elapsed.wall, mb / elapsed.wall, n / elapsed.wall, elapsed.cpu, mb / elapsed.cpu,
      n / elapsed.cpu);
}

}  // namespace relsynth::bench

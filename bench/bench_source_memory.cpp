// The in-memory size of a source as relsynth holds it: the growth of the peak resident memory
// while the database is read (the reference for "peak memory at most 2x the source's").
// Usage: bench_source_memory SOURCE_URI   (prints megabytes)
#include <sys/resource.h>

#include <cstdio>
#include <exception>

#include "relsynth/io.h"

namespace {

double peak_megabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench_source_memory SOURCE_URI\n");
    return 2;
  }
  try {
    auto source = relsynth::open_source(argv[1]);
    const relsynth::Metadata declared = source->describe();
    const double before = peak_megabytes();
    const relsynth::Database data = relsynth::read_database(*source, declared);
    std::printf("%.0f\n", peak_megabytes() - before);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_source_memory: %s\n", error.what());
    return 1;
  }
  return 0;
}

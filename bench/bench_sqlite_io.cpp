// SQLite connector throughput: writes a narrow 1M-row table through the destination, reads
// it back through the source, prints rows/s as a markdown table row.
//   bench_sqlite_io [rows] [directory]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include "io/connectors.h"
#include "narrow_table.h"

using namespace relsynth;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Process CPU time: steadier than wall time on a shared machine.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::filesystem::path directory =
      argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::temp_directory_path();
  const std::string path = (directory / "relsynth_bench_sqlite_io.sqlite").string();

  bench::NarrowTable narrow = bench::make_narrow_table(rows);
  const Metadata& metadata = narrow.metadata;
  const TableMeta& meta = metadata.tables.front();
  const Table& table = narrow.rows;

  DestinationOptions options;
  options.overwrite = true;
  auto start = std::chrono::steady_clock::now();
  double cpu_start = cpu_seconds();
  {
    auto destination = make_sqlite_destination(path, options);
    destination->begin(metadata);
    destination->append(meta, table);
    destination->commit();
  }
  const double write_seconds = seconds_since(start);
  const double write_cpu = cpu_seconds() - cpu_start;

  start = std::chrono::steady_clock::now();
  auto source = make_sqlite_source(path, {});
  Metadata described = source->describe();
  const double describe_seconds = seconds_since(start);
  start = std::chrono::steady_clock::now();
  cpu_start = cpu_seconds();
  Table back = source->read_table(described.tables.at(0));
  const double read_seconds = seconds_since(start);
  const double read_cpu = cpu_seconds() - cpu_start;

  const bool equal = back == table;
  const double megabytes = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::filesystem::remove(path);

  std::printf(
      "| benchmark | rows | write rows/s (wall / cpu) | describe rows/s | read rows/s (wall / cpu) "
      "| file MB | equal |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  std::printf(
      "| sqlite narrow (int id, int, double, text) | %zu | %.0f / %.0f | %.0f | %.0f / %.0f | %.1f "
      "| %s |\n",
      rows, rows / write_seconds, rows / write_cpu, rows / describe_seconds, rows / read_seconds,
      rows / read_cpu, megabytes, equal ? "yes" : "NO");
  return equal ? 0 : 1;
}

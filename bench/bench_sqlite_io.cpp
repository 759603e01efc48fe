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

  TableMeta meta;
  meta.name = "narrow";
  meta.columns.resize(4);
  const char* names[] = {"id", "quantity", "price", "code"};
  const DataType types[] = {DataType::Int64, DataType::Int64, DataType::Float64, DataType::String};
  const char* sql_types[] = {"INTEGER", "INTEGER", "REAL", "TEXT"};
  for (size_t j = 0; j < 4; ++j) {
    meta.columns[j].name = names[j];
    meta.columns[j].type = types[j];
    meta.columns[j].sql_type = sql_types[j];
  }
  meta.columns[0].nullable = false;
  meta.primary_key = {"id"};
  Metadata metadata;
  metadata.tables.push_back(meta);

  // Deterministic pseudo-random values (a small LCG): no dependence on the library's RNG.
  Table table("narrow");
  for (size_t j = 0; j < 4; ++j) table.add_column(Column(names[j], types[j]));
  for (Column& column : table.columns()) column.reserve(rows);
  uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  static const char* kCodes[] = {"AA", "B7", "C-12", "DD-x", "E", "FF99", "G_g", "HHHH"};
  for (size_t i = 0; i < rows; ++i) {
    table.column(0).append_int(static_cast<int64_t>(i + 1));
    table.column(1).append_int(static_cast<int64_t>(next() % 1000));
    table.column(2).append_double(static_cast<double>(next() % 100000) / 100.0);
    table.column(3).append_string(std::string_view(kCodes[next() % 8]));
  }

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

// CSV connector throughput: writes and reads a narrow table (int, int, double, short string,
// date) through make_csv_destination / make_csv_source and prints MB/s and rows/s.
//   bench_csv_io [rows=1000000] [directory=<temp>]
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "io/connectors.h"
#include "relsynth/io.h"

namespace fs = std::filesystem;
using relsynth::Column;
using relsynth::DataType;

namespace {

// Wall and CPU time: the machine may be shared, and the connector is single-threaded, so the
// CPU time is what an idle machine's wall time would be.
struct Clock {
  std::chrono::steady_clock::time_point wall;
  double cpu;
};

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

Clock now() { return {std::chrono::steady_clock::now(), cpu_seconds()}; }

struct Elapsed {
  double wall;
  double cpu;
};

Elapsed since(const Clock& start) {
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start.wall).count(),
          cpu_seconds() - start.cpu};
}

uint64_t directory_bytes(const fs::path& directory) {
  uint64_t total = 0;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.is_regular_file()) total += entry.file_size();
  return total;
}

relsynth::ColumnMeta column_meta(std::string name, DataType type, std::string format = {}) {
  relsynth::ColumnMeta column;
  column.name = std::move(name);
  column.type = type;
  column.format = std::move(format);
  return column;
}

void report(const char* what, Elapsed elapsed, uint64_t bytes, size_t rows) {
  const double mb = static_cast<double>(bytes) / 1e6, n = static_cast<double>(rows);
  std::printf(
      "%-26s wall %6.3f s %7.1f MB/s %10.0f rows/s | cpu %6.3f s %7.1f MB/s %10.0f rows/s\n", what,
      elapsed.wall, mb / elapsed.wall, n / elapsed.wall, elapsed.cpu, mb / elapsed.cpu,
      n / elapsed.cpu);
}

}  // namespace

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const fs::path base = argc > 2
                            ? fs::path(argv[2])
                            : fs::temp_directory_path() /
                                  ("relsynth_bench_csv_" + std::to_string(std::random_device()()));
  const fs::path out = base / "out";
  fs::create_directories(base);

  // The table: id, quantity, price, a short category string, a date.
  relsynth::Metadata metadata;
  relsynth::TableMeta meta;
  meta.name = "orders";
  meta.columns.push_back(column_meta("id", DataType::Int64));
  meta.columns.push_back(column_meta("quantity", DataType::Int64));
  meta.columns.push_back(column_meta("price", DataType::Float64));
  meta.columns.push_back(column_meta("category", DataType::String));
  meta.columns.push_back(column_meta("day", DataType::Date, "%Y-%m-%d"));
  metadata.tables.push_back(meta);

  relsynth::Table table("orders");
  Column id("id", DataType::Int64), quantity("quantity", DataType::Int64);
  Column price("price", DataType::Float64), category("category", DataType::String);
  Column day("day", DataType::Date, "%Y-%m-%d");
  const char* categories[] = {"books", "toys", "garden", "food", "tools", "music", "games"};
  std::mt19937_64 rng(42);
  for (size_t row = 0; row < rows; ++row) {
    id.append_int(static_cast<int64_t>(row) + 1);
    if (rng() % 20 == 0)
      quantity.append_null();
    else
      quantity.append_int(static_cast<int64_t>(rng() % 1000));
    price.append_double(static_cast<double>(rng() % 100000) / 100.0);
    category.append_string(std::string_view(categories[rng() % 7]));
    day.append_int(18000 + static_cast<int64_t>(rng() % 2000));
  }
  table.add_column(std::move(id));
  table.add_column(std::move(quantity));
  table.add_column(std::move(price));
  table.add_column(std::move(category));
  table.add_column(std::move(day));

  std::printf("bench_csv_io: %zu rows, 5 columns (int, int, double, string, date)\n", rows);
  relsynth::DestinationOptions overwrite;
  overwrite.overwrite = true;
  {
    // Streaming in batches, as generation does.
    const size_t batch = 65536;
    std::vector<relsynth::Table> parts;
    for (size_t begin = 0; begin < rows; begin += batch) {
      relsynth::Table part("orders");
      for (const Column& column : table.columns()) {
        Column slice(column.name(), column.type(), column.format());
        slice.reserve(std::min(batch, rows - begin));
        for (size_t row = begin; row < std::min(rows, begin + batch); ++row)
          slice.append_from(column, row);
        part.add_column(std::move(slice));
      }
      parts.push_back(std::move(part));
    }
    const Clock start = now();
    auto destination = relsynth::make_csv_destination(out.string(), overwrite);
    destination->begin(metadata);
    for (const relsynth::Table& part : parts) destination->append(meta, part);
    destination->commit();
    report("write (batches of 65536)", since(start), directory_bytes(out), rows);
  }
  {
    const Clock start = now();
    auto destination = relsynth::make_csv_destination(out.string(), overwrite);
    destination->begin(metadata);
    destination->append(meta, table);
    destination->commit();
    report("write (one append)", since(start), directory_bytes(out), rows);
  }
  const uint64_t bytes = directory_bytes(out);
  {
    const Clock start = now();
    auto source = relsynth::make_csv_source(out.string(), {});
    relsynth::Metadata described = source->describe();
    const Elapsed describe = since(start);
    const Clock middle = now();
    relsynth::Table read = source->read_table(described.tables[0]);
    const Elapsed convert = since(middle);
    report("describe (parse + infer)", describe, bytes, rows);
    report("read_table (cached text)", convert, bytes, rows);
    report("read total", {describe.wall + convert.wall, describe.cpu + convert.cpu}, bytes, rows);
    if (read.num_rows() != rows || !(read == table)) {
      std::fprintf(stderr, "read back differs from what was written\n");
      return 1;
    }
  }
  {
    // read_table without describe: a parse with the types already known.
    auto source = relsynth::make_csv_source(out.string(), {});
    const Clock start = now();
    relsynth::Table read = source->read_table(meta);
    report("read_table (no describe)", since(start), bytes, rows);
  }
  std::printf("file size %.1f MB\n", static_cast<double>(bytes) / 1e6);
  if (argc <= 2) fs::remove_all(base);
  return 0;
}

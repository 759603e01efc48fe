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
#include "io_bench.h"
#include "orders_table.h"
#include "relsynth/io.h"

namespace fs = std::filesystem;
using namespace relsynth::bench;

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const fs::path base = argc > 2
                            ? fs::path(argv[2])
                            : fs::temp_directory_path() /
                                  ("relsynth_bench_csv_" + std::to_string(std::random_device()()));
  const fs::path out = base / "out";
  fs::create_directories(base);

  // The table: id, quantity, price, a short category string, a date.
  const relsynth::bench::OrdersTable orders = relsynth::bench::make_orders_table(rows);
  const relsynth::Metadata& metadata = orders.metadata;
  const relsynth::TableMeta& meta = metadata.tables[0];
  const relsynth::Table& table = orders.rows;

  std::printf("bench_csv_io: %zu rows, 5 columns (int, int, double, string, date)\n", rows);
  relsynth::DestinationOptions overwrite;
  overwrite.overwrite = true;
  {
    // Streaming in batches, as generation does.
    const Clock start = now();
    auto destination = relsynth::make_csv_destination(out.string(), overwrite);
    destination->begin(metadata);
    for (const relsynth::Table& part : orders.batches) destination->append(meta, part);
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

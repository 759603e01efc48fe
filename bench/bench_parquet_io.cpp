// Parquet connector throughput beside CSV's: writes the orders table (bench/orders_table.h) in
// batches of 65,536 rows, as generation appends them, to a CSV folder and a Parquet folder (snappy,
// then zstd), best of 3, and reads each back whole (describe + read_table); prints MB/s and
// rows/s, wall and CPU, and checks that every read gives the rows written.
//   bench_parquet_io [rows=1000000] [directory=<temp>]
#include <algorithm>
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

namespace {

void write(relsynth::Destination& destination, const OrdersTable& orders) {
  destination.begin(orders.metadata);
  for (const relsynth::Table& part : orders.batches)
    destination.append(orders.metadata.tables[0], part);
  destination.commit();
}

// Reads the folder back; false when the rows differ from those written.
bool read(relsynth::Source& source, const OrdersTable& orders, const char* what, uint64_t bytes) {
  const Clock start = now();
  const relsynth::Metadata described = source.describe();
  const relsynth::Table rows = source.read_table(described.tables[0]);
  report(what, since(start), bytes, orders.rows.num_rows());
  for (size_t c = 0; c < rows.num_columns(); ++c) {
    const relsynth::Column& got = rows.column(c);
    const relsynth::Column& want = orders.rows.column(c);
    if (got.size() != want.size() || got.null_count() != want.null_count()) return false;
    for (size_t row = 0; row < got.size(); ++row)
      if (!got.is_null(row) && got.text_at(row) != want.text_at(row)) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const fs::path base =
      argc > 2 ? fs::path(argv[2])
               : fs::temp_directory_path() /
                     ("relsynth_bench_parquet_" + std::to_string(std::random_device()()));
  fs::create_directories(base);
  const OrdersTable orders = make_orders_table(rows);
  std::printf("bench_parquet_io: %zu rows, 5 columns (int, int, double, string, date)\n", rows);
  relsynth::DestinationOptions overwrite;
  overwrite.overwrite = true;
  bool equal = true;

  // Each write the best of kRuns (the machine may be shared): the least wall and CPU time.
  constexpr int kRuns = 3;
  auto best_of = [&](const char* what, const fs::path& folder, const auto& open) {
    Elapsed best{1e300, 1e300};
    for (int run = 0; run < kRuns; ++run) {
      const Clock start = now();
      auto destination = open();
      write(*destination, orders);
      const Elapsed elapsed = since(start);
      best = {std::min(best.wall, elapsed.wall), std::min(best.cpu, elapsed.cpu)};
    }
    report(what, best, directory_bytes(folder), rows);
  };
  const fs::path csv = base / "csv";
  best_of("CSV write", csv,
          [&] { return relsynth::make_csv_destination(csv.string(), overwrite); });
  for (const char* compression : {"snappy", "zstd"}) {
    const fs::path parquet = base / (std::string("parquet_") + compression);
    best_of((std::string("Parquet write (") + compression + ")").c_str(), parquet, [&] {
      return relsynth::make_parquet_destination(parquet.string(), overwrite, compression);
    });
  }
  {
    auto source = relsynth::make_csv_source(csv.string(), {});
    equal = read(*source, orders, "CSV read", directory_bytes(csv)) && equal;
  }
  for (const char* compression : {"snappy", "zstd"}) {
    const fs::path parquet = base / (std::string("parquet_") + compression);
    auto source = relsynth::make_parquet_source(parquet.string(), {});
    equal = read(*source, orders, (std::string("Parquet read (") + compression + ")").c_str(),
                 directory_bytes(parquet)) &&
            equal;
  }
  std::printf("files: CSV %.1f MB, Parquet %.1f MB (snappy), %.1f MB (zstd); read back %s\n",
              static_cast<double>(directory_bytes(csv)) / 1e6,
              static_cast<double>(directory_bytes(base / "parquet_snappy")) / 1e6,
              static_cast<double>(directory_bytes(base / "parquet_zstd")) / 1e6,
              equal ? "equal" : "DIFFERENT");
  if (argc <= 2) fs::remove_all(base);
  return equal ? 0 : 1;
}

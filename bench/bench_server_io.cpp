// Server connector throughput: writes a narrow 1M-row table to a PostgreSQL or MySQL/MariaDB
// destination, reads it back through the source, prints rows/s as a markdown table row.
// Wall time only: the server's own work runs in another process.
//   bench_server_io URL [rows]   (URL: postgresql://...?schema=S or mysql://.../DB; replaced)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "narrow_table.h"
#include "relsynth/io.h"

using namespace relsynth;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_server_io URL [rows]\n");
    return 2;
  }
  const std::string url = argv[1];
  const size_t rows = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;

  bench::NarrowTable narrow = bench::make_narrow_table(rows);
  const Metadata& metadata = narrow.metadata;
  const TableMeta& meta = metadata.tables.front();
  const Table& table = narrow.rows;

  try {
    DestinationOptions options;
    options.overwrite = true;
    auto start = std::chrono::steady_clock::now();
    {
      auto destination = open_destination(url, options);
      destination->begin(metadata);
      destination->append(meta, table);
      destination->commit();
    }
    const double write_seconds = seconds_since(start);

    start = std::chrono::steady_clock::now();
    auto source = open_source(url);
    Metadata described = source->describe();
    Table back = source->read_table(described.tables.at(0));
    const double read_seconds = seconds_since(start);
    const std::string kind = source->kind();

    // Values compare as text: a server may hand integers and doubles back in its own widths.
    bool equal = back.num_rows() == table.num_rows() && back.num_columns() == table.num_columns();
    for (size_t c = 0; equal && c < table.num_columns(); ++c)
      for (size_t row = 0; equal && row < table.num_rows(); row += 997)
        equal = back.column(c).text_at(row) == table.column(c).text_at(row);

    std::printf("| %s narrow (int id, int, double, text) | %zu | %.0f | %.0f | %s |\n",
                kind.c_str(), rows, rows / write_seconds, rows / read_seconds,
                equal ? "yes" : "NO");
    return equal ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_server_io: %s\n", e.what());
    return 1;
  }
}

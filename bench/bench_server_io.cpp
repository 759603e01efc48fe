// Server connector throughput: writes a narrow 1M-row table to a PostgreSQL or MySQL/MariaDB
// destination, reads it back through the source, prints rows/s as a markdown table row.
// Wall time only: the server's own work runs in another process.
//   bench_server_io URL [rows]   (URL: postgresql://...?schema=S or mysql://.../DB; replaced)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

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

  // The same deterministic values as bench_sqlite_io (a small LCG).
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

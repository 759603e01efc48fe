// Spreadsheet connector throughput beside CSV: writes and reads the narrow table (int, int,
// double, short text) plus a date column as .xlsx, .ods and a CSV folder, and prints rows/s.
//   bench_xlsx_io [rows=100000] [directory=<temp>]
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "narrow_table.h"
#include "relsynth/io.h"

namespace fs = std::filesystem;
using relsynth::Column;
using relsynth::DataType;

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Wall and CPU seconds of `work`: the machine may be shared, and the connectors are
// single-threaded, so the CPU time is what an idle machine's wall time would be.
template <typename Work>
std::pair<double, double> timed(const Work& work) {
  const auto wall = std::chrono::steady_clock::now();
  const double cpu = cpu_seconds();
  work();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(),
          cpu_seconds() - cpu};
}

uint64_t size_of(const fs::path& path) {
  if (fs::is_regular_file(path)) return fs::file_size(path);
  uint64_t total = 0;
  for (const auto& entry : fs::directory_iterator(path))
    if (entry.is_regular_file()) total += entry.file_size();
  return total;
}

// Whether every cell of `read` shows as the same text as `written` (CSV reads dates with their
// layout as format, the spreadsheets without one: the texts agree).
bool same_cells(const relsynth::Table& read, const relsynth::Table& written) {
  if (read.num_rows() != written.num_rows() || read.num_columns() != written.num_columns())
    return false;
  for (size_t c = 0; c < written.num_columns(); ++c)
    for (size_t row = 0; row < written.num_rows(); ++row)
      if (read.column(c).text_at(row) != written.column(c).text_at(row)) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  const fs::path base = argc > 2
                            ? fs::path(argv[2])
                            : fs::temp_directory_path() /
                                  ("relsynth_bench_xlsx_" + std::to_string(std::random_device()()));
  fs::create_directories(base);
  relsynth::bench::NarrowTable narrow = relsynth::bench::make_narrow_table(rows);
  relsynth::TableMeta& meta = narrow.metadata.tables[0];
  relsynth::ColumnMeta day;
  day.name = "day";
  day.type = DataType::Date;
  meta.columns.push_back(day);
  Column& days = narrow.rows.add_column(Column("day", DataType::Date));
  for (size_t row = 0; row < rows; ++row) days.append_int(18000 + static_cast<int64_t>(row % 2000));

  std::printf("bench_xlsx_io: %zu rows, 5 columns (int, int, double, string, date)\n", rows);
  std::printf(
      "| format | size MB | write rows/s (cpu) | read rows/s (cpu, describe + read) | equal |\n");
  std::printf("|---|---|---|---|---|\n");
  relsynth::DestinationOptions overwrite;
  overwrite.overwrite = true;
  for (const char* name : {"csv:out_csv", "out.xlsx", "out.ods"}) {
    const std::string uri = std::string(name).starts_with("csv:")
                                ? "csv:" + (base / "out_csv").string()
                                : (base / name).string();
    const fs::path path = std::string(name).starts_with("csv:") ? base / "out_csv" : base / name;
    const auto write = timed([&] {
      // In batches of 65,536 rows, as generation appends them.
      auto destination = relsynth::open_destination(uri, overwrite);
      destination->begin(narrow.metadata);
      for (size_t begin = 0; begin < rows; begin += 65536)
        destination->append(meta, narrow.rows.slice(begin, std::min(rows, begin + 65536)));
      destination->commit();
    });
    relsynth::Table read;
    const auto reading = timed([&] {
      auto source = relsynth::open_source(uri);
      const relsynth::Metadata described = source->describe();
      read = source->read_table(described.tables[0]);
    });
    const double n = static_cast<double>(rows);
    std::printf("| %s | %.1f | %.0f (%.0f) | %.0f (%.0f) | %s |\n",
                std::string(name).starts_with("csv:") ? "csv" : name + 4,
                static_cast<double>(size_of(path)) / 1e6, n / write.first, n / write.second,
                n / reading.first, n / reading.second,
                same_cells(read, narrow.rows) ? "yes" : "NO");
  }
  if (argc <= 2) fs::remove_all(base);
  return 0;
}

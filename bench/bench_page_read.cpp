// A preview page of a big table (Source::read_page, the web app's output and source previews)
// against reading the whole table and slicing it: writes a narrow table of [rows] rows as SQLite,
// a CSV folder and a Parquet folder, then times, per kind, describe() (the web app keeps its
// result per file version), read_table(), and read_page() of 50 rows at the start, the middle and
// the end. Prints markdown table rows (wall seconds).
//   bench_page_read [rows] [directory]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "io_bench.h"
#include "narrow_table.h"
#include "relsynth/io.h"

using namespace relsynth;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const fs::path directory = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path();
  constexpr size_t kPage = 50;

  bench::NarrowTable narrow = bench::make_narrow_table(rows);
  const TableMeta& meta = narrow.metadata.tables.front();
  std::printf(
      "| kind | rows | describe s | whole table s | page at 0 s | page in the middle s | "
      "last page s | pages equal |\n|---|---|---|---|---|---|---|---|\n");
  int failures = 0;
  for (const auto& [kind, name] : {std::pair{"sqlite", "relsynth_bench_page.sqlite"},
                                   std::pair{"csv", "relsynth_bench_page_csv"},
                                   std::pair{"parquet", "relsynth_bench_page_parquet"}}) {
    const fs::path place = directory / name;
    const std::string uri =
        std::string(kind) == "sqlite" ? place.string() : std::string(kind) + ":" + place.string();
    try {
      DestinationOptions options;
      options.overwrite = true;
      auto destination = open_destination(uri, options);
      destination->begin(narrow.metadata);
      destination->append(meta, narrow.rows);
      destination->commit();

      auto source = open_source(uri);
      auto start = bench::now();
      const Metadata described = source->describe();
      const double describe_seconds = bench::since(start).wall;
      const TableMeta& table = described.tables.front();
      start = bench::now();
      const Table whole = source->read_table(table);
      const double whole_seconds = bench::since(start).wall;
      double page_seconds[3];
      bool equal = true;
      const size_t offsets[3] = {0, rows / 2, rows > kPage ? rows - kPage : 0};
      for (int i = 0; i < 3; ++i) {
        start = bench::now();
        const Table page = source->read_page(table, offsets[i], kPage);
        page_seconds[i] = bench::since(start).wall;
        const size_t end = std::min(rows, offsets[i] + kPage);
        equal = equal && page.num_rows() == end - offsets[i];
        for (size_t c = 0; equal && c < page.num_columns(); ++c)
          for (size_t row = 0; equal && row < page.num_rows(); ++row)
            equal = page.column(c).text_at(row) == whole.column(c).text_at(offsets[i] + row);
      }
      std::printf("| %s | %zu | %.3f | %.3f | %.4f | %.4f | %.4f | %s |\n", kind, rows,
                  describe_seconds, whole_seconds, page_seconds[0], page_seconds[1],
                  page_seconds[2], equal ? "yes" : "NO");
      failures += !equal;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench_page_read (%s): %s\n", kind, e.what());
      ++failures;
    }
    std::error_code ec;
    fs::remove_all(place, ec);
  }
  return failures == 0 ? 0 : 1;
}

// Throughput of the value generators (keys, PII, free text) on real columns.
// Usage: bench_values [datasets_dir] [rows]   (default ../shared/datasets, 1000000)
#include <chrono>
#include <cstdio>
#include <string>

#include "model/value_generator.h"
#include "relsynth/io.h"

using namespace relsynth;

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "../shared/datasets";
  const size_t rows = argc > 2 ? std::stoul(argv[2]) : 1000000;
  struct Case {
    const char* db;
    const char* table;
    const char* column;
    SDType sdtype;
    bool unique;
  };
  const Case cases[] = {
      {"chinook", "Track", "TrackId", SDType::Id, true},
      {"northwind", "Customers", "CustomerID", SDType::Id, true},
      {"chinook", "Customer", "Phone", SDType::Phone, false},
      {"chinook", "Customer", "PostalCode", SDType::PostalCode, false},
      {"chinook", "Customer", "Email", SDType::Email, false},
      {"chinook", "Customer", "Email", SDType::Email, true},
      {"northwind", "Customers", "ContactName", SDType::Name, false},
      {"chinook", "Track", "Composer", SDType::Name, false},
      {"chinook", "Customer", "Address", SDType::Address, false},
      {"chinook", "Customer", "City", SDType::City, false},
      {"northwind", "Customers", "CompanyName", SDType::OtherPii, false},
      {"chinook", "Track", "Name", SDType::Text, false},
  };
  std::printf("%-34s %-10s %12s %10s\n", "column", "sdtype", "fit ms", "Mrows/s");
  for (const Case& c : cases) {
    auto source = open_source(dir + "/" + c.db + ".sqlite");
    const Metadata metadata = source->describe();
    const Table table = source->read_table(metadata.table(c.table));
    const Column& real = table.column(c.column);
    auto generator = c.sdtype == SDType::Id     ? make_key_generator()
                     : c.sdtype == SDType::Text ? make_text_generator()
                                                : make_pii_generator();
    GeneratorOptions options;
    options.unique = c.unique;
    const auto t0 = std::chrono::steady_clock::now();
    generator->fit(real, c.sdtype, options);
    const auto t1 = std::chrono::steady_clock::now();
    Column out("out", generator->type());
    out.reserve(rows);
    for (size_t i = 0; i < rows; ++i) {
      Rng rng(1, 2, i);
      generator->generate(i, rng, out);
    }
    const auto t2 = std::chrono::steady_clock::now();
    const double fit_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    const double gen_s = std::chrono::duration<double>(t2 - t1).count();
    const std::string name = std::string(c.table) + "." + c.column + (c.unique ? " (unique)" : "");
    std::printf("%-34s %-10s %12.2f %10.2f\n", name.c_str(),
                std::string(to_string(c.sdtype)).c_str(), fit_ms, rows / gen_s / 1e6);
  }
  return 0;
}

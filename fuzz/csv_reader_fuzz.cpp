// Fuzz target: a CSV file as `relsynth inspect csv:DIR` reads it: schema, rows, inference, JSON.
#include "fuzz_input.h"
#include "relsynth/error.h"
#include "relsynth/inference.h"
#include "relsynth/io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relsynth;
  fuzz::write_input("t.csv", data, size);
  try {
    auto source = open_source("csv:" + fuzz::scratch().string());
    const Metadata declared = source->describe();
    const Database database = read_database(*source, declared);
    const Inspection inspection = infer_metadata(declared, database);
    (void)to_json(inspection.metadata);
  } catch (const Error&) {
    // bad input, told as such: fine
  }
  return 0;
}

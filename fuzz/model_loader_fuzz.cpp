// Fuzz target: a model file as `relsynth generate MODEL` loads it.
#include "fuzz_input.h"
#include "relsynth/error.h"
#include "relsynth/synth.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relsynth;
  const std::string path = fuzz::write_input("m.rsm", data, size);
  try {
    const Model model = Model::load(path);
    GenerateOptions options;
    (void)estimate_output(model, options);
  } catch (const Error&) {
  }
  return 0;
}

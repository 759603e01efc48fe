// Fuzz target: a metadata file as `-m FILE` reads it (relsynth's format or SDV's), validated and
// written back.
#include <string_view>

#include "fuzz_input.h"
#include "relsynth/error.h"
#include "relsynth/metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relsynth;
  try {
    const Metadata metadata =
        metadata_from_json(std::string_view(reinterpret_cast<const char*>(data), size));
    (void)validate(metadata);
    (void)metadata_from_json(to_json(metadata));
  } catch (const Error&) {
  }
  return 0;
}

#include "cli/commands.h"
#include "core/temp_files.h"

namespace relsynth::cli {

void check_outputs(const std::vector<Place>& places) {
  std::vector<Place> named;
  for (const Place& place : places)
    if (!place.uri.empty()) named.push_back(place);
  check_places_apart(named);
  for (const Place& place : named)
    if (place.output && place.plain_file) {
      check_replaceable_output_file(place.option, place.uri);
      prepare_output_file(place.option, place.uri);
    }
}

}  // namespace relsynth::cli

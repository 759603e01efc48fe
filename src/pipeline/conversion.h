// Copying a database between any two kinds relsynth reads and writes, with the schema the source
// declares (`relsynth convert`, the web app's downloads in another format).
#pragma once

#include <cstdint>
#include <string>

#include "relsynth/io.h"
#include "relsynth/progress.h"

namespace relsynth {

// Copies every table of `source` into `destination` table by table, parents first (one table in
// memory at a time), and commits; aborts the destination on any error. `destination_name` names
// it in the progress ("committing out.xlsx"). Returns the rows copied.
int64_t copy_database(Source& source, Destination& destination, const Metadata& metadata,
                      const std::string& destination_name, Progress& progress);

}  // namespace relsynth

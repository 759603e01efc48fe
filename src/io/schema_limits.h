// What a database server refuses in a schema, checked before any work (Destination::check):
// names longer than it keeps, more columns than a table may have, two columns one name to it.
// Said after training and generating, these cost the whole run; PostgreSQL would even cut a
// long name silently, so the output's table would not be the source's.
#pragma once

#include <cstddef>
#include <string>

#include "relsynth/metadata.h"

namespace relsynth {

struct SchemaLimits {
  std::string server;                // "PostgreSQL", as messages name it
  size_t max_name = 0;               // the longest table or column name kept
  bool name_in_bytes = true;         // max_name counts bytes, else characters
  size_t max_columns = 0;            // per table
  bool columns_ignore_case = false;  // Name and name are one column
};

// Throws InputError naming the table (and column) of the first name or table `limits` refuse.
void check_schema_limits(const Metadata& metadata, const SchemaLimits& limits);

}  // namespace relsynth

// Tables across the Python boundary through the Arrow C Data Interface: a pyarrow Table (from a
// pandas DataFrame) comes in as an ArrowArrayStream capsule (`__arrow_c_stream__`) and is read
// with io/arrow_table; a generated table goes out as a stream capsule that pyarrow imports.
#pragma once

#include <nanobind/nanobind.h>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth::python {

struct TablesIn {
  Metadata declared;  // each table as its Arrow schema describes it (no keys)
  Database data;
};

// `tables`: table name -> an object with __arrow_c_stream__ (a pyarrow Table). Needs the GIL.
TablesIn tables_from_python(const nanobind::dict& tables);

// Each table of `data` (with its metadata in `metadata`) as an ArrowArrayStream capsule, by
// name. Needs the GIL.
nanobind::dict tables_to_python(const Metadata& metadata, const Database& data);

}  // namespace relsynth::python

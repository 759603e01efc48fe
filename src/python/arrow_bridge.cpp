#include "python/arrow_bridge.h"

#include <arrow/api.h>
#include <arrow/c/abi.h>
#include <arrow/c/bridge.h>
#include <nanobind/stl/string.h>

#include <string>

#include "io/arrow_table.h"
#include "relsynth/error.h"

namespace nb = nanobind;

namespace relsynth::python {

namespace {

constexpr const char* kStreamCapsule = "arrow_array_stream";

void release_stream_capsule(PyObject* capsule) {
  auto* stream = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, kStreamCapsule));
  if (!stream) return;
  if (stream->release) stream->release(stream);
  delete stream;
}

}  // namespace

TablesIn tables_from_python(const nb::dict& tables) {
  TablesIn in;
  for (auto [key, value] : tables) {
    const std::string name = nb::cast<std::string>(key);
    nb::object capsule = value.attr("__arrow_c_stream__")();
    auto* stream =
        static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule.ptr(), kStreamCapsule));
    if (!stream) throw nb::python_error();
    // The reader takes the stream over (its release is moved out of the capsule's struct).
    auto reader = arrow::ImportRecordBatchReader(stream);
    throw_if_failed(reader.status(), locate(name));
    std::shared_ptr<arrow::Table> table;
    {
      nb::gil_scoped_release released;
      auto read = (*reader)->ToTable();
      throw_if_failed(read.status(), locate(name));
      table = *read;
    }
    TableMeta meta = describe_arrow_schema(*table->schema(), name);
    meta.row_count = table->num_rows();
    in.data.add_table(from_arrow(*table, meta));
    in.declared.tables.push_back(std::move(meta));
  }
  in.declared.storage_types_known = true;
  in.declared.keys_declared = false;  // DataFrames declare no keys: inference finds them
  return in;
}

nb::dict tables_to_python(const Metadata& metadata, const Database& data) {
  nb::dict out;
  for (const TableMeta& meta : metadata.tables) {
    const Table* table = data.find_table(meta.name);
    if (!table) continue;
    std::shared_ptr<arrow::RecordBatch> batch = to_arrow(meta, *table, metadata.sql_dialect);
    auto reader = arrow::RecordBatchReader::Make({batch}, batch->schema());
    throw_if_failed(reader.status(), locate(meta.name));
    auto* stream = new ArrowArrayStream{};
    const arrow::Status exported = arrow::ExportRecordBatchReader(*reader, stream);
    if (!exported.ok()) {
      delete stream;
      throw_if_failed(exported, locate(meta.name));
    }
    out[nb::str(meta.name.c_str(), meta.name.size())] =
        nb::steal(PyCapsule_New(stream, kStreamCapsule, &release_stream_capsule));
  }
  return out;
}

}  // namespace relsynth::python

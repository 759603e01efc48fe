// How big an output will be, before it is generated: rows from the model's table sizes and the
// scale, bytes from a rough width per column type.
#include <algorithm>
#include <cmath>

#include "relsynth/synth.h"
#include "synth/synthesis_model.h"

namespace relsynth {

namespace {

// Bytes a value of this type takes in a file, roughly (text or SQLite record).
double value_width(const ColumnMeta& column) {
  switch (column.type) {
    case DataType::Bool:
      return 2;
    case DataType::Int64:
    case DataType::Float64:
    case DataType::Decimal:
      return 8;
    case DataType::Date:
    case DataType::Time:
      return 10;
    case DataType::DateTime:
      return 20;
    case DataType::String:
    case DataType::Binary:
      return 16;
  }
  return 8;
}

}  // namespace

OutputEstimate estimate_output(const Model& model, const GenerateOptions& options) {
  const SynthesisModel& impl = model.impl();
  // --rows scales each root to its own count; its children follow, so the largest ratio bounds
  // the rest.
  double ratio = options.scale;
  for (const auto& [name, rows] : options.root_rows) {
    const int t = impl.table_index(name);
    if (t >= 0 && impl.tables[t].real_rows > 0)
      ratio = std::max(ratio, static_cast<double>(rows) / impl.tables[t].real_rows);
  }
  OutputEstimate estimate;
  for (const TableModel& table : impl.tables) {
    const TableMeta& meta = impl.metadata.table(table.name);
    const double rows = table.copied ? table.real_rows : std::ceil(table.real_rows * ratio);
    double width = 2;  // separators, line ends, record headers
    for (const ColumnMeta& column : meta.columns) width += value_width(column) + 1;
    estimate.rows += rows;
    estimate.bytes += rows * width;
  }
  return estimate;
}

}  // namespace relsynth

// The narrow table the connector benchmarks write and read: int id, int, double, short text,
// deterministic pseudo-random values (a small LCG, independent of the library's RNG).
#pragma once

#include <string>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth::bench {

struct NarrowTable {
  Metadata metadata;  // one table "narrow", key "id"
  Table rows{"narrow"};
};

inline NarrowTable make_narrow_table(size_t rows) {
  NarrowTable out;
  TableMeta meta;
  meta.name = "narrow";
  meta.columns.resize(4);
  const char* names[] = {"id", "quantity", "price", "code"};
  const DataType types[] = {DataType::Int64, DataType::Int64, DataType::Float64, DataType::String};
  const char* sql_types[] = {"INTEGER", "INTEGER", "REAL", "TEXT"};
  for (size_t j = 0; j < 4; ++j) {
    meta.columns[j].name = names[j];
    meta.columns[j].type = types[j];
    meta.columns[j].sql_type = sql_types[j];
    out.rows.add_column(Column(names[j], types[j]));
  }
  meta.columns[0].nullable = false;
  meta.primary_key = {"id"};
  out.metadata.tables.push_back(meta);

  for (Column& column : out.rows.columns()) column.reserve(rows);
  uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  static const char* kCodes[] = {"AA", "B7", "C-12", "DD-x", "E", "FF99", "G_g", "HHHH"};
  for (size_t i = 0; i < rows; ++i) {
    out.rows.column(0).append_int(static_cast<int64_t>(i + 1));
    out.rows.column(1).append_int(static_cast<int64_t>(next() % 1000));
    out.rows.column(2).append_double(static_cast<double>(next() % 100000) / 100.0);
    out.rows.column(3).append_string(std::string_view(kCodes[next() % 8]));
  }
  return out;
}

}  // namespace relsynth::bench

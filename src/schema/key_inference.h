// Keys: comparing key values across storage types, uniqueness and containment, and the
// inference of primary and foreign keys for sources that declare none (plain files).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "relsynth/inference.h"
#include "relsynth/metadata.h"
#include "relsynth/table.h"
#include "schema/sdtype_inference.h"

namespace relsynth::inference {

// Appends one row's key tuple to `out` in a form where equal values are equal bytes whatever
// their storage: whole Float64 and whole decimals as integers, Date as DateTime, strings as
// they are. Returns false (and leaves `out` unspecified) when a cell is NULL.
bool encode_key(const std::vector<const Column*>& columns, size_t row, std::string& out);

// Storage types that can hold the same key values (numbers with numbers, text with text).
bool key_types_compatible(DataType a, DataType b);

// True when no row has a NULL in `columns` and no two rows have the same tuple.
bool tuple_unique(const std::vector<const Column*>& columns);

struct Containment {
  int64_t child_rows = 0;    // child rows with every key column non-NULL
  int64_t matched_rows = 0;  // of those, rows whose tuple is in the parent
  int64_t orphan_keys = 0;   // distinct unmatched tuples
  // The unmatched tuples' rows (first child row, rows), most rows first, at most kOrphanExamples.
  std::vector<std::pair<size_t, int64_t>> orphan_examples;
  double share() const { return child_rows ? double(matched_rows) / double(child_rows) : 1.0; }
};
inline constexpr size_t kOrphanExamples = 4;
Containment measure_containment(const std::vector<const Column*>& child,
                                const std::vector<const Column*>& parent);

// The data and profiles of one table, as inference sees it.
struct TableView {
  TableMeta* meta = nullptr;
  const Table* data = nullptr;          // null when the source returned no rows for it
  std::vector<const Column*> columns;   // per metadata column; null when absent from data
  std::vector<ColumnProfile> profiles;  // per metadata column
  size_t rows = 0;
};

// Fills primary keys and foreign keys (with reasons) of tables that have none, from names,
// uniqueness and value containment.
void infer_keys(std::vector<TableView>& tables, const InferOptions& options);

}  // namespace relsynth::inference

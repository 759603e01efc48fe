// The table the file connector benchmarks (CSV, Parquet) write and read: 1M rows of id,
// quantity (5% NULL), price, a category of 7 words and a date, from a fixed seed, and the same
// rows cut in batches of 65,536 as generation appends them.
#pragma once

#include <algorithm>
#include <random>
#include <string_view>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth::bench {

struct OrdersTable {
  Metadata metadata;  // one table "orders", key "id"
  Table rows{"orders"};
  std::vector<Table> batches;
};

inline OrdersTable make_orders_table(size_t rows, size_t batch = 65536) {
  OrdersTable out;
  TableMeta meta;
  meta.name = "orders";
  const char* names[] = {"id", "quantity", "price", "category", "day"};
  const DataType types[] = {DataType::Int64, DataType::Int64, DataType::Float64, DataType::String,
                            DataType::Date};
  for (size_t c = 0; c < 5; ++c) {
    ColumnMeta column;
    column.name = names[c];
    column.type = types[c];
    if (types[c] == DataType::Date) column.format = "%Y-%m-%d";
    meta.columns.push_back(column);
    out.rows.add_column(Column(column.name, column.type, column.format));
  }
  meta.primary_key = {"id"};  // as generation writes it: with the model's keys
  out.metadata.tables.push_back(meta);
  const char* categories[] = {"books", "toys", "garden", "food", "tools", "music", "games"};
  std::mt19937_64 rng(42);
  for (Column& column : out.rows.columns()) column.reserve(rows);
  for (size_t row = 0; row < rows; ++row) {
    out.rows.column(0).append_int(static_cast<int64_t>(row) + 1);
    if (rng() % 20 == 0)
      out.rows.column(1).append_null();
    else
      out.rows.column(1).append_int(static_cast<int64_t>(rng() % 1000));
    out.rows.column(2).append_double(static_cast<double>(rng() % 100000) / 100.0);
    out.rows.column(3).append_string(std::string_view(categories[rng() % 7]));
    out.rows.column(4).append_int(18000 + static_cast<int64_t>(rng() % 2000));
  }
  for (size_t begin = 0; begin < rows; begin += batch)
    out.batches.push_back(out.rows.slice(begin, std::min(rows, begin + batch)));
  return out;
}

}  // namespace relsynth::bench

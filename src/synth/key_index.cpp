#include "synth/key_index.h"

#include <charconv>
#include <cmath>

namespace relsynth {

namespace {

void append_value(const Column& column, size_t row, std::string& out) {
  switch (column.type()) {
    case DataType::Float64: {
      double value = column.double_at(row);
      if (std::floor(value) == value && std::fabs(value) < 9e15) {
        out += std::to_string(static_cast<int64_t>(value));
      } else {
        char buffer[32];
        auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
        out.append(buffer, result.ptr);
      }
      return;
    }
    case DataType::Int64:
    case DataType::Bool:
    case DataType::Date:
    case DataType::DateTime:
    case DataType::Time:
      out += std::to_string(column.int_at(row));
      return;
    default:
      out += column.string_at(row);
  }
}

}  // namespace

bool key_text(const Table& table, const std::vector<int>& columns, size_t row, std::string& out) {
  out.clear();
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& column = table.column(columns[i]);
    if (column.is_null(row)) return false;
    if (i) out += '\x1f';
    append_value(column, row, out);
  }
  return true;
}

KeyIndex::KeyIndex(const Table& table, const std::vector<int>& columns) {
  rows_.reserve(table.num_rows());
  std::string key;
  for (size_t row = 0; row < table.num_rows(); ++row)
    if (key_text(table, columns, row, key)) rows_.emplace(key, static_cast<int64_t>(row));
}

int64_t KeyIndex::find(const std::string& key) const {
  auto it = rows_.find(key);
  return it == rows_.end() ? -1 : it->second;
}

std::vector<int> column_indexes(const Table& table, const std::vector<std::string>& names) {
  std::vector<int> out;
  for (const std::string& name : names) {
    int index = table.column_index(name);
    if (index < 0) (void)table.column(name);  // throws, naming the table and column
    out.push_back(index);
  }
  return out;
}

}  // namespace relsynth

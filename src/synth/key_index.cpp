#include "synth/key_index.h"

#include <charconv>
#include <cmath>

#include "schema/key_inference.h"

namespace relsynth {

bool key_text(const Table& table, const std::vector<int>& columns, size_t row, std::string& out) {
  thread_local std::vector<const Column*> cells;
  cells.clear();
  for (int c : columns) cells.push_back(&table.column(c));
  out.clear();
  return inference::encode_key(cells, row, out);
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

std::vector<int64_t> resolve_foreign_key(const Table& child,
                                         const std::vector<std::string>& child_columns,
                                         const Table& parent,
                                         const std::vector<std::string>& parent_columns) {
  KeyIndex index(parent, column_indexes(parent, parent_columns));
  std::vector<int> columns = column_indexes(child, child_columns);
  std::vector<int64_t> rows(child.num_rows(), kNullKey);
  std::string key;
  for (size_t row = 0; row < rows.size(); ++row) {
    if (!key_text(child, columns, row, key)) continue;
    const int64_t found = index.find(key);
    rows[row] = found >= 0 ? found : kOrphanKey;
  }
  return rows;
}

// Appends `src[row]` to `dst`, converting between storage types of compatible keys.
void append_converted(const Column& src, size_t row, Column& dst) {
  if (src.is_null(row)) return dst.append_null();
  if (src.type() == dst.type() || (holds_integers(src.type()) && holds_integers(dst.type())) ||
      (holds_strings(src.type()) && holds_strings(dst.type())))
    return dst.append_from(src, row);
  if (dst.type() == DataType::Float64) {
    if (holds_integers(src.type())) return dst.append_double(static_cast<double>(src.int_at(row)));
    double value = 0;
    const std::string& text = src.string_at(row);
    std::from_chars(text.data(), text.data() + text.size(), value);
    return dst.append_double(value);
  }
  if (holds_integers(dst.type())) {
    if (src.type() == DataType::Float64) return dst.append_int(std::llround(src.double_at(row)));
    int64_t value = 0;
    const std::string& text = src.string_at(row);
    std::from_chars(text.data(), text.data() + text.size(), value);
    return dst.append_int(value);
  }
  dst.append_string(src.text_at(row));
}

}  // namespace relsynth

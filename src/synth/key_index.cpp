#include "synth/key_index.h"

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

}  // namespace relsynth

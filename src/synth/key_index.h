// Finds rows by the values of their key columns, across storage types (an Int64 key matches
// a Float64 or Decimal foreign key holding the same whole number): the encoding is
// inference::encode_key's.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "relsynth/table.h"

namespace relsynth {

// The canonical key of row `row` of `columns`; false when any of them is NULL.
bool key_text(const Table& table, const std::vector<int>& columns, size_t row, std::string& out);

class KeyIndex {
 public:
  KeyIndex(const Table& table, const std::vector<int>& columns);
  // The first row with this key, or -1.
  int64_t find(const std::string& key) const;

 private:
  std::unordered_map<std::string, int64_t> rows_;
};

// Column indexes of `names` in `table` (throws InputError naming a missing one).
std::vector<int> column_indexes(const Table& table, const std::vector<std::string>& names);

// The parent row each child row references through the foreign key (child columns ->
// parent columns): kNullKey where a column is NULL, kOrphanKey where no parent matches.
inline constexpr int64_t kNullKey = -1;
inline constexpr int64_t kOrphanKey = -2;
std::vector<int64_t> resolve_foreign_key(const Table& child,
                                         const std::vector<std::string>& child_columns,
                                         const Table& parent,
                                         const std::vector<std::string>& parent_columns);

// Appends `src[row]` to `dst`, converting between storage types of compatible keys (an
// integer key to a real or text one, and back).
void append_converted(const Column& src, size_t row, Column& dst);

}  // namespace relsynth

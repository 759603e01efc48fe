// --complete-parents: the rows a child references but its parent table lacks (orphan keys of
// the source: flights to four airports the airports table does not list) are added to the
// parent before training, so the children are linked like any other and keep what depends on
// the parent (distance = f(origin, dest)) instead of a NULL key.
#include <algorithm>
#include <string>
#include <unordered_set>

#include "core/text.h"
#include "model/word_lists.h"
#include "relsynth/error.h"
#include "relsynth/synth.h"
#include "synth/key_index.h"

namespace relsynth {

namespace {

// Whether a column's values must differ from row to row (a donor's would repeat).
bool unique_in(const TableMeta& table, const std::string& name) {
  const ColumnMeta* column = table.find_column(name);
  if ((column && column->unique) || (table.primary_key.size() == 1 && table.primary_key[0] == name))
    return true;
  for (const UniqueConstraint& unique : table.unique_constraints)
    if (unique.columns.size() == 1 && unique.columns[0] == name) return true;
  return false;
}

// Why the missing rows of `parent` cannot be added (empty: they can): a column outside the key
// that must hold a value of its own in every row.
std::string blocker(const TableMeta& parent, const ForeignKey& fk, const Table& rows) {
  auto in_key = [&](const std::string& name) {
    return std::find(fk.parent_columns.begin(), fk.parent_columns.end(), name) !=
           fk.parent_columns.end();
  };
  for (const ColumnMeta& column : parent.columns) {
    if (in_key(column.name) || column.nullable) continue;
    const bool primary = parent.primary_key.size() == 1 && parent.primary_key[0] == column.name;
    if (primary && holds_integers(column.type)) continue;  // numbered on from the largest
    if (column.unique || primary)
      return "its column " + quote_name(column.name) + " must be unique and not NULL";
    if (rows.num_rows() == 0) return "its column " + quote_name(column.name) + " may not be NULL";
  }
  return "";
}

// Adds one row of `parent` per missing key of `child` through `fk`; returns how many.
int64_t add_missing_rows(const TableMeta& parent_meta, const ForeignKey& fk, const Table& child,
                         Table& parent, std::vector<std::string>& notes) {
  const std::vector<int64_t> resolved =
      resolve_foreign_key(child, fk.columns, parent, fk.parent_columns);
  const std::vector<int> key_columns = column_indexes(child, fk.columns);
  std::vector<size_t> missing;  // the first row of each missing key
  std::unordered_set<std::string> seen;
  std::string key;
  int64_t orphan_rows = 0;
  for (size_t row = 0; row < resolved.size(); ++row) {
    if (resolved[row] != kOrphanKey) continue;
    ++orphan_rows;
    key.clear();
    key_text(child, key_columns, row, key);
    if (seen.insert(key).second) missing.push_back(row);
  }
  if (missing.empty()) return 0;
  const std::string what = child.name() + "(" + join(fk.columns) + ") -> " + parent.name() + ": ";
  if (const std::string why = blocker(parent_meta, fk, parent); !why.empty()) {
    notes.push_back(what + "the missing rows are not added: " + why);
    return 0;
  }
  const size_t first = parent.num_rows();
  // Each added row takes its other columns from one existing row, its donor, picked by a hash
  // of its key: it looks like the other parents (values the model learns anyway, in the
  // combinations they come in, its own keys to further parents valid), not a row of NULLs.
  std::vector<size_t> donors;
  for (size_t row : missing) {
    key.clear();
    key_text(child, key_columns, row, key);
    donors.push_back(first == 0 ? 0 : static_cast<size_t>(text::hash_string(key, 0) % first));
  }
  for (size_t c = 0; c < parent.num_columns(); ++c) {
    Column& column = parent.column(c);
    const ColumnMeta* meta = parent_meta.find_column(column.name());
    const auto at = std::find(fk.parent_columns.begin(), fk.parent_columns.end(), column.name());
    const bool primary =
        parent_meta.primary_key.size() == 1 && parent_meta.primary_key[0] == column.name();
    if (at != fk.parent_columns.end()) {
      const Column& from = child.column(fk.columns[at - fk.parent_columns.begin()]);
      for (size_t row : missing) append_converted(from, row, column);
    } else if (primary && holds_integers(column.type())) {
      int64_t largest = 0;
      for (size_t row = 0; row < first; ++row)
        if (!column.is_null(row)) largest = std::max(largest, column.int_at(row));
      for (size_t i = 0; i < missing.size(); ++i)
        column.append_int(largest + 1 + static_cast<int64_t>(i));
    } else if (first == 0 || !meta || unique_in(parent_meta, column.name())) {
      for (size_t i = 0; i < missing.size(); ++i) column.append_null();  // nullable (blocker)
    } else {  // the donor's value (copied first: appending may move the column)
      Column values(column.name(), column.type(), column.format());
      for (size_t donor : donors) values.append_from(column, donor);
      for (size_t i = 0; i < missing.size(); ++i) column.append_from(values, i);
    }
  }
  std::string examples;
  for (size_t i = 0; i < missing.size() && i < 4; ++i) {
    std::string values;
    for (const std::string& name : fk.parent_columns)
      values += (values.empty() ? "" : ", ") + parent.column(name).text_at(first + i);
    examples += (i ? ", " : "") + (fk.columns.size() > 1 ? "(" + values + ")" : values);
  }
  notes.push_back(what + "added " + with_commas(static_cast<int64_t>(missing.size())) +
                  " missing " + parent.name() + " rows for " + with_commas(orphan_rows) +
                  " rows (" + examples + (missing.size() > 4 ? ", ..." : "") +
                  "), their other columns from existing rows");
  return static_cast<int64_t>(missing.size());
}

}  // namespace

std::vector<std::string> complete_parents(const Metadata& metadata, Database& data) {
  std::vector<std::string> notes;
  // An added row's own keys may dangle in turn (a weather reading's airport): repeat until
  // none is added, at most once per table and once more.
  for (size_t pass = 0; pass <= metadata.tables.size(); ++pass) {
    int64_t added = 0;
    for (const TableMeta& child_meta : metadata.tables) {
      const Table* child = data.find_table(child_meta.name);
      if (!child) continue;
      for (const ForeignKey& fk : child_meta.foreign_keys) {
        const TableMeta* parent_meta = metadata.find_table(fk.parent_table);
        Table* parent = data.find_table(fk.parent_table);
        if (!parent_meta || !parent || parent == child) continue;  // self-references: not here
        added += add_missing_rows(*parent_meta, fk, *child, *parent, notes);
      }
    }
    if (added == 0) break;
  }
  return notes;
}

}  // namespace relsynth

// Reading chosen rows (RowSelection, io.h): the exact match in memory, and the SQL predicates
// with which a server sends only those rows (or a few more) instead of the whole table.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "relsynth/io.h"

namespace relsynth {

// Which rows of `table` `selection` selects, and those rows, in table order.
std::vector<bool> selected_rows(const Table& table, const RowSelection& selection);
Table select_rows(const Table& table, const RowSelection& selection);

// A table with `meta`'s columns and no rows.
Table empty_table(const TableMeta& meta);

struct SelectionDialect {
  char quote = '"';                // identifier quote
  bool backslash_escapes = false;  // MySQL: a backslash in a string literal escapes
  bool tuple_values = true;        // (a, b) IN (VALUES (..), ..) rather than IN ((..), ..)
  // PostgreSQL: each selection column's type, cast to in the first VALUES row so the row
  // values compare with the columns (a uuid or a date against text would not).
  std::vector<std::string> casts;
};

// WHERE conditions, each under about `max_bytes` of SQL, whose results together hold every
// row `selection` selects (and perhaps some it does not: pass them through select_rows).
std::vector<std::string> selection_predicates(const RowSelection& selection,
                                              const SelectionDialect& dialect,
                                              size_t max_bytes = size_t{1} << 22);

// Source::read_rows for an SQL source: `read_where(condition)` reads the table's rows that
// meet an SQL condition; it is called once per predicate and the results are matched exactly.
Table read_selected_rows(const TableMeta& meta, const RowSelection& selection,
                         const SelectionDialect& dialect,
                         const std::function<Table(const std::string&)>& read_where);

}  // namespace relsynth

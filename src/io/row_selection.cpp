#include "io/row_selection.h"

#include <map>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/sql_lexer.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

// One row's values of `columns`, as a string equal for equal tuples (NULL distinct from "").
std::string tuple_key(const std::vector<const Column*>& columns, size_t row) {
  std::string key;
  for (const Column* column : columns) {
    if (column->is_null(row)) {
      key += '\x01';
    } else {
      key += '\x02';
      key += column->text_at(row);
    }
    key += '\x1f';
  }
  return key;
}

std::vector<const Column*> columns_of(const Table& table, const std::vector<std::string>& names) {
  std::vector<const Column*> columns;
  for (const std::string& name : names) columns.push_back(&table.column(name));
  return columns;
}

std::string literal(const Column& column, size_t row, const SelectionDialect& dialect) {
  switch (column.type()) {
    case DataType::Int64:
    case DataType::Float64:
      return column.text_at(row);
    case DataType::Bool:
      return column.int_at(row) ? "TRUE" : "FALSE";
    default:
      break;
  }
  std::string text = column.text_at(row);
  if (column.type() == DataType::Decimal && sql::is_numeric_literal(text)) return text;
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    if (c == '\\' && dialect.backslash_escapes) out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

Table empty_table(const TableMeta& meta) {
  Table table(meta.name);
  for (const ColumnMeta& column : meta.columns)
    table.add_column(Column(column.name, column.type, column.format));
  return table;
}

std::vector<bool> selected_rows(const Table& table, const RowSelection& selection) {
  std::unordered_map<std::string, int64_t> wanted;
  const auto key_columns = columns_of(selection.keys, selection.columns);
  for (size_t row = 0; row < selection.keys.num_rows(); ++row)
    ++wanted[tuple_key(key_columns, row)];
  const auto columns = columns_of(table, selection.columns);
  std::vector<bool> keep(table.num_rows(), false);
  for (size_t row = 0; row < table.num_rows(); ++row) {
    auto it = wanted.find(tuple_key(columns, row));
    if (it != wanted.end() && it->second > 0) {
      keep[row] = true;
      --it->second;
    }
  }
  return keep;
}

Table select_rows(const Table& table, const RowSelection& selection) {
  return table.filter(selected_rows(table, selection));
}

std::vector<std::string> selection_predicates(const RowSelection& selection,
                                              const SelectionDialect& dialect, size_t max_bytes) {
  const size_t width = selection.columns.size();
  if (width == 0) throw std::logic_error("a row selection needs at least one column");
  const auto columns = columns_of(selection.keys, selection.columns);
  auto quoted = [&](size_t i) {
    return sql::quote_identifier(selection.columns[i], dialect.quote);
  };

  // Distinct tuples, grouped by which of their values are NULL: those columns become IS NULL
  // conditions and the others an IN list.
  std::map<std::vector<bool>, std::vector<size_t>> groups;
  std::unordered_set<std::string> seen;
  for (size_t row = 0; row < selection.keys.num_rows(); ++row) {
    if (!seen.insert(tuple_key(columns, row)).second) continue;
    std::vector<bool> nulls(width);
    for (size_t i = 0; i < width; ++i) nulls[i] = columns[i]->is_null(row);
    groups[nulls].push_back(row);
  }

  std::vector<std::string> predicates;
  for (const auto& [nulls, rows] : groups) {
    std::string fixed;  // the IS NULL part
    std::vector<size_t> listed;
    for (size_t i = 0; i < width; ++i) {
      if (nulls[i])
        fixed += (fixed.empty() ? "" : " AND ") + quoted(i) + " IS NULL";
      else
        listed.push_back(i);
    }
    if (listed.empty()) {
      predicates.push_back(fixed);
      continue;
    }
    const bool tuple = listed.size() > 1;
    std::string head = fixed.empty() ? "" : fixed + " AND ";
    if (tuple) {
      head += "(";
      for (size_t k = 0; k < listed.size(); ++k) head += (k ? ", " : "") + quoted(listed[k]);
      head += ")";
    } else {
      head += quoted(listed[0]);
    }
    head += tuple && dialect.tuple_values ? " IN (VALUES " : " IN (";

    // VALUES takes its column types from its rows: the first row of each list says which.
    auto item_of = [&](size_t row, bool first) {
      std::string item = tuple ? "(" : "";
      for (size_t k = 0; k < listed.size(); ++k) {
        const size_t i = listed[k];
        item += (k ? ", " : "") + literal(*columns[i], row, dialect);
        if (tuple && dialect.tuple_values && first && i < dialect.casts.size() &&
            !dialect.casts[i].empty())
          item += "::" + dialect.casts[i];
      }
      return tuple ? item + ")" : item;
    };
    std::string sql;
    for (size_t row : rows) {
      std::string item = item_of(row, sql.empty());
      if (!sql.empty() && sql.size() + item.size() > max_bytes) {
        predicates.push_back(sql + ")");
        sql.clear();
        item = item_of(row, true);
      }
      sql += sql.empty() ? head : ", ";
      sql += item;
    }
    if (!sql.empty()) predicates.push_back(sql + ")");
  }
  return predicates;
}

Table read_selected_rows(const TableMeta& meta, const RowSelection& selection,
                         const SelectionDialect& dialect,
                         const std::function<Table(const std::string&)>& read_where) {
  Table rows = empty_table(meta);
  for (const std::string& predicate : selection_predicates(selection, dialect)) {
    Table part = read_where(predicate);
    if (rows.num_rows() == 0) {
      rows = std::move(part);
      continue;
    }
    for (size_t j = 0; j < rows.num_columns(); ++j)
      for (size_t row = 0; row < part.num_rows(); ++row)
        rows.column(j).append_from(part.column(j), row);
  }
  return select_rows(rows, selection);
}

}  // namespace relsynth

// --train-rows: a referentially consistent subset of a big source.
//
// 1. Each table gets a primary foreign key: the one to its deepest parent (self-references
//    and cycle edges excluded) among those whose children spread over enough parent rows that
//    sampling parents keeps a fair share of them (weather under its 3 airports does not).
//    Tables without one are roots.
// 2. Root rows are sampled with probability p = target / total rows (keyed by seed and row).
//    A table with no primary foreign key whose rows are many per parent of another one (a few
//    stations' readings) holds series: its rows are sampled in blocks of consecutive times,
//    the same blocks for every parent (see sample_blocks), so each kept series keeps its steps.
// 3. Going down, a row is kept when its primary parent row is kept; rows whose primary key
//    is NULL or an orphan are sampled with probability p.
// 4. Closure: every parent row that a kept row references through any foreign key is kept
//    too, repeated until nothing changes, so the subset has no orphan the source lacked.
//
// Only key columns take part, so a source is subset in two passes (read_subset): the key
// columns of every table, then just the chosen rows, which SQL sources select in SQL.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/random.h"
#include "io/row_selection.h"
#include "relsynth/error.h"
#include "relsynth/synth.h"
#include "synth/key_index.h"

namespace relsynth {

namespace {

// Sampling parents keeps a fair share of the children only when the children are spread over
// this many kept parent rows at least (counted as (sum c)^2 / sum c^2 of children counts c).
constexpr double kMinKeptParents = 30;

// A parent with this many rows on average holds series worth keeping in blocks.
constexpr double kMinSeriesRows = 10;
// Blocks are sized so that about this many are kept, and hold at least kMinBlockTimes times.
constexpr double kKeptBlocks = 32;
constexpr double kMinBlockTimes = 10;

double effective_parents(const std::vector<int64_t>& parent_rows, size_t parent_count) {
  std::vector<double> children(parent_count, 0.0);
  for (int64_t row : parent_rows)
    if (row >= 0) children[static_cast<size_t>(row)] += 1;
  double sum = 0, squares = 0;
  for (double c : children) {
    sum += c;
    squares += c * c;
  }
  return squares > 0 ? sum * sum / squares : 0;
}

double rows_per_parent(const std::vector<int64_t>& parent_rows) {
  std::set<int64_t> distinct;
  size_t linked = 0;
  for (int64_t row : parent_rows)
    if (row >= 0) {
      distinct.insert(row);
      ++linked;
    }
  return distinct.empty() ? 0 : static_cast<double>(linked) / static_cast<double>(distinct.size());
}

// Orders rows by the values of `columns`, NULL first.
bool row_less(const std::vector<const Column*>& columns, size_t a, size_t b) {
  for (const Column* column : columns) {
    const bool null_a = column->is_null(a), null_b = column->is_null(b);
    if (null_a || null_b) {
      if (null_a != null_b) return null_a;
      continue;
    }
    if (holds_strings(column->type())) {
      if (column->string_at(a) != column->string_at(b))
        return column->string_at(a) < column->string_at(b);
    } else if (holds_integers(column->type())) {
      if (column->int_at(a) != column->int_at(b)) return column->int_at(a) < column->int_at(b);
    } else if (column->double_at(a) != column->double_at(b)) {
      return column->double_at(a) < column->double_at(b);
    }
  }
  return false;
}

// Which rows of a series table are kept: its rows in the order of their times (the sequence
// key; else the primary key's columns outside `series_fk`, e.g. year, month, day, hour; else
// row order) are cut into blocks of consecutive times, each kept with probability p, keyed
// by seed and block. Every parent shares the blocks, so the kept series still meet at their
// common times, as the whole table's do.
std::vector<bool> sample_blocks(const TableMeta& meta, const Table& table,
                                const ForeignKey& series_fk, double p, uint64_t seed, size_t t) {
  std::vector<const Column*> time;
  if (!meta.sequence_key.empty() && table.find_column(meta.sequence_key)) {
    time.push_back(table.find_column(meta.sequence_key));
  } else {
    for (const std::string& name : meta.primary_key)
      if (std::find(series_fk.columns.begin(), series_fk.columns.end(), name) ==
              series_fk.columns.end() &&
          table.find_column(name))
        time.push_back(table.find_column(name));
  }
  const size_t n = table.num_rows();
  std::vector<size_t> order(n);
  for (size_t row = 0; row < n; ++row) order[row] = row;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return row_less(time, a, b); });
  std::vector<size_t> rank(n);  // of each row's time among the distinct times
  for (size_t i = 1; i < n; ++i)
    rank[order[i]] =
        rank[order[i - 1]] + (time.empty() || row_less(time, order[i - 1], order[i]) ? 1 : 0);
  const size_t distinct = n > 0 ? rank[order[n - 1]] + 1 : 0;
  const size_t block_times = static_cast<size_t>(
      std::max(kMinBlockTimes, std::ceil(static_cast<double>(distinct) * p / kKeptBlocks)));
  std::vector<bool> keep(n, false);
  for (size_t row = 0; row < n; ++row) {
    Rng rng(seed, 0xb10c5, t, rank[row] / block_times);
    keep[row] = rng.uniform() < p;
  }
  return keep;
}

// Which rows of each table of `metadata` the subset keeps; `data` needs only the key columns
// (and a declared sequence key).
std::vector<std::vector<bool>> subset_masks(const Metadata& metadata, const Database& data,
                                            int64_t target_rows, uint64_t seed) {
  const int64_t total = static_cast<int64_t>(data.total_rows());
  const double p = static_cast<double>(target_rows) / static_cast<double>(total);
  KeyGraph graph = build_key_graph(metadata);
  std::set<std::pair<std::string, size_t>> deferred(graph.cycle_breaks.begin(),
                                                    graph.cycle_breaks.end());
  const size_t n = metadata.tables.size();
  auto index_of = [&](const std::string& name) {
    for (size_t i = 0; i < n; ++i)
      if (metadata.tables[i].name == name) return i;
    throw InputError(locate(name) + ": no such table");
  };

  std::vector<std::vector<bool>> keep(n);
  std::vector<int> depth(n, 0);
  // Which parent row each row references through each foreign key (-1: none).
  std::vector<std::vector<std::vector<int64_t>>> parents(n);
  for (const std::string& name : graph.topological_order) {
    size_t t = index_of(name);
    const TableMeta& meta = metadata.tables[t];
    const Table& table = data.table(name);
    parents[t].resize(meta.foreign_keys.size());
    int primary = -1, series = -1;
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
      const ForeignKey& fk = meta.foreign_keys[f];
      parents[t][f] =
          resolve_foreign_key(table, fk.columns, data.table(fk.parent_table), fk.parent_columns);
      size_t p_index = index_of(fk.parent_table);
      if (p_index == t || deferred.count({name, f})) continue;
      depth[t] = std::max(depth[t], depth[p_index] + 1);
      if (effective_parents(parents[t][f], keep[p_index].size()) * p < kMinKeptParents) {
        if (series < 0 && rows_per_parent(parents[t][f]) >= kMinSeriesRows)
          series = static_cast<int>(f);
        continue;
      }
      if (primary < 0 || depth[p_index] > depth[index_of(meta.foreign_keys[primary].parent_table)])
        primary = static_cast<int>(f);
    }
    keep[t].assign(table.num_rows(), false);
    std::vector<bool> blocks;
    if (primary < 0 && series >= 0)
      blocks = sample_blocks(meta, table, meta.foreign_keys[series], p, seed, t);
    for (size_t row = 0; row < table.num_rows(); ++row) {
      int64_t parent_row = primary >= 0 ? parents[t][primary][row] : -1;
      if (parent_row >= 0) {
        keep[t][row] = keep[index_of(meta.foreign_keys[primary].parent_table)][parent_row];
      } else if (!blocks.empty()) {
        keep[t][row] = blocks[row];
      } else {
        Rng rng(seed, 0x5ab5e7, t, row);
        keep[t][row] = rng.uniform() < p;
      }
    }
  }
  // Closure over every foreign key.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t t = 0; t < n; ++t) {
      const TableMeta& meta = metadata.tables[t];
      for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
        size_t p_index = index_of(meta.foreign_keys[f].parent_table);
        for (size_t row = 0; row < keep[t].size(); ++row) {
          int64_t parent_row = parents[t][f][row];
          if (keep[t][row] && parent_row >= 0 && !keep[p_index][parent_row]) {
            keep[p_index][parent_row] = true;
            changed = true;
          }
        }
      }
    }
  }
  return keep;
}

size_t count_kept(const std::vector<bool>& keep) {
  return static_cast<size_t>(std::count(keep.begin(), keep.end(), true));
}

}  // namespace

Database subset_database(const Metadata& metadata, const Database& data, int64_t target_rows,
                         uint64_t seed) {
  if (target_rows <= 0 || target_rows >= static_cast<int64_t>(data.total_rows())) return data;
  const auto keep = subset_masks(metadata, data, target_rows, seed);
  Database out;
  for (size_t t = 0; t < metadata.tables.size(); ++t)
    out.add_table(data.table(metadata.tables[t].name).filter(keep[t]));
  return out;
}

HoldoutSplit split_holdout(const Metadata& metadata, const Database& data, double fraction,
                           uint64_t seed) {
  const double total = static_cast<double>(data.total_rows());
  HoldoutSplit split;
  if (total == 0) {
    split.training = split.holdout = data;
    return split;
  }
  const auto keep =
      subset_masks(metadata, data, static_cast<int64_t>((1 - fraction) * total), seed ^ 0x401d07);
  for (size_t t = 0; t < metadata.tables.size(); ++t) {
    const Table& table = data.table(metadata.tables[t].name);
    std::vector<bool> held(keep[t].size());
    for (size_t row = 0; row < held.size(); ++row) held[row] = !keep[t][row];
    split.training.add_table(table.filter(keep[t]));
    split.holdout.add_table(table.filter(held));
  }
  return split;
}

Database read_subset(Source& source, const Metadata& metadata, int64_t target_rows, uint64_t seed,
                     const std::function<void(const std::string&)>& on_table,
                     std::map<std::string, int64_t>* source_rows) {
  // Pass 1: the key columns, those of primary keys, foreign keys and referenced parent keys.
  std::map<std::string, std::set<std::string>> key_columns;
  for (const TableMeta& table : metadata.tables) {
    key_columns[table.name].insert(table.primary_key.begin(), table.primary_key.end());
    if (!table.sequence_key.empty()) key_columns[table.name].insert(table.sequence_key);
    for (const ForeignKey& fk : table.foreign_keys) {
      key_columns[table.name].insert(fk.columns.begin(), fk.columns.end());
      key_columns[fk.parent_table].insert(fk.parent_columns.begin(), fk.parent_columns.end());
    }
  }
  Database keys;
  std::vector<TableMeta> key_metas;
  for (const TableMeta& table : metadata.tables) {
    if (on_table) on_table(table.name);
    TableMeta narrow = table;
    const auto& wanted = key_columns[table.name];
    if (!wanted.empty()) {  // a table without keys links nothing: it is read whole
      narrow.columns.clear();
      for (const ColumnMeta& column : table.columns)
        if (wanted.count(column.name)) narrow.columns.push_back(column);
    }
    keys.add_table(source.read_table(narrow));
    key_metas.push_back(std::move(narrow));
    if (source_rows)
      (*source_rows)[table.name] = static_cast<int64_t>(keys.table(table.name).num_rows());
  }
  if (target_rows <= 0 || target_rows >= static_cast<int64_t>(keys.total_rows()))
    return read_database(source, metadata, on_table);
  const auto keep = subset_masks(metadata, keys, target_rows, seed);

  // Pass 2: the kept rows, named by their primary key (or, without one, by all their keys).
  Database out;
  for (size_t t = 0; t < metadata.tables.size(); ++t) {
    const TableMeta& table = metadata.tables[t];
    if (on_table) on_table(table.name);
    const Table& narrow = keys.table(table.name);
    const size_t kept = count_kept(keep[t]);
    if (key_columns[table.name].empty()) {
      out.add_table(narrow.filter(keep[t]));
    } else if (kept == narrow.num_rows()) {
      out.add_table(source.read_table(table));
    } else {
      RowSelection selection;
      if (!table.primary_key.empty()) {
        selection.columns = table.primary_key;
      } else {
        for (const ColumnMeta& column : key_metas[t].columns)
          selection.columns.push_back(column.name);
      }
      Table chosen = narrow.filter(keep[t]);
      for (const std::string& name : selection.columns)
        selection.keys.add_column(chosen.column(name));
      // Most of a table is cheaper read whole than named key by key.
      out.add_table(2 * kept > narrow.num_rows() ? select_rows(source.read_table(table), selection)
                                                 : source.read_rows(table, selection));
    }
  }
  return out;
}

}  // namespace relsynth

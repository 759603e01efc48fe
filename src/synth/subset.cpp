// --train-rows: a referentially consistent subset of a big source.
//
// 1. Each table gets a primary foreign key: the one to its deepest parent (self-references
//    and cycle edges excluded). Tables without one are roots.
// 2. Root rows are sampled with probability p = target / total rows (keyed by seed and row).
// 3. Going down, a row is kept when its primary parent row is kept; rows whose primary key
//    is NULL or an orphan are sampled with probability p.
// 4. Closure: every parent row that a kept row references through any foreign key is kept
//    too, repeated until nothing changes, so the subset has no orphan the source lacked.
#include <set>

#include "core/random.h"
#include "relsynth/error.h"
#include "relsynth/synth.h"
#include "synth/key_index.h"

namespace relsynth {

Database subset_database(const Metadata& metadata, const Database& data, int64_t target_rows,
                         uint64_t seed) {
  const int64_t total = static_cast<int64_t>(data.total_rows());
  if (target_rows <= 0 || target_rows >= total) return data;
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
    int primary = -1;
    for (size_t f = 0; f < meta.foreign_keys.size(); ++f) {
      const ForeignKey& fk = meta.foreign_keys[f];
      parents[t][f] =
          resolve_foreign_key(table, fk.columns, data.table(fk.parent_table), fk.parent_columns);
      size_t p_index = index_of(fk.parent_table);
      if (p_index == t || deferred.count({name, f})) continue;
      if (primary < 0 || depth[p_index] > depth[index_of(meta.foreign_keys[primary].parent_table)])
        primary = static_cast<int>(f);
      depth[t] = std::max(depth[t], depth[p_index] + 1);
    }
    keep[t].assign(table.num_rows(), false);
    for (size_t row = 0; row < table.num_rows(); ++row) {
      int64_t parent_row = primary >= 0 ? parents[t][primary][row] : -1;
      if (parent_row >= 0) {
        keep[t][row] = keep[index_of(meta.foreign_keys[primary].parent_table)][parent_row];
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
  Database out;
  for (size_t t = 0; t < n; ++t) {
    out.add_table(data.table(metadata.tables[t].name).filter(keep[t]));
  }
  return out;
}

}  // namespace relsynth

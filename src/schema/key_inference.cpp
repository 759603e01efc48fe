#include "schema/key_inference.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace relsynth::inference {

namespace {

constexpr size_t kUniquePrefilterRows = 4096;  // a duplicate is usually found among these
constexpr size_t kMaxCompositeColumns = 4;     // larger keys are not "evident"
constexpr size_t kMaxCompositeCandidates = 10;
constexpr double kStrongNameSlack = 0.25;  // containment forgiven to an exact name match
constexpr int64_t kMicrosPerDay = 86'400'000'000;

void append_int(std::string& out, char tag, int64_t value) {
  out += tag;
  char bytes[8];
  std::memcpy(bytes, &value, 8);
  out.append(bytes, 8);
}

void append_bytes(std::string& out, char tag, std::string_view value) {
  out += tag;
  const uint32_t size = static_cast<uint32_t>(value.size());
  char bytes[4];
  std::memcpy(bytes, &size, 4);
  out.append(bytes, 4);
  out.append(value);
}

// "12", "-3.000" -> integer; anything else is kept as text.
bool whole_decimal(std::string_view text, int64_t& value) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  const size_t begin = i;
  int64_t result = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (i - begin >= 18) return false;
    result = result * 10 + (text[i++] - '0');
  }
  if (i == begin) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] == '0') ++i;
  }
  if (i != text.size()) return false;
  value = negative ? -result : result;
  return true;
}

enum class KeyKind { Number, Text, Temporal, Bool, Bytes };

KeyKind key_kind(DataType type) {
  switch (type) {
    case DataType::Int64:
    case DataType::Float64:
    case DataType::Decimal:
      return KeyKind::Number;
    case DataType::String:
      return KeyKind::Text;
    case DataType::Date:
    case DataType::DateTime:
    case DataType::Time:
      return KeyKind::Temporal;
    case DataType::Bool:
      return KeyKind::Bool;
    case DataType::Binary:
      return KeyKind::Bytes;
  }
  return KeyKind::Bytes;
}

// ---- names ----

// Normalised variants of a table name: "Categories" -> {categories, category};
// "Order Details" -> {orderdetails, orderdetail}.
std::vector<std::string> table_stems(const std::string& table) {
  const std::string n = normalize_name(table);
  std::vector<std::string> stems{n};
  auto add = [&](std::string s) {
    if (s.size() >= 2 && std::find(stems.begin(), stems.end(), s) == stems.end())
      stems.push_back(std::move(s));
  };
  if (n.ends_with("ies")) add(n.substr(0, n.size() - 3) + "y");
  if (n.ends_with("es")) add(n.substr(0, n.size() - 2));
  if (n.ends_with("s") && !n.ends_with("ss")) add(n.substr(0, n.size() - 1));
  return stems;
}

bool is_generic_key_name(const std::string& normalized) {
  return normalized == "id" || normalized == "key" || normalized == "code" || normalized == "pk" ||
         normalized == "uuid" || normalized == "guid";
}

// The column names a table would give its own identifier: id, <table>id, <table>_key, ...
bool is_own_id_name(const std::vector<std::string>& stems, const std::string& column) {
  const std::string n = normalize_name(column);
  if (is_generic_key_name(n)) return true;
  for (const std::string& stem : stems)
    for (const char* suffix : {"id", "key", "code", "pk", "uuid", "no"})
      if (n == stem + suffix) return true;
  return false;
}

bool is_self_reference_name(const NameInfo& name) {
  static const char* kWords[] = {"reports",  "manager",   "parent",    "supervisor",  "boss",
                                 "mentor",   "referred",  "referrer",  "predecessor", "successor",
                                 "superior", "reportsto", "managerid", "parentid"};
  for (const char* word : kWords)
    if (name.has(word) || name.joined == word) return true;
  return false;
}

// Columns that could hold key values: integers or short text without spaces.
bool key_eligible(const ColumnProfile& p) {
  if (p.type == DataType::Int64) return true;
  if (p.type == DataType::String)  // short words, not emails, links or phone numbers
    return p.non_null == 0 || (p.space_share <= 0.0 && p.avg_length <= 40.0 &&
                               p.email_share < 0.5 && p.url_share < 0.5 && p.phone_share < 0.5);
  return false;
}

struct KeyInference {
  std::vector<TableView>& tables;
  const InferOptions& options;
  std::vector<std::vector<std::string>> stems;
  std::vector<std::vector<NameInfo>> names;
  // Encoded parent key sets, built once per (table, columns).
  std::unordered_map<std::string, std::unordered_set<std::string>> parent_sets;
  std::unordered_map<std::string, std::unordered_map<std::string, int64_t>> child_keys;

  KeyInference(std::vector<TableView>& t, const InferOptions& o) : tables(t), options(o) {
    for (const TableView& table : tables) {
      stems.push_back(table_stems(table.meta->name));
      std::vector<NameInfo> table_names;
      for (const ColumnMeta& column : table.meta->columns)
        table_names.push_back(analyze_name(column.name));
      names.push_back(std::move(table_names));
    }
  }

  std::vector<const Column*> columns_of(size_t t, const std::vector<std::string>& cols) const {
    std::vector<const Column*> out;
    for (const std::string& name : cols) {
      const int index = tables[t].meta->column_index(name);
      out.push_back(index < 0 ? nullptr : tables[t].columns[index]);
    }
    return out;
  }

  static bool all_present(const std::vector<const Column*>& columns) {
    return std::all_of(columns.begin(), columns.end(),
                       [](const Column* c) { return c != nullptr; });
  }

  // The column is the own identifier name of some other table.
  bool names_other_table(size_t t, size_t c) const {
    const std::string& column = tables[t].meta->columns[c].name;
    const std::string n = normalize_name(column);
    if (is_generic_key_name(n)) return false;
    for (size_t u = 0; u < tables.size(); ++u)
      if (u != t && is_own_id_name(stems[u], column)) return true;
    return false;
  }

  bool id_named(size_t t, size_t c) const {
    return is_id_like_name(names[t][c]) || names_other_table(t, c);
  }

  // Every column names a key, and none is the table's own id: a link (many-to-many) table.
  bool is_link_table(size_t t) const {
    const TableMeta& meta = *tables[t].meta;
    if (meta.columns.size() < 2) return false;
    for (size_t c = 0; c < meta.columns.size(); ++c) {
      if (is_own_id_name(stems[t], meta.columns[c].name)) return false;
      if (!id_named(t, c) && !is_fk_column(t, c)) return false;
    }
    return true;
  }

  bool is_fk_column(size_t t, size_t c) const {
    const std::string& name = tables[t].meta->columns[c].name;
    for (const ForeignKey& fk : tables[t].meta->foreign_keys)
      if (std::find(fk.columns.begin(), fk.columns.end(), name) != fk.columns.end()) return true;
    return false;
  }

  // ---- step 1: single-column primary keys ----
  void single_primary_keys() {
    for (size_t t = 0; t < tables.size(); ++t) {
      TableView& table = tables[t];
      TableMeta& meta = *table.meta;
      if (!meta.primary_key.empty() || is_link_table(t)) continue;
      const bool empty = table.rows == 0;
      int best_score = 0;
      size_t best = 0;
      std::string best_why;
      for (size_t c = 0; c < meta.columns.size(); ++c) {
        const ColumnProfile& p = table.profiles[c];
        if (!table.columns[c] && !empty) continue;
        if (!key_eligible(p)) continue;
        if (!empty && !p.unique()) continue;
        int score = 0;
        std::string why;
        const bool id_like = is_id_like_name(names[t][c]);
        if (is_own_id_name(stems[t], meta.columns[c].name)) {
          score = 100, why = "name: own identifier";
        } else if (id_like && !names_other_table(t, c)) {
          score = c == 0 ? 65 : 60, why = "name: identifier";
        } else if (c == 0 && (!empty || id_like)) {
          score = 40, why = "first column";
        } else if (id_like || names_other_table(t, c)) {
          score = 20, why = "name: identifier of another table";
        }
        if (score > best_score) best_score = score, best = c, best_why = why;
      }
      if (best_score == 0) continue;
      meta.primary_key = {meta.columns[best].name};
      meta.primary_key_reason =
          empty ? best_why + " (empty table)" : "unique, non-NULL, " + best_why;
    }
  }

  // ---- containment ----
  const std::unordered_set<std::string>& parent_set(size_t p,
                                                    const std::vector<std::string>& cols) {
    std::string cache_key = std::to_string(p);
    for (const std::string& col : cols) cache_key += '\x1f' + col;
    auto it = parent_sets.find(cache_key);
    if (it != parent_sets.end()) return it->second;
    std::unordered_set<std::string>& set = parent_sets[cache_key];
    const std::vector<const Column*> columns = columns_of(p, cols);
    if (!all_present(columns)) return set;
    set.reserve(tables[p].rows);
    std::string key;
    for (size_t row = 0; row < tables[p].rows; ++row) {
      key.clear();
      if (encode_key(columns, row, key)) set.insert(key);
    }
    return set;
  }

  // Distinct child key tuples with their row counts, built once per (table, columns).
  const std::unordered_map<std::string, int64_t>& child_counts(
      size_t t, const std::vector<std::string>& cols) {
    std::string cache_key = std::to_string(t);
    for (const std::string& col : cols) cache_key += '\x1f' + col;
    auto it = child_keys.find(cache_key);
    if (it != child_keys.end()) return it->second;
    std::unordered_map<std::string, int64_t>& counts = child_keys[cache_key];
    const std::vector<const Column*> child = columns_of(t, cols);
    if (!all_present(child)) return counts;
    std::string key;
    for (size_t row = 0; row < tables[t].rows; ++row) {
      key.clear();
      if (encode_key(child, row, key)) ++counts[key];
    }
    return counts;
  }

  Containment contained(size_t t, const std::vector<std::string>& child_cols, size_t p,
                        const std::vector<std::string>& parent_cols) {
    Containment result;
    const auto& set = parent_set(p, parent_cols);
    for (const auto& [value, count] : child_counts(t, child_cols)) {
      result.child_rows += count;
      if (set.count(value))
        result.matched_rows += count;
      else
        ++result.orphan_keys;
    }
    return result;
  }

  bool compatible(size_t t, const std::vector<std::string>& child_cols, size_t p,
                  const std::vector<std::string>& parent_cols) const {
    for (size_t i = 0; i < child_cols.size(); ++i) {
      const ColumnMeta* a = tables[t].meta->find_column(child_cols[i]);
      const ColumnMeta* b = tables[p].meta->find_column(parent_cols[i]);
      if (!a || !b) return false;
      const int ia = tables[t].meta->column_index(child_cols[i]);
      const int ib = tables[p].meta->column_index(parent_cols[i]);
      if (!key_types_compatible(tables[t].profiles[ia].type, tables[p].profiles[ib].type))
        return false;
    }
    return true;
  }

  // How well a child column's name points at parent p's single key column; 0 = not at all.
  int name_match(size_t t, size_t c, size_t p) const {
    const TableMeta& child = *tables[t].meta;
    const TableMeta& parent = *tables[p].meta;
    const std::string& column = child.columns[c].name;
    const std::string& key = parent.primary_key.front();
    const std::string nc = normalize_name(column), nk = normalize_name(key);
    if (t == p) {
      if (column == key) return 0;
      if (is_self_reference_name(names[t][c])) return 2;
      for (const std::string& stem : stems[p])
        if (nc != nk && nc.find(stem + "id") != std::string::npos && nc != stem + "id") return 2;
      return 0;
    }
    const bool generic = is_generic_key_name(nk);
    const bool own_child_key = child.primary_key.size() == 1 && child.primary_key.front() == column;
    if (own_child_key && is_own_id_name(stems[t], column)) return 0;  // its own id, not a link
    if (!generic && nc == nk) return 4;
    for (const std::string& stem : stems[p]) {
      if (generic && nc == stem + nk) return 3;
      if (nc == stem + "id" || nc == stem + "key" || nc == stem + "code") return 3;
    }
    if (own_child_key) return 0;
    for (const std::string& stem : stems[p])
      if (nc == stem && stem.size() >= 3) return 2;
    if (!generic && nk.size() >= 4 && nc.find(nk) != std::string::npos) return 1;
    for (const std::string& stem : stems[p])
      if (stem.size() >= 3 && nc.find(stem + "id") != std::string::npos) return 1;
    return 0;
  }

  void add_fk(size_t t, std::vector<std::string> child_cols, size_t p,
              std::vector<std::string> parent_cols, std::string reason) {
    ForeignKey fk;
    fk.columns = std::move(child_cols);
    fk.parent_table = tables[p].meta->name;
    fk.parent_columns = std::move(parent_cols);
    fk.reason = std::move(reason);
    tables[t].meta->foreign_keys.push_back(std::move(fk));
  }

  // An exact name match is strong evidence by itself: real data keeps orphans (flights whose
  // plane is missing from the registry), so it needs less containment than a weaker match.
  double required_containment(int level) const {
    return level >= 4 ? std::max(0.0, options.min_containment - kStrongNameSlack)
                      : options.min_containment;
  }

  // ---- step 2: single-column foreign keys ----
  void single_foreign_keys() {
    for (size_t t = 0; t < tables.size(); ++t) {
      TableMeta& child = *tables[t].meta;
      for (size_t c = 0; c < child.columns.size(); ++c) {
        if (!tables[t].columns[c] && tables[t].rows > 0) continue;
        const ColumnProfile& cp = tables[t].profiles[c];
        if (!key_eligible(cp) && cp.type != DataType::Float64) continue;
        int best_level = 0;
        double best_share = -1;
        size_t best_parent = 0;
        Containment best_containment;
        for (size_t p = 0; p < tables.size(); ++p) {
          const TableMeta& parent = *tables[p].meta;
          if (parent.primary_key.size() != 1) continue;
          const int level = name_match(t, c, p);
          if (level == 0 || level < best_level) continue;
          const std::vector<std::string> cc{child.columns[c].name};
          if (!compatible(t, cc, p, parent.primary_key)) continue;
          const Containment m = contained(t, cc, p, parent.primary_key);
          if (m.child_rows == 0 && level < 3) continue;  // nothing to check a weak name on
          if (m.share() < required_containment(level)) continue;
          if (level > best_level || m.share() > best_share)
            best_level = level, best_share = m.share(), best_parent = p, best_containment = m;
        }
        if (best_level > 0) {
          std::string reason =
              best_containment.child_rows == 0
                  ? "name match, no values to check"
                  : (best_level == 2 && best_parent == t ? "self-reference name+containment "
                                                         : "name+containment ") +
                        percent(best_containment.share());
          if (best_containment.share() < options.min_containment)
            reason +=
                " (exact name; " + std::to_string(best_containment.orphan_keys) + " orphan keys)";
          add_fk(t, {child.columns[c].name}, best_parent, tables[best_parent].meta->primary_key,
                 reason);
          continue;
        }
        code_containment_fk(t, c);
      }
    }
  }

  // A text code column whose values are (nearly all) keys of another table, though its
  // name says nothing: "origin" holding airport codes.
  void code_containment_fk(size_t t, size_t c) {
    const TableMeta& child = *tables[t].meta;
    const ColumnProfile& cp = tables[t].profiles[c];
    if (cp.type != DataType::String || cp.non_null == 0 || cp.distinct < 2) return;
    if (cp.code_share < 0.99 || cp.space_share > 0) return;
    if (child.primary_key.size() == 1 && child.primary_key.front() == child.columns[c].name) return;
    double best_share = -1;
    size_t best_parent = 0;
    for (size_t p = 0; p < tables.size(); ++p) {
      if (p == t) continue;
      const TableMeta& parent = *tables[p].meta;
      if (parent.primary_key.size() != 1 || tables[p].rows < 2) continue;
      const int key_index = parent.column_index(parent.primary_key.front());
      const ColumnProfile& kp = tables[p].profiles[key_index];
      if (kp.type != DataType::String || kp.code_share < 0.99 || kp.distinct < cp.distinct)
        continue;
      const Containment m = contained(t, {child.columns[c].name}, p, parent.primary_key);
      if (m.share() >= options.min_containment && m.share() > best_share)
        best_share = m.share(), best_parent = p;
    }
    if (best_share < 0) return;
    add_fk(t, {child.columns[c].name}, best_parent, tables[best_parent].meta->primary_key,
           "containment " + percent(best_share) + " (codes, no name match)");
  }

  // ---- step 3: composite primary keys ----
  void composite_primary_keys() {
    for (size_t t = 0; t < tables.size(); ++t) {
      TableView& table = tables[t];
      TableMeta& meta = *table.meta;
      if (!meta.primary_key.empty()) continue;
      if (is_link_table(t)) {
        std::vector<std::string> all;
        std::vector<const Column*> cols;
        for (size_t c = 0; c < meta.columns.size(); ++c) {
          all.push_back(meta.columns[c].name);
          cols.push_back(table.columns[c]);
        }
        if (table.rows == 0) {
          meta.primary_key = all;
          meta.primary_key_reason = "link table: every column names a key (empty table)";
        } else if (all_present(cols) && tuple_unique(cols)) {
          meta.primary_key = all;
          meta.primary_key_reason = "link table: every column is a key, unique together";
        }
        if (!meta.primary_key.empty()) continue;
      }
      if (table.rows < 2) continue;
      search_composite_key(t);
    }
  }

  void search_composite_key(size_t t) {
    TableView& table = tables[t];
    TableMeta& meta = *table.meta;
    struct Candidate {
      size_t index;
      int score;  // 3 key-named or foreign key, 2 date part or text code, 1 other integer
    };
    std::vector<Candidate> candidates;
    for (size_t c = 0; c < meta.columns.size(); ++c) {
      const ColumnProfile& p = table.profiles[c];
      if (!table.columns[c] || p.nulls > 0 || p.distinct < 2 || p.unique() || !key_eligible(p))
        continue;
      int score = 1;
      if (id_named(t, c) || is_fk_column(t, c))
        score = 3;
      else if (is_date_part_name(names[t][c]) || p.type == DataType::String)
        score = 2;
      candidates.push_back({c, score});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    if (candidates.size() > kMaxCompositeCandidates) candidates.resize(kMaxCompositeCandidates);

    for (size_t size = 2; size <= kMaxCompositeColumns && size <= candidates.size(); ++size) {
      // Every combination of `size` candidates, best scored first.
      std::vector<std::vector<size_t>> combos;
      std::vector<size_t> pick;
      std::function<void(size_t)> walk = [&](size_t from) {
        if (pick.size() == size) {
          combos.push_back(pick);
          return;
        }
        for (size_t i = from; i < candidates.size(); ++i) {
          pick.push_back(i);
          walk(i + 1);
          pick.pop_back();
        }
      };
      walk(0);
      auto score_of = [&](const std::vector<size_t>& combo) {
        int s = 0;
        for (size_t i : combo) s += candidates[i].score;
        return s;
      };
      std::stable_sort(combos.begin(), combos.end(),
                       [&](const auto& a, const auto& b) { return score_of(a) > score_of(b); });
      for (const auto& combo : combos) {
        bool anchored = false;  // a key needs at least one key-like column
        double product = 1;
        std::vector<const Column*> cols;
        for (size_t i : combo) {
          const size_t c = candidates[i].index;
          if (candidates[i].score == 3 || table.profiles[c].type == DataType::String)
            anchored = true;
          product *= double(table.profiles[c].distinct);
          cols.push_back(table.columns[c]);
        }
        if (!anchored || product < double(table.rows)) continue;
        if (!tuple_unique(cols)) continue;
        std::vector<size_t> chosen;
        for (size_t i : combo) chosen.push_back(candidates[i].index);
        // Constant date parts (a single year) belong to a key of finer date parts.
        const bool has_date_part = std::any_of(
            chosen.begin(), chosen.end(), [&](size_t c) { return is_date_part_name(names[t][c]); });
        if (has_date_part) {
          for (size_t c = 0; c < meta.columns.size(); ++c) {
            const ColumnProfile& p = table.profiles[c];
            if (table.columns[c] && p.type == DataType::Int64 && p.nulls == 0 && p.distinct == 1 &&
                is_date_part_name(names[t][c]))
              chosen.push_back(c);
          }
        }
        std::sort(chosen.begin(), chosen.end());
        for (size_t c : chosen) meta.primary_key.push_back(meta.columns[c].name);
        meta.primary_key_reason =
            "unique together, no single-column key (" + std::to_string(combo.size()) + " columns)";
        return;
      }
    }
    // Last resort: a key column and a point in time (salaries by employee and start date).
    for (size_t c = 0; c < meta.columns.size(); ++c) {
      if (!table.columns[c] || table.profiles[c].nulls > 0 ||
          !(id_named(t, c) || is_fk_column(t, c)))
        continue;
      for (size_t d = 0; d < meta.columns.size(); ++d) {
        const ColumnProfile& p = table.profiles[d];
        if (!table.columns[d] || !is_temporal(p.type) || p.nulls > 0 || p.unique()) continue;
        if (!tuple_unique({table.columns[c], table.columns[d]})) continue;
        meta.primary_key = {meta.columns[std::min(c, d)].name, meta.columns[std::max(c, d)].name};
        meta.primary_key_reason = "unique together: a key column and a date";
        return;
      }
    }
  }

  // ---- step 4: composite foreign keys ----
  void composite_foreign_keys() {
    for (size_t p = 0; p < tables.size(); ++p) {
      const TableMeta& parent = *tables[p].meta;
      if (parent.primary_key.size() < 2) continue;
      for (size_t t = 0; t < tables.size(); ++t) {
        if (t == p) continue;
        TableMeta& child = *tables[t].meta;
        std::vector<std::string> child_cols;
        for (const std::string& key : parent.primary_key) {
          const std::string nk = normalize_name(key);
          for (const ColumnMeta& column : child.columns)
            if (normalize_name(column.name) == nk) {
              child_cols.push_back(column.name);
              break;
            }
        }
        if (child_cols.size() != parent.primary_key.size()) continue;
        // Two tables keyed by the same columns: the one with more rows is the child.
        if (child.primary_key == child_cols && tables[t].rows <= tables[p].rows) continue;
        if (!compatible(t, child_cols, p, parent.primary_key)) continue;
        const Containment m = contained(t, child_cols, p, parent.primary_key);
        if (m.child_rows == 0 && tables[t].rows > 0) continue;
        if (m.share() < options.min_containment) continue;
        add_fk(t, child_cols, p, parent.primary_key,
               m.child_rows == 0 ? "name match, no values to check"
                                 : "name+containment " + percent(m.share()));
      }
    }
  }

  void run() {
    single_primary_keys();
    single_foreign_keys();
    composite_primary_keys();
    composite_foreign_keys();
  }
};

}  // namespace

bool encode_key(const std::vector<const Column*>& columns, size_t row, std::string& out) {
  for (const Column* column : columns) {
    if (column->is_null(row)) return false;
    switch (column->type()) {
      case DataType::Int64:
        append_int(out, 'i', column->int_at(row));
        break;
      case DataType::Bool:
        append_int(out, 'b', column->int_at(row));
        break;
      case DataType::Date:
        append_int(out, 'T', column->int_at(row) * kMicrosPerDay);
        break;
      case DataType::DateTime:
        append_int(out, 'T', column->int_at(row));
        break;
      case DataType::Time:
        append_int(out, 't', column->int_at(row));
        break;
      case DataType::Float64: {
        double v = column->double_at(row);
        if (std::floor(v) == v && std::fabs(v) < 9.0e18) {
          append_int(out, 'i', static_cast<int64_t>(v));
        } else {
          if (v == 0) v = 0;  // -0.0 equals 0.0
          int64_t bits;
          std::memcpy(&bits, &v, 8);
          append_int(out, 'f', bits);
        }
        break;
      }
      case DataType::Decimal: {
        int64_t value;
        if (whole_decimal(column->string_at(row), value))
          append_int(out, 'i', value);
        else
          append_bytes(out, 'd', column->string_at(row));
        break;
      }
      case DataType::String:
        append_bytes(out, 's', column->string_at(row));
        break;
      case DataType::Binary:
        append_bytes(out, 'x', column->string_at(row));
        break;
    }
  }
  return true;
}

bool key_types_compatible(DataType a, DataType b) { return key_kind(a) == key_kind(b); }

bool tuple_unique(const std::vector<const Column*>& columns) {
  if (columns.empty()) return false;
  const size_t rows = columns.front()->size();
  std::unordered_set<std::string> seen;
  std::string key;
  size_t next = 0;
  auto scan = [&](size_t end) {
    for (; next < end; ++next) {
      key.clear();
      if (!encode_key(columns, next, key)) return false;
      if (!seen.insert(key).second) return false;
    }
    return true;
  };
  // Most non-keys show a duplicate early; only survivors are checked in full.
  seen.reserve(std::min(rows, kUniquePrefilterRows));
  if (!scan(std::min(rows, kUniquePrefilterRows))) return false;
  seen.reserve(rows);
  return scan(rows);
}

Containment measure_containment(const std::vector<const Column*>& child,
                                const std::vector<const Column*>& parent) {
  Containment result;
  std::unordered_set<std::string> keys;
  std::string key;
  if (!parent.empty()) {
    const size_t rows = parent.front()->size();
    keys.reserve(rows);
    for (size_t row = 0; row < rows; ++row) {
      key.clear();
      if (encode_key(parent, row, key)) keys.insert(key);
    }
  }
  if (child.empty()) return result;
  std::unordered_map<std::string, std::pair<size_t, int64_t>> orphans;  // first row, rows
  const size_t rows = child.front()->size();
  for (size_t row = 0; row < rows; ++row) {
    key.clear();
    if (!encode_key(child, row, key)) continue;
    ++result.child_rows;
    if (keys.count(key))
      ++result.matched_rows;
    else
      ++orphans.try_emplace(key, row, 0).first->second.second;
  }
  result.orphan_keys = static_cast<int64_t>(orphans.size());
  for (const auto& [unused, example] : orphans) result.orphan_examples.push_back(example);
  std::sort(result.orphan_examples.begin(), result.orphan_examples.end(),
            [](const auto& a, const auto& b) {
              return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
  if (result.orphan_examples.size() > kOrphanExamples)
    result.orphan_examples.resize(kOrphanExamples);
  return result;
}

void infer_keys(std::vector<TableView>& tables, const InferOptions& options) {
  KeyInference(tables, options).run();
}

}  // namespace relsynth::inference

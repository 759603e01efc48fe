#include "relsynth/metadata.h"

#include <array>
#include <map>
#include <set>

#include "relsynth/error.h"
#include "relsynth/rules.h"
#include "schema/key_inference.h"

namespace relsynth {

namespace {

constexpr std::array<std::string_view, 16> kSDTypeNames = {
    "id",   "categorical", "numerical",   "datetime", "boolean", "text", "email",     "phone",
    "name", "address",     "postal_code", "city",     "country", "url",  "other_pii", "binary"};

std::string column_list(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) out += (i ? ", " : "") + columns[i];
  return out + ")";
}

bool has_unique_key(const TableMeta& table, const std::vector<std::string>& columns) {
  std::set<std::string> wanted(columns.begin(), columns.end());
  auto same = [&](const std::vector<std::string>& key) {
    return !key.empty() && std::set<std::string>(key.begin(), key.end()) == wanted;
  };
  if (same(table.primary_key)) return true;
  if (columns.size() == 1) {
    const ColumnMeta* column = table.find_column(columns[0]);
    if (column && column->unique) return true;
  }
  for (const UniqueConstraint& unique : table.unique_constraints)
    if (same(unique.columns)) return true;
  for (const IndexMeta& index : table.indexes)
    if (index.unique && same(index.columns)) return true;
  return false;
}

bool fk_nullable(const TableMeta& table, const ForeignKey& fk) {
  for (const std::string& name : fk.columns) {
    const ColumnMeta* column = table.find_column(name);
    if (column && column->nullable) return true;
  }
  return false;
}

}  // namespace

namespace {
constexpr std::array<std::string_view, 10> kTreatmentNames = {
    "auto", "synthesize", "fake", "pattern", "hash", "mask", "constant", "null", "keep", "exclude"};
constexpr std::array<std::string_view, 3> kTableTreatmentNames = {"synthesize", "preserve",
                                                                  "exclude"};

template <typename Enum, size_t N>
std::optional<Enum> parse_name(const std::array<std::string_view, N>& names,
                               std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<Enum>(i);
  return std::nullopt;
}
}  // namespace

std::string_view to_string(SDType sdtype) { return kSDTypeNames[static_cast<size_t>(sdtype)]; }

std::optional<SDType> parse_sdtype(std::string_view name) {
  return parse_name<SDType>(kSDTypeNames, name);
}

std::string_view to_string(Treatment treatment) {
  return kTreatmentNames[static_cast<size_t>(treatment)];
}
std::optional<Treatment> parse_treatment(std::string_view name) {
  return parse_name<Treatment>(kTreatmentNames, name);
}
std::string_view to_string(TableTreatment treatment) {
  return kTableTreatmentNames[static_cast<size_t>(treatment)];
}
std::optional<TableTreatment> parse_table_treatment(std::string_view name) {
  return parse_name<TableTreatment>(kTableTreatmentNames, name);
}

bool is_pii(SDType sdtype) {
  switch (sdtype) {
    case SDType::Email:
    case SDType::Phone:
    case SDType::Name:
    case SDType::Address:
    case SDType::PostalCode:
    case SDType::City:
    case SDType::Country:
    case SDType::Url:
    case SDType::OtherPii:
      return true;
    default:
      return false;
  }
}

int TableMeta::column_index(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return static_cast<int>(i);
  return -1;
}

const ColumnMeta* TableMeta::find_column(std::string_view name) const {
  int index = column_index(name);
  return index < 0 ? nullptr : &columns[index];
}

ColumnMeta* TableMeta::find_column(std::string_view name) {
  int index = column_index(name);
  return index < 0 ? nullptr : &columns[index];
}

const TableMeta* Metadata::find_table(std::string_view name) const {
  for (const TableMeta& table : tables)
    if (table.name == name) return &table;
  return nullptr;
}

TableMeta* Metadata::find_table(std::string_view name) {
  for (TableMeta& table : tables)
    if (table.name == name) return &table;
  return nullptr;
}

const TableMeta& Metadata::table(std::string_view name) const {
  const TableMeta* found = find_table(name);
  if (!found) throw InputError(locate(name) + ": no such table in the metadata");
  return *found;
}

void check_table_names(const Metadata& metadata, std::string_view option,
                       const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (metadata.find_table(name)) continue;
    std::string known;
    constexpr size_t kListed = 30;  // a database of hundreds of tables: the first ones
    for (size_t i = 0; i < metadata.tables.size() && i < kListed; ++i)
      known += (i ? ", " : "") + quote_name(metadata.tables[i].name);
    if (metadata.tables.size() > kListed)
      known += " and " + std::to_string(metadata.tables.size() - kListed) + " more";
    throw UsageError(std::string(option) + ": no table named " + quote_name(name) +
                     (known.empty() ? "; there are no tables" : "; the tables are " + known));
  }
}

std::vector<ValidationIssue> validate(const Metadata& metadata) {
  std::vector<ValidationIssue> issues;
  auto error = [&](std::string message) {
    issues.push_back({ValidationIssue::Severity::Error, std::move(message)});
  };
  auto warning = [&](std::string message) {
    issues.push_back({ValidationIssue::Severity::Warning, std::move(message)});
  };

  std::set<std::string> table_names;
  for (const TableMeta& table : metadata.tables) {
    if (table.name.empty()) error("a table has an empty name");
    if (!table_names.insert(table.name).second) error(locate(table.name) + ": defined twice");
    std::set<std::string> column_names;
    for (const ColumnMeta& column : table.columns)
      if (!column_names.insert(column.name).second)
        error(locate(table.name, column.name) + ": defined twice");
    for (const std::string& name : table.primary_key)
      if (!table.find_column(name))
        error(locate(table.name, name) + ": primary key column does not exist");
    for (const UniqueConstraint& unique : table.unique_constraints)
      for (const std::string& name : unique.columns)
        if (!table.find_column(name))
          error(locate(table.name, name) + ": UNIQUE constraint column does not exist");
    if (table.kind == TableKind::Sequential && table.sequence_key.empty())
      error(locate(table.name) +
            ": a sequential table needs a sequence_key (the column that "
            "orders the rows of one parent)");
    if (table.kind == TableKind::Sequential && !table.sequence_key.empty() &&
        !table.find_column(table.sequence_key))
      error(locate(table.name, table.sequence_key) + ": sequence key column does not exist");
    for (const Rule& rule : table.rules)
      for (std::string& message : rule_errors(metadata, table, rule)) error(std::move(message));

    for (const ForeignKey& fk : table.foreign_keys) {
      std::string where = locate(table.name) + ", foreign key " + column_list(fk.columns) + " -> " +
                          quote_name(fk.parent_table) + column_list(fk.parent_columns);
      const TableMeta* parent = metadata.find_table(fk.parent_table);
      if (!parent) {
        error(where + ": parent table does not exist");
        continue;
      }
      if (fk.columns.empty() || fk.columns.size() != fk.parent_columns.size()) {
        error(where + ": child and parent column lists differ in length");
        continue;
      }
      bool columns_ok = true;
      for (size_t i = 0; i < fk.columns.size(); ++i) {
        const ColumnMeta* child = table.find_column(fk.columns[i]);
        const ColumnMeta* parent_column = parent->find_column(fk.parent_columns[i]);
        if (!child)
          error(where + ": child column " + quote_name(fk.columns[i]) + " does not exist");
        if (!parent_column)
          error(where + ": parent column " + quote_name(fk.parent_columns[i]) + " does not exist");
        if (!child || !parent_column) {
          columns_ok = false;
          continue;
        }
        if (!inference::key_types_compatible(child->type, parent_column->type))
          error(where + ": type mismatch, " + quote_name(child->name) + " is " +
                std::string(to_string(child->type)) + " but " + quote_name(parent_column->name) +
                " is " + std::string(to_string(parent_column->type)));
      }
      if (columns_ok && !has_unique_key(*parent, fk.parent_columns))
        error(where + ": parent columns are not a primary key or UNIQUE in " +
              quote_name(parent->name));
    }
  }
  if (!issues.empty()) return issues;  // the graph needs valid references

  KeyGraph graph = build_key_graph(metadata);
  for (const auto& [table_name, fk_index] : graph.cycle_breaks) {
    const TableMeta& table = metadata.table(table_name);
    const ForeignKey& fk = table.foreign_keys[fk_index];
    warning("cycle between tables: broken at " + quote_name(table_name) + column_list(fk.columns) +
            " -> " + quote_name(fk.parent_table) +
            (fk_nullable(table, fk) ? " (nullable: filled in a second pass)"
                                    : " (NOT NULL: no nullable edge closes this cycle)"));
  }
  for (const std::string& name : graph.isolated_tables)
    if (metadata.tables.size() > 1)
      warning(locate(name) + ": not linked to any other table (modelled on its own)");
  return issues;
}

void validate_or_throw(const Metadata& metadata) {
  std::string errors;
  for (const ValidationIssue& issue : validate(metadata))
    if (issue.severity == ValidationIssue::Severity::Error) errors += "\n  " + issue.message;
  if (!errors.empty()) throw InputError("invalid metadata:" + errors);
}

KeyGraph build_key_graph(const Metadata& metadata) {
  KeyGraph graph;
  const size_t n = metadata.tables.size();
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < n; ++i) index[metadata.tables[i].name] = i;

  // Edges child -> parent, self-references left out.
  struct Edge {
    size_t child, parent, fk;
    bool nullable;
    bool broken = false;
  };
  std::vector<Edge> edges;
  std::vector<bool> linked(n, false);
  for (size_t c = 0; c < n; ++c) {
    const TableMeta& table = metadata.tables[c];
    for (size_t f = 0; f < table.foreign_keys.size(); ++f) {
      auto it = index.find(table.foreign_keys[f].parent_table);
      if (it == index.end()) continue;
      linked[c] = linked[it->second] = true;
      if (it->second == c) continue;
      edges.push_back({c, it->second, f, fk_nullable(table, table.foreign_keys[f])});
    }
  }

  std::vector<bool> placed(n, false);
  while (graph.topological_order.size() < n) {
    // Place every table whose parents are all placed, in metadata order.
    bool progress = false;
    for (size_t t = 0; t < n; ++t) {
      if (placed[t]) continue;
      bool ready = true;
      for (const Edge& e : edges)
        if (e.child == t && !e.broken && !placed[e.parent]) ready = false;
      if (!ready) continue;
      placed[t] = true;
      graph.topological_order.push_back(metadata.tables[t].name);
      progress = true;
    }
    if (progress) continue;
    // A cycle remains. Walk from an unplaced table along edges to unplaced parents (each
    // unplaced table has one) until a table repeats: the walk since then is a cycle. Break a
    // nullable edge of it if there is one.
    size_t start = 0;
    while (placed[start]) ++start;
    std::vector<Edge*> path;
    std::vector<int> seen_at(n, -1);
    size_t at = start;
    while (seen_at[at] < 0) {
      seen_at[at] = static_cast<int>(path.size());
      Edge* next = nullptr;
      for (Edge& e : edges)
        if (e.child == at && !e.broken && !placed[e.parent]) {
          next = &e;
          break;
        }
      path.push_back(next);
      at = next->parent;
    }
    Edge* chosen = nullptr;
    for (size_t i = static_cast<size_t>(seen_at[at]); i < path.size(); ++i)
      if (!chosen || (path[i]->nullable && !chosen->nullable)) chosen = path[i];
    chosen->broken = true;
    graph.cycle_breaks.emplace_back(metadata.tables[chosen->child].name, chosen->fk);
  }
  for (size_t t = 0; t < n; ++t)
    if (!linked[t]) graph.isolated_tables.push_back(metadata.tables[t].name);
  return graph;
}

}  // namespace relsynth

// Metadata inference: keys for sources that declare none, an sdtype for every column, and
// warnings about what the data does not keep (orphans, empty tables, NULL-only columns).
#include "relsynth/inference.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "relsynth/error.h"
#include "relsynth/rules.h"
#include "schema/key_inference.h"
#include "schema/sdtype_inference.h"
#include "schema/sequence_inference.h"

namespace relsynth {

namespace {

using inference::ColumnProfile;
using inference::KeyRole;
using inference::TableView;

constexpr double kOverlapShare = 0.8;  // values found in a PII column that make a column PII
constexpr size_t kOverlapMinDistinct = 5;
constexpr int kMaxKeyDepth = 16;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

std::string fk_text(const std::string& child, const ForeignKey& fk) {
  return child + "(" + join(fk.columns) + ") -> " + fk.parent_table;
}

// Whether a column holds identifiers: the single-column primary key, or a foreign-key column
// whose parent column holds identifiers (flights.year -> weather.year does not).
bool is_id_column(const Metadata& metadata, const std::string& table, const std::string& column,
                  int depth) {
  const TableMeta* meta = metadata.find_table(table);
  if (!meta || depth > kMaxKeyDepth) return false;
  if (meta->primary_key.size() == 1 && meta->primary_key.front() == column) return true;
  for (const ForeignKey& fk : meta->foreign_keys) {
    for (size_t i = 0; i < fk.columns.size() && i < fk.parent_columns.size(); ++i) {
      if (fk.columns[i] != column) continue;
      if (fk.parent_table == table && fk.parent_columns[i] == column) continue;
      if (is_id_column(metadata, fk.parent_table, fk.parent_columns[i], depth + 1)) return true;
    }
  }
  return false;
}

bool in_list(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// The role of a column in the keys and the words that say so in its reason.
KeyRole key_role(const Metadata& metadata, const TableMeta& table, const std::string& column,
                 std::string& detail) {
  if (table.primary_key.size() == 1 && table.primary_key.front() == column) {
    detail = metadata.keys_declared ? "declared primary key" : "inferred primary key";
    return KeyRole::PrimaryKey;
  }
  bool part = in_list(table.primary_key, column);
  for (const ForeignKey& fk : table.foreign_keys) {
    for (size_t i = 0; i < fk.columns.size() && i < fk.parent_columns.size(); ++i) {
      if (fk.columns[i] != column) continue;
      part = true;
      if (is_id_column(metadata, fk.parent_table, fk.parent_columns[i], 1)) {
        detail = std::string(metadata.keys_declared ? "declared" : "inferred") +
                 " foreign key -> " + fk.parent_table + "." + fk.parent_columns[i];
        return KeyRole::ReferencesId;
      }
    }
  }
  return part ? KeyRole::KeyPart : KeyRole::None;
}

using ValueSet = std::unordered_set<std::string_view>;

ValueSet distinct_strings(const Column& column) {
  ValueSet values;
  for (size_t row = 0; row < column.size(); ++row)
    if (!column.is_null(row) && !column.string_at(row).empty())
      values.insert(column.string_at(row));
  return values;
}

bool overlap_target(SDType sdtype) {
  return sdtype == SDType::Name || sdtype == SDType::OtherPii || sdtype == SDType::Address ||
         sdtype == SDType::City || sdtype == SDType::Country || sdtype == SDType::PostalCode ||
         sdtype == SDType::Phone || sdtype == SDType::Email;
}

// A column typed from its values alone whose values mostly appear in a PII column elsewhere
// takes that column's sdtype: Orders.ShipName repeats Customers.CompanyName.
void refine_by_overlap(std::vector<TableView>& views) {
  struct Ref {
    size_t table, column;
  };
  std::vector<Ref> targets, candidates;
  for (size_t t = 0; t < views.size(); ++t) {
    for (size_t c = 0; c < views[t].meta->columns.size(); ++c) {
      const Column* data = views[t].columns[c];
      if (!data || data->type() != DataType::String || views[t].profiles[c].non_null == 0) continue;
      const ColumnMeta& column = views[t].meta->columns[c];
      if (overlap_target(column.sdtype) && views[t].profiles[c].distinct >= 2)
        targets.push_back({t, c});
      else if ((column.sdtype == SDType::Categorical || column.sdtype == SDType::Text) &&
               inference::is_weak_reason(column.sdtype_reason) &&
               views[t].profiles[c].distinct >= kOverlapMinDistinct)
        candidates.push_back({t, c});
    }
  }
  if (targets.empty() || candidates.empty()) return;
  std::vector<ValueSet> target_values;
  for (const Ref& ref : targets)
    target_values.push_back(distinct_strings(*views[ref.table].columns[ref.column]));
  for (const Ref& ref : candidates) {
    const ValueSet values = distinct_strings(*views[ref.table].columns[ref.column]);
    if (values.empty()) continue;
    double best = 0;
    size_t best_target = 0;
    for (size_t i = 0; i < targets.size(); ++i) {
      if (targets[i].table == ref.table && targets[i].column == ref.column) continue;
      size_t found = 0;
      for (std::string_view value : values) found += target_values[i].count(value);
      const double share = double(found) / double(values.size());
      if (share > best) best = share, best_target = i;
    }
    if (best < kOverlapShare) continue;
    const Ref& target = targets[best_target];
    const TableMeta& target_table = *views[target.table].meta;
    const ColumnMeta& target_column = target_table.columns[target.column];
    ColumnMeta& column = views[ref.table].meta->columns[ref.column];
    column.sdtype = target_column.sdtype;
    column.sdtype_reason = "values in " + target_table.name + "." + target_column.name + " " +
                           inference::percent(best) + " -> " +
                           std::string(to_string(column.sdtype));
  }
}

// Binary values are not synthesized (the output column is NULL): said once per column that
// holds some, since one stray BLOB in a SQLite INTEGER column makes the whole column binary.
void warn_about_binary(const std::string& table, const ColumnMeta& column,
                       const ColumnProfile& profile, std::vector<std::string>& warnings) {
  if (column.type != DataType::Binary || !column.generated.empty()) return;
  std::string sql_type = column.sql_type;
  for (char& c : sql_type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const bool declared_binary = sql_type.empty() || sql_type.find("BLOB") != std::string::npos ||
                               sql_type.find("BINARY") != std::string::npos ||
                               sql_type.find("BYTEA") != std::string::npos ||
                               sql_type.find("IMAGE") != std::string::npos;
  std::string message = "binary values are not synthesized: " + table + "." + column.name +
                        " is NULL in the output (" + std::to_string(profile.non_null) +
                        " rows hold a value here)";
  if (!declared_binary)
    message += "; its declared type is " + column.sql_type +
               ", but a column holding any BLOB value is read as binary: CAST those values "
               "to keep the column";
  warnings.push_back(message);
}

void add_warnings(const Metadata& metadata, const Database& data,
                  const std::vector<TableView>& views, std::vector<std::string>& warnings) {
  for (const TableView& view : views) {
    const TableMeta& table = *view.meta;
    for (const ForeignKey& fk : table.foreign_keys) {
      const Table* parent = data.find_table(fk.parent_table);
      if (!view.data || !parent) continue;
      bool complete = fk.columns.size() == fk.parent_columns.size() && !fk.columns.empty();
      for (size_t i = 0; complete && i < fk.columns.size(); ++i)
        complete =
            view.data->find_column(fk.columns[i]) && parent->find_column(fk.parent_columns[i]);
      if (!complete) {
        warnings.push_back("foreign key " + fk_text(table.name, fk) +
                           " names columns the data does not have");
        continue;
      }
      const OrphanCount orphans = count_orphans(data, table.name, fk);
      if (orphans.rows > 0)
        warnings.push_back("orphans: " + fk_text(table.name, fk) + ": " +
                           orphans.describe(fk.parent_table) +
                           "; the output writes NULL there, or links them to other rows when the "
                           "key may not be NULL (--complete-parents adds the missing " +
                           fk.parent_table + " rows instead)");
    }
  }
  for (const TableView& view : views) {
    if (view.data && view.rows == 0) warnings.push_back("empty table: " + view.meta->name);
    if (!view.data) warnings.push_back("no data read for table " + view.meta->name);
    for (size_t c = 0; c < view.meta->columns.size(); ++c) {
      if (view.rows > 0 && view.columns[c] && view.profiles[c].non_null == 0)
        warnings.push_back("all values NULL: " + view.meta->name + "." +
                           view.meta->columns[c].name);
      else if (view.columns[c] && view.profiles[c].non_null > 0)
        warn_about_binary(view.meta->name, view.meta->columns[c], view.profiles[c], warnings);
    }
  }
  if (metadata.tables.size() > 1) {
    std::unordered_set<std::string> linked;
    for (const TableMeta& table : metadata.tables)
      for (const ForeignKey& fk : table.foreign_keys)
        if (fk.parent_table != table.name)
          linked.insert(table.name), linked.insert(fk.parent_table);
    for (const TableMeta& table : metadata.tables)
      if (!linked.count(table.name))
        warnings.push_back("unreachable: " + table.name +
                           " has no foreign key to or from another table");
  }
}

}  // namespace

Inspection infer_metadata(const Metadata& declared, const Database& data,
                          const InferOptions& options) {
  Inspection inspection;
  inspection.metadata = declared;
  Metadata& metadata = inspection.metadata;

  std::vector<TableView> views(metadata.tables.size());
  for (size_t t = 0; t < metadata.tables.size(); ++t) {
    TableView& view = views[t];
    TableMeta& table = metadata.tables[t];
    view.meta = &table;
    view.data = data.find_table(table.name);
    view.rows = view.data ? view.data->num_rows() : 0;
    if (view.data) table.row_count = static_cast<int64_t>(view.rows);
    for (const ColumnMeta& column : table.columns) {
      const Column* values = view.data ? view.data->find_column(column.name) : nullptr;
      view.columns.push_back(values);
      view.profiles.push_back(values ? inference::profile_column(*values)
                                     : inference::empty_profile(column.type));
    }
  }

  if (metadata.keys_declared) {
    for (TableMeta& table : metadata.tables) {
      if (table.primary_key_reason.empty())
        table.primary_key_reason =
            table.primary_key.empty() ? "none declared" : "declared primary key";
      for (ForeignKey& fk : table.foreign_keys)
        if (fk.reason.empty()) fk.reason = "declared";
    }
  } else {
    inference::infer_keys(views, options);
    for (TableMeta& table : metadata.tables)
      if (table.primary_key.empty() && table.primary_key_reason.empty())
        table.primary_key_reason = "no unique key-like column or small column set";
  }

  for (TableView& view : views) {
    for (size_t c = 0; c < view.meta->columns.size(); ++c) {
      ColumnMeta& column = view.meta->columns[c];
      std::string detail;
      const KeyRole role = key_role(metadata, *view.meta, column.name, detail);
      const inference::SdtypeChoice choice =
          inference::infer_sdtype(view.meta->name, column, view.profiles[c], role, detail);
      column.sdtype = choice.sdtype;
      column.sdtype_reason = choice.reason;
    }
  }
  refine_by_overlap(views);
  inference::infer_sequences(views);
  add_warnings(metadata, data, views, inspection.warnings);
  if (options.discover_rules) find_rules(metadata, data, options.rules);
  return inspection;
}

OrphanCount count_orphans(const Database& data, const std::string& child_table,
                          const ForeignKey& foreign_key) {
  if (foreign_key.columns.empty() ||
      foreign_key.columns.size() != foreign_key.parent_columns.size())
    throw InputError(locate(child_table) + ": foreign key to \"" + foreign_key.parent_table + "\"" +
                     " has " + std::to_string(foreign_key.columns.size()) + " columns but " +
                     std::to_string(foreign_key.parent_columns.size()) + " parent columns");
  const Table& child = data.table(child_table);
  const Table& parent = data.table(foreign_key.parent_table);
  std::vector<const Column*> child_columns, parent_columns;
  for (const std::string& name : foreign_key.columns) child_columns.push_back(&child.column(name));
  for (const std::string& name : foreign_key.parent_columns)
    parent_columns.push_back(&parent.column(name));
  const inference::Containment containment =
      inference::measure_containment(child_columns, parent_columns);
  OrphanCount out{containment.child_rows - containment.matched_rows, containment.orphan_keys, {}};
  for (const auto& [row, rows] : containment.orphan_examples) {
    std::string key;
    for (const Column* column : child_columns)
      key += (key.empty() ? "" : ", ") + column->text_at(row);
    out.examples.emplace_back(child_columns.size() > 1 ? "(" + key + ")" : key, rows);
  }
  return out;
}

std::string OrphanCount::describe(const std::string& parent_table) const {
  std::string out = with_commas(rows) + (rows == 1 ? " row references " : " rows reference ") +
                    with_commas(distinct_keys) + (distinct_keys == 1 ? " key" : " keys") +
                    " that " + parent_table + " lacks (";
  for (size_t i = 0; i < examples.size(); ++i)
    out += (i ? ", " : "") + examples[i].first + " " + with_commas(examples[i].second) +
           (i == 0 ? (examples[i].second == 1 ? " row" : " rows") : "");
  return out + (static_cast<int64_t>(examples.size()) < distinct_keys ? ", ...)" : ")");
}

}  // namespace relsynth

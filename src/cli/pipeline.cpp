#include "cli/pipeline.h"

#include <algorithm>
#include <map>
#include <set>

#include "relsynth/error.h"
#include "relsynth/rules.h"
#include "relsynth/synth.h"

namespace relsynth::cli {

std::string with_commas(int64_t value) {
  std::string digits = std::to_string(value), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out += ',';
    out += digits[i];
  }
  return out;
}

namespace {

void restrict_tables(LoadedSource& loaded, const SourceRequest& request) {
  if (request.only.empty() && request.ignore.empty()) return;
  std::set<std::string> keep;
  for (const TableMeta& table : loaded.metadata.tables) keep.insert(table.name);
  check_table_names(loaded.metadata, "--only", request.only);
  check_table_names(loaded.metadata, "--ignore", request.ignore);
  if (!request.only.empty()) keep = std::set<std::string>(request.only.begin(), request.only.end());
  for (const std::string& name : request.ignore) keep.erase(name);
  if (keep.empty()) throw UsageError("--only / --ignore leave no table");

  Metadata metadata = loaded.metadata;
  metadata.tables.clear();
  Database data;
  for (const TableMeta& table : loaded.metadata.tables) {
    if (!keep.count(table.name)) continue;
    TableMeta kept = table;
    kept.foreign_keys.clear();
    for (const ForeignKey& fk : table.foreign_keys) {
      if (keep.count(fk.parent_table))
        kept.foreign_keys.push_back(fk);
      else
        loaded.warnings.push_back(table.name + " -> " + fk.parent_table +
                                  ": the parent is left out, so this foreign key is not kept");
    }
    metadata.tables.push_back(std::move(kept));
    data.add_table(loaded.data.table(table.name));
  }
  loaded.metadata = std::move(metadata);
  loaded.data = std::move(data);
}

// The declared schema with the keys of the metadata file, where it names the table.
Metadata keys_from(const Metadata& declared, const Metadata* file) {
  if (!file) return declared;
  Metadata merged = declared;
  for (TableMeta& table : merged.tables) {
    const TableMeta* chosen = file->find_table(table.name);
    if (!chosen) continue;
    table.primary_key = chosen->primary_key;
    table.foreign_keys.clear();
    for (const ForeignKey& fk : chosen->foreign_keys)
      if (declared.find_table(fk.parent_table)) table.foreign_keys.push_back(fk);
  }
  return merged;
}

// SDV metadata holds sdtypes and keys but no storage types: each column the source has takes
// its type, SQL type, format and constraints from there.
void take_storage_types(Metadata& file, const Metadata& declared) {
  file.keys_declared = declared.keys_declared;
  file.sql_dialect = declared.sql_dialect;
  for (TableMeta& table : file.tables) {
    const TableMeta* source = declared.find_table(table.name);
    if (!source) continue;  // reported when the data is aligned
    table.unique_constraints = source->unique_constraints;
    table.checks = source->checks;
    table.indexes = source->indexes;
    for (ColumnMeta& column : table.columns) {
      const ColumnMeta* stored = source->find_column(column.name);
      if (!stored) continue;
      SDType sdtype = column.sdtype;
      // SDV calls binary data "unknown", which reads back as text.
      if (sdtype == SDType::Text && stored->type == DataType::Binary) sdtype = SDType::Binary;
      std::string reason = std::move(column.sdtype_reason);
      column = *stored;
      column.sdtype = sdtype;
      column.sdtype_reason = std::move(reason);
    }
  }
  file.storage_types_known = true;
}

bool has_keys(const Metadata& metadata) {
  for (const TableMeta& table : metadata.tables)
    if (!table.primary_key.empty() || !table.foreign_keys.empty()) return true;
  return false;
}

}  // namespace

LoadedSource load_source(const SourceRequest& request, Progress& progress) {
  SourceOptions options;
  options.null_token = request.null_token;
  options.encoding = request.encoding;
  options.on_warning = [&progress](const std::string& text) {
    progress.message("warning: " + text);
  };
  progress.step("reading schema");
  auto source = open_source(request.uri, options);
  if (source->kind() != "csv" && !request.encoding.empty() && request.encoding != "auto")
    throw UsageError("--encoding applies to CSV sources; " + display_uri(request.uri) + " is a " +
                     source->kind() + " database, whose text is UTF-8");
  Metadata declared = source->describe();
  progress.done(std::to_string(declared.tables.size()) + " tables");

  LoadedSource loaded;
  if (!request.metadata_path.empty()) {
    loaded.metadata = load_metadata(request.metadata_path);
    if (!loaded.metadata.storage_types_known) take_storage_types(loaded.metadata, declared);
  }
  const Metadata keys =
      keys_from(declared, request.metadata_path.empty() ? nullptr : &loaded.metadata);
  // A server (or SQLite file) selects the subset's rows itself: keys first, then those rows.
  loaded.subset = request.train_rows > 0 && source->kind() != "csv" && has_keys(keys);
  size_t done = 0;
  const size_t steps = declared.tables.size() * (loaded.subset ? 2 : 1);
  std::map<std::string, int64_t> source_rows;  // a subset's source tables' sizes
  auto on_table = [&](const std::string&) { progress.update(done++, steps); };
  if (loaded.subset) {
    progress.step("reading a training subset");
    loaded.data =
        read_subset(*source, keys, request.train_rows, request.seed, on_table, &source_rows);
  } else {
    progress.step("reading data");
    loaded.data = read_database(*source, declared, on_table);
  }
  progress.done(with_commas(static_cast<int64_t>(loaded.data.total_rows())) + " rows");

  if (!request.metadata_path.empty()) {
    // The file may reorder or leave out columns and tables: align the data with it.
    Database aligned;
    for (const TableMeta& table : loaded.metadata.tables) {
      const Table* real = loaded.data.find_table(table.name);
      if (!real)
        throw InputError(request.metadata_path + ": " + locate(table.name) +
                         " is not in the source");
      Table ordered(table.name);
      for (const ColumnMeta& column : table.columns) {
        const Column* values = real->find_column(column.name);
        if (!values)
          throw InputError(request.metadata_path + ": " + locate(table.name, column.name) +
                           " is not in the source");
        if (values->type() != column.type)
          throw InputError(request.metadata_path + ": " + locate(table.name, column.name) +
                           " has type " + std::string(to_string(column.type)) +
                           " in the metadata but " + std::string(to_string(values->type())) +
                           " in the source");
        ordered.add_column(*values);
      }
      aligned.add_table(std::move(ordered));
    }
    loaded.data = std::move(aligned);
    if (!loaded.metadata.rules_known) {  // an older file, or one written by hand
      progress.step("finding rules");
      find_rules(loaded.metadata, loaded.data);
      progress.done();
    }
  } else {
    progress.step("inferring metadata");
    InferOptions infer_options;
    for (const auto& [name, rows] : source_rows)
      if (const Table* kept = loaded.data.find_table(name); kept && rows > 0)
        infer_options.rules.subset_share[name] =
            static_cast<double>(kept->num_rows()) / static_cast<double>(rows);
    Inspection inspection = infer_metadata(declared, loaded.data, infer_options);
    loaded.metadata = std::move(inspection.metadata);
    loaded.warnings = std::move(inspection.warnings);
    progress.done();
  }
  restrict_tables(loaded, request);
  return loaded;
}

}  // namespace relsynth::cli

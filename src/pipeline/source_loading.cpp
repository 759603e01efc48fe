#include "pipeline/source_loading.h"

#include <algorithm>
#include <map>
#include <set>

#include "relsynth/error.h"
#include "relsynth/rules.h"
#include "relsynth/synth.h"
#include "synth/treatments.h"

namespace relsynth {

namespace {

void restrict_tables(LoadedSource& loaded, const SourceRequest& request) {
  if (request.only.empty() && request.ignore.empty()) return;
  std::set<std::string> keep;  // the names are known to be tables (load_source checked them)
  for (const TableMeta& table : loaded.metadata.tables) keep.insert(table.name);
  if (!request.only.empty()) keep = std::set<std::string>(request.only.begin(), request.only.end());
  for (const std::string& name : request.ignore) keep.erase(name);

  std::set<std::string> dropped;
  for (const TableMeta& table : loaded.metadata.tables)
    if (!keep.count(table.name)) dropped.insert(table.name);
  drop_tables(loaded.metadata, dropped, loaded.warnings);
  Database data;
  for (const TableMeta& table : loaded.metadata.tables)
    data.add_table(loaded.data.table(table.name));
  loaded.data = std::move(data);
}

// The declared schema as far as the metadata file names its tables and columns, with the file's
// keys: what is read. Left-out tables and columns are never read (a table the source cannot
// give, a column with bad values, stays out of the way).
Metadata named_in(const Metadata& declared, const Metadata& file) {
  Metadata out = declared;
  out.tables.clear();
  for (const TableMeta& table : declared.tables) {
    const TableMeta* chosen = file.find_table(table.name);
    if (!chosen) continue;
    TableMeta kept = table;
    kept.columns.clear();
    for (const ColumnMeta& column : table.columns)
      if (chosen->find_column(column.name)) kept.columns.push_back(column);
    kept.primary_key = chosen->primary_key;
    kept.foreign_keys = chosen->foreign_keys;
    out.tables.push_back(std::move(kept));
  }
  return out;
}

// SDV metadata holds sdtypes and keys but no storage types: each column the source has takes
// its type, SQL type, format and constraints from there.
void take_storage_types(Metadata& file, const Metadata& declared) {
  file.keys_declared = declared.keys_declared;
  file.sql_dialect = declared.sql_dialect;
  for (TableMeta& table : file.tables) {
    const TableMeta* source = declared.find_table(table.name);
    if (!source) continue;  // load_file reports it
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

// The metadata (of a file or plan at `path`), checked against the source before any row is
// read: each table and column it names must be there with the same storage type; what it leaves
// out is said, then not read.
Metadata checked_against(Metadata file, const std::string& path, const Metadata& declared,
                         Progress& progress) {
  if (!file.storage_types_known) take_storage_types(file, declared);
  if (file.tables.empty()) throw InputError(path + ": the metadata lists no tables");
  for (const TableMeta& table : file.tables) {
    const TableMeta* source = declared.find_table(table.name);
    if (!source) throw InputError(path + ": " + locate(table.name) + " is not in the source");
    for (const ColumnMeta& column : table.columns) {
      const ColumnMeta* stored = source->find_column(column.name);
      if (!stored)
        throw InputError(path + ": " + locate(table.name, column.name) + " is not in the source");
      if (stored->type != column.type)
        throw InputError(path + ": " + locate(table.name, column.name) + " has type " +
                         std::string(to_string(column.type)) + " in the metadata but " +
                         std::string(to_string(stored->type)) + " in the source");
    }
  }
  const std::string left_out = " is in the source but not in the metadata: left out";
  for (const TableMeta& source : declared.tables) {
    const TableMeta* table = file.find_table(source.name);
    if (!table) {
      progress.message("warning: " + locate(source.name) + left_out);
      continue;
    }
    for (const ColumnMeta& column : source.columns)
      if (!table->find_column(column.name))
        progress.message("warning: " + locate(source.name, column.name) + left_out);
  }
  try {
    validate_or_throw(file);
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
  return file;
}

Metadata load_file(const std::string& path, const Metadata& declared, Progress& progress) {
  return checked_against(load_metadata(path), path, declared, progress);
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
  std::unique_ptr<Source> owned;
  Source* source = request.opened;
  if (!source) {
    owned = open_source(request.uri, options);
    source = owned.get();
  }
  if (source->kind() != "csv" && !request.encoding.empty() && request.encoding != "auto")
    throw UsageError("--encoding applies to CSV sources; " + display_uri(request.uri) + " is a " +
                     source->kind() + " database, whose text is UTF-8");
  Metadata declared = source->describe();
  progress.done(std::to_string(declared.tables.size()) + " tables");
  if (declared.tables.empty())
    throw InputError(display_uri(request.uri) + ": the source has no tables" +
                     (source->kind() == "csv" ? " (no .csv or .tsv files)" : ""));

  LoadedSource loaded;
  const bool from_file = !request.metadata_path.empty() || request.metadata;
  if (request.metadata)
    loaded.metadata =
        checked_against(*request.metadata, request.metadata_origin, declared, progress);
  else if (from_file)
    loaded.metadata = load_file(request.metadata_path, declared, progress);
  const Metadata& tables = from_file ? loaded.metadata : declared;
  check_table_names(tables, "--only", request.only);
  check_table_names(tables, "--ignore", request.ignore);
  {
    std::set<std::string> kept;
    for (const TableMeta& table : tables.tables) kept.insert(table.name);
    if (!request.only.empty())
      kept = std::set<std::string>(request.only.begin(), request.only.end());
    for (const std::string& name : request.ignore) kept.erase(name);
    if (kept.empty()) throw UsageError("--only / --ignore leave no table");
  }
  // What is read: with a file, the tables and columns it names, with its keys.
  const Metadata keys = from_file ? named_in(declared, loaded.metadata) : declared;
  // A server (or SQLite file) selects the subset's rows itself: keys first, then those rows.
  loaded.subset = request.train_rows > 0 && source->kind() != "csv" && has_keys(keys);
  size_t done = 0;
  const size_t steps = keys.tables.size() * (loaded.subset ? 2 : 1);
  std::map<std::string, int64_t> source_rows;  // a subset's source tables' sizes
  auto on_table = [&](const std::string&) { progress.update(done++, steps); };
  if (loaded.subset) {
    progress.step("reading a training subset");
    loaded.data =
        read_subset(*source, keys, request.train_rows, request.seed, on_table, &source_rows);
  } else {
    progress.step("reading data");
    loaded.data = read_database(*source, keys, on_table);
  }
  progress.done(with_commas(static_cast<int64_t>(loaded.data.total_rows())) + " rows");

  if (from_file) {
    // The file may order tables and columns its own way: align the data with it.
    Database aligned;
    for (TableMeta& table : loaded.metadata.tables) {
      const Table& real = loaded.data.table(table.name);
      Table ordered(table.name);
      for (const ColumnMeta& column : table.columns)
        ordered.add_column(*real.find_column(column.name));
      if (table.row_count < 0) table.row_count = static_cast<int64_t>(real.num_rows());
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

}  // namespace relsynth

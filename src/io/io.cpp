// Picks the connector for a URI, and the whole-database read and write on top of them.
#include "relsynth/io.h"

#include <cstdio>
#include <filesystem>

#include "io/connectors.h"
#include "io/row_selection.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

enum class Kind { Sqlite, Csv, Postgres, Mysql };

struct Location {
  Kind kind;
  std::string path;
};

// postgresql://…, mysql://…, sqlite:///abs/path, sqlite://rel/path, sqlite:path, csv:DIR,
// *.db|.sqlite|.sqlite3, a directory.
Location parse_uri(const std::string& uri, bool for_writing) {
  if (starts_with(uri, "sqlite:")) {
    std::string path = uri.substr(7);
    if (starts_with(path, "//")) path = path.substr(2);
    if (path.empty()) throw UsageError("empty path in " + quote_name(uri));
    return {Kind::Sqlite, path};
  }
  for (const char* scheme : {"csv:", "tsv:"}) {
    if (starts_with(uri, scheme)) {
      std::string path = uri.substr(4);
      if (starts_with(path, "//")) path = path.substr(2);
      if (path.empty()) throw UsageError("empty directory in " + quote_name(uri));
      return {Kind::Csv, path};
    }
  }
  for (const char* scheme : {"postgresql:", "postgres:"})
    if (starts_with(uri, scheme)) return {Kind::Postgres, uri};
  for (const char* scheme : {"mysql:", "mariadb:"})
    if (starts_with(uri, scheme)) return {Kind::Mysql, uri};
  for (const char* extension : {".db", ".sqlite", ".sqlite3"})
    if (ends_with(uri, extension)) return {Kind::Sqlite, uri};
  std::error_code ec;
  if (fs::is_directory(uri, ec)) return {Kind::Csv, uri};
  if (fs::is_regular_file(uri, ec)) return {Kind::Sqlite, uri};  // the SQLite reader checks
  if (for_writing)
    throw UsageError("cannot tell the kind of destination " + quote_name(uri) +
                     ": use a .db/.sqlite/.sqlite3 file, sqlite:PATH or csv:DIR");
  throw IoError("source " + quote_name(uri) + " does not exist");
}

}  // namespace

std::unique_ptr<Source> open_source(const std::string& uri, const SourceOptions& options) {
  Location location = parse_uri(uri, false);
  if (location.kind == Kind::Sqlite) return make_sqlite_source(location.path, options);
  if (location.kind == Kind::Postgres) return make_postgres_source(location.path, options);
  if (location.kind == Kind::Mysql) return make_mysql_source(location.path, options);
  SourceOptions csv_options = options;
  if (starts_with(uri, "tsv:") && !csv_options.delimiter) csv_options.delimiter = '\t';
  return make_csv_source(location.path, csv_options);
}

std::unique_ptr<Destination> open_destination(const std::string& uri,
                                              const DestinationOptions& options) {
  Location location = parse_uri(uri, true);
  if (location.kind == Kind::Sqlite) return make_sqlite_destination(location.path, options);
  if (location.kind == Kind::Postgres) return make_postgres_destination(location.path, options);
  if (location.kind == Kind::Mysql) return make_mysql_destination(location.path, options);
  DestinationOptions csv_options = options;
  if (starts_with(uri, "tsv:") && !csv_options.delimiter) csv_options.delimiter = '\t';
  return make_csv_destination(location.path, csv_options);
}

std::string display_uri(const std::string& uri) {
  const size_t scheme = uri.find("://");
  if (scheme == std::string::npos) return uri;
  size_t end = uri.find_first_of("/?#", scheme + 3);
  if (end == std::string::npos) end = uri.size();
  const size_t at = uri.rfind('@', end);
  if (at == std::string::npos || at < scheme + 3) return uri;
  const size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

void warn_about(const DestinationOptions& options, const std::string& message) {
  if (options.on_warning)
    options.on_warning(message);
  else
    std::fprintf(stderr, "warning: %s\n", message.c_str());
}

Table Source::read_rows(const TableMeta& table, const RowSelection& selection) {
  return select_rows(read_table(table), selection);
}

Database read_database(Source& source, const Metadata& metadata,
                       const std::function<void(const std::string&)>& on_table) {
  Database database;
  for (const TableMeta& table : metadata.tables) {
    if (on_table) on_table(table.name);
    database.add_table(source.read_table(table));
  }
  return database;
}

void write_database(Destination& destination, const Metadata& metadata, const Database& data) {
  try {
    destination.begin(metadata);
    for (const std::string& name : build_key_graph(metadata).topological_order)
      destination.append(metadata.table(name), data.table(name));
    destination.commit();
  } catch (...) {
    destination.abort();
    throw;
  }
}

}  // namespace relsynth

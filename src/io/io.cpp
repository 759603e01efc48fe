// Picks the connector for a URI, and the whole-database read and write on top of them.
#include "relsynth/io.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "core/temp_files.h"
#include "io/connectors.h"
#include "io/mysql_common.h"
#include "io/postgres_common.h"
#include "io/row_selection.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

enum class Kind { Sqlite, Csv, Parquet, Archive, Xlsx, Xls, Ods, Postgres, Mysql };

struct Location {
  Kind kind;
  std::string path;
  std::string compression;  // parquet:DIR?compression=zstd
};

// parquet:PATH[?compression=C]: a folder of Parquet tables, one .parquet file to read, or an
// archive of Parquet tables.
Location parse_parquet_uri(const std::string& uri) {
  std::string path = uri.substr(8);
  if (starts_with(path, "//")) path = path.substr(2);
  std::string compression;
  if (const size_t query = path.find('?'); query != std::string::npos) {
    const std::string option = path.substr(query + 1);
    path.resize(query);
    if (!starts_with(option, "compression=") || option.find('&') != std::string::npos)
      throw UsageError("unknown option " + quote_name(option) + " in " + quote_name(uri) +
                       ": a Parquet destination takes ?compression=snappy|zstd|gzip|lz4|none");
    compression = option.substr(12);
  }
  if (path.empty()) throw UsageError("empty directory in " + quote_name(uri));
  return {is_archive_path(path) ? Kind::Archive : Kind::Parquet, path, compression};
}

// postgresql://…, mysql://…, sqlite:///abs/path, sqlite://rel/path, sqlite:path, csv:DIR,
// parquet:DIR, *.db|.sqlite|.sqlite3, *.parquet (read: one table), *.zip|.tar.gz|.tgz (csv:/tsv:
// before one says how its tables are delimited), a directory (of Parquet files, else CSV).
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
      return {is_archive_path(path) ? Kind::Archive : Kind::Csv, path};
    }
  }
  if (starts_with(uri, "parquet:")) return parse_parquet_uri(uri);
  for (const char* scheme : {"postgresql:", "postgres:"})
    if (starts_with(uri, scheme)) return {Kind::Postgres, uri};
  for (const char* scheme : {"mysql:", "mariadb:"})
    if (starts_with(uri, scheme)) return {Kind::Mysql, uri};
  for (const char* extension : {".db", ".sqlite", ".sqlite3"})
    if (ends_with(uri, extension)) return {Kind::Sqlite, uri};
  if (is_archive_path(uri)) return {Kind::Archive, uri};
  if (lowercase(uri).ends_with(".xlsx")) return {Kind::Xlsx, uri};
  if (lowercase(uri).ends_with(".ods")) return {Kind::Ods, uri};
  if (lowercase(uri).ends_with(".xls")) {
    if (for_writing)
      throw UsageError("relsynth reads legacy Excel .xls files but does not write them: write " +
                       quote_name(uri + "x") +
                       " (.xlsx, which Excel and every spreadsheet "
                       "program open) instead");
    return {Kind::Xls, uri};
  }
  if (lowercase(uri).ends_with(".parquet") && for_writing)
    throw UsageError("destination " + quote_name(uri) +
                     ": a .parquet file holds one table; write a database as parquet:DIR (a "
                     "folder with one .parquet file per table)");
  if (lowercase(uri).ends_with(".parquet")) return {Kind::Parquet, uri};
  std::error_code ec;
  if (fs::is_directory(uri, ec)) return {is_parquet_folder(uri) ? Kind::Parquet : Kind::Csv, uri};
  if (fs::is_regular_file(uri, ec)) return {Kind::Sqlite, uri};  // the SQLite reader checks
  if (for_writing)
    throw UsageError("cannot tell the kind of destination " + quote_name(uri) +
                     ": use a .db/.sqlite/.sqlite3 file, sqlite:PATH, csv:DIR, parquet:DIR, a "
                     ".zip/.tar.gz/.tgz archive, or an .xlsx or .ods spreadsheet");
  throw IoError("source " + quote_name(uri) + ": " + os_reason(ENOENT));
}

}  // namespace

std::unique_ptr<Source> open_source(const std::string& uri, const SourceOptions& options) {
  Location location = parse_uri(uri, false);
  if (location.kind == Kind::Sqlite) return make_sqlite_source(location.path, options);
  if (location.kind == Kind::Postgres) return make_postgres_source(location.path, options);
  if (location.kind == Kind::Mysql) return make_mysql_source(location.path, options);
  if (location.kind == Kind::Xlsx) return make_xlsx_source(location.path, options);
  if (location.kind == Kind::Ods) return make_ods_source(location.path, options);
  if (location.kind == Kind::Xls) return make_xls_source(location.path, options);
  if (location.kind == Kind::Parquet) return make_parquet_source(location.path, options);
  SourceOptions csv_options = options;
  if (starts_with(uri, "tsv:") && !csv_options.delimiter) csv_options.delimiter = '\t';
  if (location.kind == Kind::Archive) return make_archive_source(location.path, csv_options);
  return make_csv_source(location.path, csv_options);
}

std::unique_ptr<Destination> open_destination(const std::string& uri,
                                              const DestinationOptions& options) {
  Location location = parse_uri(uri, true);
  if (location.kind == Kind::Sqlite) return make_sqlite_destination(location.path, options);
  if (location.kind == Kind::Postgres) return make_postgres_destination(location.path, options);
  if (location.kind == Kind::Mysql) return make_mysql_destination(location.path, options);
  if (location.kind == Kind::Xlsx) return make_xlsx_destination(location.path, options);
  if (location.kind == Kind::Ods) return make_ods_destination(location.path, options);
  if (location.kind == Kind::Parquet)
    return make_parquet_destination(location.path, options, location.compression);
  DestinationOptions csv_options = options;
  if (starts_with(uri, "tsv:") && !csv_options.delimiter) csv_options.delimiter = '\t';
  if (location.kind == Kind::Archive)
    return make_archive_destination(
        location.path, csv_options,
        starts_with(uri, "parquet:") ? ArchiveMembers::Parquet : ArchiveMembers::Csv,
        location.compression);
  return make_csv_destination(location.path, csv_options);
}

namespace {

// Where a place lives: a resolved path (file or folder), or a server's database and schema.
struct Identity {
  bool server = false;
  bool folder = false;   // a CSV destination or source: other places may lie inside it
  fs::path path;         // resolved (symlinks followed, "." and ".." gone)
  std::string database;  // "postgresql://localhost:5432/db/schema"
};

// Loopback names and local sockets all reach this machine's server.
std::string host_identity(const std::string& host) {
  const std::string name = lowercase(host);
  if (name.empty() || name == "localhost" || name == "127.0.0.1" || name == "::1" ||
      name.starts_with("/"))
    return "localhost";
  return name;
}

Identity identify(const Place& place) {
  Identity identity;
  std::string path = place.uri;
  if (!place.plain_file) {
    Location location = parse_uri(place.uri, place.output);
    if (location.kind == Kind::Postgres) {
      const pg::Url url = pg::parse_url(place.uri);
      identity.server = true;
      identity.database = "postgresql://" + host_identity(url.host) + ":" + url.port + "/" +
                          (url.database.empty() ? url.user : url.database) + "/" + url.schema;
      return identity;
    }
    if (location.kind == Kind::Mysql) {
      const mysql::Url url = mysql::parse_url(place.uri);
      identity.server = true;
      identity.database =
          "mysql://" + (url.socket.empty() ? host_identity(url.host) : std::string("localhost")) +
          ":" + std::to_string(url.port) + "/" + url.database;
      return identity;
    }
    std::error_code file_ec;
    identity.folder = location.kind == Kind::Csv || (location.kind == Kind::Parquet &&
                                                     !fs::is_regular_file(location.path, file_ec));
    path = location.path;
  }
  std::error_code ec;
  identity.path = fs::weakly_canonical(fs::absolute(path, ec), ec).lexically_normal();
  if (identity.path.filename().empty()) identity.path = identity.path.parent_path();
  return identity;
}

bool inside(const fs::path& path, const fs::path& folder) {
  const auto mismatch = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return mismatch.first == folder.end() && mismatch.second != path.end();
}

bool same_place(const Identity& a, const Identity& b, const std::string& a_uri,
                const std::string& b_uri) {
  if (a.server || b.server) return a.server && b.server && a.database == b.database;
  if (a.path == b.path) return true;
  std::error_code ec;  // hard links and bind mounts: the same file under another name
  return fs::equivalent(a_uri, b_uri, ec) && !ec;
}

std::string shown(const Place& place) { return place.option + " " + display_uri(place.uri); }

}  // namespace

std::string place_identity(const std::string& uri) {
  const Identity identity = identify({"", uri, true, false});
  return identity.server ? identity.database : identity.path.string();
}

void check_places_apart(const std::vector<Place>& places) {
  std::vector<Identity> identities;
  for (const Place& place : places) identities.push_back(identify(place));
  auto location_of = [&](size_t i) {
    return places[i].plain_file ? places[i].uri : parse_uri(places[i].uri, false).path;
  };
  for (size_t o = 0; o < places.size(); ++o) {
    if (!places[o].output) continue;
    const Identity& out = identities[o];
    for (size_t i = 0; i < places.size(); ++i) {
      if (i == o || (places[i].output && i > o)) continue;  // each pair of outputs once
      const Identity& other = identities[i];
      const std::string what = places[i].output ? "also an output" : "an input";
      if (same_place(out, other, location_of(o), location_of(i)))
        throw UsageError(shown(places[o]) + " is the same place as " + shown(places[i]) + ", " +
                         what + ": relsynth never writes over it; choose another");
      if (out.server || other.server) continue;
      if (out.folder && inside(other.path, out.path))
        throw UsageError(shown(places[o]) + " would hold " + shown(places[i]) + ", " + what +
                         ": relsynth never writes over it; choose another folder");
      if (other.folder && inside(out.path, other.path))
        throw UsageError(shown(places[o]) + " lies inside the folder of " + shown(places[i]) +
                         ", " + what + ": relsynth never writes into it; write it elsewhere");
    }
  }
}

std::string destination_folder(const std::string& uri) {
  const Location location = parse_uri(uri, true);
  if (location.kind == Kind::Postgres || location.kind == Kind::Mysql) return {};
  fs::path path = fs::path(location.path).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();
  return path.has_parent_path() ? path.parent_path().string() : ".";
}

namespace {

// Where a server URL's password is (scheme://user:PASSWORD@host...): the ':' before it and the
// '@' after it; nullopt when it has none.
std::optional<std::pair<size_t, size_t>> password_span(const std::string& uri) {
  const size_t scheme = uri.find("://");
  if (scheme == std::string::npos) return std::nullopt;
  size_t end = uri.find_first_of("/?#", scheme + 3);
  if (end == std::string::npos) end = uri.size();
  const size_t at = uri.rfind('@', end);
  if (at == std::string::npos || at < scheme + 3) return std::nullopt;
  const size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return std::nullopt;
  return std::pair{colon, at};
}

}  // namespace

std::string display_uri(const std::string& uri) {
  const auto span = password_span(uri);
  return span ? uri.substr(0, span->first + 1) + "***" + uri.substr(span->second) : uri;
}

std::string uri_without_password(const std::string& uri) {
  const auto span = password_span(uri);
  return span ? uri.substr(0, span->first) + uri.substr(span->second) : uri;
}

void warn_about(const DestinationOptions& options, const std::string& message) {
  if (options.on_warning)
    options.on_warning(message);
  else
    std::fprintf(stderr, "warning: %s\n", message.c_str());
}

void check_replaceable_file(const std::string& target, bool overwrite,
                            bool (*written_by_relsynth)(const std::string&),
                            const std::string& mark, const std::string& kind) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(target, ec))) return;
  if (!overwrite)
    throw UsageError("destination " + quote_name(target) + " exists; pass --overwrite");
  if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == 0) return;
  if (!written_by_relsynth(target))
    throw UsageError("destination " + quote_name(target) + " exists and is not " + kind +
                     " relsynth wrote (no " + mark +
                     "); --overwrite only replaces relsynth's own output: move it or choose "
                     "another file");
}

Table Source::read_rows(const TableMeta& table, const RowSelection& selection) {
  return select_rows(read_table(table), selection);
}

Table Source::read_page(const TableMeta& table, size_t offset, size_t limit) {
  const Table all = read_table(table);
  const size_t begin = std::min(offset, all.num_rows());
  return all.slice(begin, begin + std::min(limit, all.num_rows() - begin));
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

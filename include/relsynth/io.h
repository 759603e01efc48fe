// Connectors: every source and destination behind one reader and one writer interface.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth {

struct SourceOptions {
  std::string null_token;  // CSV: the text that means NULL ("" = an empty unquoted field)
  char delimiter = 0;      // CSV: 0 = by extension (.csv ',' / .tsv '\t')
  // CSV: the files' text encoding: "auto" (or empty: UTF-8 when valid, else Windows-1252,
  // with a warning), "utf-8" (invalid bytes are an error), "latin1", "cp1252". Text is UTF-8
  // once read.
  std::string encoding = "auto";
  // What the source read other than asked (a file transcoded); unset: "warning: ..." on stderr.
  std::function<void(const std::string&)> on_warning;
};

// Which rows to read: those whose `columns` equal a row of `keys` (NULL equals NULL). A key
// row that occurs n times selects up to n matching rows, the first ones read.
struct RowSelection {
  std::vector<std::string> columns;
  Table keys;  // one column per entry of `columns`, with the source's types
};

// A database to read: a SQLite file, a directory of CSV/TSV files, PostgreSQL, MySQL.
class Source {
 public:
  virtual ~Source() = default;
  virtual std::string kind() const = 0;  // "sqlite", "csv"
  // The declared schema: tables, columns with storage and SQL types, keys and constraints
  // as far as the source declares them (plain files declare no keys; sdtypes are not set).
  virtual Metadata describe() = 0;
  // All rows of one table, columns in the order of `table.columns`.
  virtual Table read_table(const TableMeta& table) = 0;
  // The selected rows of one table. SQL sources ask the server for them, so a big table is not
  // transferred whole; the default reads the table and filters it.
  virtual Table read_rows(const TableMeta& table, const RowSelection& selection);
  // Rows [offset, offset + limit) of one table in read_table's order (fewer at its end): a page
  // of a preview. SQLite, CSV/TSV and Parquet read no further than the page (Parquet only the row
  // groups that hold it); the default reads the whole table and slices it.
  virtual Table read_page(const TableMeta& table, size_t offset, size_t limit);
};

struct DestinationOptions {
  bool overwrite = false;  // replace an existing destination
  std::string null_token;  // CSV: how NULL is written ("" = empty field)
  char delimiter = 0;      // CSV: 0 = ','
  // What the destination could not keep as asked (a CHECK the server refuses, a widened
  // column); unset: "warning: ..." on stderr.
  std::function<void(const std::string&)> on_warning;
};

// A database to write. Nothing is visible at the destination until commit(); a destination
// destroyed or aborted before commit() leaves what was there before untouched.
class Destination {
 public:
  virtual ~Destination() = default;
  virtual std::string kind() const = 0;
  // Before any work: refuses (InputError naming the table) a schema this destination cannot
  // hold, as begin() would after training and generating (a SQLite table named "sqlite_x", two
  // columns differing in case only, more columns than the format allows). Writes nothing.
  virtual void check(const Metadata& metadata) const { (void)metadata; }
  // Creates the schema (tables, keys, constraints as in `metadata`) in a staging area.
  virtual void begin(const Metadata& metadata) = 0;
  // Appends rows to one table; may be called many times per table, in any table order.
  // `rows` has the table's columns in metadata order.
  virtual void append(const TableMeta& table, const Table& rows) = 0;
  // Finishes (indexes, constraints) and makes the result visible atomically.
  virtual void commit() = 0;
  // Drops everything staged. Safe to call more than once.
  virtual void abort() = 0;
};

// "sqlite:///path", "path.db|.sqlite|.sqlite3", "csv:DIR", or an existing directory.
std::unique_ptr<Source> open_source(const std::string& uri, const SourceOptions& options = {});
std::unique_ptr<Destination> open_destination(const std::string& uri,
                                              const DestinationOptions& options = {});

// The local folder a destination's files go in ("." for a bare file name); empty for a server.
std::string destination_folder(const std::string& uri);

// `uri` as it may be shown: a server URL's password (scheme://user:PASSWORD@...) as "***".
std::string display_uri(const std::string& uri);
// `uri` without its password ("postgresql://u:secret@h/db" -> "postgresql://u@h/db").
std::string uri_without_password(const std::string& uri);

// Reads every table of `metadata` (called with each table name before it is read).
Database read_database(Source& source, const Metadata& metadata,
                       const std::function<void(const std::string&)>& on_table = {});
// A source, destination or file a command names, to check that no output lands on an input.
struct Place {
  std::string option;       // how the command line names it: "source", "--to", "-o"
  std::string uri;          // as given
  bool output = false;      // written by the command
  bool plain_file = false;  // a file (model, report, metadata), not a database URI
};
// The place a URI or path names, as one string: two URIs naming one file, folder or server
// database and schema give the same text (a destination lock's key).
std::string place_identity(const std::string& uri);
// Refuses (UsageError) an output that is an input (the same file, folder, or server database and
// schema), would hold one, or lies inside an input folder; and two outputs onto one place.
// Call before any work, with every place a command names.
void check_places_apart(const std::vector<Place>& places);

// begin, append every table in foreign-key order, commit; aborts on any error.
void write_database(Destination& destination, const Metadata& metadata, const Database& data);

}  // namespace relsynth

// Shared pieces of the SQLite connector: RAII wrappers over the C API, identifier quoting,
// affinity rules and readers of the CREATE TABLE text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relsynth/types.h"

namespace relsynth::sqlite {

// An open database connection; closed on destruction.
class Connection {
 public:
  Connection() = default;
  // Opens `path` with sqlite3_open_v2 flags; throws IoError naming the path on failure.
  Connection(const std::string& path, int flags);
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }
  bool is_open() const { return db_ != nullptr; }
  void close();  // finalizes nothing: statements must be gone first

  // Runs one or more statements without results; throws IoError on failure.
  void exec(const std::string& sql);
  // The connection's last error message.
  std::string message() const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// A prepared statement; finalized on destruction.
class Statement {
 public:
  Statement() = default;
  // Throws IoError (naming the database path) when the SQL does not prepare.
  Statement(const Connection& connection, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  sqlite3_stmt* get() const { return stmt_; }
  explicit operator bool() const { return stmt_ != nullptr; }

  // Advances to the next row: true when a row is available, false when done.
  // Throws IoError on any error.
  bool step();
  void reset();
  void finalize();

  void bind_text(int index, std::string_view value);  // copied (SQLITE_TRANSIENT)
  int column_count() const { return sqlite3_column_count(stmt_); }
  int type(int column) const { return sqlite3_column_type(stmt_, column); }
  bool is_null(int column) const { return type(column) == SQLITE_NULL; }
  int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  // Text of the value (numbers converted by SQLite); empty for NULL. Valid until the next step.
  std::string_view text(int column) const;
  std::string_view blob(int column) const;
  std::string string(int column) const { return std::string(text(column)); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  std::string path_;
};

// "name" with embedded double quotes doubled: safe for any table or column name.
std::string quote_identifier(std::string_view name);
// 'text' with embedded single quotes doubled.
std::string quote_literal(std::string_view text);

// SQLite's type affinity of a declared column type (rules of section 3.1 of the SQLite docs).
enum class Affinity { Integer, Text, Blob, Real, Numeric };
Affinity affinity_of(std::string_view declared_type);

// A declared type for a column that has none, chosen from its storage type.
std::string default_sql_type(DataType type, std::string_view format);

// The inner expressions of every CHECK (...) in a CREATE TABLE statement, verbatim and trimmed.
std::vector<std::string> extract_checks(std::string_view create_sql);
// True when the statement says AUTOINCREMENT (outside strings, names and comments).
bool has_autoincrement(std::string_view create_sql);

// Each generated column (`name [type] [GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]`) of a
// CREATE TABLE statement: its name as written (unquoted) and its expression, verbatim.
struct GeneratedColumn {
  std::string name;
  std::string expression;
  bool stored = false;
};
std::vector<GeneratedColumn> generated_columns(std::string_view create_sql);

// A CREATE VIRTUAL TABLE statement's module ("fts5") and everything from it on, verbatim
// ("fts5(title, body, tokenize='porter')"); both empty when the statement has no USING.
struct VirtualTableDeclaration {
  std::string module;
  std::string declaration;
};
VirtualTableDeclaration virtual_table_declaration(std::string_view create_sql);
// The value of a `key=value` argument in a module declaration (content='' gives ""), unquoted;
// nullopt when the declaration has no such argument.
std::optional<std::string> module_option(std::string_view declaration, std::string_view option);

// True when a DEFAULT value text (as PRAGMA table_info reports it) may be written after
// DEFAULT as it is; anything else must be wrapped in parentheses.
bool is_default_literal(std::string_view text);

// Shortest text that reads back as the same double, always with a '.' or exponent so that
// SQLite keeps it a REAL ("3.0", "0.1", "1e+300").
std::string real_to_text(double value);

// ASCII case-insensitive equality of SQL keywords and type names.
bool iequals(std::string_view a, std::string_view b);

}  // namespace relsynth::sqlite

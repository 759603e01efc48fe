// Shared pieces of the MySQL/MariaDB connector: the URL (credentials, masking), a connection
// over MariaDB Connector/C with clear errors, identifier quoting, and a small parser of
// column types as MySQL writes them (information_schema.COLUMNS.COLUMN_TYPE).
#pragma once

// The library target has pkg-config's include directory; code that only includes this header
// (the tests) finds the header under its Debian path.
#if __has_include(<mysql.h>)
#include <mysql.h>
#else
#include <mariadb/mysql.h>
#endif

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relsynth::mysql {

// mysql://user[:password]@host[:port]/database[?socket=PATH&ssl=1&ssl-ca=FILE&connect-timeout=S]
// (also mariadb://). User, password and database are percent-decoded. Without a password in
// the URL, the MYSQL_PWD environment variable is used.
struct Url {
  std::string user;  // empty: the client library's default (the OS login name)
  std::string password;
  bool has_password = false;
  std::string host = "localhost";
  unsigned port = 3306;
  std::string database;
  std::string socket;  // ?socket=PATH: a unix socket instead of TCP
  bool ssl = false;    // ?ssl=1: refuse an unencrypted connection
  std::string ssl_ca;  // ?ssl-ca=FILE
  unsigned connect_timeout = 10;
  std::string display;  // the URL as given, password masked: safe for messages

  // "host:port", or the socket path: where messages say the server is.
  std::string endpoint() const;
  // "'user'" or "(the default user)" for messages.
  std::string user_for_messages() const;
};

// Throws UsageError (naming the masked URL) when the URL is malformed or names no database.
Url parse_url(const std::string& url);
// The URL with the password between "user:" and "@" replaced by "***"; any text.
std::string mask_password(std::string_view url);

// `name` with embedded backticks doubled: safe for any database, table or column name.
std::string quote_identifier(std::string_view name);
// `database`.`table`
std::string qualified(std::string_view database, std::string_view table);

// One row of a buffered result: NULL is nullopt.
using Row = std::vector<std::optional<std::string>>;

// An open connection (utf8mb4, session time zone +00:00); closed on destruction.
class Connection {
 public:
  // Connects to the server, selecting `database` unless it is empty. Throws IoError:
  // "cannot connect to MySQL/MariaDB at host:port (URL): ...", "access denied for user ...",
  // "database `x` does not exist ...". The password never appears in a message.
  Connection(const Url& url, const std::string& database);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  MYSQL* get() const { return mysql_; }
  const Url& url() const { return url_; }
  bool is_mariadb() const { return mariadb_; }
  // "MariaDB 10.11.6" / "MySQL 8.0.36"
  std::string server_description() const;

  // Runs one statement; throws IoError ("MySQL/MariaDB at host:port: message") on failure.
  void exec(const std::string& sql);
  // Runs one statement; returns 0 or the server's error number (message in error()).
  unsigned try_exec(const std::string& sql);
  // Runs a query and buffers every row.
  std::vector<Row> query(const std::string& sql);
  // The single value of a one-row, one-column query (nullopt for NULL or no row).
  std::optional<std::string> query_value(const std::string& sql);

  unsigned error_number() const { return mysql_errno(mysql_); }
  std::string error() const { return mysql_error(mysql_); }
  // "MySQL/MariaDB at host:port (URL)"
  std::string where() const;

  // 'text' escaped for this connection's character set.
  std::string literal(std::string_view text) const;
  // Appends 'text' (escaped) to `out`; faster than literal() in loops.
  void append_literal(std::string& out, std::string_view text) const;

 private:
  MYSQL* mysql_ = nullptr;
  Url url_;
  bool mariadb_ = false;
  std::string version_;
};

// A column type as MySQL writes it: base name, the text inside the first parentheses, and
// the words after them. "decimal(10,2) unsigned" -> {"decimal", "10,2", {"unsigned"}}.
struct SqlType {
  std::string base;  // lower case; "character varying" kept as two words
  std::string args;  // verbatim, without the parentheses; empty when none
  bool has_args = false;
  std::vector<std::string> modifiers;  // lower case: unsigned, zerofill, ...
  // Whole-number arguments: "10,2" -> {10, 2}; empty when an argument is not a number.
  std::vector<int64_t> numbers() const;
  bool is_unsigned() const;
};
SqlType parse_sql_type(std::string_view text);

// True when `text` is written exactly as information_schema.COLUMNS.COLUMN_TYPE writes a
// MySQL or MariaDB type (lower case, "int(11)", "varchar(40)", "enum('a','b')", ...).
bool is_mysql_column_type(std::string_view text);

// Families of MySQL types by base name.
bool is_integer_type(std::string_view base);   // tinyint ... bigint
bool is_text_type(std::string_view base);      // tinytext, text, mediumtext, longtext
bool is_blob_type(std::string_view base);      // tinyblob, blob, mediumblob, longblob
bool is_temporal_type(std::string_view base);  // date, datetime, timestamp, time

// ASCII lower case.
std::string lower(std::string_view text);

}  // namespace relsynth::mysql

// Shared pieces of the PostgreSQL connector: the URL (credentials kept out of every message),
// an RAII connection over libpq with clear connection errors, results, COPY text encoding and
// decoding, and the classification of PostgreSQL types into relsynth's storage types.
//
// libpq-fe.h is not included here, so code outside the library (tests) can use the wrapper
// without libpq's include directory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "relsynth/error.h"
#include "relsynth/types.h"

struct pg_conn;    // PGconn
struct pg_result;  // PGresult

namespace relsynth::pg {

// A postgresql:// (or postgres://) URL:
//   postgresql://user[:password]@host[:port]/database?schema=name[&sslmode=...]
// The password comes from the URL, else libpq takes PGPASSWORD or ~/.pgpass itself.
struct Url {
  std::string masked;    // the URL with its password replaced by "***": safe to show
  std::string user;      // empty: libpq's default (PGUSER or the OS user)
  std::string host;      // for messages: as written, or PGHOST, or "localhost"
  std::string port;      // for messages: as written, or PGPORT, or "5432"
  std::string database;  // empty: libpq's default (PGDATABASE or the user name)
  std::string schema;    // ?schema=, default "public"
  std::string password;  // from the URL; never shown anywhere
  // The URL's other query parameters (sslmode, connect_timeout...), handed to libpq as
  // connection keywords. libpq never sees the URL itself, so none of its messages can echo it.
  std::vector<std::pair<std::string, std::string>> options;

  std::string where() const { return host + ":" + port; }  // "127.0.0.1:5432"
};

// Throws UsageError (quoting the masked URL) when the URL cannot be parsed.
Url parse_url(const std::string& url);
// `url` with the password of its user-info part (and any password= parameter) masked.
std::string mask_password(std::string_view url);

// A server error of a statement, with the fields PostgreSQL sends (any may be empty).
class ServerError : public IoError {
 public:
  struct Fields {
    std::string sqlstate, message, detail, hint, context, table, column, constraint, datatype;
  };
  ServerError(const std::string& what, Fields fields) : IoError(what), fields_(std::move(fields)) {}
  const Fields& fields() const { return fields_; }
  const std::string& sqlstate() const { return fields_.sqlstate; }

 private:
  Fields fields_;
};

// A query result; cleared on destruction.
class Result {
 public:
  Result() = default;
  explicit Result(pg_result* result) : result_(result) {}
  ~Result();
  Result(Result&& other) noexcept;
  Result& operator=(Result&& other) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int rows() const;
  int columns() const;
  bool is_null(int row, int column) const;
  std::string_view value(int row, int column) const;  // "" for NULL
  std::string text(int row, int column) const { return std::string(value(row, column)); }
  int64_t integer(int row, int column) const;  // 0 for NULL
  bool boolean(int row, int column) const;     // 't'

 private:
  pg_result* result_ = nullptr;
};

// An open connection with the session set up for relsynth: UTF8, ISO dates, UTC, exact
// floats, hex bytea. Closed on destruction.
class Connection {
 public:
  // Connects; throws IoError with a clear message (unreachable server, authentication
  // failed for user X, database does not exist), never containing the password.
  explicit Connection(const Url& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  pg_conn* get() const { return conn_; }
  const Url& url() const { return url_; }

  // Runs statements without results; throws ServerError.
  void exec(const std::string& sql);
  // Runs one statement with text parameters ($1, $2, ...); throws ServerError.
  Result query(const std::string& sql, const std::vector<std::string>& params = {});
  // Reconnects (once) when the connection no longer answers.
  void ensure_alive();
  // The connection's transaction state.
  enum class Transaction { Idle, Open, Failed, Other };
  Transaction transaction() const;

  // COPY ... TO STDOUT: starts it, then next_copy_row returns each row (including its '\n')
  // until it returns false. The view is valid until the next call.
  void copy_out_start(const std::string& sql);
  bool next_copy_row(std::string_view& row);
  // Stops a COPY TO STDOUT early (cancels it on the server and drains what is in flight).
  void copy_out_abort();
  // COPY ... FROM STDIN: start, send data (any split), end; end throws ServerError.
  void copy_in_start(const std::string& sql);
  void copy_in_send(std::string_view data);
  void copy_in_end();
  // Abandons a COPY FROM STDIN: the server discards what it received.
  void copy_in_abort();

  // "text" with the password (if any) masked out.
  std::string scrub(std::string text) const;

 private:
  [[noreturn]] void fail_result(pg_result* result, const std::string& sql);
  void connect();
  void setup_session();

  Url url_;
  pg_conn* conn_ = nullptr;
  char* copy_buffer_ = nullptr;
};

// "name" with embedded double quotes doubled.
std::string quote_identifier(std::string_view name);
// "schema"."name".
std::string qualified(std::string_view schema, std::string_view name);
// 'text' with embedded single quotes doubled (standard_conforming_strings is on).
std::string quote_literal(std::string_view text);

// ---- types ----

// What a PostgreSQL column type is, for reading and writing values.
enum class Kind {
  Integer,      // smallint, integer, bigint, oid
  Float,        // real, double precision
  Numeric,      // numeric
  Bool,         // boolean
  Date,         // date
  Timestamp,    // timestamp without time zone
  TimestampTz,  // timestamp with time zone (read and written in UTC)
  Time,         // time without time zone
  Bytea,        // bytea
  Text,         // everything else: text, varchar, char, uuid, json, interval, enums, arrays...
};
// The kind of a base type (after resolving domains), by its OID.
Kind kind_of_type(uint32_t type_oid);
// relsynth's storage type for a kind.
DataType storage_type(Kind kind);
bool is_temporal_kind(Kind kind);

// ---- SQL text of defaults and checks ----

// A PostgreSQL CHECK constraint (pg_get_constraintdef: "CHECK ((price > (0)::numeric))") as
// an expression other engines read too: casts dropped, "x = ANY (ARRAY[a, b])" as
// "x IN (a, b)". nullopt when what is left is still PostgreSQL-only (regular expressions,
// arrays, casts that matter).
std::optional<std::string> portable_check(std::string_view constraint_definition);
// A column default (pg_get_expr) as a portable literal: "'abc'::character varying" -> "'abc'",
// "'-1'::integer" -> "-1", now() -> CURRENT_TIMESTAMP. nullopt for anything else (functions,
// sequences, expressions).
std::optional<std::string> portable_default(std::string_view expression);
// True when a default is a plain literal any engine reads: a number, a 'string', TRUE, FALSE,
// NULL, CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP.
bool is_portable_literal(std::string_view expression);
// SQL text of another engine with its [name] and `name` identifiers requoted as "name".
std::string requote_identifiers(std::string_view sql);

// ---- COPY text format ----

// Appends `value` escaped for COPY text format (\\, \n, \r, \t).
void append_copy_escaped(std::string& out, std::string_view value);
// Appends bytes as a COPY text field of a bytea column: \\x followed by hex digits.
void append_copy_bytea(std::string& out, std::string_view bytes);
// Splits one COPY text row (with or without its '\n') into fields; a field is NULL (\N) when
// its `null` flag is set. Fields without escapes point into `row`; escaped ones are decoded
// into `scratch` (one string per field, reused between rows).
void split_copy_row(std::string_view row, std::vector<std::string_view>& fields,
                    std::vector<bool>& null, std::vector<std::string>& scratch);
// Decodes a bytea value in hex output ("\x0a1b"); nullopt when it is not one.
std::optional<std::string> decode_bytea_hex(std::string_view text);

// ---- PostgreSQL's text output of temporal values (DateStyle ISO, TimeZone UTC) ----

// "2024-01-31", "2024-01-31 13:45:00.5", "2024-01-31 13:45:00+00", "13:45:00.25",
// "0044-03-15 BC": the value as `type` (a timestamp read as a date must be midnight).
std::optional<int64_t> parse_iso_temporal(std::string_view text, DataType type);
// What PostgreSQL reads back as the same value: "2024-01-31", "2024-01-31 13:45:00.500000",
// "13:45:00"; years before 1 get " BC".
std::string format_iso_temporal(int64_t value, DataType type);

}  // namespace relsynth::pg

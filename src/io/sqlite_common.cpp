#include "io/sqlite_common.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include "core/sql_lexer.h"
#include "relsynth/error.h"

namespace relsynth::sqlite {

namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

using sql::Token;

std::vector<Token> significant(std::string_view sql) {
  return sql::significant(sql::tokenize(sql));
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// ---- Connection ----

Connection::Connection(const std::string& path, int flags) : path_(path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw IoError("cannot open SQLite database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // SQLite reads a double-quoted name that matches no column as a string literal: a
  // `SELECT "gone" FROM t` would return the word 'gone' in every row instead of failing. Off for
  // every statement relsynth builds. DDL keeps it on a connection that writes, because a
  // destination replays the source's CHECK, DEFAULT and generated expressions verbatim, and
  // legacy schemas write strings that way ("yes"); SQLite accepts them in an existing schema.
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  if (flags & SQLITE_OPEN_READONLY) sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
}

Connection::~Connection() { close(); }

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

void Connection::close() {
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

void Connection::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string text = error ? error : message();
    sqlite3_free(error);
    throw IoError("SQLite database " + path_ + ": " + text);
  }
}

std::string Connection::message() const { return db_ ? sqlite3_errmsg(db_) : "not open"; }

// ---- Statement ----

Statement::Statement(const Connection& connection, std::string_view sql)
    : db_(connection.get()), path_(connection.path()) {
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt_, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db_);
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    throw IoError("SQLite database " + path_ + ": " + message);
  }
}

Statement::~Statement() { finalize(); }

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    finalize();
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw IoError("SQLite database " + path_ + ": " + message);
}

void Statement::reset() { sqlite3_reset(stmt_); }

void Statement::finalize() {
  if (stmt_) sqlite3_finalize(stmt_);
  stmt_ = nullptr;
}

void Statement::bind_text(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

std::string_view Statement::text(int column) const {
  const unsigned char* data = sqlite3_column_text(stmt_, column);
  if (!data) return {};
  return std::string_view(reinterpret_cast<const char*>(data),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  if (!data) return {};
  return std::string_view(static_cast<const char*>(data),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

// ---- helpers ----

std::string quote_identifier(std::string_view name) { return sql::quote_identifier(name, '"'); }

std::string quote_literal(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

Affinity affinity_of(std::string_view declared_type) {
  const std::string type = upper(declared_type);
  auto has = [&type](std::string_view part) { return type.find(part) != std::string::npos; };
  if (has("INT")) return Affinity::Integer;
  if (has("CHAR") || has("CLOB") || has("TEXT")) return Affinity::Text;
  if (has("BLOB") || trim(type).empty()) return Affinity::Blob;
  if (has("REAL") || has("FLOA") || has("DOUB")) return Affinity::Real;
  return Affinity::Numeric;
}

std::string default_sql_type(DataType type, std::string_view format) {
  // A temporal format made only of digits (say "%Y%m%d") would turn into a number under the
  // NUMERIC affinity of DATE/DATETIME/TIME, so such columns are declared TEXT.
  auto digits_only = [&format] {
    if (format.empty()) return false;
    for (size_t i = 0; i < format.size(); ++i) {
      if (format[i] == '%') {
        ++i;
        if (i < format.size() && format[i] >= '1' && format[i] <= '9') ++i;
        continue;
      }
      if (format[i] != '.') return false;
    }
    return true;
  };
  switch (type) {
    case DataType::Int64:
      return "INTEGER";
    case DataType::Float64:
      return "REAL";
    case DataType::Decimal:
      return "NUMERIC";
    case DataType::String:
      return "TEXT";
    case DataType::Bool:
      return "BOOLEAN";
    case DataType::Date:
      return digits_only() ? "TEXT" : "DATE";
    case DataType::DateTime:
      return digits_only() ? "TEXT" : "DATETIME";
    case DataType::Time:
      return digits_only() ? "TEXT" : "TIME";
    case DataType::Binary:
      return "BLOB";
  }
  return "TEXT";
}

std::vector<std::string> extract_checks(std::string_view create_sql) {
  std::vector<std::string> checks;
  const std::vector<Token> tokens = significant(create_sql);
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].kind != Token::Word || !iequals(tokens[i].text, "CHECK")) continue;
    if (tokens[i + 1].kind != Token::Operator || tokens[i + 1].text != "(") continue;
    int depth = 0;
    size_t k = i + 1;
    for (; k < tokens.size(); ++k) {
      if (tokens[k].kind != Token::Operator) continue;
      if (tokens[k].text == "(") ++depth;
      if (tokens[k].text == ")" && --depth == 0) break;
    }
    if (k == tokens.size()) break;  // unbalanced: SQLite would not have accepted it
    const size_t begin = tokens[i + 1].end;
    checks.emplace_back(trim(create_sql.substr(begin, tokens[k].begin - begin)));
    i = k;
  }
  return checks;
}

bool has_autoincrement(std::string_view create_sql) {
  for (const Token& t : sql::tokenize(create_sql))
    if (t.kind == Token::Word && iequals(t.text, "AUTOINCREMENT")) return true;
  return false;
}

bool is_default_literal(std::string_view text) {
  text = trim(text);
  if (text.empty()) return false;
  if (sql::is_numeric_literal(text, /*allow_hex=*/true)) return true;
  const std::vector<Token> tokens = significant(text);
  if (tokens.size() == 1) {
    const Token& t = tokens[0];
    if (t.kind == Token::String) return t.end == text.size() && text.back() == '\'';
    if (t.kind == Token::Word) {
      for (std::string_view keyword :
           {"NULL", "TRUE", "FALSE", "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"})
        if (iequals(t.text, keyword)) return true;
    }
    return false;
  }
  // A blob literal: X'0A1B'.
  return tokens.size() == 2 && tokens[0].kind == Token::Word && iequals(tokens[0].text, "X") &&
         tokens[1].kind == Token::String && tokens[0].end == tokens[1].begin;
}

namespace {

// The significant tokens between tokens[open] = "(" and its closing ")", split at the commas
// of that level: each item as a [begin, end) range of token indexes. `close` gets the index of
// the ")" (tokens.size() when unbalanced).
std::vector<std::pair<size_t, size_t>> split_list(const std::vector<Token>& tokens, size_t open,
                                                  size_t* close) {
  std::vector<std::pair<size_t, size_t>> items;
  int depth = 0;
  size_t begin = open + 1, k = open;
  for (; k < tokens.size(); ++k) {
    if (tokens[k].kind != Token::Operator) continue;
    const std::string& t = tokens[k].text;
    if (t == "(") {
      ++depth;
    } else if (t == ")") {
      if (--depth == 0) break;
    } else if (t == "," && depth == 1) {
      items.emplace_back(begin, k);
      begin = k + 1;
    }
  }
  if (k < tokens.size()) items.emplace_back(begin, k);
  if (close) *close = k;
  return items;
}

bool is_open(const Token& token) { return token.kind == Token::Operator && token.text == "("; }

// A name as written: a bare word, or a quoted name without its quotes.
std::string name_of(const Token& token) {
  return token.kind == Token::Identifier || token.kind == Token::String ? token.value : token.text;
}

}  // namespace

std::vector<GeneratedColumn> generated_columns(std::string_view create_sql) {
  std::vector<GeneratedColumn> out;
  const std::vector<Token> tokens = significant(create_sql);
  size_t open = 0;
  while (open < tokens.size() && !is_open(tokens[open])) ++open;
  if (open == tokens.size()) return out;
  for (auto [begin, end] : split_list(tokens, open, nullptr)) {
    if (begin >= end) continue;
    const Token& first = tokens[begin];
    if (first.kind == Token::Word) {
      bool constraint = false;  // a table constraint, not a column
      for (std::string_view word : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})
        constraint |= iequals(first.text, word);
      if (constraint) continue;
    }
    // `AS (` at the definition's own level: a CHECK (CAST(x AS INT)) is deeper.
    int depth = 0;
    for (size_t k = begin + 1; k + 1 < end; ++k) {
      const Token& t = tokens[k];
      if (t.kind == Token::Operator && (t.text == "(" || t.text == ")")) {
        depth += t.text == "(" ? 1 : -1;
        continue;
      }
      if (depth != 0 || t.kind != Token::Word || !iequals(t.text, "AS") || !is_open(tokens[k + 1]))
        continue;
      size_t close = 0;
      split_list(tokens, k + 1, &close);
      if (close >= end) break;
      GeneratedColumn column;
      column.name = name_of(first);
      const size_t from = tokens[k + 1].end;
      column.expression = std::string(trim(create_sql.substr(from, tokens[close].begin - from)));
      column.stored = close + 1 < end && tokens[close + 1].kind == Token::Word &&
                      iequals(tokens[close + 1].text, "STORED");
      out.push_back(std::move(column));
      break;
    }
  }
  return out;
}

VirtualTableDeclaration virtual_table_declaration(std::string_view create_sql) {
  VirtualTableDeclaration out;
  const std::vector<Token> tokens = significant(create_sql);
  for (size_t k = 0; k + 1 < tokens.size(); ++k) {
    if (tokens[k].kind != Token::Word || !iequals(tokens[k].text, "USING")) continue;
    out.module = name_of(tokens[k + 1]);
    out.declaration = std::string(trim(create_sql.substr(tokens[k + 1].begin)));
    break;
  }
  return out;
}

std::optional<std::string> module_option(std::string_view declaration, std::string_view option) {
  const std::vector<Token> tokens = significant(declaration);
  if (tokens.size() < 2 || !is_open(tokens[1])) return std::nullopt;
  for (auto [begin, end] : split_list(tokens, 1, nullptr)) {
    if (end - begin < 2 || tokens[begin].kind != Token::Word ||
        !iequals(tokens[begin].text, option) || tokens[begin + 1].kind != Token::Operator ||
        tokens[begin + 1].text != "=")
      continue;
    return begin + 2 < end ? name_of(tokens[begin + 2]) : std::string();
  }
  return std::nullopt;
}

std::string real_to_text(double value) {
  char buffer[40];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string out(buffer, result.ptr);
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
  return out;
}

}  // namespace relsynth::sqlite

#include "io/postgres_common.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "core/sql_lexer.h"

namespace relsynth::pg {

namespace {

std::string trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end &&
         (text[begin] == ' ' || text[begin] == '\n' || text[begin] == '\t' || text[begin] == '\r'))
    ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t' ||
                         text[end - 1] == '\r'))
    --end;
  return std::string(text.substr(begin, end - begin));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoding of a URL part.
std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// libpq's connection failure text, reduced to its substance: without the
// 'connection to server at "h", port p failed: ' prefix and the "FATAL:  " tag, one line.
std::string connection_reason(std::string message) {
  for (const char* prefix : {"FATAL:  ", "ERROR:  "}) {
    for (size_t at; (at = message.find(prefix)) != std::string::npos;)
      message.erase(at, std::strlen(prefix));
  }
  const size_t failed = message.rfind(" failed: ");
  if (message.starts_with("connection to server") && failed != std::string::npos)
    message.erase(0, failed + 9);
  std::string out;
  for (char c : trim(message)) {
    if (c == '\n') {
      out += "; ";
    } else if (c != '\t') {
      out += c;
    }
  }
  return out;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

void silent_notice(void*, const char*) {}

void write_digits(std::string& out, int64_t value, int width) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  for (int pad = width - static_cast<int>(result.ptr - buffer); pad > 0; --pad) out += '0';
  out.append(buffer, result.ptr);
}

// Reads `width` digits or more (`at_least`) at `pos`.
bool read_number(std::string_view text, size_t& pos, size_t min_digits, size_t max_digits,
                 int64_t& out) {
  size_t digits = 0;
  int64_t value = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < max_digits) {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++digits;
  }
  out = value;
  return digits >= min_digits;
}

bool read_char(std::string_view text, size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

bool leap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }
unsigned days_in(int64_t year, int64_t month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

// HH:MM:SS[.fraction] -> microseconds since midnight (24:00:00 allowed, as PostgreSQL does).
bool read_time(std::string_view text, size_t& pos, int64_t& micros) {
  int64_t hour, minute, second = 0, fraction = 0;
  if (!read_number(text, pos, 2, 2, hour) || !read_char(text, pos, ':') ||
      !read_number(text, pos, 2, 2, minute))
    return false;
  if (read_char(text, pos, ':') && !read_number(text, pos, 2, 2, second)) return false;
  if (read_char(text, pos, '.')) {
    size_t start = pos;
    if (!read_number(text, pos, 1, 6, fraction)) return false;
    for (size_t k = pos - start; k < 6; ++k) fraction *= 10;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;  // beyond micros
  }
  if (minute > 59 || second > 60) return false;
  if (hour > 24 || (hour == 24 && (minute || second || fraction))) return false;
  micros = ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
  return true;
}

}  // namespace

// ---- URL ----

std::string mask_password(std::string_view url) {
  std::string out(url);
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    size_t end = out.find('?', start);
    if (end == std::string::npos) end = out.size();
    const size_t at = out.rfind('@', end == 0 ? 0 : end - 1);
    if (at != std::string::npos && at >= start) {
      const size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // A password=... parameter.
  for (size_t at = out.find("password="); at != std::string::npos;
       at = out.find("password=", at + 1)) {
    if (at > 0 && out[at - 1] != '?' && out[at - 1] != '&') continue;
    const size_t value = at + 9;
    size_t end = out.find('&', value);
    if (end == std::string::npos) end = out.size();
    out.replace(value, end - value, "***");
  }
  return out;
}

Url parse_url(const std::string& text) {
  Url url;
  url.masked = mask_password(text);
  auto bad = [&](const std::string& why) -> UsageError {
    return UsageError("cannot read the PostgreSQL URL " + url.masked + ": " + why +
                      " (expected postgresql://user[:password]@host[:port]/database"
                      "[?schema=name])");
  };
  std::string_view rest(text);
  if (rest.starts_with("postgresql://"))
    rest.remove_prefix(13);
  else if (rest.starts_with("postgres://"))
    rest.remove_prefix(11);
  else
    throw bad("it must start with postgresql://");

  std::string_view query;
  if (const size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (const size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      url.password = percent_decode(userinfo.substr(colon + 1));
      userinfo = userinfo.substr(0, colon);
    }
    url.user = percent_decode(userinfo);
  }
  std::string_view hostport = rest, path;
  if (const size_t slash = rest.find('/'); slash != std::string_view::npos) {
    hostport = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }
  url.database = percent_decode(path);
  if (url.database.find('/') != std::string::npos) throw bad("the database name has a '/'");

  // host[:port], [v6]:port, or several of them separated by commas (libpq's failover list).
  std::string hosts, ports;
  bool any_port = false;
  size_t start = 0;
  while (start <= hostport.size() && !hostport.empty()) {
    size_t end = hostport.find(',', start);
    if (end == std::string_view::npos) end = hostport.size();
    std::string_view item = hostport.substr(start, end - start);
    std::string host, port;
    if (item.starts_with("[")) {
      const size_t close = item.find(']');
      if (close == std::string_view::npos) throw bad("an IPv6 address lacks its ']'");
      host = std::string(item.substr(1, close - 1));
      std::string_view after = item.substr(close + 1);
      if (after.starts_with(":")) port = std::string(after.substr(1));
    } else if (const size_t colon = item.rfind(':'); colon != std::string_view::npos) {
      host = percent_decode(item.substr(0, colon));
      port = std::string(item.substr(colon + 1));
    } else {
      host = percent_decode(item);
    }
    for (char c : port)
      if (c < '0' || c > '9') throw bad("the port is not a number");
    if (!port.empty()) any_port = true;
    if (!hosts.empty() || start > 0) {
      hosts += ',';
      ports += ',';
    }
    hosts += host;
    ports += port;
    start = end + 1;
  }
  url.schema = "public";
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) throw bad("a query parameter has no '='");
    std::string key = percent_decode(item.substr(0, eq));
    std::string value = percent_decode(item.substr(eq + 1));
    if (key == "schema") {
      if (value.empty()) throw bad("schema= is empty");
      url.schema = value;
    } else if (key == "password") {
      url.password = value;
    } else if (key == "user") {
      url.user = value;
    } else if (key == "dbname") {
      url.database = value;
    } else if (key == "host") {
      hosts = value;
    } else if (key == "port") {
      ports = value;
      any_port = true;
    } else {
      url.options.emplace_back(std::move(key), std::move(value));
    }
  }
  if (!hosts.empty() && hosts.find_first_not_of(',') != std::string::npos)
    url.options.emplace_back("host", hosts);
  if (any_port) url.options.emplace_back("port", ports);
  url.host = hosts.empty() || hosts.find_first_not_of(',') == std::string::npos
                 ? env_or("PGHOST", "localhost")
                 : hosts;
  url.port = any_port ? ports : env_or("PGPORT", "5432");
  return url;
}

// ---- Result ----

Result::~Result() {
  if (result_) PQclear(result_);
}

Result::Result(Result&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

Result& Result::operator=(Result&& other) noexcept {
  if (this != &other) {
    if (result_) PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

int Result::rows() const { return result_ ? PQntuples(result_) : 0; }
int Result::columns() const { return result_ ? PQnfields(result_) : 0; }
bool Result::is_null(int row, int column) const { return PQgetisnull(result_, row, column); }

std::string_view Result::value(int row, int column) const {
  if (PQgetisnull(result_, row, column)) return {};
  return std::string_view(PQgetvalue(result_, row, column),
                          static_cast<size_t>(PQgetlength(result_, row, column)));
}

int64_t Result::integer(int row, int column) const {
  std::string_view text = value(row, column);
  int64_t out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

bool Result::boolean(int row, int column) const { return value(row, column) == "t"; }

// ---- Connection ----

Connection::Connection(const Url& url) : url_(url) { connect(); }

Connection::~Connection() {
  if (copy_buffer_) PQfreemem(copy_buffer_);
  if (conn_) PQfinish(conn_);
}

std::string Connection::scrub(std::string text) const {
  // libpq and the server never echo the password; this is a second line of defence.
  if (url_.password.size() >= 3)
    for (size_t at; (at = text.find(url_.password)) != std::string::npos;)
      text.replace(at, url_.password.size(), "***");
  return text;
}

void Connection::connect() {
  std::vector<std::pair<std::string, std::string>> settings = {
      {"client_encoding", "UTF8"},
      {"fallback_application_name", "relsynth"},
      {"connect_timeout", "10"},
  };
  if (!url_.user.empty()) settings.emplace_back("user", url_.user);
  if (!url_.database.empty()) settings.emplace_back("dbname", url_.database);
  for (const auto& option : url_.options) settings.push_back(option);
  settings.emplace_back("client_encoding", "UTF8");  // always, whatever the URL says
  if (!url_.password.empty()) settings.emplace_back("password", url_.password);
  std::vector<const char*> keywords, values;
  for (const auto& [key, value] : settings) {
    keywords.push_back(key.c_str());
    values.push_back(value.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);

  conn_ = PQconnectdbParams(keywords.data(), values.data(), 0);
  if (!conn_) throw IoError("cannot connect to PostgreSQL at " + url_.where() + ": out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string raw = PQerrorMessage(conn_);
    std::string user = url_.user;
    if (user.empty() && PQuser(conn_)) user = PQuser(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    const std::string where = "cannot connect to PostgreSQL at " + url_.where() + ": ";
    if (contains(raw, "authentication failed") || contains(raw, "role \"") ||
        contains(raw, "no password supplied")) {
      std::string message = where + "authentication failed for user " + quote_name(user);
      message += contains(raw, "no password supplied")
                     ? ": no password given (put it in the URL, PGPASSWORD or ~/.pgpass)"
                     : " (check the password in the URL, PGPASSWORD or ~/.pgpass)";
      throw IoError(scrub(message));
    }
    if (contains(raw, "database \"") && contains(raw, "does not exist"))
      throw IoError(scrub(where + "database " + quote_name(url_.database) + " does not exist"));
    throw IoError(scrub(where + connection_reason(raw)));
  }
  PQsetNoticeProcessor(conn_, silent_notice, nullptr);
  setup_session();
}

void Connection::setup_session() {
  exec(
      "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET IntervalStyle = 'postgres'; "
      "SET extra_float_digits = 3; SET bytea_output = 'hex'; "
      "SET standard_conforming_strings = on; SET client_min_messages = warning");
}

void Connection::ensure_alive() {
  if (conn_ && PQstatus(conn_) == CONNECTION_OK) {
    PGresult* result = PQexec(conn_, "SELECT 1");
    const bool ok = result && PQresultStatus(result) == PGRES_TUPLES_OK;
    if (result) PQclear(result);
    if (ok) return;
  }
  if (conn_) PQfinish(conn_);
  conn_ = nullptr;
  connect();
}

Connection::Transaction Connection::transaction() const {
  switch (PQtransactionStatus(conn_)) {
    case PQTRANS_IDLE:
      return Transaction::Idle;
    case PQTRANS_INTRANS:
      return Transaction::Open;
    case PQTRANS_INERROR:
      return Transaction::Failed;
    default:
      return Transaction::Other;
  }
}

void Connection::fail_result(PGresult* result, const std::string& sql) {
  ServerError::Fields fields;
  auto field = [&](int code) {
    const char* value = result ? PQresultErrorField(result, code) : nullptr;
    return std::string(value ? value : "");
  };
  fields.sqlstate = field(PG_DIAG_SQLSTATE);
  fields.message = field(PG_DIAG_MESSAGE_PRIMARY);
  fields.detail = field(PG_DIAG_MESSAGE_DETAIL);
  fields.hint = field(PG_DIAG_MESSAGE_HINT);
  fields.context = field(PG_DIAG_CONTEXT);
  fields.table = field(PG_DIAG_TABLE_NAME);
  fields.column = field(PG_DIAG_COLUMN_NAME);
  fields.constraint = field(PG_DIAG_CONSTRAINT_NAME);
  fields.datatype = field(PG_DIAG_DATATYPE_NAME);
  if (fields.message.empty()) fields.message = connection_reason(PQerrorMessage(conn_));
  if (result) PQclear(result);
  (void)sql;
  std::string what;
  if (PQstatus(conn_) == CONNECTION_BAD)
    what = "lost the connection to PostgreSQL at " + url_.where() + ": " + fields.message;
  else
    what = "PostgreSQL at " + url_.where() + ": " + fields.message +
           (fields.detail.empty() ? "" : " (" + fields.detail + ")");
  for (std::string* text : {&fields.message, &fields.detail, &fields.context}) *text = scrub(*text);
  throw ServerError(scrub(what), std::move(fields));
}

void Connection::exec(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail_result(result, sql);
  PQclear(result);
}

Result Connection::query(const std::string& sql, const std::vector<std::string>& params) {
  std::vector<const char*> values;
  for (const std::string& param : params) values.push_back(param.c_str());
  PGresult* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail_result(result, sql);
  return Result(result);
}

void Connection::copy_out_start(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  if (!result || PQresultStatus(result) != PGRES_COPY_OUT) fail_result(result, sql);
  PQclear(result);
}

bool Connection::next_copy_row(std::string_view& row) {
  if (copy_buffer_) {
    PQfreemem(copy_buffer_);
    copy_buffer_ = nullptr;
  }
  const int length = PQgetCopyData(conn_, &copy_buffer_, 0);
  if (length >= 0) {
    row = std::string_view(copy_buffer_, static_cast<size_t>(length));
    return true;
  }
  // -1: done, -2: failed; either way the final status comes as a result.
  PGresult* result = PQgetResult(conn_);
  const bool ok = result && PQresultStatus(result) == PGRES_COMMAND_OK;
  if (!ok) {
    while (PGresult* more = PQgetResult(conn_)) PQclear(more);
    fail_result(result, "COPY");
  }
  PQclear(result);
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);
  return false;
}

void Connection::copy_out_abort() {
  if (copy_buffer_) {
    PQfreemem(copy_buffer_);
    copy_buffer_ = nullptr;
  }
  if (PGcancel* cancel = PQgetCancel(conn_)) {
    char error[256];
    PQcancel(cancel, error, sizeof error);
    PQfreeCancel(cancel);
  }
  char* buffer = nullptr;
  while (PQgetCopyData(conn_, &buffer, 0) >= 0) PQfreemem(buffer);
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);
}

void Connection::copy_in_abort() {
  PQputCopyEnd(conn_, "abandoned by relsynth");
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);
}

void Connection::copy_in_start(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  if (!result || PQresultStatus(result) != PGRES_COPY_IN) fail_result(result, sql);
  PQclear(result);
}

void Connection::copy_in_send(std::string_view data) {
  if (data.empty()) return;
  if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1) {
    // The server has gone or refused: the reason comes with the final result.
    PQputCopyEnd(conn_, nullptr);
    PGresult* result = PQgetResult(conn_);
    while (PGresult* more = PQgetResult(conn_)) PQclear(more);
    fail_result(result, "COPY");
  }
}

void Connection::copy_in_end() {
  PQputCopyEnd(conn_, nullptr);
  PGresult* result = PQgetResult(conn_);
  const bool ok = result && PQresultStatus(result) == PGRES_COMMAND_OK;
  if (!ok) {
    while (PGresult* more = PQgetResult(conn_)) PQclear(more);
    fail_result(result, "COPY");
  }
  PQclear(result);
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);
}

// ---- names ----

std::string quote_identifier(std::string_view name) { return sql::quote_identifier(name, '"'); }

std::string qualified(std::string_view schema, std::string_view name) {
  return quote_identifier(schema) + "." + quote_identifier(name);
}

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

// ---- types ----

Kind kind_of_type(uint32_t oid) {
  switch (oid) {
    case 16:
      return Kind::Bool;
    case 17:
      return Kind::Bytea;
    case 20:  // int8
    case 21:  // int2
    case 23:  // int4
    case 26:  // oid
      return Kind::Integer;
    case 700:  // float4
    case 701:  // float8
      return Kind::Float;
    case 1700:
      return Kind::Numeric;
    case 1082:
      return Kind::Date;
    case 1083:
      return Kind::Time;
    case 1114:
      return Kind::Timestamp;
    case 1184:
      return Kind::TimestampTz;
    default:
      return Kind::Text;
  }
}

DataType storage_type(Kind kind) {
  switch (kind) {
    case Kind::Integer:
      return DataType::Int64;
    case Kind::Float:
      return DataType::Float64;
    case Kind::Numeric:
      return DataType::Decimal;
    case Kind::Bool:
      return DataType::Bool;
    case Kind::Date:
      return DataType::Date;
    case Kind::Timestamp:
    case Kind::TimestampTz:
      return DataType::DateTime;
    case Kind::Time:
      return DataType::Time;
    case Kind::Bytea:
      return DataType::Binary;
    case Kind::Text:
      return DataType::String;
  }
  return DataType::String;
}

bool is_temporal_kind(Kind kind) {
  return kind == Kind::Date || kind == Kind::Timestamp || kind == Kind::TimestampTz ||
         kind == Kind::Time;
}

// ---- SQL text of defaults and checks ----

namespace {

using sql::Token;

// Text PostgreSQL wrote: [..] is an array subscript there, never a quoted name.
std::vector<Token> tokenize_pg(std::string_view sql) {
  return sql::tokenize(sql, sql::Brackets::Subscript);
}

// A token written by a rewrite rather than read from the text.
Token made(Token::Kind kind, std::string text) { return {kind, text, text}; }

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_word(const Token& token, std::string_view word) {
  return token.kind == Token::Word && lower_ascii(token.text) == word;
}

// Tokens without PostgreSQL's casts: "::type", "::character varying(10)", "::text[]".
// Also reports the last cast's type name (for literals: '-1'::integer).
std::vector<Token> without_casts(const std::vector<Token>& in, std::string* last_type = nullptr) {
  static const char* const kTypeWords[] = {"varying", "precision", "without", "with",
                                           "time",    "zone",      "double"};
  std::vector<Token> out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (!(in[i].kind == Token::Operator && in[i].text == "::")) {
      out.push_back(in[i]);
      continue;
    }
    std::string type;
    size_t k = i + 1;
    auto skip_space = [&] {
      while (k < in.size() && in[k].kind == Token::Space) ++k;
    };
    skip_space();
    // name, schema.name, "Name"
    while (k < in.size() && (in[k].kind == Token::Word || in[k].kind == Token::Identifier)) {
      if (!type.empty()) type += ' ';
      type += lower_ascii(in[k].text);
      ++k;
      if (k < in.size() && in[k].kind == Token::Operator && in[k].text == ".") {
        ++k;
        continue;
      }
      size_t save = k;
      skip_space();
      bool more = false;
      if (k < in.size() && in[k].kind == Token::Word)
        for (const char* word : kTypeWords)
          if (is_word(in[k], word)) more = true;
      if (!more) {
        k = save;
        break;
      }
    }
    // (10,2)
    if (k < in.size() && in[k].kind == Token::Operator && in[k].text == "(") {
      int depth = 0;
      for (; k < in.size(); ++k) {
        if (in[k].kind != Token::Operator) continue;
        if (in[k].text == "(") ++depth;
        if (in[k].text == ")" && --depth == 0) {
          ++k;
          break;
        }
      }
    }
    // []
    while (k + 1 < in.size() && in[k].text == "[" && in[k + 1].text == "]") k += 2;
    if (last_type) *last_type = type;
    i = k - 1;
  }
  return out;
}

std::string join_tokens(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& token : tokens) out += token.text;
  return out;
}

bool is_numeric_type(std::string_view type) {
  for (std::string_view name : {"smallint", "integer", "bigint", "numeric", "real",
                                "double precision", "int2", "int4", "int8", "float4", "float8"})
    if (type == name) return true;
  return false;
}

// "(x = ANY (ARRAY[a, b]))" -> "(x IN (a, b))"; "<> ALL (ARRAY[...])" -> "NOT IN (...)".
std::vector<Token> any_array_as_in(const std::vector<Token>& in) {
  std::vector<Token> tokens = sql::significant(in);
  std::vector<Token> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const bool eq_any = tokens[i].kind == Token::Operator && tokens[i].text == "=" &&
                        i + 1 < tokens.size() && is_word(tokens[i + 1], "any");
    const bool ne_all = tokens[i].kind == Token::Operator &&
                        (tokens[i].text == "<>" || tokens[i].text == "!=") &&
                        i + 1 < tokens.size() && is_word(tokens[i + 1], "all");
    if (!eq_any && !ne_all) {
      out.push_back(tokens[i]);
      continue;
    }
    size_t k = i + 2;
    size_t open = 0;
    while (k < tokens.size() && tokens[k].kind == Token::Operator && tokens[k].text == "(")
      ++open, ++k;
    if (open == 0 || k + 1 >= tokens.size() || !is_word(tokens[k], "array")) {
      out.push_back(tokens[i]);
      continue;
    }
    ++k;
    if (tokens[k].text != "[") {
      out.push_back(tokens[i]);
      continue;
    }
    std::string list;
    for (++k; k < tokens.size() && tokens[k].text != "]"; ++k)
      list += (tokens[k].text == "," ? ", " : tokens[k].text);
    if (k == tokens.size()) {
      out.push_back(tokens[i]);
      continue;
    }
    ++k;
    size_t closed = 0;
    while (closed < open && k < tokens.size() && tokens[k].kind == Token::Operator &&
           tokens[k].text == ")")
      ++closed, ++k;
    if (closed != open) {
      out.push_back(tokens[i]);
      continue;
    }
    out.push_back(made(Token::Space, " "));
    if (ne_all) out.push_back(made(Token::Word, "NOT"));
    out.push_back(made(Token::Word, "IN (" + list + ")"));
    i = k - 1;
  }
  // Back to text with single spaces between words.
  std::vector<Token> spaced;
  for (size_t i = 0; i < out.size(); ++i) {
    if (i > 0 && out[i].kind != Token::Space && out[i - 1].kind != Token::Space) {
      const bool call = out[i].text == "(" && out[i - 1].kind == Token::Word &&
                        !is_word(out[i - 1], "and") && !is_word(out[i - 1], "or") &&
                        !is_word(out[i - 1], "not") && !is_word(out[i - 1], "in");
      const bool tight = out[i].text == ")" || out[i].text == "," || out[i - 1].text == "(" ||
                         out[i].text == "." || out[i - 1].text == "." || call;
      if (!tight) spaced.push_back(made(Token::Space, " "));
    }
    spaced.push_back(out[i]);
  }
  return spaced;
}

// Drops one pair of parentheses around the whole text.
std::string strip_outer_parentheses(std::string text) {
  while (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
    int depth = 0;
    bool wraps = true;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\'') in_string = !in_string;
      if (in_string) continue;
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0 && i + 1 < text.size()) {
        wraps = false;
        break;
      }
    }
    if (!wraps) break;
    text = trim(std::string_view(text).substr(1, text.size() - 2));
  }
  return text;
}

}  // namespace

std::optional<std::string> portable_check(std::string_view definition) {
  std::string_view text = definition;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (lower_ascii(text.substr(0, 5)) != "check") return std::nullopt;
  text.remove_prefix(5);
  for (std::string_view suffix : {" NOT VALID", " NO INHERIT"})
    while (text.ends_with(suffix)) text.remove_suffix(suffix.size());
  std::string expression = strip_outer_parentheses(trim(text));
  std::vector<Token> tokens = any_array_as_in(without_casts(tokenize_pg(expression)));
  for (const Token& token : tokens) {
    if (token.kind == Token::Operator &&
        (token.text == "::" || token.text.find('~') != std::string::npos || token.text == "[" ||
         token.text == "]"))
      return std::nullopt;
    for (const char* word : {"any", "all", "array", "similar", "ilike", "collate"})
      if (is_word(token, word)) return std::nullopt;
  }
  std::string out = strip_outer_parentheses(trim(join_tokens(tokens)));
  if (out.empty()) return std::nullopt;
  return out;
}

bool is_portable_literal(std::string_view expression) {
  const std::vector<Token> tokens = sql::significant(tokenize_pg(trim(expression)));
  if (tokens.empty()) return false;
  if (tokens.size() == 1) {
    const Token& token = tokens[0];
    if (token.kind == Token::Number) return true;
    if (token.kind == Token::String) return token.text.size() >= 2 && token.text.back() == '\'';
    for (const char* word :
         {"null", "true", "false", "current_date", "current_time", "current_timestamp"})
      if (is_word(token, word)) return true;
    return false;
  }
  // -1, +2.5
  return tokens.size() == 2 && tokens[0].kind == Token::Operator &&
         (tokens[0].text == "-" || tokens[0].text == "+") && tokens[1].kind == Token::Number;
}

std::optional<std::string> portable_default(std::string_view expression) {
  std::string text = trim(expression);
  const std::string lowered = lower_ascii(text);
  if (lowered == "now()" || lowered == "current_timestamp" || lowered == "localtimestamp" ||
      lowered == "transaction_timestamp()" || lowered == "statement_timestamp()")
    return std::string("CURRENT_TIMESTAMP");
  if (lowered == "current_date") return std::string("CURRENT_DATE");
  if (lowered == "current_time" || lowered == "localtime") return std::string("CURRENT_TIME");
  std::string type;
  std::vector<Token> tokens = without_casts(tokenize_pg(text), &type);
  std::string stripped = strip_outer_parentheses(trim(join_tokens(tokens)));
  const std::vector<Token> parts = sql::significant(tokenize_pg(stripped));
  if (parts.size() == 1 && parts[0].kind == Token::String && is_numeric_type(type)) {
    const std::string inner = parts[0].text.substr(1, parts[0].text.size() - 2);
    if (sql::is_numeric_literal(inner)) return inner;
  }
  if (is_portable_literal(stripped)) return stripped;
  return std::nullopt;
}

std::string requote_identifiers(std::string_view sql) {
  std::string out;
  for (const Token& token : sql::tokenize(sql, sql::Brackets::Quote)) {
    if (token.kind == Token::Identifier && (token.text[0] == '[' || token.text[0] == '`')) {
      out += quote_identifier(token.value);
    } else {
      out += token.text;
    }
  }
  return out;
}

// ---- COPY text format ----

void append_copy_escaped(std::string& out, std::string_view value) {
  size_t plain = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const char* escape = nullptr;
    switch (c) {
      case '\\':
        escape = "\\\\";
        break;
      case '\n':
        escape = "\\n";
        break;
      case '\r':
        escape = "\\r";
        break;
      case '\t':
        escape = "\\t";
        break;
      default:
        continue;
    }
    out.append(value.data() + plain, i - plain);
    out += escape;
    plain = i + 1;
  }
  out.append(value.data() + plain, value.size() - plain);
}

void append_copy_bytea(std::string& out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\\\x";
  const size_t start = out.size();
  out.resize(start + bytes.size() * 2);
  char* p = out.data() + start;
  for (unsigned char c : bytes) {
    *p++ = kHex[c >> 4];
    *p++ = kHex[c & 15];
  }
}

void split_copy_row(std::string_view row, std::vector<std::string_view>& fields,
                    std::vector<bool>& null, std::vector<std::string>& scratch) {
  if (!row.empty() && row.back() == '\n') row.remove_suffix(1);
  fields.clear();
  null.clear();
  // Decoded fields point into `scratch`: it must not grow while they are made.
  const size_t count = static_cast<size_t>(std::count(row.begin(), row.end(), '\t')) + 1;
  if (scratch.size() < count) scratch.resize(count);
  size_t start = 0;
  while (true) {
    size_t end = row.find('\t', start);
    if (end == std::string_view::npos) end = row.size();
    std::string_view field = row.substr(start, end - start);
    const size_t index = fields.size();
    if (field == "\\N") {
      fields.emplace_back();
      null.push_back(true);
    } else if (field.find('\\') == std::string_view::npos) {
      fields.push_back(field);
      null.push_back(false);
    } else {
      std::string& out = scratch[index];
      out.clear();
      for (size_t i = 0; i < field.size(); ++i) {
        char c = field[i];
        if (c != '\\' || i + 1 >= field.size()) {
          out += c;
          continue;
        }
        c = field[++i];
        switch (c) {
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'v':
            out += '\v';
            break;
          case 'x':
            if (i + 1 < field.size() && hex_value(field[i + 1]) >= 0) {
              int value = hex_value(field[++i]);
              if (i + 1 < field.size() && hex_value(field[i + 1]) >= 0)
                value = value * 16 + hex_value(field[++i]);
              out += static_cast<char>(value);
            } else {
              out += 'x';
            }
            break;
          default:
            if (c >= '0' && c <= '7') {
              int value = c - '0';
              for (int k = 0;
                   k < 2 && i + 1 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '7'; ++k)
                value = value * 8 + (field[++i] - '0');
              out += static_cast<char>(value);
            } else {
              out += c;
            }
        }
      }
      fields.emplace_back(out);
      null.push_back(false);
    }
    if (end == row.size()) break;
    start = end + 1;
  }
}

std::optional<std::string> decode_bytea_hex(std::string_view text) {
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0)
    return std::nullopt;
  std::string out;
  out.resize((text.size() - 2) / 2);
  for (size_t i = 2, k = 0; i < text.size(); i += 2, ++k) {
    const int high = hex_value(text[i]), low = hex_value(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out[k] = static_cast<char>(high * 16 + low);
  }
  return out;
}

// ---- temporal text ----

std::optional<int64_t> parse_iso_temporal(std::string_view text, DataType type) {
  bool bc = false;
  if (text.ends_with(" BC")) {
    bc = true;
    text.remove_suffix(3);
  }
  size_t pos = 0;
  if (type == DataType::Time) {
    int64_t micros = 0;
    if (bc || !read_time(text, pos, micros) || pos != text.size()) return std::nullopt;
    return micros;
  }
  int64_t year, month, day;
  if (!read_number(text, pos, 4, 9, year) || !read_char(text, pos, '-') ||
      !read_number(text, pos, 2, 2, month) || !read_char(text, pos, '-') ||
      !read_number(text, pos, 2, 2, day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  if (bc) year = 1 - year;
  if (day > static_cast<int64_t>(days_in(year, month))) return std::nullopt;
  const int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t micros = 0;
  if (pos < text.size()) {
    if (text[pos] != ' ' && text[pos] != 'T') return std::nullopt;
    ++pos;
    if (!read_time(text, pos, micros)) return std::nullopt;
    // A zone: +HH[:MM[:SS]], -HH..., Z. The value is converted to UTC.
    if (pos < text.size()) {
      if (text[pos] == 'Z') {
        ++pos;
      } else if (text[pos] == '+' || text[pos] == '-') {
        const int64_t sign = text[pos] == '+' ? 1 : -1;
        ++pos;
        int64_t hours = 0, minutes = 0, seconds = 0;
        if (!read_number(text, pos, 2, 2, hours)) return std::nullopt;
        if (read_char(text, pos, ':') && !read_number(text, pos, 2, 2, minutes))
          return std::nullopt;
        if (read_char(text, pos, ':') && !read_number(text, pos, 2, 2, seconds))
          return std::nullopt;
        micros -= sign * ((hours * 60 + minutes) * 60 + seconds) * kMicrosPerSecond;
      }
    }
    if (pos != text.size()) return std::nullopt;
  }
  if (type == DataType::Date) {
    if (micros != 0) return std::nullopt;
    return days;
  }
  if (type != DataType::DateTime) return std::nullopt;
  return days * kMicrosPerDay + micros;
}

std::string format_iso_temporal(int64_t value, DataType type) {
  std::string out;
  auto time_part = [&out](int64_t micros) {
    const int64_t seconds = micros / kMicrosPerSecond, fraction = micros % kMicrosPerSecond;
    write_digits(out, seconds / 3600, 2);
    out += ':';
    write_digits(out, seconds / 60 % 60, 2);
    out += ':';
    write_digits(out, seconds % 60, 2);
    if (fraction) {
      out += '.';
      write_digits(out, fraction, 6);
    }
  };
  if (type == DataType::Time) {
    time_part(value < 0 ? 0 : value);
    return out;
  }
  int64_t days = value, micros = 0;
  if (type == DataType::DateTime) {
    days = value >= 0 ? value / kMicrosPerDay : -((-value + kMicrosPerDay - 1) / kMicrosPerDay);
    micros = value - days * kMicrosPerDay;
  }
  int64_t year;
  unsigned month, day;
  civil_from_days(days, year, month, day);
  const bool bc = year <= 0;
  write_digits(out, bc ? 1 - year : year, 4);
  out += '-';
  write_digits(out, month, 2);
  out += '-';
  write_digits(out, day, 2);
  if (type == DataType::DateTime) {
    out += ' ';
    time_part(micros);
  }
  if (bc) out += " BC";
  return out;
}

}  // namespace relsynth::pg

#include "io/mysql_common.h"

#include <mysqld_error.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <mutex>
#include <set>

#include "core/sql_lexer.h"
#include "relsynth/error.h"

namespace relsynth::mysql {

namespace {

std::string_view trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX sequences decoded; nullopt when one is malformed.
std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

void init_library() {
  static std::once_flag once;
  std::call_once(once, [] { mysql_library_init(0, nullptr, nullptr); });
}

const std::set<std::string, std::less<>>& mysql_bases() {
  static const std::set<std::string, std::less<>> bases = {"tinyint",
                                                           "smallint",
                                                           "mediumint",
                                                           "int",
                                                           "bigint",
                                                           "decimal",
                                                           "float",
                                                           "double",
                                                           "bit",
                                                           "char",
                                                           "varchar",
                                                           "binary",
                                                           "varbinary",
                                                           "tinytext",
                                                           "text",
                                                           "mediumtext",
                                                           "longtext",
                                                           "tinyblob",
                                                           "blob",
                                                           "mediumblob",
                                                           "longblob",
                                                           "enum",
                                                           "set",
                                                           "date",
                                                           "datetime",
                                                           "timestamp",
                                                           "time",
                                                           "year",
                                                           "json",
                                                           "geometry",
                                                           "point",
                                                           "linestring",
                                                           "polygon",
                                                           "multipoint",
                                                           "multilinestring",
                                                           "multipolygon",
                                                           "geometrycollection",
                                                           "inet4",
                                                           "inet6",
                                                           "uuid",
                                                           "vector"};
  return bases;
}

// "'a','b''c'": a comma-separated list of single-quoted strings.
bool is_quoted_list(std::string_view text) {
  size_t i = 0;
  while (true) {
    if (i >= text.size() || text[i] != '\'') return false;
    ++i;
    while (true) {
      if (i >= text.size()) return false;
      if (text[i] == '\\') {
        i += 2;
        continue;
      }
      if (text[i] == '\'') {
        if (i + 1 < text.size() && text[i + 1] == '\'') {
          i += 2;
          continue;
        }
        ++i;
        break;
      }
      ++i;
    }
    if (i == text.size()) return true;
    if (text[i] != ',') return false;
    ++i;
  }
}

}  // namespace

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---- URL ----

std::string mask_password(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const size_t authority = scheme + 3;
  size_t end = url.find_first_of("/?#", authority);
  if (end == std::string_view::npos) end = url.size();
  const size_t at = url.substr(0, end).rfind('@');
  if (at == std::string_view::npos || at < authority) return std::string(url);
  const size_t colon = url.substr(0, at).find(':', authority);
  if (colon == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

std::string Url::endpoint() const {
  if (!socket.empty()) return socket;
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Url::user_for_messages() const {
  return user.empty() ? std::string("(the default user)") : "'" + user + "'";
}

Url parse_url(const std::string& text) {
  Url url;
  url.display = mask_password(text);
  auto bad = [&](const std::string& why) -> UsageError {
    return UsageError("invalid MySQL/MariaDB URL " + url.display + ": " + why +
                      " (expected mysql://user[:password]@host[:port]/database)");
  };
  std::string_view rest(text);
  if (rest.starts_with("mysql://"))
    rest.remove_prefix(8);
  else if (rest.starts_with("mariadb://"))
    rest.remove_prefix(10);
  else
    throw bad("it must start with mysql:// or mariadb://");

  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path =
      slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);

  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    std::string_view user = userinfo, password;
    if (size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      user = userinfo.substr(0, colon);
      password = userinfo.substr(colon + 1);
      url.has_password = true;
    }
    auto decoded_user = percent_decode(user);
    auto decoded_password = percent_decode(password);
    if (!decoded_user) throw bad("bad %-escape in the user name");
    if (!decoded_password) throw bad("bad %-escape in the password");
    url.user = std::move(*decoded_user);
    url.password = std::move(*decoded_password);
  }

  std::string_view host = authority, port;
  if (host.starts_with("[")) {
    const size_t close = host.find(']');
    if (close == std::string_view::npos) throw bad("unclosed '[' in the host");
    port = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!port.empty()) {
      if (port.front() != ':') throw bad("unexpected text after the host");
      port.remove_prefix(1);
    }
  } else if (size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (!host.empty()) url.host = std::string(host);
  if (!port.empty()) {
    unsigned value = 0;
    auto result = std::from_chars(port.data(), port.data() + port.size(), value);
    if (result.ec != std::errc() || result.ptr != port.data() + port.size() || value == 0 ||
        value > 65535)
      throw bad("the port must be a number from 1 to 65535");
    url.port = value;
  }

  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  auto database = percent_decode(path);
  if (!database) throw bad("bad %-escape in the database name");
  url.database = std::move(*database);
  if (url.database.empty()) throw bad("it names no database");
  if (url.database.find('/') != std::string::npos)
    throw bad("the database name must not contain '/' (write it as %2F)");

  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    std::string key = lower(item.substr(0, eq));
    std::replace(key.begin(), key.end(), '_', '-');
    auto value =
        percent_decode(eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1));
    if (!value) throw bad("bad %-escape in parameter " + key);
    if (key == "socket" || key == "unix-socket") {
      url.socket = *value;
    } else if (key == "ssl" || key == "tls") {
      const std::string v = lower(*value);
      url.ssl = v == "1" || v == "true" || v == "yes" || v == "required" || v.empty();
    } else if (key == "ssl-mode") {
      const std::string v = lower(*value);
      url.ssl = v != "disabled" && v != "preferred";
    } else if (key == "ssl-ca") {
      url.ssl_ca = *value;
    } else if (key == "connect-timeout") {
      unsigned seconds = 0;
      auto result = std::from_chars(value->data(), value->data() + value->size(), seconds);
      if (result.ec != std::errc() || result.ptr != value->data() + value->size() || seconds == 0)
        throw bad("connect-timeout must be a positive number of seconds");
      url.connect_timeout = seconds;
    } else {
      throw bad("unknown parameter " + key + " (known: socket, ssl, ssl-ca, connect-timeout)");
    }
  }
  if (!url.has_password) {
    if (const char* env = std::getenv("MYSQL_PWD")) {
      url.password = env;
      url.has_password = true;
    }
  }
  return url;
}

std::string quote_identifier(std::string_view name) { return sql::quote_identifier(name, '`'); }

std::string qualified(std::string_view database, std::string_view table) {
  return quote_identifier(database) + "." + quote_identifier(table);
}

// ---- Connection ----

Connection::Connection(const Url& url, const std::string& database) : url_(url) {
  url_.password.clear();  // kept only as long as the handshake needs it
  init_library();
  mysql_ = mysql_init(nullptr);
  if (!mysql_) throw IoError("cannot connect to MySQL/MariaDB: out of memory");
  mysql_options(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  unsigned timeout = url.connect_timeout;
  mysql_options(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  unsigned long packet = 1024ul * 1024ul * 1024ul;
  mysql_optionsv(mysql_, MYSQL_OPT_MAX_ALLOWED_PACKET, &packet);
  if (url.ssl) {
    my_bool enforce = 1;
    mysql_options(mysql_, MYSQL_OPT_SSL_ENFORCE, &enforce);
  }
  if (!url.ssl_ca.empty()) mysql_options(mysql_, MYSQL_OPT_SSL_CA, url.ssl_ca.c_str());
  if (!url.socket.empty()) {
    unsigned protocol = MYSQL_PROTOCOL_SOCKET;
    mysql_options(mysql_, MYSQL_OPT_PROTOCOL, &protocol);
  }

  const char* password = url.has_password ? url.password.c_str() : nullptr;
  if (!mysql_real_connect(mysql_, url.host.c_str(), url.user.empty() ? nullptr : url.user.c_str(),
                          password, database.empty() ? nullptr : database.c_str(), url.port,
                          url.socket.empty() ? nullptr : url.socket.c_str(), 0)) {
    const unsigned code = mysql_errno(mysql_);
    const std::string message = mysql_error(mysql_);
    mysql_close(mysql_);
    mysql_ = nullptr;
    const std::string at = "MySQL/MariaDB at " + url.endpoint() + " (" + url.display + ")";
    switch (code) {
      case ER_ACCESS_DENIED_ERROR:
      case ER_ACCESS_DENIED_NO_PASSWORD_ERROR:
        throw IoError("access denied for user " + url.user_for_messages() + " on " + at +
                      (url.has_password
                           ? ": wrong password, or the user may not connect from here"
                           : ": no password given (put it in the URL or in MYSQL_PWD)") +
                      " (" + message + ")");
      case ER_BAD_DB_ERROR:
        throw IoError("database " + quote_identifier(database) + " does not exist on " + at);
      case ER_DBACCESS_DENIED_ERROR:
        throw IoError("access denied for user " + url.user_for_messages() + " to database " +
                      quote_identifier(database) + " on " + at + " (" + message + ")");
      default:
        throw IoError("cannot connect to " + at + ": " + message);
    }
  }
  version_ = mysql_get_server_info(mysql_);
  mariadb_ = version_.find("MariaDB") != std::string::npos;
  exec("SET time_zone = '+00:00'");
}

Connection::~Connection() {
  if (mysql_) mysql_close(mysql_);
}

std::string Connection::server_description() const {
  std::string version = version_.substr(0, version_.find('-'));
  return std::string(mariadb_ ? "MariaDB " : "MySQL ") + version;
}

std::string Connection::where() const {
  return "MySQL/MariaDB at " + url_.endpoint() + " (" + url_.display + ")";
}

unsigned Connection::try_exec(const std::string& sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return mysql_errno(mysql_);
  // Statements may still return a result (SHOW, SELECT): drain it.
  if (MYSQL_RES* result = mysql_store_result(mysql_)) mysql_free_result(result);
  return mysql_errno(mysql_);
}

void Connection::exec(const std::string& sql) {
  if (try_exec(sql) != 0) throw IoError(where() + ": " + error());
}

std::vector<Row> Connection::query(const std::string& sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0)
    throw IoError(where() + ": " + error());
  MYSQL_RES* result = mysql_store_result(mysql_);
  std::vector<Row> rows;
  if (!result) {
    if (mysql_errno(mysql_) != 0) throw IoError(where() + ": " + error());
    return rows;
  }
  const unsigned width = mysql_num_fields(result);
  while (MYSQL_ROW row = mysql_fetch_row(result)) {
    const unsigned long* lengths = mysql_fetch_lengths(result);
    Row out(width);
    for (unsigned i = 0; i < width; ++i)
      if (row[i]) out[i] = std::string(row[i], lengths[i]);
    rows.push_back(std::move(out));
  }
  mysql_free_result(result);
  return rows;
}

std::optional<std::string> Connection::query_value(const std::string& sql) {
  std::vector<Row> rows = query(sql);
  if (rows.empty() || rows.front().empty()) return std::nullopt;
  return rows.front().front();
}

std::string Connection::literal(std::string_view text) const {
  std::string out;
  append_literal(out, text);
  return out;
}

void Connection::append_literal(std::string& out, std::string_view text) const {
  const size_t start = out.size();
  out.resize(start + text.size() * 2 + 3);
  out[start] = '\'';
  const unsigned long written =
      mysql_real_escape_string(mysql_, out.data() + start + 1, text.data(), text.size());
  out.resize(start + 1 + written);
  out += '\'';
}

// ---- types ----

std::vector<int64_t> SqlType::numbers() const {
  std::vector<int64_t> out;
  std::string_view rest(args);
  while (true) {
    const size_t comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    int64_t value = 0;
    auto result = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || result.ec != std::errc() || result.ptr != item.data() + item.size())
      return {};
    out.push_back(value);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return out;
}

bool SqlType::is_unsigned() const {
  return std::find(modifiers.begin(), modifiers.end(), "unsigned") != modifiers.end();
}

SqlType parse_sql_type(std::string_view text) {
  SqlType type;
  text = trim(text);
  const size_t open = text.find('(');
  auto words = [](std::string_view part) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < part.size()) {
      while (i < part.size() && std::isspace(static_cast<unsigned char>(part[i]))) ++i;
      size_t start = i;
      while (i < part.size() && !std::isspace(static_cast<unsigned char>(part[i]))) ++i;
      if (i > start) out.push_back(lower(part.substr(start, i - start)));
    }
    return out;
  };
  if (open == std::string_view::npos) {
    std::vector<std::string> all = words(text);
    if (all.empty()) return type;
    // "double precision", "character varying": a second word that is not a modifier
    // belongs to the name.
    size_t name_words = 1;
    static const std::set<std::string, std::less<>> kModifiers = {"unsigned", "signed", "zerofill"};
    while (name_words < all.size() && !kModifiers.count(all[name_words])) ++name_words;
    for (size_t i = 0; i < name_words; ++i) type.base += (i ? " " : "") + all[i];
    type.modifiers.assign(all.begin() + static_cast<std::ptrdiff_t>(name_words), all.end());
    return type;
  }
  std::vector<std::string> name = words(text.substr(0, open));
  for (size_t i = 0; i < name.size(); ++i) type.base += (i ? " " : "") + name[i];
  // The closing parenthesis, skipping quoted strings (enum values may hold parentheses).
  size_t i = open + 1;
  char quote = 0;
  int depth = 1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        if (i + 1 < text.size() && text[i + 1] == quote)
          ++i;
        else
          quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) break;
  }
  type.has_args = true;
  type.args = std::string(text.substr(open + 1, std::min(i, text.size()) - open - 1));
  if (i < text.size()) type.modifiers = words(text.substr(i + 1));
  return type;
}

bool is_integer_type(std::string_view base) {
  return base == "tinyint" || base == "smallint" || base == "mediumint" || base == "int" ||
         base == "bigint";
}
bool is_text_type(std::string_view base) {
  return base == "tinytext" || base == "text" || base == "mediumtext" || base == "longtext";
}
bool is_blob_type(std::string_view base) {
  return base == "tinyblob" || base == "blob" || base == "mediumblob" || base == "longblob";
}
bool is_temporal_type(std::string_view base) {
  return base == "date" || base == "datetime" || base == "timestamp" || base == "time";
}

bool is_mysql_column_type(std::string_view text) {
  if (text.empty() || text != trim(text)) return false;
  const SqlType type = parse_sql_type(text);
  if (!mysql_bases().count(type.base)) return false;
  // Lower case outside quoted enum/set values.
  {
    const size_t open = text.find('(');
    std::string_view head = text.substr(0, open);
    for (char c : head)
      if (std::isupper(static_cast<unsigned char>(c))) return false;
    for (const std::string& modifier : type.modifiers)
      if (modifier != "unsigned" && modifier != "zerofill") return false;
    if (type.has_args) {
      const size_t close = text.rfind(')');
      for (char c : text.substr(close + 1))
        if (std::isupper(static_cast<unsigned char>(c))) return false;
    }
  }
  const std::string& base = type.base;
  const bool numeric =
      is_integer_type(base) || base == "decimal" || base == "float" || base == "double";
  if (!type.modifiers.empty() && !numeric) return false;
  if (base == "enum" || base == "set") return type.has_args && is_quoted_list(type.args);
  if (!type.has_args)
    return base != "varchar" && base != "varbinary" && base != "decimal" && base != "bit" &&
           base != "char" && base != "binary";
  const std::vector<int64_t> numbers = type.numbers();
  if (numbers.empty() || type.args.find(' ') != std::string::npos) return false;
  if (is_integer_type(base) || base == "bit" || base == "char" || base == "varchar" ||
      base == "binary" || base == "varbinary" || base == "year")
    return numbers.size() == 1;
  if (base == "decimal" || base == "float" || base == "double") return numbers.size() <= 2;
  if (base == "datetime" || base == "timestamp" || base == "time")
    return numbers.size() == 1 && numbers[0] >= 0 && numbers[0] <= 6;
  return false;
}

}  // namespace relsynth::mysql

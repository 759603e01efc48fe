#include "schema/sdtype_inference.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <unordered_set>

namespace relsynth::inference {

namespace {

// Thresholds of the value rules; see infer_sdtype.
constexpr size_t kSampleRows = 5000;  // string features are measured on this many rows
constexpr double kRegexShare = 0.9;   // email / phone values needed to say so
constexpr double kUrlShare = 0.8;
constexpr size_t kMaxCategories = 30;       // at most this many distinct labels: categorical
constexpr double kTextDistinctRatio = 0.5;  // above: titles, names, free text
constexpr double kLongTextWords = 5.0;      // average words that make a column free text
constexpr size_t kMaxCodeLength = 40;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alnum(char c) { return is_digit(c) || is_lower(c) || is_upper(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_lower(c);
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool starts_with_lower(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (to_lower(text[i]) != prefix[i]) return false;
  return true;
}

bool looks_email(std::string_view v) {
  const size_t at = v.find('@');
  if (at == 0 || at == std::string_view::npos || v.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : v)
    if (is_space(c)) return false;
  const std::string_view domain = v.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == 0 || dot == std::string_view::npos || domain.size() - dot - 1 < 2) return false;
  for (char c : domain.substr(dot + 1))
    if (!is_lower(c) && !is_upper(c)) return false;
  return true;
}

bool looks_url(std::string_view v) {
  for (char c : v)
    if (is_space(c)) return false;
  return starts_with_lower(v, "http://") || starts_with_lower(v, "https://") ||
         starts_with_lower(v, "ftp://") || starts_with_lower(v, "www.");
}

bool looks_iso_date(std::string_view v) {
  return v.size() >= 10 && is_digit(v[0]) && is_digit(v[1]) && is_digit(v[2]) && is_digit(v[3]) &&
         (v[4] == '-' || v[4] == '/') && is_digit(v[5]) && is_digit(v[6]);
}

// Digits with phone punctuation: "+55 (12) 3923-5555", "(503) 555-9931", "030-0074321".
bool looks_phone(std::string_view v) {
  int digits = 0;
  bool separator = false;
  for (char c : v) {
    if (is_digit(c))
      ++digits;
    else if (c == ' ' || c == '(' || c == ')' || c == '-' || c == '.' || c == '/')
      separator = true;
    else if (c == '+')
      separator = true;
    else if (c != 'x' && c != 'X')
      return false;
  }
  return digits >= 7 && digits <= 15 && separator && !looks_iso_date(v);
}

bool all_digits(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v)
    if (!is_digit(c)) return false;
  return true;
}

bool looks_number(std::string_view v) {
  size_t i = 0;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
  size_t digits = 0;
  while (i < v.size() && is_digit(v[i])) ++i, ++digits;
  if (i < v.size() && v[i] == '.') {
    ++i;
    while (i < v.size() && is_digit(v[i])) ++i, ++digits;
  }
  return digits > 0 && i == v.size();
}

bool looks_hex_blob(std::string_view v) {
  if (v.size() < 4 || v[0] != '\\' || (v[1] != 'x' && v[1] != 'X')) return false;
  for (char c : v.substr(2))
    if (!is_digit(c) && !(to_lower(c) >= 'a' && to_lower(c) <= 'f')) return false;
  return true;
}

bool looks_code(std::string_view v) {
  if (v.empty() || v.size() > kMaxCodeLength) return false;
  for (char c : v)
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.' && c != '/' && c != ':' && c != '#')
      return false;
  return true;
}

// An identifier-looking code: has a digit ("N14228", "i100_02_7i") or is short upper case
// ("ALFKI", "UA").
bool looks_identifier(std::string_view v) {
  if (!looks_code(v)) return false;
  bool digit = false, all_upper = true;
  for (char c : v) {
    if (is_digit(c)) digit = true;
    if (is_lower(c)) all_upper = false;
  }
  return digit || (all_upper && v.size() <= 10);
}

size_t count_words(std::string_view v) {
  size_t words = 0;
  bool in_word = false;
  for (char c : v) {
    if (is_space(c))
      in_word = false;
    else if (!in_word)
      in_word = true, ++words;
  }
  return words;
}

bool has_any(const NameInfo& name, std::initializer_list<std::string_view> tokens) {
  for (std::string_view token : tokens)
    if (name.has(token)) return true;
  return false;
}

bool contains_any(const NameInfo& name, std::initializer_list<std::string_view> parts) {
  for (std::string_view part : parts)
    if (name.contains(part)) return true;
  return false;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Name patterns of PII kinds. Each looks at the words and at the joined lower-case name, so
// "home_phone", "HomePhone", "Home Phone" and "homephone" all match.
bool is_email_name(const NameInfo& n) { return n.contains("email") || has_any(n, {"mail"}); }
bool is_url_name(const NameInfo& n) {
  return has_any(n, {"url", "uri", "website", "homepage", "webpage", "href", "link"}) ||
         contains_any(n, {"website", "homepage", "webpage"}) || ends_with(n.joined, "url");
}
bool is_phone_name(const NameInfo& n) {
  return has_any(n,
                 {"phone", "fax", "mobile", "tel", "telephone", "cell", "cellphone", "telefax"}) ||
         n.contains("phone") || ends_with(n.joined, "fax");
}
bool is_extension_name(const NameInfo& n) { return has_any(n, {"extension", "ext"}); }
bool is_postal_name(const NameInfo& n) {
  return contains_any(n, {"postal", "postcode", "zipcode"}) || has_any(n, {"zip", "plz"});
}
bool is_address_name(const NameInfo& n) {
  return n.contains("address") || has_any(n, {"street", "addr", "address1", "address2"});
}
bool is_city_name(const NameInfo& n) { return has_any(n, {"city", "town"}) || n.joined == "city"; }
bool is_country_name(const NameInfo& n) { return n.contains("country"); }
bool is_person_name(const NameInfo& n) {
  // "name_full" of a school is no person's name, so "full" only counts in that order.
  return contains_any(n, {"firstname", "lastname", "middlename", "fullname", "surname", "givenname",
                          "familyname", "forename", "nickname", "maidenname", "contactname",
                          "personname"}) ||
         (n.has("name") &&
          has_any(n, {"first", "last", "middle", "given", "family", "nick", "maiden"})) ||
         has_any(n, {"composer", "composers", "author", "authors", "writer", "director", "actor",
                     "actress"});
}

// A bare "name" column takes the kind of what its table lists: people, countries, cities.
std::optional<SDType> sdtype_of_named_table(const NameInfo& column, const NameInfo& table) {
  if (column.joined != "name" && column.joined != "fullname") return std::nullopt;
  const std::string_view last = table.last_word();
  auto is = [&](std::initializer_list<std::string_view> words) {
    for (std::string_view word : words)
      if (last == word) return true;
    return false;
  };
  if (is({"person",    "persons", "people",   "employee", "employees", "customer", "customers",
          "user",      "users",   "author",   "authors",  "actor",     "actors",   "director",
          "directors", "student", "students", "player",   "players",   "patient",  "patients",
          "member",    "members", "staff",    "contact",  "contacts",  "client",   "clients"}))
    return SDType::Name;
  if (is({"country", "countries"})) return SDType::Country;
  if (is({"city", "cities", "town", "towns"})) return SDType::City;
  if (is({"company", "companies", "organization", "organizations", "organisation", "organisations",
          "supplier", "suppliers", "shipper", "shippers", "vendor", "vendors"}))
    return SDType::OtherPii;
  return std::nullopt;
}

// Names of yes/no facts: is_active, HasChildren, discontinued, enabled.
bool is_flag_name(const NameInfo& n) {
  if (!n.tokens.empty() &&
      (n.tokens.front() == "is" || n.tokens.front() == "has" || n.tokens.front() == "can"))
    return n.tokens.size() > 1;
  return has_any(
      n, {"active", "enabled", "disabled", "deleted", "discontinued", "flag", "valid", "verified",
          "approved", "visible", "hidden", "archived", "locked", "official", "paid", "closed"});
}

// Names of instants: created_at, timestamp, last_update.
bool is_instant_name(const NameInfo& n) {
  return has_any(n, {"timestamp", "ts", "epoch", "date", "datetime", "time", "at", "created",
                     "updated", "modified", "update"});
}
// The first of `parts` found in the joined name, else the first of `tokens` among its words.
std::string_view find_word(const NameInfo& n, std::initializer_list<std::string_view> parts,
                           std::initializer_list<std::string_view> tokens) {
  for (std::string_view part : parts)
    if (n.contains(part)) return part;
  for (std::string_view token : tokens)
    if (n.has(token)) return token;
  return {};
}

std::string_view other_pii_word(const NameInfo& n) {
  return find_word(n,
                   {"company", "organization", "organisation", "employer", "username", "password",
                    "passwd", "passport", "creditcard", "cardnumber", "iban"},
                   {"login", "ssn", "pwd", "org"});
}
bool is_ip_name(const NameInfo& n) {
  return (has_any(n, {"ip", "mac"}) && n.contains("address")) || n.joined.starts_with("ipaddr") ||
         n.joined.starts_with("macaddr");
}
std::string_view label_word(const NameInfo& n) {
  return find_word(n, {},
                   {"state", "region", "province", "county", "district", "gender", "sex", "type",
                    "category", "status", "class", "kind", "group", "label", "mode"});
}
std::string_view int_category_word(const NameInfo& n) {
  return find_word(n, {},
                   {"type", "class", "category", "status", "kind", "group", "label", "flag", "mode",
                    "gender", "sex"});
}
bool is_text_name(const NameInfo& n) {
  return has_any(n, {"description", "desc", "descr", "notes", "note", "comment", "comments",
                     "remark", "remarks", "summary", "abstract", "bio", "biography", "body",
                     "message", "review", "text"}) ||
         contains_any(n, {"description", "comment"});
}
bool is_binary_name(const NameInfo& n) {
  return has_any(
      n, {"photo", "picture", "image", "img", "thumbnail", "logo", "blob", "avatar", "icon"});
}

// Two distinct values that read as a flag: 0/1, y/n, yes/no, true/false, t/f.
bool is_flag_pair(const std::vector<std::string>& values) {
  if (values.size() != 2) return false;
  static const std::pair<std::string_view, std::string_view> kPairs[] = {
      {"0", "1"}, {"y", "n"}, {"yes", "no"}, {"true", "false"}, {"t", "f"}};
  for (const auto& [a, b] : kPairs)
    if ((values[0] == a && values[1] == b) || (values[0] == b && values[1] == a)) return true;
  return false;
}

bool is_flag_word(std::string_view value) {
  for (std::string_view word : {"0", "1", "y", "n", "yes", "no", "true", "false", "t", "f"})
    if (value == word) return true;
  return false;
}

std::string flag_text(const std::vector<std::string>& values) {
  std::string a = values[0], b = values[1];
  if (a > b) std::swap(a, b);
  return a + "/" + b;
}

std::string counts(size_t distinct, size_t non_null) {
  return std::to_string(distinct) + "/" + std::to_string(non_null);
}

SdtypeChoice choose(SDType sdtype, std::string reason) { return {sdtype, std::move(reason)}; }

}  // namespace

bool NameInfo::has(std::string_view token) const {
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

std::string_view NameInfo::last_word() const {
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it)
    if (!all_digits(*it)) return *it;
  return {};
}

NameInfo analyze_name(std::string_view name) {
  NameInfo info;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    info.tokens.push_back(lower(current));
    current.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_alnum(c)) {
      flush();
      continue;
    }
    if (!current.empty()) {
      const char prev = current.back();
      const bool boundary =
          (is_lower(prev) && is_upper(c)) || (is_digit(prev) != is_digit(c)) ||
          (is_upper(prev) && is_upper(c) && i + 1 < name.size() && is_lower(name[i + 1]));
      if (boundary) flush();
    }
    current += c;
  }
  flush();
  for (const std::string& token : info.tokens) info.joined += token;
  return info;
}

std::string normalize_name(std::string_view name) {
  std::string out;
  for (char c : name)
    if (is_alnum(c)) out += to_lower(c);
  return out;
}

bool is_id_like_name(const NameInfo& name) {
  const std::string_view last = name.last_word();
  return last == "id" || last == "key" || last == "code" || last == "uuid" || last == "guid" ||
         last == "pk" || last == "no" || last == "nr" || ends_with(name.joined, "uuid") ||
         ends_with(name.joined, "guid");
}

bool is_date_part_name(const NameInfo& name) {
  return has_any(name, {"year", "month", "day", "hour", "minute", "second", "quarter", "week",
                        "weekday", "yr", "dow", "doy"});
}

std::string percent(double share) {
  const double tenths = std::floor(share * 1000.0 + 1e-9) / 10.0;
  char buffer[32];
  if (tenths == std::floor(tenths))
    std::snprintf(buffer, sizeof buffer, "%.0f%%", tenths);
  else
    std::snprintf(buffer, sizeof buffer, "%.1f%%", tenths);
  return buffer;
}

bool ColumnProfile::code_like() const {
  if (type == DataType::Int64) return true;
  if (type != DataType::String) return false;
  return code_share >= 0.99 && avg_length <= double(kMaxCodeLength);
}

ColumnProfile empty_profile(DataType type) {
  ColumnProfile profile;
  profile.type = type;
  return profile;
}

ColumnProfile profile_column(const Column& column) {
  ColumnProfile p;
  p.type = column.type();
  p.rows = column.size();
  p.nulls = column.null_count();
  p.non_null = p.rows - p.nulls;
  if (p.non_null == 0) return p;

  if (holds_integers(p.type)) {
    std::vector<int64_t> values;
    values.reserve(p.non_null);
    const auto& ints = column.ints();
    for (size_t row = 0; row < p.rows; ++row)
      if (!column.is_null(row)) values.push_back(ints[row]);
    std::sort(values.begin(), values.end());
    p.min_int = values.front();
    p.max_int = values.back();
    values.erase(std::unique(values.begin(), values.end()), values.end());
    p.distinct = values.size();
    for (size_t i = 0; i < values.size() && i < 3; ++i)
      p.first_values.push_back(std::to_string(values[i]));
    return p;
  }
  if (p.type == DataType::Float64) {
    std::vector<double> values;
    values.reserve(p.non_null);
    bool nan = false;
    const auto& doubles = column.doubles();
    for (size_t row = 0; row < p.rows; ++row) {
      if (column.is_null(row)) continue;
      const double v = doubles[row];
      if (std::isnan(v)) {
        nan = true;
        continue;
      }
      if (p.whole && (std::floor(v) != v || std::fabs(v) > 9e15)) p.whole = false;
      values.push_back(v);
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    p.distinct = values.size() + (nan ? 1 : 0);
    return p;
  }

  // String-like: exact distinct count, features on a sample.
  const auto& strings = column.strings();
  {
    std::unordered_set<std::string_view> distinct;
    distinct.reserve(std::min<size_t>(p.non_null, 1 << 20));
    for (size_t row = 0; row < p.rows; ++row)
      if (!column.is_null(row)) distinct.insert(strings[row]);
    p.distinct = distinct.size();
  }
  if (p.type == DataType::Binary) return p;
  const size_t stride = std::max<size_t>(1, p.rows / kSampleRows);
  size_t sampled = 0, length = 0, words = 0, space = 0, email = 0, url = 0, phone = 0, digits = 0,
         number = 0, hex = 0, code = 0;
  for (size_t row = 0; row < p.rows; row += stride) {
    if (column.is_null(row)) continue;
    const std::string_view value = trim(strings[row]);
    ++sampled;
    length += value.size();
    const size_t n_words = count_words(value);
    words += n_words;
    if (n_words > 1) ++space;
    if (looks_email(value)) ++email;
    if (looks_url(value)) ++url;
    if (looks_phone(value)) ++phone;
    if (all_digits(value)) ++digits;
    if (looks_number(value)) ++number;
    if (looks_hex_blob(value)) ++hex;
    if (looks_identifier(value)) ++code;
  }
  if (sampled == 0) {  // every sampled row was NULL: look at the first value instead
    for (size_t row = 0; row < p.rows && sampled == 0; ++row) {
      if (column.is_null(row)) continue;
      const std::string_view value = trim(strings[row]);
      sampled = 1;
      length = value.size();
      words = count_words(value);
      code = looks_identifier(value);
    }
  }
  const double n = double(sampled);
  p.avg_length = double(length) / n;
  p.avg_words = double(words) / n;
  p.space_share = double(space) / n;
  p.email_share = double(email) / n;
  p.url_share = double(url) / n;
  p.phone_share = double(phone) / n;
  p.digits_share = double(digits) / n;
  p.number_share = double(number) / n;
  p.hex_blob_share = double(hex) / n;
  p.code_share = double(code) / n;
  if (p.distinct <= 3) {
    for (size_t row = 0; row < p.rows && p.first_values.size() < p.distinct; ++row) {
      if (column.is_null(row)) continue;
      std::string value = lower(trim(strings[row]));
      if (std::find(p.first_values.begin(), p.first_values.end(), value) == p.first_values.end())
        p.first_values.push_back(std::move(value));
    }
  }
  return p;
}

bool is_weak_reason(const std::string& reason) { return reason.starts_with("distinct "); }

SdtypeChoice infer_sdtype(const std::string& table_name, const ColumnMeta& column,
                          const ColumnProfile& p, KeyRole role, const std::string& key_detail) {
  const NameInfo name = analyze_name(column.name);
  const NameInfo table = analyze_name(table_name);
  const DataType type = p.type;
  const bool has_data = p.non_null > 0;

  if (type == DataType::Binary) return choose(SDType::Binary, "storage: binary");
  if (role == KeyRole::PrimaryKey || role == KeyRole::ReferencesId) {
    if (is_temporal(type)) return choose(SDType::Datetime, key_detail + ", storage: datetime");
    if (type == DataType::String && has_data && p.email_share >= kRegexShare)
      return choose(SDType::Email, key_detail + ", regex: email " + percent(p.email_share));
    return choose(SDType::Id, key_detail);
  }
  if (is_temporal(type))
    return choose(SDType::Datetime, "storage: " + std::string(to_string(type)));
  if (type == DataType::Bool) return choose(SDType::Boolean, "storage: bool");
  const std::string sql_type = lower(column.sql_type);
  if (sql_type.find("bool") != std::string::npos && p.distinct <= 2)
    return choose(SDType::Boolean, "declared " + column.sql_type);

  // Numbers.
  if (type == DataType::Int64 || type == DataType::Float64 || type == DataType::Decimal) {
    const bool integers =
        type == DataType::Int64 || (type == DataType::Float64 && p.whole && has_data);
    if (integers && is_postal_name(name)) return choose(SDType::PostalCode, "name: postal code");
    if (integers && (is_phone_name(name) || is_extension_name(name)))
      return choose(SDType::Phone, "name: phone");
    if (integers && is_date_part_name(name))
      return choose(SDType::Numerical, "name: date part, integer -> numerical");
    if (type == DataType::Int64 && p.distinct == 2 && p.min_int == 0 && p.max_int == 1)
      return choose(SDType::Boolean, "values 0/1 -> boolean");
    if (type == DataType::Int64 && has_data && p.min_int >= 0 && p.max_int <= 1 &&
        is_flag_name(name))
      return choose(SDType::Boolean, "name: flag, values 0/1 -> boolean");
    // Unix time in seconds (1973-2096) or milliseconds.
    if (type == DataType::Int64 && has_data && is_instant_name(name) &&
        ((p.min_int >= 100'000'000 && p.max_int <= 4'000'000'000) ||
         (p.min_int >= 100'000'000'000 && p.max_int <= 4'000'000'000'000)))
      return choose(SDType::Datetime, "name: instant, epoch values -> datetime");
    if (type == DataType::Float64) return choose(SDType::Numerical, "float -> numerical");
    if (type == DataType::Decimal) return choose(SDType::Numerical, "decimal -> numerical");
    if (const std::string_view word = int_category_word(name); !word.empty())
      return choose(SDType::Categorical,
                    "name: " + std::string(word) + ", integer codes -> categorical");
    if (role == KeyRole::None && is_id_like_name(name))
      return choose(SDType::Id, "name: identifier (not a key)");
    if (!has_data) return choose(SDType::Numerical, "integer, no values -> numerical");
    return choose(SDType::Numerical,
                  "integer, " + std::to_string(p.distinct) + " distinct -> numerical");
  }

  // Strings.
  // A declared enumerated type (PostgreSQL) holds only its labels; a uuid column holds ids.
  if (!column.enum_values.empty())
    return choose(SDType::Categorical, "declared enum " + column.sql_type + " -> categorical");
  if (sql_type == "uuid") return choose(SDType::Id, "declared uuid -> id");
  if (has_data && p.hex_blob_share >= kRegexShare)
    return choose(SDType::Binary, "values: hex bytes");
  if (has_data && is_binary_name(name) && p.avg_length > 200 && p.space_share < 0.1)
    return choose(SDType::Binary,
                  "name: " + std::string(name.last_word()) + ", long opaque values");
  if (has_data && p.email_share >= kRegexShare)
    return choose(SDType::Email, "regex: email " + percent(p.email_share));
  if (is_email_name(name) && (!has_data || p.email_share >= 0.5))
    return choose(SDType::Email,
                  has_data ? "name: email, regex " + percent(p.email_share) : "name: email");
  if (has_data && p.url_share >= kUrlShare)
    return choose(SDType::Url, "regex: url " + percent(p.url_share));
  if (is_url_name(name)) return choose(SDType::Url, "name: url");
  if (is_ip_name(name)) return choose(SDType::OtherPii, "name: network address");
  if (is_phone_name(name)) return choose(SDType::Phone, "name: phone");
  if (is_extension_name(name) && (!has_data || p.digits_share >= kRegexShare))
    return choose(SDType::Phone, "name: extension, digits -> phone");
  if (is_postal_name(name)) return choose(SDType::PostalCode, "name: postal code");
  if (is_address_name(name)) return choose(SDType::Address, "name: address");
  if (is_city_name(name)) return choose(SDType::City, "name: city");
  if (is_country_name(name)) return choose(SDType::Country, "name: country");
  if (is_person_name(name)) return choose(SDType::Name, "name: person name");
  if (const auto kind = sdtype_of_named_table(name, table))
    return choose(*kind, "name of a " + std::string(table.last_word()) + " -> " +
                             std::string(to_string(*kind)));
  if (const std::string_view word = other_pii_word(name); !word.empty())
    return choose(SDType::OtherPii, "name: " + std::string(word));

  if (has_data && is_flag_pair(p.first_values))
    return choose(SDType::Boolean, "values " + flag_text(p.first_values) + " -> boolean");
  if (has_data && p.distinct == 1 && is_flag_name(name) && is_flag_word(p.first_values.front()))
    return choose(SDType::Boolean, "name: flag, one value -> boolean");
  if (sql_type.starts_with("enum") || sql_type.starts_with("set("))
    return choose(SDType::Categorical,
                  "declared " + column.sql_type.substr(0, 4) + " -> categorical");
  if (is_date_part_name(name) && has_data && p.number_share >= 0.99)
    return choose(SDType::Numerical, "name: date part, numbers -> numerical");
  if (const std::string_view word = label_word(name);
      !word.empty() && (!has_data || p.avg_words < kLongTextWords))
    return choose(SDType::Categorical, "name: " + std::string(word) + " -> categorical");
  if (is_text_name(name)) {
    if (!has_data) return choose(SDType::Text, "name: description");
    if (p.avg_words >= 3.0 ||
        (p.distinct > kMaxCategories && p.distinct_ratio() > kTextDistinctRatio))
      return choose(SDType::Text, "name: description, distinct " + counts(p.distinct, p.non_null));
    return choose(SDType::Categorical,
                  "name: description, short labels " + counts(p.distinct, p.non_null));
  }
  if (!has_data) {
    if (role == KeyRole::None && is_id_like_name(name))
      return choose(SDType::Id, "name: identifier");
    return choose(SDType::Categorical, "no values -> categorical");
  }
  if (role == KeyRole::None && (is_id_like_name(name) || name.last_word() == "number") &&
      p.code_share >= 0.9)
    return choose(SDType::Id, "name: identifier (not a key)");
  if (p.phone_share >= kRegexShare)
    return choose(SDType::Phone, "regex: phone " + percent(p.phone_share));
  if (p.number_share >= 0.99 && p.digits_share < 0.99)
    return choose(SDType::Numerical, "numbers as text -> numerical");
  if (p.avg_words >= kLongTextWords) {
    char words[32];
    std::snprintf(words, sizeof words, "%.1f", p.avg_words);
    return choose(SDType::Text, std::string("long values, ") + words + " words -> text");
  }
  if (role == KeyRole::None && p.code_share >= 0.95 && p.distinct_ratio() > kTextDistinctRatio &&
      p.distinct > kMaxCategories)
    return choose(SDType::Id, "identifier-like codes, distinct " + counts(p.distinct, p.non_null));
  if (p.distinct <= kMaxCategories)
    return choose(SDType::Categorical,
                  "distinct " + counts(p.distinct, p.non_null) + " -> categorical");
  if (p.distinct_ratio() > kTextDistinctRatio)
    return choose(SDType::Text, "distinct " + counts(p.distinct, p.non_null) + " -> text");
  return choose(SDType::Categorical,
                "distinct " + counts(p.distinct, p.non_null) + " -> categorical");
}

}  // namespace relsynth::inference

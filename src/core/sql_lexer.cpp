#include "core/sql_lexer.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace relsynth::sql {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_hex_digit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

bool is_word_char(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

bool is_operator_char(char c) { return c && std::strchr("<>=!~|", c); }

// Scans a quoted token from its opening character to one past its `close`, collecting the
// contents in `value`.
size_t scan_quoted(std::string_view sql, size_t start, char close, std::string& value) {
  size_t k = start + 1;
  for (; k < sql.size(); ++k) {
    if (sql[k] == close) {
      if (close != ']' && k + 1 < sql.size() && sql[k + 1] == close) {  // ']' has no escape
        value += close;
        ++k;
        continue;
      }
      return k + 1;
    }
    value += sql[k];
  }
  return k;
}

size_t scan_digits(std::string_view sql, size_t i) {
  while (i < sql.size() && is_digit(sql[i])) ++i;
  return i;
}

size_t scan_number(std::string_view sql, size_t i) {
  const size_t n = sql.size();
  if (sql[i] == '0' && i + 2 < n && (sql[i + 1] == 'x' || sql[i + 1] == 'X') &&
      is_hex_digit(sql[i + 2])) {
    for (i += 2; i < n && is_hex_digit(sql[i]);) ++i;
    return i;
  }
  while (i < n && (is_digit(sql[i]) || sql[i] == '.')) ++i;
  if (i < n && (sql[i] == 'e' || sql[i] == 'E')) {
    size_t k = i + 1;
    if (k < n && (sql[k] == '+' || sql[k] == '-')) ++k;
    if (k < n && is_digit(sql[k])) i = scan_digits(sql, k);  // "1e" leaves the e a word
  }
  return i;
}

}  // namespace

std::vector<Token> tokenize(std::string_view sql, Brackets brackets) {
  std::vector<Token> tokens;
  const size_t n = sql.size();
  size_t i = 0;
  while (i < n) {
    const char c = sql[i];
    const char next = i + 1 < n ? sql[i + 1] : '\0';
    const size_t start = i;
    std::string value;
    Token::Kind kind = Token::Operator;
    if (std::isspace(static_cast<unsigned char>(c))) {
      while (i < n && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
      kind = Token::Space;
    } else if (c == '-' && next == '-') {
      i = std::min(sql.find('\n', i), n);
      kind = Token::Space;
    } else if (c == '/' && next == '*') {
      const size_t close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? n : close + 2;
      kind = Token::Space;
    } else if (c == '\'') {
      i = scan_quoted(sql, i, '\'', value);
      kind = Token::String;
    } else if (c == '"' || c == '`' || (c == '[' && brackets == Brackets::Quote)) {
      i = scan_quoted(sql, i, c == '[' ? ']' : c, value);
      kind = Token::Identifier;
    } else if (is_digit(c) || (c == '.' && is_digit(next))) {
      i = scan_number(sql, i);
      kind = Token::Number;
    } else if (is_word_char(c)) {
      while (i < n && is_word_char(sql[i])) ++i;
      kind = Token::Word;
    } else if (c == ':' && next == ':') {
      i += 2;
    } else if (is_operator_char(c)) {
      while (i < n && is_operator_char(sql[i])) ++i;
    } else {
      ++i;
    }
    std::string text(sql.substr(start, i - start));
    if (kind != Token::String && kind != Token::Identifier) value = text;
    tokens.push_back({kind, std::move(text), std::move(value), start, i});
  }
  return tokens;
}

std::vector<Token> significant(std::vector<Token> tokens) {
  std::erase_if(tokens, [](const Token& t) { return t.kind == Token::Space; });
  return tokens;
}

bool is_numeric_literal(std::string_view text, bool allow_hex) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  if (allow_hex && text.size() > i + 2 && text[i] == '0' &&
      (text[i + 1] == 'x' || text[i + 1] == 'X'))
    return std::all_of(text.begin() + i + 2, text.end(), is_hex_digit);
  const size_t integer_end = scan_digits(text, i);
  size_t digits = integer_end - i;
  i = integer_end;
  if (i < text.size() && text[i] == '.') {
    const size_t fraction_end = scan_digits(text, i + 1);
    digits += fraction_end - (i + 1);
    i = fraction_end;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const size_t exponent_end = scan_digits(text, i);
    if (exponent_end == i) return false;
    i = exponent_end;
  }
  return i == text.size();
}

std::string quote_identifier(std::string_view name, char quote) {
  std::string out;
  out.reserve(name.size() + 2);
  out += quote;
  for (char c : name) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
  return out;
}

}  // namespace relsynth::sql

// One lexer for the SQL expression text the connectors read and rewrite (CHECKs, DEFAULTs,
// CREATE TABLE statements), so that quotes, escapes and comments are read alike everywhere.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace relsynth::sql {

struct Token {
  // Space covers comments. tokenize never produces End: parsers append it as a sentinel.
  // Identifier is a quoted name; a bare word (keyword or name, the lexer cannot tell) is a Word.
  enum Kind { Space, Word, Identifier, String, Number, Operator, End };
  Kind kind;
  std::string text;   // as written, quotes and escapes included
  std::string value;  // Identifier, String: without the quotes, doubled quotes undone; else text
  size_t begin = 0;   // byte range of `text` in the source
  size_t end = 0;
};

// Whether [name] quotes a name (SQLite, SQL Server) or is a subscript (PostgreSQL's ARRAY[1]).
enum class Brackets { Quote, Subscript };

// Every byte lands in one token, so the texts joined give the source back. Quotes: '..', "..",
// `..` with a doubled quote for itself, [..] without escapes; unterminated ones run to the end.
// Numbers carry no sign: 12, 1.5, .5, 1e-3, 0x1F. Operators: "::", a run of <>=!~| ("<=",
// "<>", "||"), or one character.
std::vector<Token> tokenize(std::string_view sql, Brackets brackets = Brackets::Quote);

// The tokens that are not Space.
std::vector<Token> significant(std::vector<Token> tokens);

// "12", "-1.5", "+.5e3": an optionally signed decimal number; with allow_hex also "0x1F".
bool is_numeric_literal(std::string_view text, bool allow_hex = false);

// `name` between `quote` characters, a quote inside it doubled: "a""b" (`a``b` for MySQL).
std::string quote_identifier(std::string_view name, char quote = '"');

}  // namespace relsynth::sql

#include "core/sql_lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace relsynth::sql {
namespace {

// "kind:text" of every non-space token, for compact expectations.
std::vector<std::string> shapes(std::string_view sql, Brackets brackets = Brackets::Quote) {
  static const char* const kNames[] = {"space", "word", "id", "str", "num", "op", "end"};
  std::vector<std::string> out;
  for (const Token& token : significant(tokenize(sql, brackets)))
    out.push_back(std::string(kNames[token.kind]) + ":" + token.text);
  return out;
}

TEST(SqlLexer, QuotedIdentifiersUndoDoubledQuotes) {
  const std::vector<Token> tokens = tokenize(R"("a""b" `c``d` [e]]f])");
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_EQ(tokens[0].kind, Token::Identifier);
  EXPECT_EQ(tokens[0].value, "a\"b");
  EXPECT_EQ(tokens[0].text, R"("a""b")");
  EXPECT_EQ(tokens[2].value, "c`d");
  // ']' has no escape: the name ends at the first one.
  EXPECT_EQ(tokens[4].value, "e");
  EXPECT_EQ(tokens[5].text, "]");
}

TEST(SqlLexer, BracketsQuoteOrSubscript) {
  EXPECT_EQ(shapes("[my col] > 0"), (std::vector<std::string>{"id:[my col]", "op:>", "num:0"}));
  EXPECT_EQ(shapes("ARRAY[1, 2]", Brackets::Subscript),
            (std::vector<std::string>{"word:ARRAY", "op:[", "num:1", "op:,", "num:2", "op:]"}));
}

TEST(SqlLexer, StringsWithDoubledQuotes) {
  const std::vector<Token> tokens = significant(tokenize("'it''s' || 'x"));
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].kind, Token::String);
  EXPECT_EQ(tokens[0].value, "it's");
  EXPECT_EQ(tokens[1].text, "||");
  EXPECT_EQ(tokens[2].value, "x");  // unterminated: runs to the end
}

TEST(SqlLexer, NumbersCarryNoSign) {
  EXPECT_EQ(shapes("-12 1.5e-3 .5 2E+10 0x1F 1e"),
            (std::vector<std::string>{"op:-", "num:12", "num:1.5e-3", "num:.5", "num:2E+10",
                                      "num:0x1F", "num:1", "word:e"}));
}

TEST(SqlLexer, Operators) {
  EXPECT_EQ(shapes("a<=b>=c<>d!=e=f<g::int"),
            (std::vector<std::string>{"word:a", "op:<=", "word:b", "op:>=", "word:c", "op:<>",
                                      "word:d", "op:!=", "word:e", "op:=", "word:f", "op:<",
                                      "word:g", "op:::", "word:int"}));
}

TEST(SqlLexer, CommentsAreSpaceAndOffsetsCoverTheText) {
  const std::string sql = "a -- it's\n/* ' */ b";
  const std::vector<Token> tokens = tokenize(sql);
  std::string joined;
  for (const Token& token : tokens) {
    EXPECT_EQ(sql.substr(token.begin, token.end - token.begin), token.text);
    joined += token.text;
  }
  EXPECT_EQ(joined, sql);
  EXPECT_EQ(shapes(sql), (std::vector<std::string>{"word:a", "word:b"}));
}

TEST(SqlLexer, NumericLiterals) {
  for (const char* yes : {"12", "-1.5", "+.5e3", "1.", "1e-7"})
    EXPECT_TRUE(is_numeric_literal(yes)) << yes;
  for (const char* no : {"", "-", ".", "1e", "1e+", "abc", "1 2", "0x1F", "--1"})
    EXPECT_FALSE(is_numeric_literal(no)) << no;
  EXPECT_TRUE(is_numeric_literal("-0x1f", /*allow_hex=*/true));
  EXPECT_FALSE(is_numeric_literal("0xg", /*allow_hex=*/true));
}

}  // namespace
}  // namespace relsynth::sql

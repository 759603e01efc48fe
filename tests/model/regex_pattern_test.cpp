// The `pattern` treatment's language: what it spells, its counts, unique values and errors.
#include "model/regex_pattern.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "model/value_generator.h"
#include "relsynth/error.h"

namespace relsynth {
namespace {

// Values drawn at random all match the pattern read as an ECMAScript regular expression.
void expect_random_values_match(const std::string& pattern, const std::string& as_regex) {
  RegexPattern parsed(pattern);
  const std::regex re(as_regex);
  Rng rng(7);
  for (int i = 0; i < 500; ++i) {
    const std::string value = parsed.random_value(rng);
    ASSERT_TRUE(std::regex_match(value, re)) << pattern << " gave " << value;
  }
}

TEST(RegexPattern, RandomValuesMatchThePattern) {
  expect_random_values_match("[A-Z]{3}-\\d{5}", "[A-Z]{3}-[0-9]{5}");
  expect_random_values_match("INV-\\d{6}", "INV-[0-9]{6}");
  expect_random_values_match("(EU|US)-[0-9A-F]{8}", "(EU|US)-[0-9A-F]{8}");
  expect_random_values_match("^ab?c{1,3}(?:x|yz)\\.\\w$", "ab?c{1,3}(x|yz)\\.[A-Za-z0-9_]");
  expect_random_values_match("[^a-z]{2}", "[!-`{-~]{2}");
  expect_random_values_match("[-a\\]]{4}", "[-a\\]]{4}");
}

TEST(RegexPattern, CountsTheValuesItSpells) {
  EXPECT_EQ(RegexPattern("INV-\\d{6}").count(), 1000000u);
  EXPECT_EQ(RegexPattern("[A-Z]{3}-\\d{5}").count(), 26u * 26 * 26 * 100000);
  EXPECT_EQ(RegexPattern("(EU|US)-[0-9A-F]{2}").count(), 2u * 256);
  EXPECT_EQ(RegexPattern("\\d{1,2}").count(), 110u);
  EXPECT_EQ(RegexPattern("ab?").count(), 2u);
  EXPECT_EQ(RegexPattern("[A-Z]{20}").count(), std::nullopt);
  EXPECT_EQ(RegexPattern("[A-Z]{20}").count_text(), "more than 18446744073709551615");
}

TEST(RegexPattern, UniqueValuesAreDistinctUntilThePatternRunsOut) {
  RegexPattern pattern("K-[0-9A-C]{2}");  // 13 x 13 = 169 values
  const std::regex re("K-[0-9A-C]{2}");
  std::set<std::string> seen;
  std::string value;
  for (uint64_t i = 0; i < 169; ++i) {
    ASSERT_TRUE(pattern.unique_value(i, 99, value));
    EXPECT_TRUE(std::regex_match(value, re)) << value;
    EXPECT_TRUE(seen.insert(value).second) << "repeated " << value;
  }
  EXPECT_FALSE(pattern.unique_value(169, 99, value));
  // Another salt, another order; consecutive rows look unrelated.
  std::string a, b;
  pattern.unique_value(0, 99, a);
  pattern.unique_value(0, 100, b);
  EXPECT_NE(a, b);
}

TEST(RegexPattern, UniqueValuesOfAHugePatternAreDistinctAndVaried) {
  RegexPattern pattern("[A-Z]{16}");
  std::set<std::string> seen, first_letters;
  std::string value;
  for (uint64_t i = 0; i < 20000; ++i) {
    ASSERT_TRUE(pattern.unique_value(i, 5, value));
    ASSERT_EQ(value.size(), 16u);
    EXPECT_TRUE(seen.insert(value).second);
    first_letters.insert(value.substr(0, 1));
  }
  EXPECT_GT(first_letters.size(), 20u);  // not "AAAAAA..." in front of every value
}

TEST(RegexPattern, SaysWhenValuesCanBeSpelledTwoWays) {
  EXPECT_EQ(RegexPattern("[A-Z]{2,3}-\\d{1,4}").unique_problem(), "");
  EXPECT_EQ(RegexPattern("(EU|US|E)-\\d").unique_problem(), "");
  EXPECT_NE(RegexPattern("\\d{1,2}\\d{1,2}").unique_problem(), "");
  EXPECT_NE(RegexPattern("(A|A)").unique_problem(), "");
  EXPECT_NE(RegexPattern("(a|ab)b?").unique_problem(), "");
}

TEST(RegexPattern, ProblemsNameTheCharacter) {
  EXPECT_EQ(pattern_problem("[A-Z]{3}-\\d{5}"), "");
  EXPECT_EQ(pattern_problem("AB*"),
            "at character 3: unbounded repetition '*': give a count such as {1,8}");
  EXPECT_EQ(pattern_problem("[A-Z"), "at character 1: '[' is never closed");
  EXPECT_EQ(pattern_problem("(AB"), "at character 1: '(' is never closed");
  EXPECT_EQ(pattern_problem("A{5,2}"), "at character 2: the count {n,m} has m smaller than n");
  EXPECT_EQ(pattern_problem("A{2,}"),
            "at character 2: an unbounded count {n,}: give a largest count {n,m}");
  EXPECT_EQ(pattern_problem("[z-a]"), "at character 2: the range z-a runs backwards");
  EXPECT_EQ(pattern_problem("\\q"),
            "at character 1: unknown escape \\q (supported: \\d, \\w, and \\ before punctuation)");
  EXPECT_NE(pattern_problem("a.b").find("at character 2: '.'"), std::string::npos);
  EXPECT_EQ(pattern_problem(""), "at character 1: the pattern is empty");
  EXPECT_EQ(pattern_problem("a)"), "at character 2: ')' closes no group");
  EXPECT_THROW(RegexPattern("{3}"), UsageError);
}

TEST(RegexPattern, IntegerColumnsTakeDigitsOfOneLength) {
  EXPECT_EQ(pattern_type_problem(RegexPattern("9\\d{5}"), DataType::Int64), "");
  EXPECT_NE(pattern_type_problem(RegexPattern("\\d{1,5}"), DataType::Int64), "");
  EXPECT_NE(pattern_type_problem(RegexPattern("A\\d"), DataType::Int64), "");
  EXPECT_NE(pattern_type_problem(RegexPattern("\\d"), DataType::Date), "");
  EXPECT_EQ(pattern_type_problem(RegexPattern("A\\d"), DataType::String), "");
}

TEST(RegexGenerator, SavesAndLoadsAndSaysWhenItRunsOut) {
  auto generator = make_regex_generator("X\\d", true);
  Column real("code", DataType::String);
  real.append_string("A1");
  GeneratorOptions options;
  options.table = "t";
  generator->fit(real, SDType::Id, options);
  BinaryWriter writer;
  save_generator(*generator, writer);
  BinaryReader reader(writer.data());
  auto loaded = load_generator(reader);
  Column out("code", DataType::String);
  Rng rng(1);
  for (uint64_t i = 0; i < 10; ++i) loaded->generate(i, rng, out);
  std::set<std::string> values(out.strings().begin(), out.strings().end());
  EXPECT_EQ(values.size(), 10u);
  try {
    loaded->generate(10, rng, out);
    FAIL() << "an 11th unique value of X\\d";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()),
              "table \"t\", column \"code\": pattern \"X\\d\" spells 10 distinct values, and row "
              "11 needs another (unique); widen the pattern or ask for fewer rows");
  }
}

TEST(ValuesGenerator, WritesItsValueOrNullInEveryRow) {
  Column value("v", DataType::Int64);
  value.append_int(7);
  auto generator = make_values_generator(value);
  Column real("n", DataType::Int64);
  generator->fit(real, SDType::Numerical, {});
  BinaryWriter writer;
  save_generator(*generator, writer);
  BinaryReader reader(writer.data());
  auto loaded = load_generator(reader);
  Column out("n", DataType::Int64);
  Rng rng(1);
  loaded->generate(0, rng, out);
  loaded->generate(1, rng, out);
  EXPECT_EQ(out.int_at(0), 7);
  EXPECT_EQ(out.int_at(1), 7);

  Column null("v", DataType::String);
  null.append_null();
  auto nulls = make_values_generator(null);
  Column text("s", DataType::String);
  nulls->fit(text, SDType::Text, {});
  nulls->generate(0, rng, text);
  EXPECT_TRUE(text.is_null(0));
}

}  // namespace
}  // namespace relsynth

namespace relsynth {
namespace {

TEST(ValuesGenerator, WritesEachOfSeveralValuesOnceThenSaysSo) {
  Column values("v", DataType::String);
  for (const char* v : {"a", "b", "c", "d"}) values.append_string(v);
  auto generator = make_values_generator(values);
  Column real("email", DataType::String);
  GeneratorOptions options;
  options.table = "people";
  generator->fit(real, SDType::Email, options);
  Column out("email", DataType::String);
  Rng rng(1);
  for (uint64_t i = 0; i < 4; ++i) generator->generate(i, rng, out);
  std::set<std::string> seen(out.strings().begin(), out.strings().end());
  EXPECT_EQ(seen, (std::set<std::string>{"a", "b", "c", "d"}));
  EXPECT_THROW(generator->generate(4, rng, out), UsageError);
}

}  // namespace
}  // namespace relsynth

// Exact rules: discovery per kind, CHECK constraints, checking rows, JSON and validation.
#include "relsynth/rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "relsynth/error.h"

namespace relsynth {
namespace {

// A table of n rows whose columns are given as functions of the row number.
struct Builder {
  TableMeta meta;
  Table rows{"t"};
  size_t n;
  explicit Builder(size_t rows_count) : n(rows_count) { meta.name = "t"; }

  template <typename F>
  Builder& ints(const std::string& name, SDType sdtype, F f) {
    meta.columns.push_back({name, DataType::Int64});
    meta.columns.back().sdtype = sdtype;
    Column column(name, DataType::Int64);
    for (size_t i = 0; i < n; ++i) column.append_int(f(i));
    rows.add_column(std::move(column));
    return *this;
  }
  template <typename F>  // f(i) gives std::optional<int64_t>: nullopt is NULL
  Builder& optional_ints(const std::string& name, F f) {
    meta.columns.push_back({name, DataType::Int64});
    meta.columns.back().sdtype = SDType::Numerical;
    meta.columns.back().nullable = true;
    Column column(name, DataType::Int64);
    for (size_t i = 0; i < n; ++i)
      if (const std::optional<int64_t> value = f(i))
        column.append_int(*value);
      else
        column.append_null();
    rows.add_column(std::move(column));
    return *this;
  }
  template <typename F>
  Builder& doubles(const std::string& name, F f) {
    meta.columns.push_back({name, DataType::Float64});
    meta.columns.back().sdtype = SDType::Numerical;
    Column column(name, DataType::Float64);
    for (size_t i = 0; i < n; ++i) column.append_double(f(i));
    rows.add_column(std::move(column));
    return *this;
  }
  template <typename F>
  Builder& strings(const std::string& name, F f) {
    meta.columns.push_back({name, DataType::String});
    meta.columns.back().sdtype = SDType::Categorical;
    Column column(name, DataType::String);
    for (size_t i = 0; i < n; ++i) column.append_string(f(i));
    rows.add_column(std::move(column));
    return *this;
  }
  std::vector<Rule> discover() const { return discover_rules(meta, rows); }
};

// Pseudo-random but fixed values.
int64_t scramble(size_t i, int64_t modulo) {
  return static_cast<int64_t>((i * 2654435761u + 12345) % static_cast<uint64_t>(modulo));
}

const Rule* find(const std::vector<Rule>& rules, RuleKind kind, const std::string& target) {
  for (const Rule& rule : rules)
    if (rule.kind == kind && rule.target == target) return &rule;
  return nullptr;
}

TEST(RuleDiscovery, FindsConstantsAndEqualColumns) {
  Builder b(500);
  b.strings("status", [](size_t) { return std::string("active"); })
      .strings("city", [](size_t i) { return "c" + std::to_string(scramble(i, 40)); })
      .strings("city_again", [](size_t i) { return "c" + std::to_string(scramble(i, 40)); });
  auto rules = b.discover();
  const Rule* constant = find(rules, RuleKind::Constant, "status");
  ASSERT_NE(constant, nullptr);
  EXPECT_EQ(constant->value, "active");
  EXPECT_EQ(constant->checked, 500);
  const Rule* equal = find(rules, RuleKind::Equal, "city_again");
  ASSERT_NE(equal, nullptr);
  EXPECT_EQ(equal->columns, std::vector<std::string>{"city"});
}

TEST(RuleDiscovery, FindsFunctionsOfOneAndTwoColumnsWithRareExceptions) {
  Builder b(4000);
  b.strings("origin", [](size_t i) { return "o" + std::to_string(scramble(i, 6)); })
      .strings("dest", [](size_t i) { return "d" + std::to_string(scramble(i * 7 + 3, 9)); })
      .strings("airport_name", [](size_t i) { return "name" + std::to_string(scramble(i, 6)); })
      .ints("distance", SDType::Numerical, [](size_t i) {
        if (i == 1234) return int64_t{1};  // one exception in 4000 rows
        return 100 * scramble(i, 6) + scramble(i * 7 + 3, 9) * 13 + 50;
      });
  auto rules = b.discover();
  const Rule* name = find(rules, RuleKind::Function, "airport_name");
  // A renaming of origin: found as a function (or equality of labels), one input.
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->columns, std::vector<std::string>{"origin"});
  const Rule* distance = find(rules, RuleKind::Function, "distance");
  ASSERT_NE(distance, nullptr);
  EXPECT_EQ(distance->columns, (std::vector<std::string>{"origin", "dest"}));
  EXPECT_EQ(distance->exceptions, 1);
}

TEST(RuleDiscovery, FindsOrderingsWithTheirGaps) {
  Builder b(1000);
  b.ints("ordered", SDType::Numerical, [](size_t i) {
     return 1000 + scramble(i, 500);
   }).ints("shipped", SDType::Numerical, [](size_t i) {
    return 1000 + scramble(i, 500) + 1 + scramble(i, 7);
  });
  auto rules = b.discover();
  const Rule* order = find(rules, RuleKind::Order, "shipped");
  ASSERT_NE(order, nullptr);
  EXPECT_EQ(order->columns, std::vector<std::string>{"ordered"});
  EXPECT_EQ(order->op, "<");
  ASSERT_EQ(order->gaps.size(), 17u);
  EXPECT_GE(order->gaps.front(), 1);
  EXPECT_LE(order->gaps.back(), 7);
  EXPECT_EQ(find(rules, RuleKind::Order, "ordered"), nullptr);
}

// The orderings listed are those no other rule says: none through a column an equality copies,
// none that a chain of two others gives; but one a chain gives only where its middle column has
// a value, or only as <= where it is <, stays.
TEST(RuleDiscovery, ListsEachOrderingOnceAndNoneThatOthersImply) {
  Builder b(1000);
  auto low = [](size_t i) { return scramble(i, 50); };
  auto middle = [=](size_t i) { return low(i) + static_cast<int64_t>(i % 20); };
  auto top = [=](size_t i) { return middle(i) + static_cast<int64_t>(i % 30); };
  auto a = [](size_t i) { return scramble(i * 5, 40); };
  auto x = [](size_t i) { return scramble(i * 11, 40); };
  b.ints("low", SDType::Numerical, low)
      .ints("middle", SDType::Numerical, middle)
      .ints("middle_copy", SDType::Numerical, middle)
      .ints("top", SDType::Numerical, top)
      .ints("a", SDType::Numerical, a)
      .optional_ints("gappy",  // a <= gappy < b, NULL on every 5th row
                     [=](size_t i) -> std::optional<int64_t> {
                       if (i % 5 == 0) return std::nullopt;
                       return a(i) + static_cast<int64_t>(i % 7);
                     })
      .ints("b", SDType::Numerical, [=](size_t i) { return a(i) + 10 + scramble(i * 23, 10); })
      .ints("x", SDType::Numerical, x)  // x <= y <= z, x < z
      .ints("y", SDType::Numerical, [=](size_t i) { return x(i) + static_cast<int64_t>(i % 3); })
      .ints("z", SDType::Numerical, [=](size_t i) { return x(i) + 2 + (i % 4 == 0 ? 0 : 1); });
  std::vector<std::string> orders;
  for (const Rule& rule : b.discover())
    if (rule.kind == RuleKind::Order) orders.push_back(describe(rule));
  std::sort(orders.begin(), orders.end());
  EXPECT_EQ(orders, (std::vector<std::string>{"a < b", "a <= gappy", "gappy < b", "low <= middle",
                                              "middle <= top", "x < z", "x <= y", "y <= z"}));
}

TEST(RuleDiscovery, FindsArithmetic) {
  Builder b(800);
  b.doubles("price", [](size_t i) { return 1.5 + static_cast<double>(scramble(i, 300)) / 4; })
      .doubles("tax", [](size_t i) { return static_cast<double>(scramble(i * 3, 50)) / 10; })
      .doubles("total",
               [](size_t i) {
                 return (1.5 + static_cast<double>(scramble(i, 300)) / 4) +
                        static_cast<double>(scramble(i * 3, 50)) / 10;
               })
      .ints("dep_time", SDType::Numerical,
            [](size_t i) { return 100 * scramble(i, 24) + static_cast<int64_t>(i / 24 % 60); })
      .ints("hour", SDType::Numerical, [](size_t i) { return scramble(i, 24); })
      .ints("minute", SDType::Numerical, [](size_t i) { return static_cast<int64_t>(i / 24 % 60); })
      .doubles("knots", [](size_t i) { return static_cast<double>(scramble(i * 11, 40)); })
      .doubles("mph", [](size_t i) { return static_cast<double>(scramble(i * 11, 40)) * 1.15; });
  auto rules = b.discover();
  const Rule* total = find(rules, RuleKind::Arithmetic, "total");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->op, "+");
  const Rule* hour = find(rules, RuleKind::Arithmetic, "hour");
  ASSERT_NE(hour, nullptr);
  EXPECT_EQ(describe(*hour), "hour = dep_time div 100");
  const Rule* minute = find(rules, RuleKind::Arithmetic, "minute");
  ASSERT_NE(minute, nullptr);
  EXPECT_EQ(describe(*minute), "minute = dep_time mod 100");
  const Rule* mph = find(rules, RuleKind::Arithmetic, "mph");
  ASSERT_NE(mph, nullptr);
  EXPECT_EQ(mph->op, "*");
  EXPECT_NEAR(mph->k, 1.15, 1e-9);
}

// A table of 400 number columns (every triple of them was tried: 48 s for 500, hours for
// 3,000) still has its sums among the first columns and its one-column rules everywhere.
TEST(RuleDiscovery, AWideTableKeepsItsArithmetic) {
  Builder b(60);
  b.doubles("price", [](size_t i) { return static_cast<double>(scramble(i, 300)) / 4; })
      .doubles("tax", [](size_t i) { return static_cast<double>(scramble(i * 3, 50)) / 10; })
      .doubles("total", [](size_t i) {
        return static_cast<double>(scramble(i, 300)) / 4 +
               static_cast<double>(scramble(i * 3, 50)) / 10;
      });
  for (int c = 0; c < 400; ++c)
    b.doubles("m" + std::to_string(c),
              [c](size_t i) { return static_cast<double>(scramble(i * 7 + c * 13, 1000)); });
  b.doubles("m0_in_cents",
            [](size_t i) { return 100.0 * static_cast<double>(scramble(i * 7, 1000)); });
  auto rules = b.discover();
  const Rule* total = find(rules, RuleKind::Arithmetic, "total");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->op, "+");
  const Rule* cents = find(rules, RuleKind::Arithmetic, "m0_in_cents");
  ASSERT_NE(cents, nullptr);
  EXPECT_EQ(describe(*cents), "m0_in_cents = m0 * 100");
}

TEST(RuleDiscovery, IndependentColumnsHaveNoRules) {
  Builder b(3000);
  b.strings("colour", [](size_t i) { return "c" + std::to_string(scramble(i, 5)); })
      .strings("size", [](size_t i) { return "s" + std::to_string(scramble(i * 13 + 1, 4)); })
      .ints("count", SDType::Numerical, [](size_t i) { return scramble(i * 17 + 5, 1000); })
      .doubles("weight", [](size_t i) { return static_cast<double>(scramble(i * 19 + 2, 977)); });
  EXPECT_TRUE(b.discover().empty());
}

TEST(RuleDiscovery, SmallTablesStateNothing) {
  Builder b(5);
  b.strings("status", [](size_t) { return std::string("x"); });
  EXPECT_TRUE(b.discover().empty());
}

TEST(RuleChecks, SimpleCheckConstraintsBecomeRules) {
  TableMeta table;
  table.name = "t";
  for (const char* name : {"price", "qty", "start", "end", "status", "rating", "x"})
    table.columns.push_back({name, DataType::Int64});
  table.checks = {"price >= 0",
                  "(\"qty\" > 0 AND qty <= 100)",
                  "start <= \"end\"",
                  "status IN ('new', 'it''s done')",
                  "rating BETWEEN 1 AND 5",
                  "x > 0 OR x < -5",
                  "length(status) > 2"};
  std::vector<Rule> rules = rules_from_checks(table);
  std::vector<std::string> described;
  for (const Rule& rule : rules) described.push_back(describe(rule));
  EXPECT_EQ(described,
            (std::vector<std::string>{"0 <= price", "0 <= qty", "qty <= 100", "start <= end",
                                      "status in (new, it's done)", "1 <= rating <= 5"}));
  for (const Rule& rule : rules) EXPECT_EQ(rule.origin, "check");
}

TEST(RuleChecks, CountsViolatingRows) {
  Table rows("t");
  Column a("a", DataType::Int64), b("b", DataType::Int64);
  for (int i = 0; i < 10; ++i) {
    a.append_int(i);
    if (i == 3)
      b.append_null();
    else
      b.append_int(i == 7 ? 0 : i + 1);
  }
  rows.add_column(std::move(a));
  rows.add_column(std::move(b));
  Rule order;
  order.kind = RuleKind::Order;
  order.columns = {"a"};
  order.target = "b";
  order.op = "<";
  RuleCheck check = check_rule(order, rows);
  EXPECT_EQ(check.checked, 9);
  EXPECT_EQ(check.violations, 1);
  EXPECT_EQ(check.first_row, 7);
}

TEST(RuleMetadata, RoundTripsThroughJsonAndIsValidated) {
  Metadata metadata;
  TableMeta table;
  table.name = "t";
  table.columns.push_back({"a", DataType::Int64});
  table.columns.push_back({"b", DataType::Int64});
  Rule rule;
  rule.kind = RuleKind::Arithmetic;
  rule.target = "b";
  rule.columns = {"a"};
  rule.op = "div";
  rule.k = 100;
  rule.enabled = false;
  rule.origin = "declared";
  table.rules.push_back(rule);
  metadata.tables.push_back(table);
  metadata.rules_known = true;
  Metadata back = metadata_from_json(to_json(metadata));
  EXPECT_TRUE(back.rules_known);
  ASSERT_EQ(back.tables[0].rules.size(), 1u);
  EXPECT_EQ(describe(back.tables[0].rules[0]), "b = a div 100");
  EXPECT_FALSE(back.tables[0].rules[0].enabled);
  EXPECT_NO_THROW(validate_or_throw(back));

  // A file without rules leaves discovery to training.
  metadata.rules_known = false;
  EXPECT_FALSE(metadata_from_json(to_json(metadata)).rules_known);

  metadata.tables[0].rules[0].columns = {"missing"};
  try {
    validate_or_throw(metadata);
    FAIL() << "a rule on a missing column must not validate";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("\"t\""), std::string::npos);
  }
  EXPECT_THROW(metadata_from_json(R"({"tables":[{"name":"t","columns":[{"name":"a"}],
      "rules":[{"kind":"sometimes","target":"a"}]}]})"),
               InputError);
}

}  // namespace
}  // namespace relsynth

namespace relsynth {
namespace {

// A rule listed twice (a CHECK discovery also finds, a file that repeats one) is kept once.
TEST(RuleDuplicates, ARuleListedTwiceIsKeptOnce) {
  const Metadata metadata = metadata_from_json(R"({"tables": [{"name": "t",
    "columns": [{"name": "a", "type": "int64", "sdtype": "numerical"},
                {"name": "b", "type": "int64", "sdtype": "numerical"}],
    "rules": [{"kind": "order", "target": "b", "columns": ["a"], "op": "<="},
              {"kind": "order", "target": "b", "columns": ["a"], "op": "<"},
              {"kind": "range", "target": "a", "min": 0},
              {"kind": "range", "target": "a", "min": 1}]}]})");
  const std::vector<Rule>& rules = metadata.tables.at(0).rules;
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].op, "<=");
  std::vector<Rule> twice = {rules[2], rules[1], rules[2]};
  EXPECT_EQ(remove_duplicate_rules(twice), 1u);
  EXPECT_EQ(twice.size(), 2u);
}

}  // namespace
}  // namespace relsynth

// Exact rules across foreign keys end to end, on a constructed shop: a line's price copied
// from its product, a shipment never before its order, an order's total the sum of its lines
// (quantity x price) and its item count, and its payments adding up to the total.
#include <gtest/gtest.h>

#include <set>

#include "relsynth/metadata.h"
#include "relsynth/report.h"
#include "relsynth/rules.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

const char* kShop = R"SQL(
CREATE TABLE products (product_id INTEGER PRIMARY KEY, category TEXT NOT NULL,
                       price DECIMAL(8,2) NOT NULL);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, placed DATE NOT NULL,
                     items INTEGER NOT NULL, total DECIMAL(10,2) NOT NULL);
CREATE TABLE lines (line_id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(order_id),
                    product_id INTEGER NOT NULL REFERENCES products(product_id),
                    quantity INTEGER NOT NULL, unit_price DECIMAL(8,2) NOT NULL);
CREATE TABLE shipments (shipment_id INTEGER PRIMARY KEY,
                        order_id INTEGER NOT NULL REFERENCES orders(order_id),
                        shipped DATE NOT NULL);
CREATE TABLE payments (payment_id INTEGER PRIMARY KEY,
                       order_id INTEGER NOT NULL REFERENCES orders(order_id),
                       amount DECIMAL(10,2) NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 80)
INSERT INTO products SELECT i, 'c' || (i % 6), ((i * 37) % 50) + 0.99 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
INSERT INTO orders SELECT i, date('2024-01-01', '+' || ((i * 7) % 300) || ' days'), 0, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4500)
INSERT INTO lines SELECT i, (i * i * 31) % 1500 + 1, (i * 104729) % 80 + 1, 1 + i % 3, 0 FROM n;
UPDATE lines SET unit_price = (SELECT price FROM products p WHERE p.product_id = lines.product_id);
UPDATE orders SET items = (SELECT count(*) FROM lines l WHERE l.order_id = orders.order_id),
  total = coalesce((SELECT round(sum(quantity * unit_price), 2) FROM lines l
                    WHERE l.order_id = orders.order_id), 0);
INSERT INTO shipments SELECT order_id, order_id, date(placed, '+' || (order_id % 9) || ' days')
FROM orders;
INSERT INTO payments SELECT order_id * 2, order_id, round(total * 0.6, 2) FROM orders WHERE total > 0;
INSERT INTO payments SELECT order_id * 2 + 1, order_id, round(total - round(total * 0.6, 2), 2)
FROM orders WHERE total > 0;
)SQL";

class CrossTableRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    path_ = dir_->file("shop.sqlite");
    create_sqlite(path_, kShop);
    source_ = new SourceData(load(path_));
  }
  static void TearDownTestSuite() {
    delete source_;
    delete dir_;
  }

  static std::vector<std::string> found() {
    std::vector<std::string> out;
    for (const TableMeta& table : source_->metadata.tables)
      for (const Rule& rule : table.rules) out.push_back(table.name + ": " + describe(rule));
    return out;
  }

  // Breaking rows of every enabled rule in a synthetic database, as "table: rule: n" lines.
  static std::string violations(const Metadata& metadata, const std::string& path) {
    auto source = open_source(path);
    const Database twin = read_database(*source, source->describe());
    std::string out;
    for (const TableMeta& table : metadata.tables)
      for (const Rule& rule : table.rules) {
        if (!rule.enabled) continue;
        const RuleCheck check = check_rule(rule, table, metadata, twin);
        EXPECT_GT(check.checked, 0) << describe(rule);
        if (check.violations)
          out +=
              table.name + ": " + describe(rule) + ": " + std::to_string(check.violations) + "\n";
      }
    return out;
  }

  static TempDir* dir_;
  static std::string path_;
  static SourceData* source_;
};
TempDir* CrossTableRules::dir_ = nullptr;
std::string CrossTableRules::path_;
SourceData* CrossTableRules::source_ = nullptr;

TEST_F(CrossTableRules, EveryKindIsFound) {
  const std::vector<std::string> rules = found();
  for (const char* expected :
       {"lines: unit_price = products.price", "shipments: orders.placed <= shipped",
        "orders: items = count(lines)", "orders: total = sum(lines.quantity * unit_price)",
        "orders: total = sum(payments.amount)"}) {
    EXPECT_NE(std::find(rules.begin(), rules.end(), expected), rules.end())
        << expected << " not among:\n"
        << ::testing::PrintToString(rules);
  }
}

TEST_F(CrossTableRules, HoldInEveryGeneratedRowAtSeveralSeedsAndScales) {
  TempDir dir;
  for (uint64_t seed : {1u, 2u}) {
    for (double scale : {1.0, 2.5}) {
      TrainOptions train;
      train.seed = seed;
      GenerateOptions generate;
      generate.seed = seed;
      generate.scale = scale;
      generate.batch_rows = 500;  // lines and payments come in many parts
      const std::string out = dir.file("twin_" + std::to_string(seed) + "_" +
                                       std::to_string(static_cast<int>(scale * 10)) + ".sqlite");
      synthesize(*source_, out, train, generate);
      EXPECT_EQ(violations(source_->metadata, out), "") << "seed " << seed << " scale " << scale;
      expect_integrity(source_->metadata, out);
    }
  }
}

TEST_F(CrossTableRules, SurviveTheMetadataFileAndCanBeDisabled) {
  TempDir dir;
  save_metadata(source_->metadata, dir.file("meta.json"));
  Metadata loaded = load_metadata(dir.file("meta.json"));
  EXPECT_EQ(loaded.table("orders").rules.size(), source_->metadata.table("orders").rules.size());
  for (Rule& rule : loaded.find_table("lines")->rules)
    if (rule.kind == RuleKind::ParentEqual) rule.enabled = false;
  SourceData changed = *source_;
  changed.metadata = loaded;
  synthesize(changed, dir.file("twin.sqlite"));
  // Drawn without the rule, most lines' prices differ from their product's.
  Rule copy;
  copy.kind = RuleKind::ParentEqual;
  copy.target = "unit_price";
  copy.columns = {"price"};
  copy.other_table = "products";
  copy.via = {"product_id"};
  auto source = open_source(dir.file("twin.sqlite"));
  const Database twin = read_database(*source, source->describe());
  EXPECT_GT(check_rule(copy, loaded.table("lines"), loaded, twin).violations, 500);
}

TEST_F(CrossTableRules, ReportCountsThemOnBothSides) {
  TempDir dir;
  synthesize(*source_, dir.file("twin.sqlite"));
  auto source = open_source(dir.file("twin.sqlite"));
  const Database twin = read_database(*source, source->describe());
  ReportOptions options;
  options.detection = false;
  options.privacy = false;
  const Report report = evaluate(source_->metadata, source_->data, twin, options);
  EXPECT_EQ(report.summary.rule_violations, 0);
  int crossing = 0;
  for (const TableReport& table : report.tables)
    for (const RuleResult& rule : table.rules)
      if (rule.kind == "aggregate" || rule.kind == "parent_equal" || rule.kind == "parent_order") {
        ++crossing;
        EXPECT_GT(rule.real_checked, 0) << rule.rule;
        EXPECT_EQ(rule.real_violations, 0) << rule.rule;
      }
  EXPECT_GE(crossing, 5);
}

// A product's price is the highest price it was sold at. Filled in as the maximum of ~50
// generated lines that do not see it (six columns with fewer tokens come first in what a line
// sees of its product), every price drifted to the top of the range (northwind's doubled);
// the lines are now kept at or below the price the product drew, so prices keep their level.
TEST(CrossTableMax, ParentKeepsItsOwnLevel) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), R"SQL(
CREATE TABLE products (product_id INTEGER PRIMARY KEY, price REAL NOT NULL, a INTEGER, b INTEGER,
                       c INTEGER, d INTEGER, e INTEGER, f INTEGER);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, placed DATE NOT NULL);
CREATE TABLE lines (line_id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(order_id),
                    product_id INTEGER NOT NULL REFERENCES products(product_id),
                    unit_price REAL NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 80)
INSERT INTO products SELECT i, ((i * 37) % 50) + 5.5, i % 2, i % 3, i % 2, i % 3, i % 2, i % 3
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO orders SELECT i, date('2024-01-01', '+' || ((i * 7) % 300) || ' days') FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
INSERT INTO lines SELECT i, (i * i * 31) % 1000 + 1, (i * 104729) % 80 + 1, 0 FROM n;
UPDATE lines SET unit_price = (SELECT price FROM products p WHERE p.product_id = lines.product_id)
  - CASE WHEN line_id % 3 = 0 THEN 4 ELSE 0 END;
)SQL");
  const SourceData source = load(dir.file("s.sqlite"));
  ASSERT_TRUE(has_rule(source.metadata, "products", "price = max(lines.unit_price)"));
  const std::string twin = dir.file("twin.sqlite");
  synthesize(source, twin);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM products p WHERE price <> (SELECT MAX(unit_price) "
                      "FROM lines l WHERE l.product_id = p.product_id)"),
            0);
  // Real mean 30; the maximum of the lines drawn blind gave 38.
  const int64_t mean = query_int(twin, "SELECT CAST(AVG(price) AS INTEGER) FROM products");
  EXPECT_GE(mean, 24);
  EXPECT_LE(mean, 34);
}

// A DATE that follows a DATETIME of its parent (a payment due on or after the day its order
// was placed, at whatever hour), and a DATETIME after a parent's DATE (a visit on or after
// the signup day), are compared by day: the order is found, kept, and the child is encoded as
// its gap from the parent, so gaps keep their size. Two types apart, the rule was not found:
// 36% of the demo's payments fell before their order.
TEST(CrossTableDates, DateAndDatetimeCompareByDay) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), R"SQL(
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, signed DATE NOT NULL);
CREATE TABLE visits (visit_id INTEGER PRIMARY KEY,
                     customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
                     at DATETIME NOT NULL);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, placed DATETIME NOT NULL);
CREATE TABLE payments (payment_id INTEGER PRIMARY KEY,
                       order_id INTEGER NOT NULL REFERENCES orders(order_id), due DATE NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
INSERT INTO customers SELECT i, date('2022-01-01', '+' || ((i * 7) % 700) || ' days') FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO visits SELECT i, c.customer_id, datetime(c.signed, '+' || (i % 4) || ' days',
  '+' || ((i * 5) % 24) || ' hours') FROM n JOIN customers c ON c.customer_id = (i * 13) % 600 + 1;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
INSERT INTO orders SELECT i, datetime('2024-01-01', '+' || ((i * 7) % 600) || ' days',
  '+' || ((i * 11) % 24) || ' hours', '+' || ((i * 17) % 60) || ' minutes') FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
INSERT INTO payments SELECT i, o.order_id, date(o.placed, '+' || ((i * 3) % 15) || ' days')
FROM n JOIN orders o ON o.order_id = (i * 31) % 1500 + 1;
)SQL");
  const SourceData source = load(dir.file("s.sqlite"));
  std::set<std::string> rules;
  for (const TableMeta& table : source.metadata.tables)
    for (const Rule& rule : table.rules) rules.insert(describe(rule));
  EXPECT_TRUE(rules.count("orders.placed <= due")) << ::testing::PrintToString(rules);
  EXPECT_TRUE(rules.count("customers.signed <= at")) << ::testing::PrintToString(rules);
  const std::string twin = dir.file("twin.sqlite");
  synthesize(source, twin);
  const std::string payments = " FROM payments p JOIN orders o USING (order_id)";
  EXPECT_EQ(query_int(twin, "SELECT COUNT(*)" + payments + " WHERE p.due < date(o.placed)"), 0);
  const std::string visits = " FROM visits v JOIN customers c USING (customer_id)";
  EXPECT_EQ(query_int(twin, "SELECT COUNT(*)" + visits + " WHERE date(v.at) < c.signed"), 0);
  // Gaps of 0-14 days (mean 7) and 0-3 days: as wide as a year's bins, they were months.
  const std::string gap = "julianday(p.due) - julianday(date(o.placed))";
  EXPECT_NEAR(query_int(twin, "SELECT CAST(10 * AVG(" + gap + ") AS INTEGER)" + payments), 70, 15);
  EXPECT_LE(query_int(twin, "SELECT MAX(" + gap + ")" + payments), 20);
  EXPECT_LE(query_int(twin, "SELECT MAX(julianday(date(v.at)) - julianday(c.signed))" + visits), 6);
}

// An order's ship-to name is its customer's company name but on the 10% of orders shipped to
// another customer's (northwind's ShipName is Customers.CompanyName on 90% of orders). The
// name over a customer's ten orders counted as frequent: its words were kept and real names
// came out. Now the rule is found with the share that differs, the synthetic orders copy their
// synthetic customer's name on that share of rows, and no real name is anywhere.
TEST(CrossTablePersonal, AColumnMostlyItsParentsNameCopiesTheSyntheticOneAndNoRealName) {
  TempDir dir;
  create_sqlite(dir.file("s.sqlite"), R"SQL(
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, company TEXT NOT NULL,
                        segment TEXT NOT NULL);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY,
                     customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
                     ship_name TEXT NOT NULL, placed DATE NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199)
INSERT INTO customers SELECT i + 1, 'Ost' || char(97 + i % 26) || char(97 + (i / 26) % 26) ||
  'ka Handel', CASE i % 3 WHEN 0 THEN 'retail' WHEN 1 THEN 'food' ELSE 'wholesale' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
INSERT INTO orders SELECT i + 1, i % 200 + 1, '', date('2024-01-01', '+' || (i % 300) || ' days')
FROM n;
UPDATE orders SET ship_name = (SELECT company FROM customers c WHERE c.customer_id =
  CASE WHEN order_id % 10 = 0 THEN orders.customer_id % 200 + 1 ELSE orders.customer_id END);
)SQL");
  const SourceData source = load(dir.file("s.sqlite"));
  ASSERT_TRUE(has_rule(source.metadata, "orders", "ship_name = customers.company on 90% of rows"))
      << ::testing::PrintToString(source.metadata.table("orders").rules.size());
  const std::string twin = dir.file("twin.sqlite");
  synthesize_through_file(source, dir.file("model.rsm"), twin);  // the rule travels in it
  const int64_t same = query_int(twin,
                                 "SELECT COUNT(*) FROM orders o JOIN customers c USING "
                                 "(customer_id) WHERE o.ship_name = c.company");
  const int64_t orders = query_int(twin, "SELECT COUNT(*) FROM orders");
  EXPECT_NEAR(static_cast<double>(same) / static_cast<double>(orders), 0.9, 0.02);
  EXPECT_EQ(personal_values_in(source, twin), std::vector<std::string>());
  // The rule holds as found: the rows beyond its share are what the report counts.
  auto output = open_source(twin);
  const Database synthetic = read_database(*output, output->describe());
  for (const Rule& rule : source.metadata.table("orders").rules)
    if (rule.kind == RuleKind::ParentEqual) {
      const RuleCheck check =
          check_rule(rule, source.metadata.table("orders"), source.metadata, synthetic);
      EXPECT_GT(check.checked, 1000);
      EXPECT_EQ(check.violations, 0) << describe(rule);
    }
}

}  // namespace
}  // namespace relsynth::testing

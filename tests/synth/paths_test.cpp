// Paths that agree (same_ancestor rules): a table that reaches one ancestor by two paths of
// foreign keys, always to the same row in the source (a payment's customer is its rental's
// customer; a rental's clerk works at its customer's store), is found as a rule, kept by the
// links at generation and checked by the report.
#include <gtest/gtest.h>

#include <cmath>

#include "relsynth/metadata.h"
#include "relsynth/report.h"
#include "relsynth/rules.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// Stores, their customers and staff; rentals (a customer served by a clerk of the customer's
// store) and payments (one per rental, a second for every tenth, a few without a rental).
constexpr const char* kRentalScript = R"SQL(
CREATE TABLE store (store_id INTEGER PRIMARY KEY, city TEXT NOT NULL);
CREATE TABLE customer (customer_id INTEGER PRIMARY KEY,
  store_id INTEGER NOT NULL REFERENCES store(store_id), segment TEXT NOT NULL);
CREATE TABLE staff (staff_id INTEGER PRIMARY KEY,
  store_id INTEGER NOT NULL REFERENCES store(store_id), grade TEXT NOT NULL);
CREATE TABLE rental (rental_id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer(customer_id),
  staff_id INTEGER NOT NULL REFERENCES staff(staff_id), days INTEGER NOT NULL);
CREATE TABLE payment (payment_id INTEGER PRIMARY KEY,
  rental_id INTEGER REFERENCES rental(rental_id),
  customer_id INTEGER NOT NULL REFERENCES customer(customer_id), amount REAL NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6)
INSERT INTO store SELECT i, 'city' || i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24)
INSERT INTO staff SELECT i, (i - 1) % 6 + 1, CASE WHEN i % 3 = 0 THEN 'senior' ELSE 'junior' END
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
INSERT INTO customer SELECT i, (i * 7) % 6 + 1,
  CASE (i * 13) % 3 WHEN 0 THEN 'gold' WHEN 1 THEN 'silver' ELSE 'basic' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9)
INSERT INTO rental (customer_id, staff_id, days)
SELECT c.customer_id, c.store_id + 6 * ((c.customer_id + n.i) % 4), (c.customer_id * n.i) % 7 + 1
FROM customer c JOIN n ON n.i <= (c.customer_id * 11) % 9 + 1 ORDER BY c.customer_id, n.i;
INSERT INTO payment (rental_id, customer_id, amount) SELECT rental_id, customer_id, days * 1.5
FROM rental;
INSERT INTO payment (rental_id, customer_id, amount) SELECT rental_id, customer_id, 0.99
FROM rental WHERE rental_id % 10 = 0;
INSERT INTO payment (rental_id, customer_id, amount) SELECT NULL, customer_id, 5.0
FROM customer WHERE customer_id % 40 = 0;
)SQL";

const char* kPaymentRule = "rental_id -> customer_id = customer_id (same customer)";
const char* kRentalRule = "customer_id -> store_id = staff_id -> store_id (same store)";

// Per customer, |rentals - payments|, averaged.
double mean_rental_payment_gap(const std::string& db) {
  const int64_t customers = query_int(db, "SELECT COUNT(*) FROM customer");
  const int64_t gap = query_int(
      db,
      "SELECT SUM(ABS((SELECT COUNT(*) FROM rental r WHERE r.customer_id = c.customer_id) - "
      "(SELECT COUNT(*) FROM payment p WHERE p.customer_id = c.customer_id))) FROM customer c");
  return static_cast<double>(gap) / static_cast<double>(std::max<int64_t>(customers, 1));
}

class SameAncestor : public ::testing::Test {
 protected:
  void SetUp() override {
    real_ = dir_.file("rental.sqlite");
    create_sqlite(real_, kRentalScript);
    source_ = load(real_);
  }
  TempDir dir_;
  std::string real_;
  SourceData source_;
};

TEST_F(SameAncestor, BothShapesAreFoundAndListed) {
  // A direct parent that is the grandparent through another parent, and two parents under
  // one store.
  EXPECT_TRUE(has_rule(source_.metadata, "payment", kPaymentRule));
  EXPECT_TRUE(has_rule(source_.metadata, "rental", kRentalRule));
  // One rule per pair; none where the paths are one key each or disagree (payment's customer
  // and rental's staff reach no common table by two paths that agree).
  int rules = 0;
  for (const TableMeta& table : source_.metadata.tables)
    for (const Rule& rule : table.rules) rules += rule.kind == RuleKind::SameAncestor;
  EXPECT_EQ(rules, 2);
  // The metadata JSON keeps the rule whole, and its check counts the linked rows.
  const Metadata again = metadata_from_json(to_json(source_.metadata));
  const TableMeta& payment = *again.find_table("payment");
  const Rule* found = nullptr;
  for (const Rule& rule : payment.rules)
    if (rule.kind == RuleKind::SameAncestor) found = &rule;
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(describe(*found), kPaymentRule);
  const RuleCheck check = check_rule(*found, payment, again, source_.data);
  EXPECT_EQ(check.violations, 0);
  EXPECT_EQ(check.checked, query_int(real_,
                                     "SELECT COUNT(*) FROM payment WHERE rental_id IS NOT "
                                     "NULL"));
  // A path that names no foreign key is bad metadata, naming the table and the rule.
  Rule broken = *found;
  broken.path = {{"no_such_column"}};
  const std::vector<std::string> errors = rule_errors(again, payment, broken);
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].find("payment"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("no_such_column"), std::string::npos) << errors[0];
}

TEST_F(SameAncestor, SyntheticRowsAgreeAndCustomersKeepTheirPaymentsPerRental) {
  const std::string twin = dir_.file("twin.sqlite");
  synthesize(source_, twin);
  expect_integrity(source_.metadata, twin);
  const int64_t linked =
      query_int(twin, "SELECT COUNT(*) FROM payment p JOIN rental r ON r.rental_id = p.rental_id");
  EXPECT_GT(linked, 1000);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM payment p JOIN rental r ON r.rental_id = "
                      "p.rental_id WHERE r.customer_id <> p.customer_id"),
            0);
  EXPECT_EQ(query_int(twin,
                      "SELECT COUNT(*) FROM rental r JOIN customer c USING (customer_id) "
                      "JOIN staff s ON s.staff_id = r.staff_id WHERE s.store_id <> "
                      "c.store_id"),
            0);
  // Each customer's payments follow its rentals (real: about one in ten rentals paid twice).
  const double real_gap = mean_rental_payment_gap(real_);
  const double twin_gap = mean_rental_payment_gap(twin);
  EXPECT_NEAR(twin_gap, real_gap, 0.1) << "real " << real_gap << ", synthetic " << twin_gap;
  // The report checks the rules: none broken.
  auto synthetic = open_source(twin);
  const Database data = read_database(*synthetic, synthetic->describe());
  ReportOptions options;
  options.detection = false;
  options.privacy = false;
  const Report report = evaluate(source_.metadata, source_.data, data, options);
  int checked = 0;
  for (const TableReport& table : report.tables)
    for (const RuleResult& rule : table.rules) {
      if (rule.rule != kPaymentRule && rule.rule != kRentalRule) continue;
      ++checked;
      EXPECT_EQ(rule.synthetic_violations, 0) << rule.rule;
      EXPECT_GT(rule.synthetic_checked, 0) << rule.rule;
    }
  EXPECT_EQ(checked, 2);
}

TEST_F(SameAncestor, ADisabledRuleIsNotKept) {
  for (Rule& rule : source_.metadata.find_table("payment")->rules)
    if (rule.kind == RuleKind::SameAncestor) rule.enabled = false;
  const std::string twin = dir_.file("twin.sqlite");
  synthesize(source_, twin);
  const int64_t linked =
      query_int(twin, "SELECT COUNT(*) FROM payment p JOIN rental r ON r.rental_id = p.rental_id");
  const int64_t agree =
      query_int(twin,
                "SELECT COUNT(*) FROM payment p JOIN rental r ON r.rental_id = p.rental_id "
                "WHERE r.customer_id = p.customer_id");
  EXPECT_LT(agree, linked * 0.9) << agree << " of " << linked;
}

}  // namespace
}  // namespace relsynth::testing

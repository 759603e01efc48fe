// The rows of one parent are drawn seeing each other where the source's siblings depend on one
// another beyond what their parent tells: a basket's two lines are one item of each kind (a
// link's parent group follows the sibling's), and a customer's orders all ship to one country
// that is not a column of the customer (a value step follows the sibling's).
#include <gtest/gtest.h>

#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// 40 items of two kinds; 300 baskets (in 30 shops, so a line's driver is its basket) of two
// lines, one item of each kind (a line's quantity tells its item's kind, so the link groups
// items by kind); 200 customers with
// 3 to 5 orders each, all to the customer's own country (one of 8, drawn by a hash).
constexpr const char* kShopScript = R"SQL(
CREATE TABLE items (item_id INTEGER PRIMARY KEY, kind TEXT NOT NULL);
CREATE TABLE shops (shop_id INTEGER PRIMARY KEY, size REAL NOT NULL);
CREATE TABLE baskets (basket_id INTEGER PRIMARY KEY,
  shop_id INTEGER NOT NULL REFERENCES shops (shop_id), opened REAL NOT NULL);
CREATE TABLE lines (line_id INTEGER PRIMARY KEY,
  basket_id INTEGER NOT NULL REFERENCES baskets (basket_id),
  item_id INTEGER NOT NULL REFERENCES items (item_id), quantity INTEGER NOT NULL);
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, score REAL NOT NULL);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
  ship_country TEXT NOT NULL, amount REAL NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO items SELECT i, CASE i % 2 WHEN 0 THEN 'a' ELSE 'b' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO shops SELECT i, i * 1.5 FROM n WHERE i <= 30;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO baskets SELECT i, i % 30 + 1, (i * 53) % 97 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO lines (basket_id, item_id, quantity)
SELECT i, 2 * ((i * 2654435761) % 1000003 % 20) + 2, 1 + i % 2 FROM n
UNION ALL SELECT i, 2 * ((i * 40503 + 17) % 1009 % 20) + 1, 5 + i % 2 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO customers SELECT i, (i * 29) % 31 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200),
  k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 5)
INSERT INTO orders (customer_id, ship_country, amount)
SELECT i, 'country' || ((i * 2654435761) % 8), (i * j * 13) % 50 + 5.0 FROM n, k
WHERE j <= 3 + i % 3;
)SQL";

// Baskets of two lines whose items are of two kinds, and all baskets of two lines.
constexpr const char* kMixedBaskets =
    "SELECT COUNT(*) FROM (SELECT l.basket_id FROM lines l JOIN items i ON i.item_id = l.item_id "
    "GROUP BY l.basket_id HAVING COUNT(*) = 2 AND COUNT(DISTINCT i.kind) = 2)";
constexpr const char* kBasketsOfTwo =
    "SELECT COUNT(*) FROM (SELECT basket_id FROM lines GROUP BY basket_id HAVING COUNT(*) = 2)";
// Customers with several orders, all to one country, and all customers with several orders.
constexpr const char* kOneCountry =
    "SELECT COUNT(*) FROM (SELECT customer_id FROM orders GROUP BY customer_id "
    "HAVING COUNT(*) > 1 AND COUNT(DISTINCT ship_country) = 1)";
constexpr const char* kSeveralOrders =
    "SELECT COUNT(*) FROM (SELECT customer_id FROM orders GROUP BY customer_id "
    "HAVING COUNT(*) > 1)";

class SiblingDraws : public ::testing::Test {
 protected:
  void SetUp() override {
    real_ = dir_.file("shop.sqlite");
    create_sqlite(real_, kShopScript);
    source_ = load(real_);
  }
  TempDir dir_;
  std::string real_;
  SourceData source_;
};

TEST_F(SiblingDraws, TheSourceIsWhatTheTestSays) {
  EXPECT_EQ(query_int(real_, kMixedBaskets), 300);
  EXPECT_EQ(query_int(real_, kOneCountry), 200);
  EXPECT_EQ(query_int(real_, "SELECT COUNT(DISTINCT ship_country) FROM orders"), 8);
}

TEST_F(SiblingDraws, SiblingsKeepTheirKindsAndTheirCountryAtEverySeed) {
  for (const uint64_t seed : {1u, 2u, 3u}) {
    const std::string twin = synthesize_at_seed(source_, dir_.path().string(), seed);
    // Drawn alone, half of the baskets would hold two items of one kind, and a customer's
    // three to five orders would hardly ever share one of 8 countries.
    const int64_t pairs = query_int(twin, kBasketsOfTwo);
    ASSERT_GT(pairs, 100) << "seed " << seed;
    EXPECT_GE(query_int(twin, kMixedBaskets), pairs * 85 / 100) << "seed " << seed;
    const int64_t customers = query_int(twin, kSeveralOrders);
    ASSERT_GT(customers, 100) << "seed " << seed;
    EXPECT_GE(query_int(twin, kOneCountry), customers * 70 / 100) << "seed " << seed;
    // Every country still comes out.
    EXPECT_GE(query_int(twin, "SELECT COUNT(DISTINCT ship_country) FROM orders"), 6);
  }
}

TEST_F(SiblingDraws, TheSameSeedGivesTheSameRowsWhateverThreadsAndBatches) {
  const auto [a, b] = dumps_across_threads_and_batches(source_, dir_.path().string(), 7);
  EXPECT_EQ(a, b);
}

TEST_F(SiblingDraws, AModelFileGivesWhatTrainingInMemoryGives) {
  const std::string direct = dir_.file("direct.sqlite");
  const std::string through = dir_.file("through.sqlite");
  synthesize(source_, direct);
  synthesize_through_file(source_, dir_.file("shop.rsm"), through);
  EXPECT_EQ(dump_database(direct), dump_database(through));
}

}  // namespace
}  // namespace relsynth::testing

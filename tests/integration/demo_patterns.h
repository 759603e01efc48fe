// Measures the patterns that examples/demo_db.cpp plants in the demo retail database, and checks
// that they still hold. Used on the demo database itself and on synthetic twins of it: the
// thresholds are loose enough for a good synthesizer and tight enough that shuffling the column
// a pattern lives in breaks it. See examples/README.md for the patterns.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace relsynth {

// Measured figures. A figure that cannot be measured (no rows to measure on) is NaN, and
// the check of its pattern then fails.
struct DemoPatterns {
  std::map<std::string, int64_t> row_counts;  // table -> rows

  // 1. segment -> order frequency: mean orders per customer (customers without orders count).
  std::map<std::string, double> orders_per_customer_by_segment;

  // 2. category -> price level: mean products.price per category.
  std::map<std::string, double> mean_price_by_category;

  // 3. dates in order (exact rule): share of orders placed before the customer's signup date,
  // and share of paid payments paid before their order's date.
  double order_before_signup_share = 0;
  double paid_before_order_share = 0;

  // 4. segment -> late payments: share of payments with is_late = 1.
  std::map<std::string, double> late_rate_by_segment;
  double small_business_late_rate = 0;
  double other_segments_late_rate = 0;  // all payments of the other segments pooled

  // 5. channel <-> seller (exact rule): share of online/store orders whose employee_id is not
  // NULL exactly when the channel is 'store', and share of store orders whose employee works
  // at another store.
  double channel_employee_mismatch_share = 0;
  double seller_other_store_share = 0;

  // 6. prices and totals (exact rule): share of order lines whose unit_price differs from the
  // product's price, and share of orders with items whose total differs from
  // sum(quantity * unit_price).
  double unit_price_mismatch_share = 0;
  double total_mismatch_share = 0;

  // 7. quantity vs price: Spearman rank correlation over order lines.
  double quantity_price_spearman = 0;

  // 8. category -> rating: mean rating per category; toys are rated lower than the rest.
  std::map<std::string, double> mean_rating_by_category;
  double toys_rating_gap = 0;  // mean rating of all other reviews minus the toys' mean

  // 9. role -> salary: mean salary per role; managers earn more than the rest.
  std::map<std::string, double> mean_salary_by_role;
  double manager_salary_ratio = 0;  // managers' mean over all other employees' mean
};

// Reads the database at sqlite_path (read-only). Throws IoError if it cannot be opened and
// InputError if a table or column of the demo schema is missing.
DemoPatterns measure_demo_patterns(const std::string& sqlite_path);

// One message per pattern that does not hold, each starting with the pattern's id
// ("segment_orders: ..."); empty when all hold. Ids: segment_orders, category_price,
// date_order, segment_late, channel_employee, price_total, quantity_price, category_rating,
// role_salary.
std::vector<std::string> check_demo_patterns(const DemoPatterns& m);

// The measured figures as readable lines, for test logs and reports.
std::string describe_demo_patterns(const DemoPatterns& m);

}  // namespace relsynth

#include "integration/demo_patterns.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <numeric>
#include <utility>

#include "relsynth/error.h"

namespace relsynth {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Thresholds (see examples/README.md). Planted strengths are about twice these, so a synthesizer
// that keeps the shape passes, while an independently shuffled column lands near "no effect".
constexpr double kMinEnterpriseOrderRatio = 2.0;    // enterprise vs consumer orders/customer
constexpr double kMinElectronicsPriceRatio = 3.0;   // electronics vs groceries mean price
constexpr double kMaxExactRuleViolation = 0.02;     // rules 3, 5, 6 hold in >= 98% of rows
constexpr double kMinLateRateRatio = 2.0;           // small_business vs the others
constexpr double kMaxQuantityPriceSpearman = -0.2;  // cheap items in larger quantities
constexpr double kMinToysRatingGap = 0.5;           // toys rated lower by at least this
constexpr double kMinManagerSalaryRatio = 1.4;      // managers vs everyone else

class ReadOnlyDb {
 public:
  explicit ReadOnlyDb(const std::string& path) : path_(path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw IoError("cannot open " + path + ": " + msg);
    }
  }
  ~ReadOnlyDb() { sqlite3_close(db_); }
  ReadOnlyDb(const ReadOnlyDb&) = delete;
  ReadOnlyDb& operator=(const ReadOnlyDb&) = delete;

  // Runs sql and hands each row's statement to on_row.
  void query(const std::string& sql, const std::function<void(sqlite3_stmt*)>& on_row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      const std::string msg = sqlite3_errmsg(db_);
      sqlite3_finalize(stmt);
      // A missing table or column means this is not (a twin of) the demo database.
      throw InputError(path_ + " does not look like the demo database: " + msg);
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) on_row(stmt);
    const std::string msg = sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) throw IoError("reading " + path_ + " failed: " + msg);
  }

  // (key, value) pairs of a two-column query; NULL keys are kept as "NULL".
  std::map<std::string, double> keyed(const std::string& sql) {
    std::map<std::string, double> out;
    query(sql, [&](sqlite3_stmt* s) {
      const auto* key = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      out[key ? key : "NULL"] =
          sqlite3_column_type(s, 1) == SQLITE_NULL ? kNaN : sqlite3_column_double(s, 1);
    });
    return out;
  }

  // violations / total from a query returning (total, violations); NaN when total is 0.
  double share(const std::string& sql) {
    double total = 0, bad = 0;
    query(sql, [&](sqlite3_stmt* s) {
      total = sqlite3_column_double(s, 0);
      bad = sqlite3_column_double(s, 1);
    });
    return total > 0 ? bad / total : kNaN;
  }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

// Average ranks (ties share their mean rank), 1-based.
std::vector<double> ranks(const std::vector<double>& values) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
  std::vector<double> out(values.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i + j) / 2.0) + 1.0;
    for (size_t k = i; k <= j; ++k) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  if (x.size() < 3) return kNaN;
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : kNaN;
}

double get(const std::map<std::string, double>& m, const std::string& key) {
  const auto it = m.find(key);
  return it == m.end() ? kNaN : it->second;
}

std::string num(double v) {
  if (std::isnan(v)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string percent(double v) {
  if (std::isnan(v)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100.0 * v);
  return buf;
}

// Pooled mean of the rows not in `key`, from per-group means and counts.
struct Pooled {
  double key_mean = kNaN, rest_mean = kNaN;
};

Pooled pool(ReadOnlyDb& db, const std::string& sql, const std::string& key,
            std::map<std::string, double>& means) {
  double rest_sum = 0, rest_n = 0;
  Pooled out;
  db.query(sql, [&](sqlite3_stmt* s) {
    const auto* k = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    const std::string name = k ? k : "NULL";
    const double mean = sqlite3_column_double(s, 1);
    const double n = sqlite3_column_double(s, 2);
    means[name] = mean;
    if (name == key) {
      out.key_mean = mean;
    } else {
      rest_sum += mean * n;
      rest_n += n;
    }
  });
  if (rest_n > 0) out.rest_mean = rest_sum / rest_n;
  return out;
}

}  // namespace

DemoPatterns measure_demo_patterns(const std::string& sqlite_path) {
  ReadOnlyDb db(sqlite_path);
  DemoPatterns m;
  for (const char* table : {"customers", "stores", "employees", "products", "orders", "order_items",
                            "payments", "reviews"}) {
    db.query(std::string("SELECT COUNT(*) FROM ") + table,
             [&](sqlite3_stmt* s) { m.row_counts[table] = sqlite3_column_int64(s, 0); });
  }

  // 1. Customers without orders count as zero, so a synthesizer cannot pass by dropping them.
  m.orders_per_customer_by_segment = db.keyed(
      "SELECT c.segment, AVG(COALESCE(n.cnt, 0)) FROM customers c "
      "LEFT JOIN (SELECT customer_id, COUNT(*) AS cnt FROM orders GROUP BY customer_id) n "
      "ON n.customer_id = c.customer_id GROUP BY c.segment");

  // 2.
  m.mean_price_by_category =
      db.keyed("SELECT category, AVG(price) FROM products WHERE price IS NOT NULL GROUP BY 1");

  // 3. date() accepts both DATE and DATETIME text, so the day is compared, not the string.
  m.order_before_signup_share = db.share(
      "SELECT COUNT(*), SUM(date(o.order_date) < date(c.signup_date)) FROM orders o "
      "JOIN customers c ON c.customer_id = o.customer_id "
      "WHERE o.order_date IS NOT NULL AND c.signup_date IS NOT NULL");
  m.paid_before_order_share = db.share(
      "SELECT COUNT(*), SUM(date(p.paid_date) < date(o.order_date)) FROM payments p "
      "JOIN orders o ON o.order_id = p.order_id "
      "WHERE p.paid_date IS NOT NULL AND o.order_date IS NOT NULL");

  // 4. Booleans may come back as 1/0 or as 'true'/'false' text.
  std::map<std::string, double> late_means;
  const Pooled late = pool(db,
                           "SELECT c.segment, AVG(p.is_late IN (1, '1', 'true', 'TRUE')), "
                           "COUNT(*) FROM payments p JOIN orders o ON o.order_id = p.order_id "
                           "JOIN customers c ON c.customer_id = o.customer_id "
                           "WHERE p.is_late IS NOT NULL GROUP BY c.segment",
                           "small_business", late_means);
  m.late_rate_by_segment = late_means;
  m.small_business_late_rate = late.key_mean;
  m.other_segments_late_rate = late.rest_mean;

  // 5.
  m.channel_employee_mismatch_share = db.share(
      "SELECT COUNT(*), SUM((channel = 'store') <> (employee_id IS NOT NULL)) FROM orders "
      "WHERE channel IN ('online', 'store')");
  m.seller_other_store_share = db.share(
      "SELECT COUNT(*), SUM(e.store_id IS NOT o.store_id) FROM orders o "
      "JOIN employees e ON e.employee_id = o.employee_id WHERE o.channel = 'store'");

  // 6. Money is DECIMAL(10,2): anything within half a cent is equal.
  m.unit_price_mismatch_share = db.share(
      "SELECT COUNT(*), SUM(ABS(oi.unit_price - p.price) > 0.005) FROM order_items oi "
      "JOIN products p ON p.product_id = oi.product_id "
      "WHERE oi.unit_price IS NOT NULL AND p.price IS NOT NULL");
  m.total_mismatch_share = db.share(
      "SELECT COUNT(*), SUM(o.total IS NULL OR ABS(o.total - s.amount) > 0.005 + 1e-9 * "
      "ABS(s.amount)) FROM orders o JOIN (SELECT order_id, SUM(quantity * unit_price) AS amount "
      "FROM order_items GROUP BY order_id) s ON s.order_id = o.order_id");

  // 7.
  std::vector<double> quantity, price;
  db.query(
      "SELECT quantity, unit_price FROM order_items "
      "WHERE quantity IS NOT NULL AND unit_price IS NOT NULL",
      [&](sqlite3_stmt* s) {
        quantity.push_back(sqlite3_column_double(s, 0));
        price.push_back(sqlite3_column_double(s, 1));
      });
  m.quantity_price_spearman = pearson(ranks(quantity), ranks(price));

  // 8.
  const Pooled rating = pool(db,
                             "SELECT p.category, AVG(r.rating), COUNT(*) FROM reviews r "
                             "JOIN products p ON p.product_id = r.product_id "
                             "WHERE r.rating IS NOT NULL GROUP BY p.category",
                             "toys", m.mean_rating_by_category);
  m.toys_rating_gap = rating.rest_mean - rating.key_mean;

  // 9.
  const Pooled salary = pool(db,
                             "SELECT role, AVG(salary), COUNT(*) FROM employees "
                             "WHERE salary IS NOT NULL GROUP BY role",
                             "store_manager", m.mean_salary_by_role);
  m.manager_salary_ratio = salary.key_mean / salary.rest_mean;
  return m;
}

std::vector<std::string> check_demo_patterns(const DemoPatterns& m) {
  std::vector<std::string> failures;
  // NaN compares false, so an unmeasurable figure fails its check.
  auto require = [&](bool ok, const std::string& message) {
    if (!ok) failures.push_back(message);
  };

  const double enterprise = get(m.orders_per_customer_by_segment, "enterprise");
  const double consumer = get(m.orders_per_customer_by_segment, "consumer");
  require(enterprise >= kMinEnterpriseOrderRatio * consumer && consumer > 0,
          "segment_orders: enterprise customers average " + num(enterprise) +
              " orders, consumers " + num(consumer) + "; expected at least " +
              num(kMinEnterpriseOrderRatio) + "x");

  const double electronics = get(m.mean_price_by_category, "electronics");
  const double groceries = get(m.mean_price_by_category, "groceries");
  require(electronics > kMinElectronicsPriceRatio * groceries && groceries > 0,
          "category_price: mean price of electronics " + num(electronics) + ", of groceries " +
              num(groceries) + "; expected more than " + num(kMinElectronicsPriceRatio) + "x");

  require(m.order_before_signup_share <= kMaxExactRuleViolation &&
              m.paid_before_order_share <= kMaxExactRuleViolation,
          "date_order: " + percent(m.order_before_signup_share) +
              " of orders precede the customer's signup, " + percent(m.paid_before_order_share) +
              " of payments precede their order; at most " + percent(kMaxExactRuleViolation) +
              " allowed");

  require(m.small_business_late_rate >= kMinLateRateRatio * m.other_segments_late_rate &&
              m.small_business_late_rate > 0,
          "segment_late: small_business pays late " + percent(m.small_business_late_rate) +
              " of the time, the others " + percent(m.other_segments_late_rate) +
              "; expected at least " + num(kMinLateRateRatio) + "x");

  require(m.channel_employee_mismatch_share <= kMaxExactRuleViolation &&
              m.seller_other_store_share <= kMaxExactRuleViolation,
          "channel_employee: " + percent(m.channel_employee_mismatch_share) +
              " of orders break 'online <=> no employee', " + percent(m.seller_other_store_share) +
              " of store orders were sold by another store's employee; at most " +
              percent(kMaxExactRuleViolation) + " allowed");

  require(m.unit_price_mismatch_share <= kMaxExactRuleViolation &&
              m.total_mismatch_share <= kMaxExactRuleViolation,
          "price_total: " + percent(m.unit_price_mismatch_share) +
              " of order lines differ from the product's price, " +
              percent(m.total_mismatch_share) +
              " of orders have a total other than the sum of their lines; at most " +
              percent(kMaxExactRuleViolation) + " allowed");

  require(m.quantity_price_spearman < kMaxQuantityPriceSpearman,
          "quantity_price: Spearman(quantity, unit_price) is " + num(m.quantity_price_spearman) +
              "; expected below " + num(kMaxQuantityPriceSpearman));

  require(m.toys_rating_gap >= kMinToysRatingGap,
          "category_rating: toys are rated " + num(m.toys_rating_gap) +
              " below the other categories; expected at least " + num(kMinToysRatingGap));

  require(m.manager_salary_ratio >= kMinManagerSalaryRatio,
          "role_salary: store managers earn " + num(m.manager_salary_ratio) +
              "x the others' mean; expected at least " + num(kMinManagerSalaryRatio) + "x");
  return failures;
}

std::string describe_demo_patterns(const DemoPatterns& m) {
  std::string out = "rows:";
  for (const auto& [table, n] : m.row_counts) out += " " + table + "=" + std::to_string(n);
  auto line = [&](const std::string& title, const std::map<std::string, double>& values) {
    out += "\n" + title + ":";
    for (const auto& [key, v] : values) out += " " + key + "=" + num(v);
  };
  line("1 orders per customer", m.orders_per_customer_by_segment);
  line("2 mean price", m.mean_price_by_category);
  out += "\n3 orders before signup " + percent(m.order_before_signup_share) +
         ", paid before order " + percent(m.paid_before_order_share);
  line("4 late rate", m.late_rate_by_segment);
  out += "\n5 channel/employee mismatch " + percent(m.channel_employee_mismatch_share) +
         ", seller at another store " + percent(m.seller_other_store_share);
  out += "\n6 unit price mismatch " + percent(m.unit_price_mismatch_share) + ", total mismatch " +
         percent(m.total_mismatch_share);
  out += "\n7 Spearman(quantity, price) " + num(m.quantity_price_spearman);
  line("8 mean rating", m.mean_rating_by_category);
  out += " (toys gap " + num(m.toys_rating_gap) + ")";
  line("9 mean salary", m.mean_salary_by_role);
  out += " (manager ratio " + num(m.manager_salary_ratio) + ")";
  return out + "\n";
}

}  // namespace relsynth

// The report: SDMetrics-compatible primitives on hand-computed cases, then whole reports on an
// in-memory two-table database against itself and against damaged copies of it.
#include "relsynth/report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/random.h"
#include "relsynth/error.h"
#include "relsynth/inference.h"
#include "relsynth/io.h"
#include "report/stats.h"
#include "test_support.h"

namespace relsynth {
namespace {

namespace fs = std::filesystem;
using namespace report_detail;
using testing::create_sqlite;
using testing::TempDir;

// ---------------------------------------------------------------------------------------------
// Primitives.

TEST(ReportStats, KsStatisticMatchesHandComputedValues) {
  EXPECT_DOUBLE_EQ(ks_statistic({1, 2, 3}, {3, 2, 1}), 0.0);
  EXPECT_DOUBLE_EQ(ks_statistic({1, 2, 3}, {4, 5, 6}), 1.0);
  EXPECT_DOUBLE_EQ(ks_statistic({1, 2, 3, 4}, {3, 4, 5, 6}), 0.5);
  // Ties: both CDFs jump together at 1.
  EXPECT_DOUBLE_EQ(ks_statistic({1, 1, 2, 2}, {1, 1, 1, 2}), 0.25);
  // NULLs (NaN) are dropped, as SDMetrics' KSComplement does.
  EXPECT_DOUBLE_EQ(ks_statistic({1, NAN, 2}, {1, 2, NAN, NAN}), 0.0);
  EXPECT_TRUE(std::isnan(ks_statistic({NAN}, {1.0})));
}

TEST(ReportStats, TvAndContingencySimilarity) {
  // real a,a,b,b ; synthetic a,b,b,b -> TVD = 0.25.
  EXPECT_DOUBLE_EQ(tv_complement({0, 0, 1, 1}, {0, 1, 1, 1}, 2), 0.75);
  // NULL (-1) is left out of TVComplement.
  EXPECT_DOUBLE_EQ(tv_complement({0, 1, -1, -1}, {0, 1}, 2), 1.0);
  // Joint (0,0),(1,1) vs (0,1),(1,0): disjoint supports.
  EXPECT_DOUBLE_EQ(contingency_similarity({0, 1}, {0, 1}, {0, 1}, {1, 0}), 0.0);
  EXPECT_DOUBLE_EQ(contingency_similarity({0, 1}, {0, 1}, {1, 0}, {1, 0}), 1.0);
  // NULL is a category of its own in the joint.
  EXPECT_DOUBLE_EQ(contingency_similarity({-1, 0}, {0, 0}, {0, 0}, {0, 0}), 0.5);
}

TEST(ReportStats, CorrelationSimilarityFollowsSdmetrics) {
  const std::vector<double> x = {1, 2, 3, 4, 5};
  const std::vector<double> up = {2, 4, 6, 8, 10}, down = {10, 8, 6, 4, 2};
  double rr = 0, rs = 0;
  EXPECT_NEAR(correlation_similarity(x, up, x, down, &rr, &rs), 0.0, 1e-12);
  EXPECT_NEAR(rr, 1.0, 1e-12);
  EXPECT_NEAR(rs, -1.0, 1e-12);
  EXPECT_NEAR(correlation_similarity(x, up, x, up, nullptr, nullptr), 1.0, 1e-12);
  // A constant column makes the metric undefined (NaN), as in SDMetrics.
  EXPECT_TRUE(std::isnan(correlation_similarity(x, {1, 1, 1, 1, 1}, x, up, nullptr, nullptr)));
}

TEST(ReportStats, BinsMatchNumpy) {
  const std::vector<double> edges = histogram_edges({0, 10, 5, NAN}, 10);
  ASSERT_EQ(edges.size(), 11u);
  EXPECT_DOUBLE_EQ(edges[0], 0);
  EXPECT_DOUBLE_EQ(edges[3], 3);
  EXPECT_DOUBLE_EQ(edges[10], 10);
  // np.digitize: below the first edge 0, the maximum in a bin of its own (11), NaN after every
  // edge (11, with the maximum).
  EXPECT_EQ(digitize({-1, 0, 0.5, 9.99, 10, NAN}, edges),
            (std::vector<int32_t>{0, 1, 1, 10, 11, 11}));
  // A constant column gets the range value +- 0.5, as numpy does.
  EXPECT_DOUBLE_EQ(histogram_edges({3, 3}, 10).front(), 2.5);
}

TEST(ReportStats, RocAuc) {
  EXPECT_DOUBLE_EQ(roc_auc({0.1f, 0.2f, 0.8f, 0.9f}, {0, 0, 1, 1}), 1.0);
  EXPECT_DOUBLE_EQ(roc_auc({0.9f, 0.8f, 0.2f, 0.1f}, {0, 0, 1, 1}), 0.0);
  EXPECT_DOUBLE_EQ(roc_auc({0.5f, 0.5f, 0.5f, 0.5f}, {0, 1, 0, 1}), 0.5);
  EXPECT_DOUBLE_EQ(roc_auc({0.1f, 0.6f, 0.4f, 0.9f}, {0, 0, 1, 1}), 0.75);
}

TEST(ReportStats, SharedCodesMatchEqualValuesAcrossTypes) {
  Column ints("a", DataType::Int64), text("a", DataType::String);
  ints.append_int(5);
  ints.append_null();
  ints.append_int(7);
  text.append_string("7");
  text.append_string("05");  // not the canonical text of 5
  text.append_string("5");
  SharedCodes codes = shared_codes(ints, all_rows(3), text, all_rows(3));
  EXPECT_EQ(codes.real[1], -1);
  EXPECT_EQ(codes.synthetic[0], codes.real[2]);
  EXPECT_EQ(codes.synthetic[2], codes.real[0]);
  EXPECT_NE(codes.synthetic[1], codes.real[0]);
  EXPECT_EQ(codes.count, 3);
}

TEST(ReportStats, HistogramEdgesLeaveOutExtremeValues) {
  // 1000 values 0.5 .. 999.5 and two outliers: the edges sit at the 1st and 99th percentiles,
  // so no edge (and no label) shows an outlier; the outliers fall in the outside shares.
  std::vector<double> real = {-55555.5};
  for (int i = 0; i < 1000; ++i) real.push_back(i + 0.5);
  real.push_back(12345678.9);
  const std::vector<double> synthetic = {1.0, 2.0, 500.0, 2000.0};
  const ColumnDistribution d = histogram_distribution(real, synthetic, DataType::Float64);
  EXPECT_EQ(d.kind, "histogram");
  ASSERT_EQ(d.real.size(), 20u);
  ASSERT_EQ(d.edges.size(), 21u);
  ASSERT_EQ(d.edge_labels.size(), 21u);
  EXPECT_DOUBLE_EQ(d.edges.front(), real[10]);
  EXPECT_DOUBLE_EQ(d.edges.back(), real[real.size() - 11]);
  for (const std::string& label : d.edge_labels) {
    EXPECT_EQ(label.find("55555"), std::string::npos) << label;
    EXPECT_EQ(label.find("12345"), std::string::npos) << label;
  }
  EXPECT_DOUBLE_EQ(d.real_below, 10.0 / 1002);
  EXPECT_DOUBLE_EQ(d.real_above, 10.0 / 1002);
  double real_total = d.real_below + d.real_above, synthetic_total = 0;
  for (double share : d.real) real_total += share;
  for (double share : d.synthetic) synthetic_total += share;
  EXPECT_NEAR(real_total, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(d.synthetic_below, 0.5);  // 1 and 2 are below the 1st percentile
  EXPECT_DOUBLE_EQ(d.synthetic_above, 0.25);
  EXPECT_NEAR(synthetic_total, 0.25, 1e-12);

  // Whole numbers get whole-number bins (edges halfway between), labelled by their first value.
  std::vector<double> ints;
  for (int i = 1; i <= 100; ++i) ints.push_back(i);
  const ColumnDistribution whole = histogram_distribution(ints, ints, DataType::Int64);
  EXPECT_DOUBLE_EQ(whole.edges.front(), 4.5);  // the 5th value, never the 4 most extreme
  EXPECT_EQ(whole.edge_labels.front(), "5");
  EXPECT_EQ(whole.edge_labels[1], "10");
  EXPECT_EQ(whole.real, whole.synthetic);
  EXPECT_DOUBLE_EQ(whole.real[0], 0.05);

  // An extreme held 5 times or more is a frequent value, not an outlier: the bins reach it.
  std::vector<double> engines(6, 1.0);
  engines.insert(engines.end(), 988, 2.0);
  engines.insert(engines.end(), 6, 4.0);
  const ColumnDistribution bounded = histogram_distribution(engines, engines, DataType::Int64);
  EXPECT_EQ(bounded.edge_labels, (std::vector<std::string>{"1", "2", "3", "4", "5"}));
  EXPECT_EQ(bounded.real, (std::vector<double>{0.006, 0.988, 0, 0.006}));
  EXPECT_EQ(bounded.real_below + bounded.real_above, 0.0);

  // Dates are labelled as dates.
  const std::vector<double> days = {17000, 17001, 17002, 17003, 17004, 17100, 17200,
                                    17300, 17400, 17401, 17402, 17403, 17404};
  const ColumnDistribution dates = histogram_distribution(days, days, DataType::Date);
  EXPECT_EQ(dates.edge_labels.front(), "2016-07-22");  // 17004 days after 1970-01-01
  EXPECT_TRUE(histogram_distribution({}, days, DataType::Date).kind.empty());
}

TEST(ReportStats, CramersVMeasuresHowMuchOneColumnDecidesTheOther) {
  std::vector<int32_t> a, b, independent, constant(80, 3);
  // The 2x2 table [[30, 10], [10, 30]]: phi = (30 * 30 - 10 * 10) / 40^2 = 0.5.
  for (int i = 0; i < 80; ++i) {
    a.push_back(i < 40 ? 0 : 1);
    b.push_back((i < 40) == (i % 40 < 30) ? 0 : 1);
    independent.push_back(i % 2);
  }
  EXPECT_NEAR(cramers_v(a, b), 0.5, 1e-12);
  EXPECT_NEAR(cramers_v(a, a), 1.0, 1e-12);
  EXPECT_NEAR(cramers_v(a, independent), 0.0, 1e-12);
  EXPECT_TRUE(std::isnan(cramers_v(a, constant)));
  // NULL (-1) is a category: a column that is NULL exactly when `a` is 1 is decided by it.
  std::vector<int32_t> nulls;
  for (int32_t x : a) nulls.push_back(x == 1 ? -1 : 7);
  EXPECT_NEAR(cramers_v(a, nulls), 1.0, 1e-12);
}

TEST(ReportStats, CategoryBarsNameOnlyValuesSeenFiveTimes) {
  Column real("c", DataType::String), synthetic("c", DataType::String);
  for (const auto& [value, times] : {std::pair{"a", 10}, {"b", 5}, {"c", 4}, {"d", 1}})
    for (int i = 0; i < times; ++i) real.append_string(value);
  real.append_null();
  real.append_null();
  for (const auto& [value, times] : {std::pair{"a", 3}, {"c", 3}, {"e", 4}})
    for (int i = 0; i < times; ++i) synthetic.append_string(value);
  const SharedCodes codes = shared_codes(real, all_rows(real.size()), synthetic, all_rows(10));
  const ColumnDistribution d = category_distribution(codes, real);
  EXPECT_EQ(d.kind, "categories");
  EXPECT_EQ(d.labels, (std::vector<std::string>{"a", "b"}));  // c (4 times) and d are hidden
  EXPECT_EQ(d.real, (std::vector<double>{0.5, 0.25}));        // of the 20 non-NULL values
  EXPECT_DOUBLE_EQ(d.real_other, 0.25);
  EXPECT_EQ(d.synthetic, (std::vector<double>{0.3, 0.0}));
  EXPECT_DOUBLE_EQ(d.synthetic_other, 0.7);
  EXPECT_EQ(d.other_values, 3);  // c, d, e
  EXPECT_EQ(category_distribution(codes, real, 1).labels, std::vector<std::string>{"a"});
}

// ---------------------------------------------------------------------------------------------
// A two-table database with planted structure: customers (age -> income -> segment -> vip) and
// their orders (amount follows the customer's income, status follows the amount; gold
// customers order more).

ColumnMeta col(const std::string& name, DataType type, SDType sdtype, bool nullable = true) {
  ColumnMeta c;
  c.name = name;
  c.type = type;
  c.sdtype = sdtype;
  c.nullable = nullable;
  return c;
}

struct Fixture {
  Metadata metadata;
  Database db;
};

Fixture make_fixture(size_t customers = 1500, uint64_t seed = 11) {
  Fixture f;
  TableMeta cm;
  cm.name = "customers";
  cm.columns = {col("id", DataType::Int64, SDType::Id, false),
                col("age", DataType::Int64, SDType::Numerical, false),
                col("income", DataType::Float64, SDType::Numerical),
                col("segment", DataType::String, SDType::Categorical),
                col("vip", DataType::Bool, SDType::Boolean),
                col("signup", DataType::Date, SDType::Datetime),
                col("email", DataType::String, SDType::Email)};
  cm.columns[6].unique = true;
  cm.primary_key = {"id"};
  TableMeta om;
  om.name = "orders";
  om.columns = {col("order_id", DataType::Int64, SDType::Id, false),
                col("customer_id", DataType::Int64, SDType::Id),
                col("amount", DataType::Float64, SDType::Numerical),
                col("status", DataType::String, SDType::Categorical),
                col("placed", DataType::Date, SDType::Datetime)};
  om.primary_key = {"order_id"};
  ForeignKey fk;
  fk.columns = {"customer_id"};
  fk.parent_table = "customers";
  fk.parent_columns = {"id"};
  om.foreign_keys.push_back(fk);
  f.metadata.tables = {cm, om};

  Rng rng(seed);
  Table c("customers");
  Column id("id", DataType::Int64), age("age", DataType::Int64),
      income("income", DataType::Float64), segment("segment", DataType::String),
      vip("vip", DataType::Bool), signup("signup", DataType::Date),
      email("email", DataType::String);
  Table o("orders");
  Column order_id("order_id", DataType::Int64), customer_id("customer_id", DataType::Int64),
      amount("amount", DataType::Float64), status("status", DataType::String),
      placed("placed", DataType::Date);
  int64_t next_order = 1;
  for (size_t i = 0; i < customers; ++i) {
    const int64_t a = 18 + static_cast<int64_t>(rng.uniform_int(60));
    const double inc = 800.0 * static_cast<double>(a) + 6000.0 * rng.normal();
    const std::string seg = inc > 45000 ? "gold" : inc > 28000 ? "silver" : "bronze";
    const int64_t day = 17000 + static_cast<int64_t>(rng.uniform_int(1500));
    id.append_int(static_cast<int64_t>(i) + 1);
    age.append_int(a);
    if (rng.uniform() < 0.05)
      income.append_null();
    else
      income.append_double(inc);
    segment.append_string(seg);
    vip.append_int(seg == "gold" ? rng.uniform() < 0.7 : rng.uniform() < 0.1);
    signup.append_int(day);
    email.append_string("user" + std::to_string(i) + "@example.com");
    const uint64_t children = seg == "gold" ? 2 + rng.uniform_int(6) : rng.uniform_int(3);
    for (uint64_t k = 0; k < children; ++k) {
      const double amt = inc / 400.0 * (0.6 + 0.8 * rng.uniform());
      order_id.append_int(next_order++);
      customer_id.append_int(static_cast<int64_t>(i) + 1);
      amount.append_double(amt);
      status.append_string(amt > 90 ? (rng.uniform() < 0.9 ? "shipped" : "paid")
                                    : (rng.uniform() < 0.8 ? "paid" : "cancelled"));
      placed.append_int(day + static_cast<int64_t>(rng.uniform_int(400)));
    }
  }
  for (Column* column : {&id, &age, &income, &segment, &vip, &signup, &email})
    c.add_column(std::move(*column));
  for (Column* column : {&order_id, &customer_id, &amount, &status, &placed})
    o.add_column(std::move(*column));
  f.db.add_table(std::move(c));
  f.db.add_table(std::move(o));
  return f;
}

// Shuffles one column's rows (a fixed permutation per column).
void shuffle_column(Table& table, const std::string& name, uint64_t seed) {
  Column& column = table.column(name);
  std::vector<uint32_t> order = all_rows(column.size());
  Rng rng(seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.uniform_int(i)]);
  Column shuffled(column.name(), column.type(), column.format());
  for (uint32_t row : order) shuffled.append_from(column, row);
  column = std::move(shuffled);
}

const TableReport& table_of(const Report& report, const std::string& name) {
  for (const TableReport& t : report.tables)
    if (t.name == name) return t;
  throw std::runtime_error("no table " + name);
}

const ColumnShape& shape_of_column(const TableReport& table, const std::string& name) {
  for (const ColumnShape& c : table.column_shapes)
    if (c.column == name) return c;
  throw std::runtime_error("no column shape " + name);
}

TEST(ReportEvaluate, DatabaseAgainstItselfIsPerfect) {
  const Fixture f = make_fixture();
  const Report report = evaluate(f.metadata, f.db, f.db);
  const ReportSummary& s = report.summary;
  EXPECT_EQ(s.integrity_violations, 0);
  EXPECT_DOUBLE_EQ(s.column_shapes, 1.0);
  EXPECT_DOUBLE_EQ(s.column_pair_trends, 1.0);
  EXPECT_DOUBLE_EQ(s.cardinality_shapes, 1.0);
  EXPECT_DOUBLE_EQ(s.intertable_trends, 1.0);
  EXPECT_FALSE(s.dcr_share.has_value());
  for (const TableReport& t : report.tables) {
    ASSERT_TRUE(t.detection.computed) << t.name << ": " << t.detection.skipped_reason;
    EXPECT_NEAR(t.detection.auc, 0.5, 0.06) << t.name;
    EXPECT_EQ(t.real_rows, t.synthetic_rows);
    // Every row is its own exact copy; the DCR is 0.
    EXPECT_DOUBLE_EQ(t.privacy.exact_copy_share, 1.0) << t.name;
    EXPECT_DOUBLE_EQ(t.privacy.dcr_median, 0.0) << t.name;
  }
  // 5 measured columns in customers (not id, not email) -> 10 pairs; orders: 3 -> 3 pairs.
  EXPECT_EQ(table_of(report, "customers").column_shapes.size(), 5u);
  EXPECT_EQ(table_of(report, "customers").pairs_total, 10u);
  EXPECT_EQ(table_of(report, "orders").pairs_total, 3u);
  ASSERT_EQ(report.relationships.size(), 1u);
  EXPECT_EQ(report.relationships[0].intertable_pairs_total, 15u);
  // Detection sees the parent's columns and the child counts.
  const auto& features = table_of(report, "orders").detection.features;
  EXPECT_NE(std::find(features.begin(), features.end(), "customers.income"), features.end());
  const auto& parent_features = table_of(report, "customers").detection.features;
  EXPECT_NE(std::find(parent_features.begin(), parent_features.end(), "#orders"),
            parent_features.end());
}

TEST(ReportEvaluate, AggregationDetectionLooksAtTablesWithChildren) {
  const Fixture f = make_fixture(1500, 11);
  const Fixture other = make_fixture(1500, 12);
  const Report report = evaluate(f.metadata, f.db, other.db);
  const AggregationDetectionResult& customers = table_of(report, "customers").aggregation_detection;
  ASSERT_TRUE(customers.computed) << customers.skipped_reason;
  EXPECT_NEAR(customers.accuracy, 0.5, 0.06);
  EXPECT_EQ(customers.folds, 5);
  for (const char* feature :
       {"age", "#orders", "mean(orders.amount)", "distinct(orders.status)", "segment"})
    EXPECT_NE(std::find(customers.features.begin(), customers.features.end(), feature),
              customers.features.end())
        << feature;
  // Dates are not averaged, keys are not features, parents' columns are not joined.
  for (const char* feature : {"mean(orders.placed)", "id", "customers.income"})
    EXPECT_EQ(std::find(customers.features.begin(), customers.features.end(), feature),
              customers.features.end())
        << feature;
  const AggregationDetectionResult& orders = table_of(report, "orders").aggregation_detection;
  EXPECT_FALSE(orders.computed);
  EXPECT_EQ(orders.skipped_reason, "no child table");
  EXPECT_DOUBLE_EQ(report.summary.aggregation_detection_max, customers.accuracy);
  const auto j = nlohmann::json::parse(to_json(report));
  EXPECT_EQ(j["summary"]["aggregation_detection_max"], customers.accuracy);
  EXPECT_EQ(j["tables"][0]["aggregation_detection"]["folds"], 5);
  EXPECT_FALSE(j["tables"][1]["aggregation_detection"]["computed"]);
  // Copies read below 0.5, as in SyntheRela (its copying test): the twin of a held-out row
  // was trained on with the other label.
  const Report same = evaluate(f.metadata, f.db, f.db);
  EXPECT_LT(table_of(same, "customers").aggregation_detection.accuracy, 0.4);
}

TEST(ReportEvaluate, AggregationDetectionSeesChildrenThatNoLongerFollowTheirParent) {
  // Each customer's order amounts follow its income; shuffled across orders, every marginal
  // and every children count stays, but a customer's mean amount no longer fits its income.
  const Fixture f = make_fixture(1500, 11);
  Database moved = make_fixture(1500, 12).db;
  shuffle_column(moved.table("orders"), "amount", 5);
  shuffle_column(moved.table("orders"), "status", 6);
  const Report report = evaluate(f.metadata, f.db, moved);
  EXPECT_GT(report.summary.column_shapes, 0.9);
  EXPECT_GT(report.summary.cardinality_shapes, 0.9);
  const AggregationDetectionResult& customers = table_of(report, "customers").aggregation_detection;
  ASSERT_TRUE(customers.computed);
  EXPECT_GT(customers.accuracy, 0.62);
  ASSERT_FALSE(customers.top_features.empty());
  EXPECT_EQ(customers.top_features[0].first, "mean(orders.amount)");
  // The AUC detector sees a customer's children count only: nothing changed there.
  EXPECT_LT(table_of(report, "customers").detection.auc, 0.56);
}

TEST(ReportEvaluate, FreshSampleOfTheSameDistributionScoresHigh) {
  const Fixture f = make_fixture(1500, 11);
  const Fixture other = make_fixture(1500, 12);
  const Report report = evaluate(f.metadata, f.db, other.db);
  EXPECT_EQ(report.summary.integrity_violations, 0);
  EXPECT_GT(report.summary.column_shapes, 0.9);
  EXPECT_GT(report.summary.column_pair_trends, 0.9);
  EXPECT_GT(report.summary.cardinality_shapes, 0.9);
  EXPECT_GT(report.summary.intertable_trends, 0.9);
  // The classifier does not find differences that are not there.
  EXPECT_LT(report.summary.detection_auc_max, 0.6);
  // No row is copied (emails differ only by index, so customers' rows can match only by
  // chance on every other column).
  EXPECT_LT(table_of(report, "customers").privacy.exact_copy_share, 0.01);
  EXPECT_GT(table_of(report, "customers").privacy.dcr_median, 0.0);
}

TEST(ReportEvaluate, ShuffledColumnsLoseTrendsAndAreDetected) {
  const Fixture f = make_fixture();
  Database shuffled = f.db;
  uint64_t seed = 100;
  for (const char* name : {"age", "income", "segment", "vip", "signup"})
    shuffle_column(shuffled.table("customers"), name, ++seed);
  for (const char* name : {"amount", "status", "placed"})
    shuffle_column(shuffled.table("orders"), name, ++seed);
  const Report same = evaluate(f.metadata, f.db, f.db);
  const Report report = evaluate(f.metadata, f.db, shuffled);
  // Marginals are untouched...
  EXPECT_DOUBLE_EQ(report.summary.column_shapes, 1.0);
  EXPECT_DOUBLE_EQ(report.summary.cardinality_shapes, 1.0);
  // ...but every planted dependency is gone.
  EXPECT_LT(report.summary.column_pair_trends, same.summary.column_pair_trends - 0.15);
  EXPECT_LT(report.summary.intertable_trends, same.summary.intertable_trends - 0.1);
  for (const char* name : {"customers", "orders"}) {
    EXPECT_GT(table_of(report, name).detection.auc, 0.7) << name;
    EXPECT_GT(table_of(report, name).detection.auc, table_of(same, name).detection.auc + 0.15);
  }
  EXPECT_EQ(report.summary.integrity_violations, 0);
}

TEST(ReportEvaluate, BrokenForeignKeysAreCountedExactly) {
  const Fixture f = make_fixture(400);
  Database broken = f.db;
  Table& orders = broken.table("orders");
  Column fixed("customer_id", DataType::Int64);
  const Column& old = orders.column("customer_id");
  for (size_t row = 0; row < old.size(); ++row) {
    if (row < 10)
      fixed.append_int(999999);
    else if (row < 15)
      fixed.append_int(888888);
    else if (row < 18)
      fixed.append_null();  // NULL keys are not orphans
    else
      fixed.append_from(old, row);
  }
  orders.column("customer_id") = std::move(fixed);
  const Report report = evaluate(f.metadata, f.db, broken);
  ASSERT_EQ(report.relationships.size(), 1u);
  const RelationshipReport& rel = report.relationships[0];
  EXPECT_EQ(rel.orphan_rows, 15);
  EXPECT_EQ(rel.orphan_distinct_keys, 2);
  EXPECT_EQ(rel.real_orphan_rows, 0);
  // Same semantics as the inference's orphan count.
  const OrphanCount expected =
      count_orphans(broken, "orders", f.metadata.table("orders").foreign_keys[0]);
  EXPECT_EQ(rel.orphan_rows, expected.rows);
  EXPECT_EQ(rel.orphan_distinct_keys, expected.distinct_keys);
  EXPECT_EQ(report.summary.integrity_violations, 15);
  EXPECT_LT(rel.cardinality_score, 1.0);
}

TEST(ReportEvaluate, ConstraintViolationsAreCounted) {
  const Fixture f = make_fixture(300);
  Database bad = f.db;
  Table& customers = bad.table("customers");
  auto rebuild = [&](const std::string& name, auto&& edit) {
    const Column& old = customers.column(name);
    Column out(old.name(), old.type(), old.format());
    for (size_t row = 0; row < old.size(); ++row) edit(out, old, row);
    customers.column(name) = std::move(out);
  };
  // Rows 1 and 2 repeat row 0's id; row 3's id is NULL.
  rebuild("id", [](Column& out, const Column& old, size_t row) {
    if (row >= 1 && row <= 2)
      out.append_from(old, 0);
    else if (row == 3)
      out.append_null();
    else
      out.append_from(old, row);
  });
  // age is NOT NULL: 4 NULLs.
  rebuild("age", [](Column& out, const Column& old, size_t row) {
    if (row >= 10 && row < 14)
      out.append_null();
    else
      out.append_from(old, row);
  });
  // email is UNIQUE: 5 rows repeat row 20's.
  rebuild("email", [](Column& out, const Column& old, size_t row) {
    if (row > 20 && row <= 25)
      out.append_from(old, 20);
    else
      out.append_from(old, row);
  });
  const Report report = evaluate(f.metadata, f.db, bad);
  std::map<std::string, int64_t> rows;
  for (const ConstraintViolation& v : table_of(report, "customers").violations) {
    rows[v.kind] = v.rows;
    EXPECT_EQ(v.real_rows, 0) << v.kind;
  }
  EXPECT_EQ(rows["primary_key_duplicate"], 2);
  EXPECT_EQ(rows["primary_key_null"], 1);
  EXPECT_EQ(rows["not_null"], 4);
  EXPECT_EQ(rows["unique"], 5);
  // Orders of the customers whose ids were overwritten now point at no customer... except
  // those pointing at row 0's id, which still exists.
  int64_t orphan_rows = report.relationships[0].orphan_rows;
  EXPECT_EQ(report.summary.integrity_violations, 2 + 1 + 4 + 5 + orphan_rows);
}

// The fixture with every order amount moved: x 1.5 + 20.
Database with_shifted_amounts(const Fixture& f) {
  Database shifted = f.db;
  Table& orders = shifted.table("orders");
  const Column& old = orders.column("amount");
  Column amount("amount", DataType::Float64);
  for (size_t row = 0; row < old.size(); ++row) amount.append_double(old.double_at(row) * 1.5 + 20);
  orders.column("amount") = std::move(amount);
  return shifted;
}

TEST(ReportEvaluate, ShiftedColumnDropsItsShapeAndTopsDetection) {
  const Fixture f = make_fixture();
  const Database shifted = with_shifted_amounts(f);
  const Report report = evaluate(f.metadata, f.db, shifted);
  const TableReport& t = table_of(report, "orders");
  EXPECT_EQ(shape_of_column(t, "amount").metric, "KSComplement");
  EXPECT_LT(shape_of_column(t, "amount").score, 0.75);
  EXPECT_DOUBLE_EQ(shape_of_column(t, "status").score, 1.0);
  EXPECT_DOUBLE_EQ(shape_of_column(t, "placed").score, 1.0);
  ASSERT_TRUE(t.detection.computed);
  EXPECT_GT(t.detection.auc, 0.7);
  ASSERT_FALSE(t.detection.top_features.empty());
  EXPECT_EQ(t.detection.top_features[0].first, "amount");
  // The untouched parent table stays indistinguishable.
  EXPECT_NEAR(table_of(report, "customers").detection.auc, 0.5, 0.06);
}

TEST(ReportEvaluate, ShiftedColumnShowsInItsPlottedDistribution) {
  const Fixture f = make_fixture();
  const Database shifted = with_shifted_amounts(f);
  const TableReport same = table_of(evaluate(f.metadata, f.db, f.db), "orders");
  const TableReport t = table_of(evaluate(f.metadata, f.db, shifted), "orders");
  // Against itself every plotted share matches; bins come from the real data only.
  const ColumnDistribution& same_amount = shape_of_column(same, "amount").distribution;
  EXPECT_EQ(same_amount.real, same_amount.synthetic);
  const ColumnDistribution& d = shape_of_column(t, "amount").distribution;
  ASSERT_EQ(d.kind, "histogram");
  EXPECT_EQ(d.edges, same_amount.edges);
  EXPECT_EQ(d.real, same_amount.real);
  // Shifted: the synthetic shares move right, many past the real 99th percentile.
  double tvd =
      std::fabs(d.real_below - d.synthetic_below) + std::fabs(d.real_above - d.synthetic_above);
  for (size_t b = 0; b < d.real.size(); ++b) tvd += std::fabs(d.real[b] - d.synthetic[b]);
  EXPECT_GT(tvd / 2, 0.3);
  EXPECT_GT(d.synthetic_above, d.real_above + 0.1);
  // The untouched column beside it plots the same shares on both sides.
  const ColumnDistribution& status = shape_of_column(t, "status").distribution;
  EXPECT_EQ(status.kind, "categories");
  EXPECT_EQ(status.real, status.synthetic);
}

TEST(ReportEvaluate, MissingSyntheticTableCountsAsEmpty) {
  const Fixture f = make_fixture(200);
  Database only_customers;
  only_customers.add_table(f.db.table("customers"));
  const Report report = evaluate(f.metadata, f.db, only_customers);
  EXPECT_EQ(table_of(report, "orders").synthetic_rows, 0);
  EXPECT_FALSE(table_of(report, "orders").detection.computed);
  // Every synthetic customer has 0 orders: 1 - KS = the real share of customers without one.
  std::set<int64_t> with_orders;
  const Column& fk = f.db.table("orders").column("customer_id");
  for (size_t row = 0; row < fk.size(); ++row) with_orders.insert(fk.int_at(row));
  const double childless = 1.0 - static_cast<double>(with_orders.size()) / 200.0;
  EXPECT_NEAR(report.relationships[0].cardinality_score, childless, 1e-12);
  EXPECT_LT(report.relationships[0].cardinality_score, 1.0);
  // The plotted children per parent: every synthetic customer in the first (zero) bin, the
  // real ones spread with the childless share in that bin too.
  const ColumnDistribution& children = report.relationships[0].children_distribution;
  ASSERT_EQ(children.kind, "histogram");
  ASSERT_FALSE(children.synthetic.empty());
  EXPECT_EQ(children.edge_labels.front(), "0");
  EXPECT_NEAR(children.synthetic.front(), 1.0, 1e-12);
  EXPECT_LT(children.real.front(), 1.0);
  EXPECT_GE(children.real.front(), childless - 1e-12);
  // The bins span every real count (the report states the maximum anyway).
  EXPECT_EQ(children.real_below + children.real_above, 0.0);
  const nlohmann::json json = nlohmann::json::parse(to_json(report));
  EXPECT_EQ(json["relationships"][0]["children_distribution"]["kind"], "histogram");
  // Sampling and the missing table are named in the notes.
  bool noted = false;
  for (const std::string& note : report.notes)
    noted = noted || note.find("orders") != std::string::npos;
  EXPECT_TRUE(noted);
}

// A table whose row count is off the scale by more than 10% is flagged; the others are not.
TEST(ReportEvaluate, TablesOffTheScaleAreFlagged) {
  const Fixture f = make_fixture(300, 5);
  const Fixture bigger = make_fixture(600, 6);  // twice the customers, about twice the orders
  Database runaway;
  runaway.add_table(f.db.table("customers"));
  runaway.add_table(bigger.db.table("orders"));
  const Report report = evaluate(f.metadata, f.db, runaway);
  EXPECT_TRUE(table_of(report, "customers").rows_in_band);
  EXPECT_FALSE(table_of(report, "orders").rows_in_band);
  EXPECT_EQ(report.summary.tables_outside_band, 1);
  bool noted = false;
  for (const std::string& note : report.notes)
    noted = noted || note.find("\"orders\" has") != std::string::npos;
  EXPECT_TRUE(noted);
  // Told the run's scale, both tables at twice the rows are in the band.
  ReportOptions at_two;
  at_two.scale = 2;
  const Report doubled = evaluate(f.metadata, f.db, bigger.db, at_two);
  EXPECT_EQ(doubled.summary.tables_outside_band, 0);
  EXPECT_NEAR(table_of(doubled, "customers").expected_rows, 600, 1e-9);
  // Without it, the biggest root table's ratio (customers: 2) is the scale.
  EXPECT_EQ(evaluate(f.metadata, f.db, bigger.db).summary.tables_outside_band, 0);
  const nlohmann::json json = nlohmann::json::parse(to_json(report));
  EXPECT_EQ(json["summary"]["tables_outside_band"], 1);
  EXPECT_EQ(json["tables"][1]["rows_in_band"], false);
}

TEST(ReportEvaluate, RealDatabaseMustHoldTheMetadata) {
  Fixture f = make_fixture(50);
  f.metadata.tables[0].columns.push_back(col("ghost", DataType::Int64, SDType::Numerical));
  try {
    evaluate(f.metadata, f.db, f.db);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("ghost"), std::string::npos) << e.what();
  }
}

TEST(ReportJson, SummaryComesFirstAndNanIsNull) {
  const Fixture f = make_fixture(300);
  Database shuffled = f.db;
  shuffle_column(shuffled.table("orders"), "amount", 5);
  ReportOptions options;
  options.max_rows = 100;  // forces the sampling note
  const Report report = evaluate(f.metadata, f.db, shuffled, options);
  const std::string text = to_json(report);
  EXPECT_EQ(text.find("\"summary\""), text.find('"'));
  const nlohmann::json j = nlohmann::json::parse(text);
  for (const char* key : {"column_shapes", "column_pair_trends", "cardinality_shapes",
                          "intertable_trends", "detection_auc_max", "detection_auc_mean",
                          "integrity_violations", "exact_copies", "dcr_share"})
    EXPECT_TRUE(j["summary"].contains(key)) << key;
  EXPECT_TRUE(j["summary"]["dcr_share"].is_null());
  EXPECT_NEAR(j["summary"]["column_pair_trends"].get<double>(), report.summary.column_pair_trends,
              1e-12);
  ASSERT_EQ(j["tables"].size(), 2u);
  EXPECT_EQ(j["tables"][1]["name"], "orders");
  EXPECT_TRUE(j["tables"][1]["column_pairs_sampled"].get<bool>());
  EXPECT_EQ(j["relationships"][0]["parent_table"], "customers");
  EXPECT_FALSE(j["notes"].empty());
  EXPECT_EQ(j["tables"][1]["detection"]["top_features"][0]["feature"], "amount");
}

// A side's shares in a JSON distribution, with its outside or "other" share.
double side_total(const nlohmann::json& d, const std::string& side) {
  double total = 0;
  for (const auto& share : d[side]) total += share.get<double>();
  for (const char* extra : {"_below", "_above", "_other"})
    if (d.contains(side + extra)) total += d[side + extra].get<double>();
  return total;
}

TEST(ReportJson, EveryComparedColumnHasItsPlottedDistribution) {
  const Fixture f = make_fixture(1500, 11);
  const Fixture other = make_fixture(1500, 12);
  const nlohmann::json j = nlohmann::json::parse(to_json(evaluate(f.metadata, f.db, other.db)));
  std::map<std::string, std::string> kinds;
  for (const auto& table : j["tables"])
    for (const auto& c : table["column_shapes"]) {
      const std::string name =
          table["name"].get<std::string>() + "." + c["column"].get<std::string>();
      const nlohmann::json& d = c["distribution"];
      ASSERT_TRUE(d.is_object()) << name;
      kinds[name] = d["kind"].get<std::string>();
      EXPECT_NEAR(side_total(d, "real"), 1.0, 1e-9) << name;
      EXPECT_NEAR(side_total(d, "synthetic"), 1.0, 1e-9) << name;
      ASSERT_EQ(d["real"].size(), d["synthetic"].size()) << name;
      if (kinds[name] == "histogram") {
        EXPECT_EQ(d["edges"].size(), d["real"].size() + 1) << name;
        EXPECT_EQ(d["edge_labels"].size(), d["edges"].size()) << name;
        EXPECT_GE(d["real"].size(), 10u) << name;
        EXPECT_LE(d["real"].size(), 20u) << name;
      } else {
        EXPECT_EQ(d["labels"].size(), d["real"].size()) << name;
        EXPECT_TRUE(d.contains("other_values")) << name;
      }
      EXPECT_EQ(d["real_null_share"], c["real_null_share"]) << name;
      EXPECT_EQ(d["synthetic_null_share"], c["synthetic_null_share"]) << name;
    }
  // Every non-key column; not the keys, nor the e-mail (PII, no shape score).
  const std::map<std::string, std::string> expected = {
      {"customers.age", "histogram"},      {"customers.income", "histogram"},
      {"customers.segment", "categories"}, {"customers.vip", "categories"},
      {"customers.signup", "histogram"},   {"orders.amount", "histogram"},
      {"orders.status", "categories"},     {"orders.placed", "histogram"}};
  EXPECT_EQ(kinds, expected);
  const nlohmann::json& customers = j["tables"][0]["column_shapes"];
  const nlohmann::json& income = customers[1]["distribution"];
  EXPECT_NEAR(income["real_null_share"].get<double>(), 0.05, 0.015);
  const nlohmann::json& segment = customers[2]["distribution"];
  EXPECT_EQ(std::set<std::string>(segment["labels"].begin(), segment["labels"].end()),
            (std::set<std::string>{"bronze", "silver", "gold"}));
  EXPECT_EQ(customers[4]["distribution"]["edge_labels"][0].get<std::string>().substr(0, 3), "201");
}

TEST(ReportEvaluate, SameSeedSameReport) {
  const Fixture f = make_fixture(500);
  Database shuffled = f.db;
  shuffle_column(shuffled.table("customers"), "income", 3);
  EXPECT_EQ(to_json(evaluate(f.metadata, f.db, shuffled)),
            to_json(evaluate(f.metadata, f.db, shuffled)));
}

// Readings under 3 stations: when the synthetic stations stand elsewhere, folds grouped by
// parent test stations the forest never saw, and the AUC is noise; the report says so. The same
// stations on both sides (a copied lookup table) are no such case.
TEST(ReportEvaluate, DetectionSaysWhenFewUnsharedParentsMakeItNoise) {
  TempDir dir;
  auto script = [](double lat_shift) {
    return "CREATE TABLE stations (station_id INTEGER PRIMARY KEY, lat REAL NOT NULL);\n"
           "CREATE TABLE readings (reading_id INTEGER PRIMARY KEY, station_id INTEGER NOT NULL "
           "REFERENCES stations(station_id), temp REAL NOT NULL);\n"
           "INSERT INTO stations VALUES (1, " +
           std::to_string(40.1 + lat_shift) + "), (2, " + std::to_string(40.6 + lat_shift) +
           "), (3, " + std::to_string(40.9 + lat_shift) +
           ");\n"
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 900)\n"
           "INSERT INTO readings SELECT i, 1 + i % 3, 10 + (i * 37) % 200 / 10.0 FROM n;\n";
  };
  auto read = [&](const std::string& name, double lat_shift, const Metadata* metadata) {
    create_sqlite(dir.file(name), script(lat_shift));
    auto source = open_source(dir.file(name));
    return read_database(*source, metadata ? *metadata : source->describe());
  };
  const Database real = read("real.sqlite", 0, nullptr);
  const Metadata declared = open_source(dir.file("real.sqlite"))->describe();
  const Metadata metadata = infer_metadata(declared, real).metadata;
  const Report moved = evaluate(metadata, real, read("moved.sqlite", 1.5, &metadata));
  const DetectionResult& noisy = table_of(moved, "readings").detection;
  ASSERT_TRUE(noisy.computed);
  EXPECT_NE(noisy.caveat.find("3 real and 3 synthetic parents"), std::string::npos) << noisy.caveat;
  bool noted = false;
  for (const std::string& note : moved.notes)
    noted |= note.find("\"readings\"") != std::string::npos;
  EXPECT_TRUE(noted);
  const Report same = evaluate(metadata, real, read("same.sqlite", 0, &metadata));
  EXPECT_TRUE(table_of(same, "readings").detection.caveat.empty());
}

// ---------------------------------------------------------------------------------------------
// A real dataset against itself, through the real reader and inference.

TEST(ReportDataset, ChinookAgainstItself) {
  const std::string path = std::string(RELSYNTH_SHARED_DATASETS) + "/chinook.sqlite";
  if (!fs::exists(path)) GTEST_SKIP() << "no " << path;
  auto source = open_source(path);
  const Metadata declared = source->describe();
  Database db = read_database(*source, declared);
  const Metadata metadata = infer_metadata(declared, db).metadata;
  db = read_database(*source, metadata);
  const Report report = evaluate(metadata, db, db);
  EXPECT_EQ(report.summary.integrity_violations, 0);
  EXPECT_DOUBLE_EQ(report.summary.column_shapes, 1.0);
  EXPECT_DOUBLE_EQ(report.summary.column_pair_trends, 1.0);
  EXPECT_DOUBLE_EQ(report.summary.cardinality_shapes, 1.0);
  EXPECT_DOUBLE_EQ(report.summary.intertable_trends, 1.0);
  EXPECT_LT(report.summary.detection_auc_max, 0.62);
  EXPECT_GE(report.relationships.size(), 10u);
}

// ---------------------------------------------------------------------------------------------
// The CLI, once the command is registered.

std::string run(const std::string& command, int& status) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  status = pclose(pipe);
  return output;
}

TEST(ReportCli, WritesJsonAndPrintsSummary) {
  int status = 0;
  const std::string help = run(std::string(RELSYNTH_CLI_PATH) + " --help", status);
  if (help.find("\n  report") == std::string::npos) GTEST_SKIP() << "report command not registered";
  const fs::path dir =
      fs::temp_directory_path() / ("relsynth_report_cli_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const Fixture f = make_fixture(300);
  Database broken = f.db;
  {
    Table& orders = broken.table("orders");
    Column fixed("customer_id", DataType::Int64);
    const Column& old = orders.column("customer_id");
    for (size_t row = 0; row < old.size(); ++row) {
      if (row < 7)
        fixed.append_int(424242);
      else
        fixed.append_from(old, row);
    }
    orders.column("customer_id") = std::move(fixed);
  }
  // Orphans cannot be written through a destination that enforces keys, so the synthetic side
  // keeps its foreign key undeclared.
  Metadata loose = f.metadata;
  loose.tables[1].foreign_keys.clear();
  {
    auto destination = open_destination((dir / "real.db").string());
    write_database(*destination, f.metadata, f.db);
  }
  {
    auto destination = open_destination((dir / "synthetic.db").string());
    write_database(*destination, loose, broken);
  }
  save_metadata(f.metadata, (dir / "metadata.json").string());
  const std::string out =
      run(std::string(RELSYNTH_CLI_PATH) + " -q report --real " + (dir / "real.db").string() +
              " --synthetic " + (dir / "synthetic.db").string() + " -m " +
              (dir / "metadata.json").string() + " --json " + (dir / "report.json").string(),
          status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("column shapes"), std::string::npos) << out;
  EXPECT_NE(out.find("7 violations"), std::string::npos) << out;
  std::ifstream file(dir / "report.json");
  std::stringstream json;
  json << file.rdbuf();
  const nlohmann::json j = nlohmann::json::parse(json.str());
  EXPECT_EQ(j["summary"]["integrity_violations"], 7);
  EXPECT_EQ(j["relationships"][0]["orphan_rows"], 7);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace relsynth

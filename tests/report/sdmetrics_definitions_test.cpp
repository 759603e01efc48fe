// Pair-trend definitions pinned to SDMetrics 0.32's own numbers: the expected values were
// computed once with sdmetrics (bench/.venv) on the same small inputs and are hard-coded here,
// so a change of definition (NULL handling, binning) fails these tests.
//
//   CorrelationSimilarity.compute_breakdown(real, synthetic)   (rows with a NULL dropped)
//   ColumnPairTrends()._generate_details(real, synthetic, meta) (the QualityReport's pair code:
//       each side's numbers in 10 equal-width bins of its own range, np.digitize, so NULL
//       shares the top bin with the side's maximum)
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "relsynth/report.h"
#include "report/stats.h"

namespace relsynth {
namespace {

using namespace report_detail;

constexpr double kNull = NAN;

// real x = 1 2 3 4 NULL 6 7 8, y = 2 1 4 3 10 NULL 9 6;
// synthetic x = 1 .. 8, y = 1 2 3 NULL 5 7 2 NULL.
const std::vector<double> kRealX = {1, 2, 3, 4, kNull, 6, 7, 8};
const std::vector<double> kRealY = {2, 1, 4, 3, 10, kNull, 9, 6};
const std::vector<double> kSyntheticX = {1, 2, 3, 4, 5, 6, 7, 8};
const std::vector<double> kSyntheticY = {1, 2, 3, kNull, 5, 7, 2, kNull};
// sdmetrics: {'score': 0.8545590648698508, 'real': 0.8540863163722772,
//             'synthetic': 0.5632044461119787}. Filling NULL with 0 instead gives 0.9632.
constexpr double kCorrelationScore = 0.8545590648698508;

// real num = 0 .. 10, NULL; synthetic num = 50 52 .. 66 70 70 70 (another range);
// cat = a a a b b b a a b b a b (real), a a a b b b a b b b a b (synthetic).
const std::vector<double> kRealNum = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, kNull};
const std::vector<double> kSyntheticNum = {50, 52, 54, 56, 58, 60, 62, 64, 66, 70, 70, 70};
const std::string kRealCat = "aaabbbaabbab";
const std::string kSyntheticCat = "aaabbbabbbab";
// sdmetrics ColumnPairTrends: ContingencySimilarity 0.8333333333333334 (= 1 - 2/12). Binning the
// synthetic numbers on the real range instead would give 0.1667.
constexpr double kContingencyScore = 1.0 - 2.0 / 12.0;

TEST(ReportSdmetrics, CorrelationDropsRowsWithANull) {
  double rr = 0, rs = 0;
  EXPECT_NEAR(correlation_similarity(kRealX, kRealY, kSyntheticX, kSyntheticY, &rr, &rs),
              kCorrelationScore, 1e-12);
  EXPECT_NEAR(rr, 0.8540863163722772, 1e-12);
  EXPECT_NEAR(rs, 0.5632044461119787, 1e-12);
  // Fewer than 2 complete rows on a side: undefined, as scipy's pearsonr raises there.
  EXPECT_TRUE(std::isnan(correlation_similarity({1, 2, kNull}, {kNull, 5, 6}, {1, 2, 3}, {4, 6, 5},
                                                nullptr, nullptr)));
  // Constant once the incomplete rows are gone: NaN (pearsonr returns NaN), not 0.
  EXPECT_TRUE(std::isnan(
      correlation_similarity({1, 1, 2}, {3, 4, kNull}, {1, 2, 3}, {4, 6, 5}, nullptr, nullptr)));
}

TEST(ReportSdmetrics, NumbersAreBinnedOnEachSidesOwnRange) {
  // np.digitize(x, np.histogram_bin_edges(x.dropna())) on each side.
  EXPECT_EQ(discretize(kRealNum, 10),
            (std::vector<int32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11}));
  EXPECT_EQ(discretize(kSyntheticNum, 10),
            (std::vector<int32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 11, 11}));
  // No value: numpy's [0, 1] range, every NULL in bin 11.
  EXPECT_EQ(discretize({kNull, kNull}, 10), (std::vector<int32_t>{11, 11}));
  // numpy's linspace arithmetic: the 7th edge of [0, 0.3] is 7 * 0.03 + 0 = 0.21 exactly (lo +
  // (hi - lo) * 7 / 10 would be 0.21000000000000002), so 0.21 is in bin 8.
  EXPECT_EQ(discretize({0, 0.21, 0.3}, 10), (std::vector<int32_t>{1, 8, 11}));
}

TEST(ReportSdmetrics, ContingencyOfANumberAndACategoryMatchesTheQualityReport) {
  auto cat_codes = [](const std::string& s) {
    std::vector<int32_t> codes;
    for (char c : s) codes.push_back(c - 'a');
    return codes;
  };
  EXPECT_NEAR(contingency_similarity(discretize(kRealNum, 10), cat_codes(kRealCat),
                                     discretize(kSyntheticNum, 10), cat_codes(kSyntheticCat)),
              kContingencyScore, 1e-12);
}

// The same two pairs through evaluate(): the report's column pair trends use these definitions.
TEST(ReportSdmetrics, EvaluatedPairTrendsMatchSdmetrics) {
  auto column_meta = [](const std::string& name, DataType type, SDType sdtype) {
    ColumnMeta c;
    c.name = name;
    c.type = type;
    c.sdtype = sdtype;
    return c;
  };
  auto numbers = [](const std::string& name, const std::vector<double>& values) {
    Column c(name, DataType::Float64);
    for (double v : values) std::isnan(v) ? c.append_null() : c.append_double(v);
    return c;
  };
  auto texts = [](const std::string& name, const std::string& values) {
    Column c(name, DataType::String);
    for (char v : values) c.append_string(std::string(1, v));
    return c;
  };
  Metadata metadata;
  TableMeta pairs;
  pairs.name = "pairs";
  pairs.columns = {column_meta("num", DataType::Float64, SDType::Numerical),
                   column_meta("cat", DataType::String, SDType::Categorical)};
  TableMeta corr;
  corr.name = "corr";
  corr.columns = {column_meta("x", DataType::Float64, SDType::Numerical),
                  column_meta("y", DataType::Float64, SDType::Numerical)};
  metadata.tables = {pairs, corr};
  auto database = [&](const std::vector<double>& num, const std::string& cat,
                      const std::vector<double>& x, const std::vector<double>& y) {
    Database db;
    Table p("pairs");
    p.add_column(numbers("num", num));
    p.add_column(texts("cat", cat));
    Table c("corr");
    c.add_column(numbers("x", x));
    c.add_column(numbers("y", y));
    db.add_table(std::move(p));
    db.add_table(std::move(c));
    return db;
  };
  const Database real = database(kRealNum, kRealCat, kRealX, kRealY);
  const Database synthetic = database(kSyntheticNum, kSyntheticCat, kSyntheticX, kSyntheticY);
  ReportOptions options;
  options.detection = false;
  options.privacy = false;
  const Report report = evaluate(metadata, real, synthetic, options);
  ASSERT_EQ(report.tables.size(), 2u);
  ASSERT_EQ(report.tables[0].pair_trends.size(), 1u);
  EXPECT_EQ(report.tables[0].pair_trends[0].metric, "ContingencySimilarity");
  EXPECT_NEAR(report.tables[0].pair_trends[0].score, kContingencyScore, 1e-12);
  ASSERT_EQ(report.tables[1].pair_trends.size(), 1u);
  EXPECT_EQ(report.tables[1].pair_trends[0].metric, "CorrelationSimilarity");
  EXPECT_NEAR(report.tables[1].pair_trends[0].score, kCorrelationScore, 1e-12);
}

// With sampled rows (more rows than max_rows) the bins still span the whole column, as the
// QualityReport discretizes whole columns before its ContingencySimilarity subsamples rows.
TEST(ReportSdmetrics, BinsSpanTheWholeColumnWhenRowsAreSampled) {
  ColumnMeta num, cat;
  num.name = "num";
  num.type = DataType::Float64;
  num.sdtype = SDType::Numerical;
  cat.name = "cat";
  cat.type = DataType::String;
  cat.sdtype = SDType::Categorical;
  Metadata metadata;
  TableMeta t;
  t.name = "t";
  t.columns = {num, cat};
  metadata.tables = {t};
  // Both sides: 0 .. 999, "a" below 500; the real side has one more row, 5000 ("b"), the
  // synthetic one 999 instead. Real bins of the whole column are 500 wide (0-499 | 500-999),
  // the synthetic ones 99.9 wide, so the joint tables barely overlap (about 0.1). Bins of a
  // 100-row sample that misses the 5000 would be alike on both sides (about 1).
  auto database = [](double last) {
    Table table("t");
    Column n("num", DataType::Float64), c("cat", DataType::String);
    for (int i = 0; i < 1000; ++i) {
      n.append_double(i);
      c.append_string(i < 500 ? "a" : "b");
    }
    n.append_double(last);
    c.append_string("b");
    table.add_column(std::move(n));
    table.add_column(std::move(c));
    Database db;
    db.add_table(std::move(table));
    return db;
  };
  const Database real = database(5000), synthetic = database(999);
  ReportOptions options;
  options.detection = false;
  options.privacy = false;
  options.max_rows = 100;
  const Report report = evaluate(metadata, real, synthetic, options);
  ASSERT_EQ(report.tables[0].pair_trends.size(), 1u);
  EXPECT_TRUE(report.tables[0].sampled);
  EXPECT_LT(report.tables[0].pair_trends[0].score, 0.3);
}

}  // namespace
}  // namespace relsynth

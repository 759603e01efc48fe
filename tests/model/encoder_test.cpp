#include "model/encoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "relsynth/error.h"

namespace relsynth {
namespace {

// Two-sample Kolmogorov-Smirnov statistic.
double ks(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    d = std::max(d,
                 std::fabs(static_cast<double>(i) / a.size() - static_cast<double>(j) / b.size()));
  }
  return d;
}

std::vector<double> as_doubles(const Column& c) {
  std::vector<double> v;
  for (size_t r = 0; r < c.size(); ++r) {
    if (c.is_null(r)) continue;
    if (c.type() == DataType::Float64) {
      v.push_back(c.double_at(r));
    } else if (c.type() == DataType::Decimal) {
      v.push_back(std::stod(c.string_at(r)));
    } else {
      v.push_back(static_cast<double>(c.int_at(r)));
    }
  }
  return v;
}

// Encodes the column and decodes every token once: the synthetic twin of the column under
// a perfect model of the tokens.
Column round_trip(const ColumnEncoder& encoder, const Column& column, uint64_t seed = 1) {
  const std::vector<uint16_t> tokens = encoder.encode(column);
  Column out("out", column.type());
  Rng rng(seed);
  for (uint16_t t : tokens) {
    EXPECT_LT(t, encoder.num_tokens());
    encoder.decode(t, rng, out);
  }
  return out;
}

// The encoder as `train` writes it and `generate` reads it back.
std::unique_ptr<ColumnEncoder> saved_and_loaded(const ColumnEncoder& encoder) {
  BinaryWriter w;
  save_encoder(encoder, w);
  const std::string bytes = w.take();
  BinaryReader r(bytes);
  return load_encoder(r);
}

Column float_column(const std::vector<double>& values) {
  Column c("x", DataType::Float64);
  for (double v : values) c.append_double(v);
  return c;
}

TEST(EncoderNumeric, NormalKeepsDistribution) {
  Rng rng(1);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) values.push_back(50 + 10 * rng.normal());
  const Column column = float_column(values);
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});
  EXPECT_LE(encoder->num_tokens(), 32u + 16u);
  EXPECT_GE(encoder->num_tokens(), 20u);
  EXPECT_LT(ks(values, as_doubles(round_trip(*encoder, column))), 0.02);
}

TEST(EncoderNumeric, LognormalKeepsDistribution) {
  Rng rng(2);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) values.push_back(std::exp(1 + 1.5 * rng.normal()));
  const Column column = float_column(values);
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});
  const std::vector<double> decoded = as_doubles(round_trip(*encoder, column));
  EXPECT_LT(ks(values, decoded), 0.02);
  EXPECT_GT(*std::min_element(decoded.begin(), decoded.end()), 0.0);  // stays positive
}

TEST(EncoderNumeric, IntegersKeepDistributionAndStayIntegers) {
  Rng rng(3);
  Column column("n", DataType::Int64);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) {
    // A skewed count with many distinct values: 0..~400.
    const int64_t v = static_cast<int64_t>(std::floor(std::exp(3 + rng.normal())));
    column.append_int(v);
    values.push_back(static_cast<double>(v));
  }
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});
  EXPECT_LT(ks(values, as_doubles(round_trip(*encoder, column))), 0.02);
}

TEST(EncoderNumeric, FloatIntegersStayWholeAndTwoDecimalsStayTwo) {
  Rng rng(4);
  std::vector<double> whole, cents;
  for (int i = 0; i < 5000; ++i) {
    whole.push_back(std::round(100 + 30 * rng.normal()));
    cents.push_back(std::round((20 + 5 * rng.normal()) * 100) / 100);
  }
  for (const auto& values : {whole, cents}) {
    const Column column = float_column(values);
    auto encoder = make_numeric_encoder();
    encoder->fit(column, EncoderOptions{});
    const double scale = &values == &whole ? 1 : 100;
    const std::vector<double> decoded = as_doubles(round_trip(*encoder, column));
    for (double v : decoded) {
      const double scaled = v * scale;
      ASSERT_NEAR(scaled, std::round(scaled), 1e-6) << v;
    }
    EXPECT_LT(ks(values, decoded), 0.02);
  }
}

TEST(EncoderNumeric, GridStepIsKept) {
  // Prices ending in .99 and amounts in steps of 5 keep their grid.
  Rng rng(5);
  Column prices("price", DataType::Float64);
  Column fives("qty", DataType::Int64);
  for (int i = 0; i < 3000; ++i) {
    prices.append_double(static_cast<double>(rng.uniform_int(200)) + 0.99);
    fives.append_int(5 * static_cast<int64_t>(rng.uniform_int(100)));
  }
  auto p = make_numeric_encoder();
  p->fit(prices, EncoderOptions{});
  for (double v : as_doubles(round_trip(*p, prices))) {
    ASSERT_NEAR(v - std::floor(v), 0.99, 1e-9) << v;
  }
  auto f = make_numeric_encoder();
  f->fit(fives, EncoderOptions{});
  for (double v : as_doubles(round_trip(*f, fives))) ASSERT_EQ(std::fmod(v, 5.0), 0.0) << v;
}

TEST(EncoderNumeric, DecimalKeepsItsScale) {
  Rng rng(6);
  Column column("amount", DataType::Decimal);
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) {
    char buffer[32];
    const double v = std::round((100 + 40 * rng.normal()) * 100) / 100;
    std::snprintf(buffer, sizeof buffer, "%.2f", v);
    column.append_string(std::string_view(buffer));
    values.push_back(v);
  }
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});
  const Column out = round_trip(*encoder, column);
  for (size_t r = 0; r < out.size(); ++r) {
    const std::string& text = out.string_at(r);
    const size_t dot = text.find('.');
    ASSERT_NE(dot, std::string::npos) << text;
    ASSERT_EQ(text.size() - dot - 1, 2u) << text;
  }
  EXPECT_LT(ks(values, as_doubles(out)), 0.02);
}

TEST(EncoderNumeric, BadDecimalNamesColumnAndRow) {
  Column column("amount", DataType::Decimal);
  column.append_string(std::string_view("1.50"));
  column.append_string(std::string_view("abc"));
  auto encoder = make_numeric_encoder();
  try {
    encoder->fit(column, EncoderOptions{});
    FAIL();
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("amount"), std::string::npos) << message;
    EXPECT_NE(message.find("row 2"), std::string::npos) << message;  // 1-based
  }
}

TEST(EncoderNumeric, DatesKeepDistributionAndWholeDays) {
  Rng rng(7);
  Column dates("d", DataType::Date);
  Column stamps("ts", DataType::DateTime);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) {
    const int64_t day =
        18000 + static_cast<int64_t>(std::floor(400 * rng.uniform() * rng.uniform()));
    dates.append_int(day);
    values.push_back(static_cast<double>(day));
    // Whole seconds within the day.
    stamps.append_int(day * 86'400'000'000LL +
                      static_cast<int64_t>(rng.uniform_int(86400)) * 1'000'000);
  }
  auto encoder = make_numeric_encoder();
  encoder->fit(dates, EncoderOptions{});
  EXPECT_LT(ks(values, as_doubles(round_trip(*encoder, dates))), 0.02);

  auto ts = make_numeric_encoder();
  ts->fit(stamps, EncoderOptions{});
  const Column out = round_trip(*ts, stamps);
  for (size_t r = 0; r < out.size(); ++r) ASSERT_EQ(out.int_at(r) % 1'000'000, 0) << r;
  EXPECT_LT(ks(as_doubles(stamps), as_doubles(out)), 0.02);
}

TEST(EncoderNumeric, TimeStaysWithinTheDay) {
  Rng rng(8);
  Column times("t", DataType::Time);
  for (int i = 0; i < 2000; ++i) {
    times.append_int(static_cast<int64_t>(rng.uniform_int(86400)) * 1'000'000);
  }
  auto encoder = make_numeric_encoder();
  encoder->fit(times, EncoderOptions{});
  const Column out = round_trip(*encoder, times);
  for (size_t r = 0; r < out.size(); ++r) {
    ASSERT_GE(out.int_at(r), 0);
    ASSERT_LT(out.int_at(r), 86'400'000'000LL);
  }
}

TEST(EncoderNumeric, NullShareIsKept) {
  Rng rng(9);
  Column column("x", DataType::Float64);
  for (int i = 0; i < 10000; ++i) {
    if (rng.uniform() < 0.2) {
      column.append_null();
    } else {
      column.append_double(rng.normal());
    }
  }
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});
  ASSERT_GE(encoder->null_token(), 0);
  EXPECT_EQ(encoder->null_token(), static_cast<int>(encoder->num_tokens()) - 1);  // NULL last
  const Column out = round_trip(*encoder, column);
  EXPECT_EQ(out.null_count(), column.null_count());
  EXPECT_NEAR(static_cast<double>(out.null_count()) / out.size(), 0.2, 0.02);
  // Without NULLs there is no NULL token.
  auto no_null = make_numeric_encoder();
  no_null->fit(float_column({1, 2, 3}), EncoderOptions{});
  EXPECT_EQ(no_null->null_token(), -1);
}

TEST(EncoderNumeric, OutlierIsNeverReproduced) {
  Rng rng(10);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) values.push_back(100 + 10 * rng.normal());
  values.push_back(1e6);  // one real outlier on each side
  values.push_back(-5e5);
  const Column column = float_column(values);
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});
  // Decode every token many times: nothing near the outliers.
  Column out("out", DataType::Float64);
  Rng draw(11);
  for (int i = 0; i < 200; ++i) {
    for (uint16_t t = 0; t < encoder->num_tokens(); ++t) encoder->decode(t, draw, out);
  }
  const std::vector<double> decoded = as_doubles(out);
  const auto [lo, hi] = std::minmax_element(decoded.begin(), decoded.end());
  EXPECT_LT(*hi, 200.0);
  EXPECT_GT(*lo, 0.0);
  // Integer outlier too: a salary column with one CEO.
  Column salaries("salary", DataType::Int64);
  for (int i = 0; i < 5000; ++i)
    salaries.append_int(30000 + static_cast<int64_t>(rng.uniform_int(40000)));
  salaries.append_int(2'500'000);
  auto s = make_numeric_encoder();
  s->fit(salaries, EncoderOptions{});
  Column s_out("out", DataType::Int64);
  for (int i = 0; i < 500; ++i) {
    for (uint16_t t = 0; t < s->num_tokens(); ++t) s->decode(t, draw, s_out);
  }
  for (size_t r = 0; r < s_out.size(); ++r) {
    ASSERT_LT(s_out.int_at(r), 75000);
    ASSERT_GE(s_out.int_at(r), 30000);  // inside the real range
  }
}

// Beyond the 5th most extreme value the tail is drawn, not cut: values keep the tail's length,
// spread past that value, yet stop short of the most extreme real one and never copy one of
// the four beyond it.
TEST(EncoderNumeric, TailKeepsItsLengthWithoutReachingTheExtremes) {
  Rng rng(14);
  std::vector<double> values;
  for (int i = 0; i < 400; ++i) values.push_back(-std::log(1.0 - rng.uniform()));
  const Column column = float_column(values);
  std::sort(values.begin(), values.end(), std::greater<>());
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});  // rare_threshold 5
  std::vector<double> decoded;
  for (int i = 0; i < 50; ++i) {
    const std::vector<double> pass = as_doubles(round_trip(*encoder, column, i + 1));
    decoded.insert(decoded.end(), pass.begin(), pass.end());
  }
  const double fifth = values[4], tenth = values[9];
  const double beyond = static_cast<double>(std::count_if(decoded.begin(), decoded.end(),
                                                          [&](double v) { return v > fifth; })) /
                        static_cast<double>(decoded.size());
  EXPECT_NEAR(beyond, 4.0 / 400, 0.006);  // the real share past the 5th largest
  // Winsorised at the 5th largest (plus half the gap to the 10th), nothing went this far.
  EXPECT_GT(*std::max_element(decoded.begin(), decoded.end()), fifth + (fifth - tenth));
  EXPECT_LT(*std::max_element(decoded.begin(), decoded.end()), values[0]);
  for (double v : decoded)
    for (int i = 0; i < 4; ++i) ASSERT_NE(v, values[i]);
}

// Clock times written HHMM (517 is 5:17) are modelled as minutes since midnight: a value drawn
// inside a bin is a time (bins over the numbers gave 574 or 799 to 7% of nycflights13's
// departures), the distribution of times is kept, and the choice survives the model file.
TEST(EncoderNumeric, ClockTimesStayClockTimes) {
  Rng rng(15);
  Column times("dep_time", DataType::Int64);
  std::vector<double> minutes;
  for (int i = 0; i < 5000; ++i) {
    const int m = std::clamp(static_cast<int>(std::lround(780 + 240 * rng.normal())), 0, 1439);
    minutes.push_back(m);
    times.append_int(m / 60 * 100 + m % 60);
  }
  auto encoder = make_numeric_encoder();
  encoder->fit(times, EncoderOptions{});
  auto loaded = saved_and_loaded(*encoder);
  for (const ColumnEncoder* e : {encoder.get(), loaded.get()}) {
    const Column out = round_trip(*e, times, 3);
    std::vector<double> decoded;
    for (size_t row = 0; row < out.size(); ++row) {
      const int64_t v = out.int_at(row);
      ASSERT_TRUE(v >= 0 && v <= 2400 && v % 100 < 60) << v;
      decoded.push_back(static_cast<double>(v / 100 * 60 + v % 100));
    }
    EXPECT_LT(ks(minutes, decoded), 0.03);
  }
  EXPECT_EQ(round_trip(*loaded, times, 3).int_at(7), round_trip(*encoder, times, 3).int_at(7));
}

// Prices end the way the source's do: dear ones in .99, cheap ones in any x.x9. Decoded from
// bins alone every ending came out alike (a price list of .99 got a .99 on 10% of its items).
// Amounts whose cents are random get no pattern of their own, and the endings survive the
// model file.
TEST(EncoderNumeric, PricesKeepTheirEndings) {
  Rng rng(16);
  std::vector<double> prices, amounts;
  for (int i = 0; i < 400; ++i) {
    const double whole = std::floor(std::exp(rng.uniform() * 6));
    prices.push_back(whole +
                     (whole < 10 ? static_cast<double>(rng.uniform_int(10)) / 10 + 0.09 : 0.99));
    amounts.push_back(std::round(std::exp(rng.uniform() * 6) * 100) / 100);
  }
  auto cents = [](double v) { return std::llround(v * 100) % 100; };
  auto encoder = make_numeric_encoder();
  encoder->fit(float_column(prices), EncoderOptions{});
  auto loaded = saved_and_loaded(*encoder);
  for (const ColumnEncoder* e : {encoder.get(), loaded.get()}) {
    size_t dear = 0, dear_99 = 0, cheap = 0, cheap_99 = 0;
    for (int pass = 0; pass < 10; ++pass)
      for (double v : as_doubles(round_trip(*e, float_column(prices), pass + 1))) {
        ASSERT_EQ(cents(v) % 10, 9) << v;  // the grid of x.x9 holds either way
        (v >= 20 ? dear : cheap) += 1;
        (v >= 20 ? dear_99 : cheap_99) += cents(v) == 99;
      }
    EXPECT_GT(static_cast<double>(dear_99) / static_cast<double>(dear), 0.95);
    EXPECT_LT(static_cast<double>(cheap_99) / static_cast<double>(cheap), 0.5);
  }
  EXPECT_EQ(as_doubles(round_trip(*loaded, float_column(prices), 3)),
            as_doubles(round_trip(*encoder, float_column(prices), 3)));
  encoder->fit(float_column(amounts), EncoderOptions{});
  std::vector<size_t> counts(100, 0);
  for (double v : as_doubles(round_trip(*encoder, float_column(amounts)))) ++counts[cents(v)];
  EXPECT_LT(*std::max_element(counts.begin(), counts.end()), 400u / 20);
}

// Values a column repeats (routes' distances: 200 values, each 1.4% of the rows or less, too
// rare for a token of their own) come out exactly and in proportion; values drawn between them
// (for the values seen once) stay a small share.
TEST(EncoderNumeric, RepeatedValuesComeOutExactly) {
  Rng rng(21);
  std::vector<double> routes;
  for (int r = 0; r < 200; ++r) routes.push_back(std::round(80 + rng.uniform() * 2400));
  std::vector<double> values;
  for (int i = 0; i < 20000; ++i) values.push_back(routes[rng.uniform_int(routes.size())]);
  for (int i = 0; i < 100; ++i) values.push_back(2500.5 + i);  // seen once each
  auto encoder = make_numeric_encoder();
  encoder->fit(float_column(values), EncoderOptions{});
  auto loaded = saved_and_loaded(*encoder);
  const std::set<double> known(routes.begin(), routes.end());
  for (const ColumnEncoder* e : {encoder.get(), loaded.get()}) {
    std::map<double, size_t> counts;
    size_t exact = 0;
    for (double v : as_doubles(round_trip(*e, float_column(values), 5))) {
      exact += known.count(v);
      ++counts[v];
    }
    EXPECT_GT(exact, values.size() * 97 / 100);
    // The most common route keeps its share (sampling noise aside).
    std::map<double, size_t> real;
    for (double v : values) ++real[v];
    auto top = std::max_element(real.begin(), real.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; });
    EXPECT_NEAR(static_cast<double>(counts[top->first]), static_cast<double>(top->second),
                0.35 * static_cast<double>(top->second));
  }
}

TEST(EncoderNumeric, FrequentValuesGetTheirOwnTokens) {
  Rng rng(12);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) {
    const double u = rng.uniform();
    values.push_back(u < 0.3 ? 0.0 : (u < 0.4 ? 100.0 : std::exp(3 + rng.normal())));
  }
  const Column column = float_column(values);
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});
  const std::vector<uint16_t> tokens = encoder->encode(column);
  // All zeros share one token that decodes to exactly 0, and nothing else maps to it.
  const uint16_t zero = tokens[std::find(values.begin(), values.end(), 0.0) - values.begin()];
  for (size_t i = 0; i < values.size(); ++i) ASSERT_EQ(tokens[i] == zero, values[i] == 0.0);
  EXPECT_EQ(encoder->token_label(zero), "0");
  const std::vector<double> decoded = as_doubles(round_trip(*encoder, column));
  const double zeros = std::count(decoded.begin(), decoded.end(), 0.0) / 10000.0;
  const double hundreds = std::count(decoded.begin(), decoded.end(), 100.0) / 10000.0;
  EXPECT_NEAR(zeros, 0.3, 0.02);
  EXPECT_NEAR(hundreds, 0.1, 0.02);
  EXPECT_LT(ks(values, decoded), 0.02);
}

TEST(EncoderNumeric, TokensFollowTheNumberLine) {
  Rng rng(13);
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) values.push_back(rng.uniform() < 0.2 ? 50.0 : rng.uniform() * 100);
  const Column column = float_column(values);
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});
  const std::vector<uint16_t> tokens = encoder->encode(column);
  std::vector<size_t> order(values.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
  for (size_t i = 1; i < order.size(); ++i) ASSERT_LE(tokens[order[i - 1]], tokens[order[i]]);
}

TEST(EncoderNumeric, UnseenValuesMapToNearestBin) {
  auto encoder = make_numeric_encoder();
  std::vector<double> values;
  for (int i = 0; i < 1000; ++i) values.push_back(i);
  encoder->fit(float_column(values), EncoderOptions{});
  const std::vector<uint16_t> tokens = encoder->encode(float_column({-1e9, 1e9, 500.5}));
  EXPECT_EQ(tokens[0], 0);
  EXPECT_EQ(tokens[1], encoder->num_tokens() - 1);
  Column wrong("x", DataType::String);
  EXPECT_THROW(encoder->encode(wrong), UsageError);
}

TEST(EncoderNumeric, AllNullAndEmptyColumnsHaveOneToken) {
  Column nulls("x", DataType::Int64);
  nulls.append_null();
  nulls.append_null();
  auto encoder = make_numeric_encoder();
  encoder->fit(nulls, EncoderOptions{});
  EXPECT_EQ(encoder->num_tokens(), 1u);
  EXPECT_EQ(encoder->null_token(), 0);
  Column out("o", DataType::Int64);
  Rng rng(1);
  encoder->decode(0, rng, out);
  EXPECT_TRUE(out.is_null(0));
  EXPECT_THROW(encoder->decode(1, rng, out), UsageError);
  auto empty = make_numeric_encoder();
  empty->fit(Column("e", DataType::Float64), EncoderOptions{});
  EXPECT_EQ(empty->num_tokens(), 1u);
}

TEST(EncoderNumeric, MaxBinsOptionIsRespected) {
  Rng rng(14);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) values.push_back(rng.normal());
  EncoderOptions options;
  options.max_bins = 8;
  auto encoder = make_numeric_encoder();
  encoder->fit(float_column(values), options);
  EXPECT_EQ(encoder->num_tokens(), 8u);
}

Column string_column(const std::vector<std::string>& values) {
  Column c("city", DataType::String);
  for (const auto& v : values) c.append_string(v);
  return c;
}

std::vector<std::string> names_with_rare_tail(Rng& rng) {
  std::vector<std::string> values;
  for (int i = 0; i < 5000; ++i) {
    const double u = rng.uniform();
    values.push_back(u < 0.5 ? "Paris" : (u < 0.8 ? "Lyon" : "Nice"));
  }
  for (int i = 0; i < 300; ++i) values.push_back("person_" + std::to_string(i));  // once each
  for (int i = 0; i < 3; ++i) values.push_back("Brest");  // below the threshold of 5
  return values;
}

TEST(EncoderCategorical, VocabularyIsOrderedByFrequency) {
  Rng rng(20);
  const Column column = string_column(names_with_rare_tail(rng));
  auto encoder = make_categorical_encoder();
  encoder->fit(column, EncoderOptions{});
  EXPECT_EQ(encoder->num_tokens(), 4u);  // Paris, Lyon, Nice, RARE
  EXPECT_EQ(encoder->token_label(0), "\"Paris\"");
  EXPECT_EQ(encoder->token_label(1), "\"Lyon\"");
  EXPECT_EQ(encoder->token_label(2), "\"Nice\"");
  EXPECT_EQ(encoder->token_label(3), "RARE");
  const std::vector<uint16_t> tokens =
      encoder->encode(string_column({"Lyon", "Brest", "Atlantis"}));
  EXPECT_EQ(tokens, (std::vector<uint16_t>{1, 3, 3}));
}

TEST(EncoderCategorical, RareValuesAreNeverDecodedInPlaceholderMode) {
  Rng rng(21);
  const std::vector<std::string> values = names_with_rare_tail(rng);
  const Column column = string_column(values);
  auto encoder = make_categorical_encoder();
  encoder->fit(column, EncoderOptions{});
  const Column out = round_trip(*encoder, column);
  std::set<std::string> seen(out.strings().begin(), out.strings().end());
  EXPECT_EQ(seen, (std::set<std::string>{"Paris", "Lyon", "Nice", "_RARE_"}));
  // The model file holds no rare value either.
  BinaryWriter w;
  save_encoder(*encoder, w);
  EXPECT_EQ(w.data().find("person_"), std::string::npos);
  EXPECT_EQ(w.data().find("Brest"), std::string::npos);
}

TEST(EncoderCategorical, SampleModeDrawsRealRareValues) {
  Rng rng(22);
  const Column column = string_column(names_with_rare_tail(rng));
  EncoderOptions options;
  options.rare_mode = RareMode::Sample;
  auto encoder = make_categorical_encoder();
  encoder->fit(column, options);
  const Column out = round_trip(*encoder, column);
  size_t rare = 0;
  for (const auto& v : out.strings()) {
    ASSERT_NE(v, "_RARE_");
    rare += v.rfind("person_", 0) == 0 || v == "Brest";
  }
  EXPECT_EQ(rare, 303u);
}

TEST(EncoderCategorical, MaxCategoriesCapsTheVocabulary) {
  Column column("code", DataType::String);
  for (int v = 0; v < 3000; ++v) {
    for (int k = 0; k < 5 + v % 7; ++k) column.append_string("c" + std::to_string(v));
  }
  auto encoder = make_categorical_encoder();
  encoder->fit(column, EncoderOptions{});
  EXPECT_EQ(encoder->num_tokens(), 1001u);  // 1000 kept + RARE
  // The kept ones are the most frequent (counts 11 first).
  const std::vector<uint16_t> tokens = encoder->encode(column);
  for (size_t r = 0; r < column.size(); ++r) {
    const int v = std::stoi(column.string_at(r).substr(1));
    if (v % 7 == 6) {
      ASSERT_LT(tokens[r], 1000) << column.string_at(r);
    }
  }
}

TEST(EncoderCategorical, NullShareIsKept) {
  Column column("c", DataType::String);
  Rng rng(23);
  for (int i = 0; i < 10000; ++i) {
    if (rng.uniform() < 0.15) {
      column.append_null();
    } else {
      column.append_string(std::string_view(rng.uniform() < 0.5 ? "a" : "b"));
    }
  }
  auto encoder = make_categorical_encoder();
  encoder->fit(column, EncoderOptions{});
  EXPECT_EQ(encoder->num_tokens(), 3u);
  EXPECT_EQ(encoder->null_token(), 2);
  const Column out = round_trip(*encoder, column);
  EXPECT_EQ(out.null_count(), column.null_count());
}

TEST(EncoderCategorical, IntegerAndBoolColumns) {
  Column ints("rating", DataType::Int64);
  for (int i = 0; i < 1000; ++i) ints.append_int(i % 4);
  ints.append_int(99);  // rare: placeholder mode decodes a common value instead
  auto encoder = make_categorical_encoder();
  encoder->fit(ints, EncoderOptions{});
  EXPECT_EQ(encoder->num_tokens(), 5u);
  const Column out = round_trip(*encoder, ints);
  for (size_t r = 0; r < out.size(); ++r) ASSERT_LT(out.int_at(r), 4);

  Column flags("flag", DataType::Bool);
  for (int i = 0; i < 1000; ++i) flags.append_int(0);
  flags.append_int(1);  // seen once, but a Bool's values are public: kept
  auto b = make_categorical_encoder();
  b->fit(flags, EncoderOptions{});
  EXPECT_EQ(b->num_tokens(), 2u);
  const Column b_out = round_trip(*b, flags);
  EXPECT_EQ(b_out.int_at(1000), 1);

  Column floats("f", DataType::Float64);
  for (int i = 0; i < 100; ++i) floats.append_double(i % 2 ? 0.5 : -0.0);
  auto f = make_categorical_encoder();
  f->fit(floats, EncoderOptions{});
  EXPECT_EQ(f->num_tokens(), 2u);
  EXPECT_EQ(f->encode(float_column({0.0}))[0], f->encode(float_column({-0.0}))[0]);
}

TEST(EncoderCategorical, FactoryChoosesByTypeAndSDType) {
  EXPECT_EQ(make_encoder(DataType::Float64, SDType::Numerical)->kind(), EncoderKind::Numeric);
  EXPECT_EQ(make_encoder(DataType::DateTime, SDType::Datetime)->kind(), EncoderKind::Numeric);
  EXPECT_EQ(make_encoder(DataType::Decimal, SDType::Numerical)->kind(), EncoderKind::Numeric);
  EXPECT_EQ(make_encoder(DataType::Int64, SDType::Categorical)->kind(), EncoderKind::Categorical);
  EXPECT_EQ(make_encoder(DataType::Bool, SDType::Boolean)->kind(), EncoderKind::Categorical);
  EXPECT_EQ(make_encoder(DataType::String, SDType::Numerical)->kind(), EncoderKind::Categorical);
  EXPECT_EQ(make_encoder(DataType::String, SDType::Email)->kind(), EncoderKind::Categorical);
}

TEST(EncoderCategorical, SaveLoadRoundTripsBothKinds) {
  Rng rng(24);
  Column numbers("x", DataType::Float64);
  for (int i = 0; i < 3000; ++i) {
    if (i % 10 == 0) {
      numbers.append_null();
    } else {
      numbers.append_double(std::round(rng.normal() * 1000) / 100);
    }
  }
  const Column names = string_column(names_with_rare_tail(rng));
  for (const Column* column : std::vector<const Column*>{&numbers, &names}) {
    auto encoder =
        make_encoder(column->type(),
                     column->type() == DataType::Float64 ? SDType::Numerical : SDType::Categorical);
    encoder->fit(*column, EncoderOptions{});
    BinaryWriter w;
    save_encoder(*encoder, w);
    const std::string bytes = w.take();
    BinaryReader r(bytes);
    auto loaded = load_encoder(r);
    EXPECT_TRUE(r.at_end());
    EXPECT_EQ(loaded->kind(), encoder->kind());
    EXPECT_EQ(loaded->num_tokens(), encoder->num_tokens());
    EXPECT_EQ(loaded->null_token(), encoder->null_token());
    EXPECT_EQ(loaded->encode(*column), encoder->encode(*column));
    EXPECT_EQ(round_trip(*loaded, *column, 5), round_trip(*encoder, *column, 5));
    // Every truncation is a clean InputError.
    for (size_t cut = 0; cut < bytes.size(); cut += std::max<size_t>(1, bytes.size() / 300)) {
      const std::string part = bytes.substr(0, cut);
      BinaryReader pr(part);
      EXPECT_THROW(load_encoder(pr), InputError) << cut;
    }
  }
}

TEST(EncoderCategorical, DecodingIsDeterministicPerStream) {
  Rng rng(25);
  std::vector<double> values;
  for (int i = 0; i < 2000; ++i) values.push_back(rng.normal());
  const Column column = float_column(values);
  auto encoder = make_numeric_encoder();
  encoder->fit(column, EncoderOptions{});
  EXPECT_EQ(round_trip(*encoder, column, 77), round_trip(*encoder, column, 77));
  EXPECT_FALSE(round_trip(*encoder, column, 77) == round_trip(*encoder, column, 78));
}

}  // namespace
}  // namespace relsynth

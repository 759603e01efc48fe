#include "relsynth/types.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace relsynth {
namespace {

TEST(Temporal, CivilDaysRoundTrip) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  for (int64_t d = -800000; d <= 800000; d += 997) {
    int64_t y;
    unsigned m, day;
    civil_from_days(d, y, m, day);
    EXPECT_EQ(days_from_civil(y, m, day), d);
  }
}

TEST(Temporal, ParsesAndFormatsExactly) {
  const std::vector<std::pair<DataType, std::string>> cases = {
      {DataType::Date, "2024-02-29"},
      {DataType::DateTime, "1996-07-04 00:00:00.000"},
      {DataType::DateTime, "2013-01-01T05:00:00Z"},
      {DataType::Time, "23:59:58"},
  };
  const std::vector<std::string> formats = {"%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%3f",
                                            "%Y-%m-%dT%H:%M:%SZ", "%H:%M:%S"};
  for (size_t i = 0; i < cases.size(); ++i) {
    auto value = parse_temporal(cases[i].second, cases[i].first, formats[i]);
    ASSERT_TRUE(value) << cases[i].second;
    EXPECT_EQ(format_temporal(*value, cases[i].first, formats[i]), cases[i].second);
  }
  EXPECT_FALSE(parse_temporal("2023-02-29", DataType::Date, "%Y-%m-%d"));
  EXPECT_FALSE(parse_temporal("2023-13-01", DataType::Date, "%Y-%m-%d"));
  EXPECT_FALSE(parse_temporal("2023-01-01x", DataType::Date, "%Y-%m-%d"));
}

TEST(Temporal, NegativeDateTimes) {
  auto value = parse_temporal("1900-01-01 12:30:00", DataType::DateTime, "%Y-%m-%d %H:%M:%S");
  ASSERT_TRUE(value);
  EXPECT_LT(*value, 0);
  EXPECT_EQ(format_temporal(*value, DataType::DateTime, "%Y-%m-%d %H:%M:%S"),
            "1900-01-01 12:30:00");
}

TEST(Temporal, DetectsLosslessFormatsOnly) {
  std::vector<std::string> dates = {"2020-01-05", "", "2021-12-31"};
  auto found = detect_temporal_format(dates);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->type, DataType::Date);
  EXPECT_EQ(found->format, "%Y-%m-%d");

  std::vector<std::string> stamps = {"1996-07-04 00:00:00.000", "1998-05-06 13:10:00.000"};
  found = detect_temporal_format(stamps);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->type, DataType::DateTime);
  EXPECT_EQ(found->format, "%Y-%m-%d %H:%M:%S.%3f");

  std::vector<std::string> mixed = {"2020-01-05", "soon"};
  EXPECT_FALSE(detect_temporal_format(mixed));
  std::vector<std::string> unpadded = {"2020-1-5"};
  EXPECT_FALSE(detect_temporal_format(unpadded));
  std::vector<std::string> numbers = {"12", "13"};
  EXPECT_FALSE(detect_temporal_format(numbers));
}

}  // namespace
}  // namespace relsynth

// Settling an anchored link's books: under every anchor the driver's children counts and the
// link parents' dues come to agree, each move at the row whose count model finds it likeliest.
#include "synth/link_dues.h"

#include <gtest/gtest.h>

#include <cmath>

namespace relsynth {
namespace {

double sum_under(const std::vector<double>& counts, const std::vector<int64_t>& anchor_of,
                 int64_t anchor) {
  double sum = 0;
  for (size_t row = 0; row < counts.size(); ++row)
    if (anchor_of[row] == anchor) sum += counts[row];
  return sum;
}

TEST(LinkDues, EveryAnchorsTwoSidesAgreeAndOnlyLikelyRowsMove) {
  // Anchor 0: the driver makes 6 children, the link's parents are due 3. Anchor 1: 2 and 4.
  std::vector<double> driver = {3, 3, 1, 1};
  const std::vector<int64_t> driver_anchor = {0, 0, 1, 1};
  // Link rows 0 and 3 may change (odds 1); rows 1, 2 and 4 never (a hydrogen's single bond).
  std::vector<double> link = {1, 1, 1, 1, 1, 2};
  const std::vector<int64_t> link_anchor = {0, 0, 0, 1, 1, 1};
  auto flexible = [](size_t row, int64_t, int64_t) { return row == 0 || row == 3 ? 1.0 : 0.0; };
  DueSide driver_side{&driver, &driver_anchor, {}};  // the driver's counts stay
  DueSide link_side{&link, &link_anchor, flexible};
  settle_anchor_dues(driver_side, link_side, 7);
  EXPECT_EQ(sum_under(link, link_anchor, 0), sum_under(driver, driver_anchor, 0));
  EXPECT_EQ(link[0], 4);  // took all three units
  EXPECT_EQ(link[1], 1);
  EXPECT_EQ(link[2], 1);
  EXPECT_EQ(link[3], 0);  // gave the one it could; anchor 1 keeps a difference of 1
  EXPECT_EQ(link[4], 1);
  EXPECT_EQ(link[5], 2);
  EXPECT_EQ(driver, (std::vector<double>{3, 3, 1, 1}));
}

TEST(LinkDues, BothSidesMeetWhereTheirModelsFindItLikeliest) {
  // One anchor, driver 10 against link 2: moves go to whichever side's odds are higher.
  std::vector<double> driver = {5, 5};
  std::vector<double> link = {1, 1};
  const std::vector<int64_t> anchor = {0, 0};
  auto likely = [](size_t, int64_t, int64_t) { return 1.0; };
  auto unlikely = [](size_t, int64_t, int64_t) { return 1e-6; };
  DueSide driver_side{&driver, &anchor, likely};
  DueSide link_side{&link, &anchor, unlikely};
  settle_anchor_dues(driver_side, link_side, 3);
  EXPECT_EQ(driver[0] + driver[1], link[0] + link[1]);
  EXPECT_EQ(link[0] + link[1], 2);  // the driver side gave way
  // Never below zero.
  std::vector<double> few = {0, 1};
  std::vector<double> many = {5};
  const std::vector<int64_t> one = {0};
  DueSide few_side{&few, &anchor, likely};
  DueSide many_side{&many, &one, {}};
  settle_anchor_dues(few_side, many_side, 3);
  EXPECT_EQ(few[0] + few[1], 5);
  EXPECT_GE(few[0], 0);
}

TEST(LinkDues, TheSameKeyGivesTheSameMoves) {
  auto run = [](uint64_t key) {
    std::vector<double> driver = {9, 0, 0};
    std::vector<double> link(20, 1.0);
    const std::vector<int64_t> driver_anchor = {0, 1, 2};
    std::vector<int64_t> link_anchor(20, 0);
    auto odds = [](size_t, int64_t, int64_t) { return 0.5; };
    settle_anchor_dues({&driver, &driver_anchor, {}}, {&link, &link_anchor, odds}, key);
    return link;
  };
  EXPECT_EQ(run(5), run(5));
  EXPECT_NE(run(5), run(6));
  double sum = 0;
  for (double d : run(5)) sum += d;
  EXPECT_EQ(sum, 9);
}

}  // namespace
}  // namespace relsynth

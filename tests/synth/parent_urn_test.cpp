// ParentUrn: parents get the number of children they are due, of the kind and anchor asked.
#include "synth/parent_urn.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace relsynth {
namespace {

TEST(ParentUrn, EveryParentGetsExactlyTheChildrenItIsDue) {
  ParentUrn urn;
  std::vector<int> due;
  int total = 0;
  for (int row = 0; row < 500; ++row) {
    due.push_back(row % 7 == 0 ? 0 : (row * 37) % 5 + 1);
    total += due.back();
    urn.add(row, due.back(), ParentUrn::kAnyGroup, -1);
  }
  std::vector<int> got(due.size(), 0);
  for (int child = 0; child < total; ++child) {
    Rng rng(1, child);
    const int64_t p = urn.draw(ParentUrn::kAnyGroup, -1, rng);
    ASSERT_GE(p, 0);
    ++got[static_cast<size_t>(p)];
    urn.take(p);
  }
  EXPECT_EQ(got, due);  // drawn by weight instead, about a third of them would differ
  // Once all is given, another round of the same counts: never a parent due nothing.
  for (int child = 0; child < total; ++child) {
    Rng rng(2, child);
    const int64_t p = urn.draw(ParentUrn::kAnyGroup, -1, rng);
    EXPECT_NE(due[static_cast<size_t>(p)], 0);
    ++got[static_cast<size_t>(p)];
    urn.take(p);
  }
  for (size_t row = 0; row < due.size(); ++row) EXPECT_EQ(got[row], 2 * due[row]) << row;
}

TEST(ParentUrn, DrawsNarrowToTheKindAndTheAnchor) {
  // 4 anchors (molecules) x 2 kinds, 3 parents each, each due 2 children.
  ParentUrn urn;
  auto kind_of = [](int64_t row) { return static_cast<uint32_t>(row % 2); };
  auto anchor_of = [](int64_t row) { return row / 6; };
  for (int64_t row = 0; row < 24; ++row) urn.add(row, 2, kind_of(row), anchor_of(row));
  std::map<int64_t, int> got;
  for (int child = 0; child < 6; ++child) {  // exactly what anchor 2's kind 1 is due
    Rng rng(3, child);
    const int64_t p = urn.draw(1, 2, rng);
    EXPECT_EQ(kind_of(p), 1u);
    EXPECT_EQ(anchor_of(p), 2);
    ++got[p];
    urn.take(p);
  }
  EXPECT_EQ(got, (std::map<int64_t, int>{{13, 2}, {15, 2}, {17, 2}}));
  // Kind 1 of anchor 2 is due nothing more: the anchor's parents still due come first.
  Rng rng(4);
  const int64_t p = urn.draw(1, 2, rng);
  EXPECT_EQ(anchor_of(p), 2);
  EXPECT_EQ(kind_of(p), 0u);
  // An anchor without parents: any parent of the kind.
  Rng other(5);
  EXPECT_EQ(kind_of(urn.draw(0, 99, other)), 0u);
}

TEST(ParentUrn, TellsWhichKindsAreStillDue) {
  ParentUrn urn;
  urn.add(0, 1, 0, -1);
  urn.add(1, 1, 0, -1);
  urn.add(2, 3, 1, -1);
  EXPECT_TRUE(urn.has_due(0));
  urn.take(0);
  urn.take(1);
  EXPECT_FALSE(urn.has_due(0));  // a link row asking for kind 0 now asks its classifier again
  EXPECT_TRUE(urn.has_due(1));
  EXPECT_FALSE(urn.has_due(7));  // a kind without parents
}

TEST(ParentUrn, SameDrawsGiveTheSameParents) {
  auto run = [] {
    ParentUrn urn;
    for (int64_t row = 0; row < 50; ++row) urn.add(row, static_cast<double>(row % 4), 0, row % 3);
    std::vector<int64_t> out;
    for (int child = 0; child < 60; ++child) {
      Rng rng(6, child);
      out.push_back(urn.draw(0, child % 3, rng));
      urn.take(out.back());
    }
    return out;
  };
  EXPECT_EQ(run(), run());
}

}  // namespace
}  // namespace relsynth

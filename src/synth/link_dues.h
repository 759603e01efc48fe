// An anchored link's dues, settled with the children of each anchor. A link that keeps a shared
// ancestor (a bond's second atom is in the molecule of its first: find_anchor) draws its parents
// among the anchor's rows, each in proportion to the children it is still due, the count it drew
// with its own values. Every row drew its counts alone, so under one anchor the link's dues add
// up to more or fewer than the children the driver's counts make there, where in the source both
// are the same rows; the urn then handed out the difference by weight (hydrogens with two bonds
// or none). Settling moves counts one unit at a time until the two sides agree under every
// anchor, each move on either side at the row whose count model finds the changed count
// likeliest against its own (a carbon with one bond more, not a hydrogen).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace relsynth {

// How much likelier row `row`'s count is `to` than `from` (its count model's probability
// ratio; 0: never).
using DueOdds = std::function<double(size_t row, int64_t from, int64_t to)>;

// One side of the books: per row of its table a children count (whole numbers, changed in
// place) and the row's anchor (-1: none, left alone); `odds` empty: the counts stay.
struct DueSide {
  std::vector<double>* counts = nullptr;
  const std::vector<int64_t>* anchor_of = nullptr;
  DueOdds odds;
};

// Moves counts until, under every anchor, the driver side's counts (the children there) add
// up to the link side's (what the anchor's parents are due). Moves are drawn from streams keyed
// by (key, anchor), so the result depends on nothing else. Anchors where no move is possible
// keep their difference.
void settle_anchor_dues(const DueSide& driver, const DueSide& link, uint64_t key);

}  // namespace relsynth

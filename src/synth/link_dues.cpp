#include "synth/link_dues.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/random.h"
#include "synth/due_tree.h"

namespace relsynth {

namespace {

struct Member {
  const DueSide* side;
  size_t row;
  int64_t sign;  // +1 driver, -1 link: the anchor's balance is the sum of sign x count
};

}  // namespace

void settle_anchor_dues(const DueSide& driver, const DueSide& link, uint64_t key) {
  std::vector<std::vector<Member>> anchors;
  for (const DueSide* side : {&driver, &link}) {
    const int64_t sign = side == &driver ? 1 : -1;
    for (size_t row = 0; row < side->anchor_of->size() && row < side->counts->size(); ++row) {
      const int64_t a = (*side->anchor_of)[row];
      if (a < 0) continue;
      if (static_cast<size_t>(a) >= anchors.size()) anchors.resize(static_cast<size_t>(a) + 1);
      anchors[static_cast<size_t>(a)].push_back({side, row, sign});
    }
  }
  for (size_t a = 0; a < anchors.size(); ++a) {
    const std::vector<Member>& members = anchors[a];
    int64_t balance = 0;
    for (const Member& m : members) balance += m.sign * std::llround((*m.side->counts)[m.row]);
    if (balance == 0) continue;
    // Each move brings the balance one unit toward 0: a driver count down or a link count up
    // while the driver side has more, the other way round while it has less.
    const int64_t toward = balance > 0 ? -1 : 1;
    auto odds_of = [&](const Member& m) {
      if (!m.side->odds) return 0.0;
      const int64_t from = std::llround((*m.side->counts)[m.row]);
      const int64_t to = from + toward * m.sign;
      return to < 0 ? 0.0 : std::max(0.0, m.side->odds(m.row, from, to));
    };
    std::vector<double> weight(members.size());
    for (size_t i = 0; i < members.size(); ++i) weight[i] = odds_of(members[i]);
    DueTree tree;
    tree.assign(weight);
    Rng rng(key, a);
    while (balance != 0 && tree.total() > 1e-12) {
      const size_t i = tree.find(rng.uniform() * tree.total());
      if (!(weight[i] > 0)) {  // rounding in the tree: rebuild it from the weights
        double total = 0;
        for (double w : weight) total += w;
        if (!(total > 0)) break;
        tree.assign(weight);
        continue;
      }
      const Member& m = members[i];
      (*m.side->counts)[m.row] += static_cast<double>(toward * m.sign);
      balance += toward;
      const double next = odds_of(m);
      tree.add(i, next - weight[i]);
      weight[i] = next;
    }
  }
}

}  // namespace relsynth

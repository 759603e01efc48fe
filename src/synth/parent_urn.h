// The parents a link draws from. Each parent is due a number of children (its weight: the
// children count it was generated with); a draw picks in proportion to what a parent is still
// due and uses one unit, so the children per parent follow the generated counts instead of
// scattering around them. Parents are grouped by kind (the link model's group) and by anchor
// (a row the parent shares with the child, e.g. the same molecule); a draw narrows to the kind
// and the anchor it is asked for. A set whose parents have all had theirs starts a new round.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "core/random.h"
#include "synth/due_tree.h"

namespace relsynth {

class ParentUrn {
 public:
  static constexpr uint32_t kAnyGroup = UINT32_MAX;

  // Adds parent `row` (0-based, each once) with its weight, group and anchor (-1: none).
  void add(int64_t row, double weight, uint32_t group, int64_t anchor);
  // A parent of `group` (kAnyGroup: any) sharing `anchor` (-1: any), from the narrowest set
  // that has one: (anchor, group), the anchor's, the group's, every parent's (not with
  // `anchor_only` when anchor >= 0). -1 when empty.
  // Parents in `avoid` (a row's other keys to the same table that must differ) are drawn only
  // when a set holds nothing else.
  int64_t draw(uint32_t group, int64_t anchor, Rng& rng, bool anchor_only = false,
               std::span<const int64_t> avoid = {});
  // One more child given to `row`.
  void take(int64_t row);
  // Whether some parent of `group` sharing `anchor` (-1: any) is still due.
  bool has_due(uint32_t group, int64_t anchor = -1);

 private:
  // A set of parents: a Fenwick tree over what each is still due, and cumulative weights.
  struct Set {
    std::vector<int64_t> rows;
    DueTree due;  // over rows
    std::vector<double> cumulative;
    bool built = false;
  };
  using Key = std::pair<int64_t, uint32_t>;  // (anchor or -1, group or kAnyGroup)
  static constexpr size_t kNoSet = SIZE_MAX;

  Set* find(int64_t anchor, uint32_t group);
  void build(Set& set);
  int64_t draw_due(Set& set, Rng& rng);  // -1 when no parent of the set is due more
  // Parents due nothing, or weighing nothing; avoid_ (below) only when the set has no other.
  int64_t draw_weighted(Set& set, Rng& rng);
  int64_t draw_unavoided(uint32_t group, int64_t anchor, Rng& rng, bool anchor_only);
  bool refill(Set& set);  // each parent of the set due its weight once more; false if none
  void add_due(int64_t row, double delta);

  std::vector<double> weight_, due_;  // by row
  std::span<const int64_t> avoid_;    // during a draw: parents to draw only as a last resort
  std::map<Key, Set> sets_;           // node-based: members keep pointers
  // Each row's sets and its position in each (up to 4: all, group, anchor, anchor + group).
  std::vector<std::array<std::pair<Set*, size_t>, 4>> member_of_;
};

}  // namespace relsynth

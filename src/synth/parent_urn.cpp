#include "synth/parent_urn.h"

#include <algorithm>

namespace relsynth {

void ParentUrn::add(int64_t row, double weight, uint32_t group, int64_t anchor) {
  const size_t r = static_cast<size_t>(row);
  if (r >= weight_.size()) {
    weight_.resize(r + 1, 0.0);
    due_.resize(r + 1, 0.0);
    member_of_.resize(
        r + 1, {std::pair<Set*, size_t>{nullptr, 0}, {nullptr, 0}, {nullptr, 0}, {nullptr, 0}});
  }
  weight_[r] = due_[r] = std::max(0.0, weight);
  const Key keys[4] = {{-1, kAnyGroup}, {-1, group}, {anchor, kAnyGroup}, {anchor, group}};
  for (size_t i = 0; i < 4; ++i) {
    if ((i == 1 || i == 3) && group == kAnyGroup) continue;
    if (i >= 2 && anchor < 0) continue;
    Set& set = sets_[keys[i]];
    member_of_[r][i] = {&set, set.rows.size()};
    set.rows.push_back(row);
    set.built = false;
  }
}

ParentUrn::Set* ParentUrn::find(int64_t anchor, uint32_t group) {
  auto it = sets_.find({anchor, group});
  return it == sets_.end() || it->second.rows.empty() ? nullptr : &it->second;
}

void ParentUrn::build(Set& set) {
  const size_t n = set.rows.size();
  std::vector<double> due(n);
  set.cumulative.assign(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const size_t r = static_cast<size_t>(set.rows[i]);
    set.cumulative[i] = (i ? set.cumulative[i - 1] : 0.0) + weight_[r];
    due[i] = due_[r];
  }
  set.due.assign(due);
  set.built = true;
}

int64_t ParentUrn::draw_due(Set& set, Rng& rng) {
  if (!set.built) build(set);
  const size_t n = set.rows.size();
  if (set.due.total() > 0.5) {
    const size_t at = set.due.find(rng.uniform() * set.due.total());
    // Rounding can land on a parent due nothing: take the nearest one still due.
    for (size_t i = at, tries = 0; tries < n; ++tries, i = (i + 1) % n)
      if (due_[static_cast<size_t>(set.rows[i])] > 0) return set.rows[i];
  }
  return -1;
}

int64_t ParentUrn::draw_weighted(Set& set, Rng& rng) {
  if (!set.built) build(set);
  const size_t n = set.rows.size();
  const double total = set.cumulative.back();
  size_t at = 0;
  if (total <= 0) {
    at = rng.uniform_int(n);
  } else {
    const double u = rng.uniform() * total;
    at = std::min<size_t>(
        std::upper_bound(set.cumulative.begin(), set.cumulative.end(), u) - set.cumulative.begin(),
        n - 1);
  }
  // An avoided parent passes to the next one that is not, one that weighs when any does.
  int64_t fallback = set.rows[at];
  bool found = false;
  for (size_t tries = 0; tries < n; ++tries, at = (at + 1) % n) {
    const int64_t row = set.rows[at];
    if (std::find(avoid_.begin(), avoid_.end(), row) != avoid_.end()) continue;
    if (total <= 0 || weight_[static_cast<size_t>(row)] > 0) return row;
    if (!found) fallback = row, found = true;
  }
  return fallback;
}

int64_t ParentUrn::draw(uint32_t group, int64_t anchor, Rng& rng, bool anchor_only,
                        std::span<const int64_t> avoid) {
  if (avoid.empty()) return draw_unavoided(group, anchor, rng, anchor_only);
  // Avoided parents are due nothing for the draw, and their dues come back after it.
  std::vector<std::pair<size_t, double>> held;
  for (const int64_t row : avoid) {
    const size_t r = static_cast<size_t>(row);
    if (row < 0 || r >= due_.size() || due_[r] <= 0) continue;
    held.emplace_back(r, due_[r]);
    add_due(row, -due_[r]);
  }
  avoid_ = avoid;
  const int64_t p = draw_unavoided(group, anchor, rng, anchor_only);
  avoid_ = {};
  for (const auto& [r, due] : held) add_due(static_cast<int64_t>(r), due);
  return p;
}

int64_t ParentUrn::draw_unavoided(uint32_t group, int64_t anchor, Rng& rng, bool anchor_only) {
  for (const int64_t scope : {anchor, int64_t{-1}}) {
    if (scope < 0 && anchor >= 0 && anchor_only) break;
    Set* kind = group != kAnyGroup ? find(scope, group) : nullptr;
    Set* any = find(scope, kAnyGroup);
    if (!any) {
      if (scope < 0) break;
      continue;
    }
    // What a parent is due first, then by weight. Among an anchor's few parents the kind
    // gives way to what is due (every atom of a molecule gets its bonds); across all parents
    // the kind comes first (a big group due less than asked still takes the kind asked).
    if (kind)
      if (const int64_t p = draw_due(*kind, rng); p >= 0) return p;
    if (scope >= 0 || !kind)
      if (const int64_t p = draw_due(*any, rng); p >= 0) return p;
    // Everyone asked for has had their children: another round of the same counts.
    Set& set = kind ? *kind : *any;
    if (refill(set))
      if (const int64_t p = draw_due(set, rng); p >= 0) return p;
    const int64_t p = draw_weighted(set, rng);
    // A kind holding only parents to avoid gives way to the others of the scope.
    if (kind && std::find(avoid_.begin(), avoid_.end(), p) != avoid_.end())
      return draw_weighted(*any, rng);
    return p;
  }
  return -1;
}

bool ParentUrn::refill(Set& set) {
  bool any = false;
  for (int64_t row : set.rows) {
    const double weight = weight_[static_cast<size_t>(row)];
    if (std::find(avoid_.begin(), avoid_.end(), row) != avoid_.end()) continue;
    if (weight > 0) add_due(row, weight), any = true;
  }
  return any;
}

bool ParentUrn::has_due(uint32_t group, int64_t anchor) {
  Set* set = find(anchor, group);
  if (!set) return false;
  if (!set->built) build(*set);
  return set->due.total() > 0.5;
}

void ParentUrn::take(int64_t row) {
  const size_t r = static_cast<size_t>(row);
  if (r < due_.size() && due_[r] > 0) add_due(row, -std::min(1.0, due_[r]));
}

void ParentUrn::add_due(int64_t row, double delta) {
  const size_t r = static_cast<size_t>(row);
  due_[r] += delta;
  for (const auto& [set, position] : member_of_[r])
    if (set && set->built) set->due.add(position, delta);
}

}  // namespace relsynth

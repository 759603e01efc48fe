// What each position is still due, in a Fenwick tree: the total of a prefix and the position
// where a running total first passes a value, both in log time, so draws in proportion to
// what is due stay fast over many parents. Shared by ParentUrn (a link's parents) and
// self-references (the rows before a row).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace relsynth {

class DueTree {
 public:
  // Positions 0 .. values.size() - 1 due `values`, built in linear time.
  void assign(const std::vector<double>& values) {
    tree_.assign(values.size() + 1, 0.0);
    total_ = 0;
    for (size_t i = 0; i < values.size(); ++i) {
      total_ += values[i];
      tree_[i + 1] += values[i];
      const size_t parent = (i + 1) + ((i + 1) & (~(i + 1) + 1));
      if (parent < tree_.size()) tree_[parent] += tree_[i + 1];
    }
  }
  size_t size() const { return tree_.empty() ? 0 : tree_.size() - 1; }
  void add(size_t at, double delta) {
    total_ += delta;
    for (size_t i = at + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] += delta;
  }
  double total() const { return total_; }
  // The sum over positions [0, n).
  double total(size_t n) const {
    double sum = 0;
    for (size_t i = n; i > 0; i -= i & (~i + 1)) sum += tree_[i];
    return sum;
  }
  // The first position whose running total exceeds u (u below the total).
  size_t find(double u) const {
    size_t at = 0, step = 1;
    while (step * 2 < tree_.size()) step *= 2;
    for (; step > 0; step /= 2)
      if (at + step < tree_.size() && tree_[at + step] <= u) at += step, u -= tree_[at];
    return std::min(at, size() - 1);
  }

 private:
  std::vector<double> tree_;
  double total_ = 0;
};

}  // namespace relsynth

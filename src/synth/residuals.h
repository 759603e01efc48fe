// Numbers that follow another number of their row along a straight line (a flight's air time
// and its distance, an arrival delay and the departure delay, a dew point and the
// temperature). Drawn from their own bins, the pair keeps its correlation only as far as the
// bins resolve it: values inside a bin are drawn independently, and a Pearson correlation
// lives mostly in the tails, where the bins are widest. Such a column is encoded instead as
// its residual from the line through the other column (find_residuals) and decoded as the
// line at that column's generated value plus a drawn residual.
#pragma once

#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth {

struct ResidualChoice {
  int column = -1;  // the column encoded as a residual
  int from = -1;    // the column of the line (-1: no residual)
  double slope = 0, intercept = 0;
  double step = 0;  // the column's values are whole multiples of this (0: any value)
};

// Pairs of numeric columns of `table` (both accepted by `candidate`) where a line through one
// explains at least three quarters of the other's variance without widening the middle of its
// distribution, and the line's column has a value on at least 95% of the rows the other has
// one; tightest first, a column in one pair at most.
std::vector<ResidualChoice> find_residuals(const Table& table, const std::vector<bool>& candidate);

// The line at `from`, the line's column's value (NaN for NULL, which counts as 0): a value of
// the column minus this is its residual.
double line_at(const ResidualChoice& choice, double from);

// The value of `choice`'s column for `from` and a residual, on its grid.
double residual_value(const ResidualChoice& choice, double from, double residual);

}  // namespace relsynth

#include "synth/residuals.h"

#include <algorithm>
#include <cmath>

namespace relsynth {

namespace {

// Explained share of the variance needed (the residual's spread is at most half the column's).
constexpr double kMinExplained = 0.75;
constexpr size_t kMinRows = 50;

bool numeric(const Column& column) {
  return column.type() == DataType::Int64 || column.type() == DataType::Float64;
}

// The spread between the 10th and the 90th percentile.
double spread(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() * 9 / 10] - values[values.size() / 10];
}

// 1 when every value is a whole number (integer columns, whole REALs), else 0.
double grid_step(const Column& column) {
  if (column.type() == DataType::Int64) return 1;
  for (size_t row = 0; row < column.size(); ++row)
    if (!column.is_null(row) && column.double_at(row) != std::floor(column.double_at(row)))
      return 0;
  return 1;
}

}  // namespace

double line_at(const ResidualChoice& choice, double from) {
  return choice.slope * (std::isnan(from) ? 0.0 : from) + choice.intercept;
}

double residual_value(const ResidualChoice& choice, double from, double residual) {
  const double value = line_at(choice, from) + residual;
  return choice.step > 0 ? std::round(value / choice.step) * choice.step : value;
}

std::vector<ResidualChoice> find_residuals(const Table& table, const std::vector<bool>& candidate) {
  struct Scored {
    double unexplained;
    ResidualChoice choice;
  };
  std::vector<Scored> scored;
  const size_t columns = table.num_columns();
  for (size_t c = 0; c < columns; ++c) {
    const Column& target = table.column(c);
    if (!candidate[c] || !numeric(target)) continue;
    for (size_t a = 0; a < columns; ++a) {
      const Column& source = table.column(a);
      if (a == c || !candidate[a] || !numeric(source)) continue;
      // The line's column must have a value on nearly every row the column has one (the
      // others count it as 0: the line's intercept).
      double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
      size_t present = 0, missing = 0;
      bool finite = true;
      for (size_t row = 0; row < target.size() && finite; ++row) {
        if (target.is_null(row)) continue;
        ++present;
        if (source.is_null(row)) {
          ++missing;
          continue;
        }
        const double x = source.number_at(row), y = target.number_at(row);
        finite = std::isfinite(x) && std::isfinite(y);
        n += 1, sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
      }
      if (!finite || n < kMinRows || missing * 20 > present) continue;
      const double vx = sxx - sx * sx / n, vy = syy - sy * sy / n, cxy = sxy - sx * sy / n;
      if (vx <= 0 || vy <= 0) continue;
      const double explained = cxy * cxy / (vx * vy);
      if (!(explained >= kMinExplained)) continue;
      ResidualChoice choice;
      choice.column = static_cast<int>(c);
      choice.from = static_cast<int>(a);
      choice.slope = cxy / vx;
      choice.intercept = (sy - choice.slope * sx) / n;
      // Outliers can make a line look good: the bulk of the residuals must be no wider than
      // the bulk of the column.
      std::vector<double> values, residuals;
      for (size_t row = 0; row < target.size(); ++row) {
        if (target.is_null(row) || source.is_null(row)) continue;
        values.push_back(target.number_at(row));
        residuals.push_back(values.back() - line_at(choice, source.number_at(row)));
      }
      const double own = spread(values);
      if (own <= 0 || spread(residuals) > own) continue;
      choice.step = grid_step(target);
      // Of two directions that explain as much, the one whose line's column is never missing.
      scored.push_back(
          {1 - explained + static_cast<double>(missing) / static_cast<double>(present), choice});
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& x, const Scored& y) { return x.unexplained < y.unexplained; });
  std::vector<ResidualChoice> chosen;
  std::vector<bool> used(columns, false);
  for (const Scored& s : scored) {
    if (used[s.choice.column] || used[s.choice.from]) continue;
    used[s.choice.column] = used[s.choice.from] = true;
    chosen.push_back(s.choice);
  }
  return chosen;
}

}  // namespace relsynth

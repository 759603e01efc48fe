// Row counts against the scale: every table should hold about scale x its real rows. A table far
// off (a child of a few parents that ran away, a table that came out empty) is flagged, because
// every other figure of that table is then measured on the wrong population.
#include <algorithm>
#include <cmath>
#include <vector>

#include "relsynth/error.h"
#include "report/format.h"
#include "report/report_internal.h"

namespace relsynth::report_detail {

namespace {

// The scale a run used: `--scale` sets the row count of root tables (no foreign key), so the
// ratio of the biggest root table is it (a small reference table is copied whole at any
// scale). Without a root table with rows, the biggest table's ratio.
double estimated_scale(const std::vector<TablePair>& tables) {
  const TablePair* biggest = nullptr;
  for (bool roots : {true, false})
    for (const TablePair& t : tables)
      if ((!roots || t.meta->foreign_keys.empty()) && t.real->num_rows() > 0 && !biggest &&
          std::none_of(tables.begin(), tables.end(), [&](const TablePair& other) {
            return (!roots || other.meta->foreign_keys.empty()) &&
                   other.real->num_rows() > t.real->num_rows();
          }))
        biggest = &t;
  if (!biggest) return 1.0;
  return static_cast<double>(biggest->synthetic->num_rows()) /
         static_cast<double>(biggest->real->num_rows());
}

}  // namespace

void row_count_band(const std::vector<TablePair>& tables, const ReportOptions& options,
                    Report& report) {
  const double scale = options.scale > 0 ? options.scale : estimated_scale(tables);
  report.summary.scale = scale;
  for (TableReport& t : report.tables) {
    const double expected = scale * static_cast<double>(t.real_rows);
    t.expected_rows = expected;
    // 10% either way, at least 3 rows for tiny tables. A table kept whole (reference data,
    // --preserve) is not scaled and is in its band too.
    const double slack = std::max(3.0, 0.1 * expected);
    t.rows_in_band = std::abs(static_cast<double>(t.synthetic_rows) - expected) <= slack ||
                     t.synthetic_rows == t.real_rows;
    if (t.rows_in_band) continue;
    ++report.summary.tables_outside_band;
    report.notes.push_back(quote_name(t.name) + " has " + std::to_string(t.synthetic_rows) +
                           " synthetic rows where scale " + format_fixed(scale, 2, "-") +
                           " expects about " + std::to_string(std::llround(expected)) +
                           " (\xC2\xB1" + "10%)");
  }
}

}  // namespace relsynth::report_detail

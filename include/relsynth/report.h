// The quality, integrity and privacy report: how close a synthetic database is to the real one,
// and how safe it is. Scores follow SDMetrics' definitions where SDMetrics has the same metric
// (KSComplement, TVComplement, CorrelationSimilarity, ContingencySimilarity,
// CardinalityShapeSimilarity), so figures compare; every score is in [0, 1], 1 = identical.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth {

struct ReportOptions {
  uint64_t seed = 7;
  // Pair trends, inter-table trends and exact copies run on at most this many rows per table
  // (a uniform sample with `seed`); column shapes and cardinality always use every row.
  size_t max_rows = 50000;
  // At most this many column pairs per table (and per relationship for inter-table trends);
  // a fixed-seed subset of the pairs beyond it.
  size_t max_pairs = 400;
  // Continuous columns are cut into this many equal-width bins when paired with a discrete
  // column, each side on its own range (as SDMetrics' ColumnPairTrends does).
  int num_bins = 10;
  // Detection: a tree classifier tells real rows from synthetic rows, k-fold.
  bool detection = true;
  size_t detection_rows = 10000;  // per side and table
  int detection_folds = 3;
  int aggregation_detection_folds = 5;  // SyntheRela's figure uses 5
  int top_features = 5;
  // Privacy: exact copies and distance to closest record (DCR).
  bool privacy = true;
  size_t dcr_synthetic_rows = 2000;  // synthetic (and baseline) rows whose DCR is measured
  size_t dcr_real_rows = 20000;      // real rows searched for the closest record
  // The scale the synthetic database was generated at: each table should hold about scale x
  // its real rows. 0: the synthetic/real ratio of the biggest table without a foreign key.
  double scale = 0;
};

// The distribution plotted for a column, real against synthetic: shares of the non-NULL values
// (each side's shares, with its outside or "other" share, sum to 1; NULLs are in the
// ColumnShape's null shares). Nothing in it reveals a rare real value: histogram edges sit at
// the real data's 1st and 99th percentiles (at least the 5th value from either end; the
// minimum or maximum itself when the real data holds it 5 times or more), and a category is
// named only when the real data holds it at least 5 times.
struct ColumnDistribution {
  std::string kind;  // "histogram", "categories", or empty when the real side has no value
  // Histogram: bins over [edges.front(), edges.back()] (in the column's units: days for dates,
  // microseconds for datetimes and times); integer columns get bins of whole numbers.
  std::vector<double> edges;
  std::vector<std::string> edge_labels;   // each edge as display text (integers: bin starts)
  double real_below = 0, real_above = 0;  // shares outside the edges (open-ended edge bins)
  double synthetic_below = 0, synthetic_above = 0;
  // Categories: the most frequent real values (at most 12, each seen >= 5 times in the real
  // data), most frequent first; everything else is "other".
  std::vector<std::string> labels;
  double real_other = 0, synthetic_other = 0;
  int64_t other_values = 0;             // distinct values (either side) folded into "other"
  std::vector<double> real, synthetic;  // a share per bin or per label
};

// One column's shape: KSComplement for numerical/datetime, TVComplement for
// categorical/boolean, NULLs left out as SDMetrics does; the NULL share is compared apart.
struct ColumnShape {
  std::string column;
  std::string metric;  // "KSComplement" or "TVComplement"
  double score = 0;    // NaN when a side has no non-NULL value
  double real_null_share = 0;
  double synthetic_null_share = 0;
  double null_similarity = 1;  // 1 - |real_null_share - synthetic_null_share|
  ColumnDistribution distribution;
};

// One pair's trend. Inter-table pairs: column1 is the parent's column, column2 the child's.
struct PairTrend {
  std::string column1, column2;
  std::string metric;  // "CorrelationSimilarity" or "ContingencySimilarity"
  double score = 0;
  std::optional<double> real_correlation, synthetic_correlation;  // Pearson pairs only
  // Contingency pairs: the strength of the association on each side (Cramér's V, 0-1).
  std::optional<double> real_cramers_v, synthetic_cramers_v;
};

struct ConstraintViolation {
  std::string kind;  // "primary_key_null", "primary_key_duplicate", "not_null", "unique"
  std::vector<std::string> columns;
  int64_t rows = 0;       // synthetic rows breaking it (duplicates: rows beyond the first)
  int64_t real_rows = 0;  // the same count on the real data, for context
};

struct DetectionResult {
  bool computed = false;
  std::string skipped_reason;
  double auc = 0.5;  // ROC AUC on held-out folds, mean over folds; 0.5 = indistinguishable
  size_t rows_per_side = 0;
  int folds = 0;
  std::vector<std::string> features;  // "column", "parent.column", "#child_table"
  // Top features by permutation importance (held-out AUC lost when the feature is
  // shuffled), highest first.
  std::vector<std::pair<std::string, double>> top_features;
  // Set when the rows hang off so few parent rows that the AUC is noise: siblings share a
  // fold, so each fold tests parents the forest never saw (weather under 3 airports per side
  // reads anywhere from 0 to 1).
  std::string caveat;
};

// SyntheRela's aggregation detection (C2ST-Agg, the "DDA" the research benchmark reports): a
// classifier tells real rows from synthetic ones on the table's own columns plus, per child
// table (per foreign key into this table), the row's number of children, the mean of each
// numerical child column and the number of distinct values of each categorical one. The score
// is the k-fold accuracy (0.5 = indistinguishable, 1 = always told apart); the database's
// figure is the maximum over tables. Computed for tables with children only.
struct AggregationDetectionResult {
  bool computed = false;
  std::string skipped_reason;
  double accuracy = 0.5;  // held-out rows classified right, pooled over folds
  size_t rows_per_side = 0;
  int folds = 0;
  // "column", "#child", "mean(child.column)", "distinct(child.column)"; a child table reached
  // by several foreign keys names the key: "#child(fk)", "mean(child(fk).column)"
  std::vector<std::string> features;
  // Top features by permutation importance (held-out accuracy lost when the feature is
  // shuffled), highest first.
  std::vector<std::pair<std::string, double>> top_features;
};

struct PrivacyResult {
  bool computed = false;
  size_t compared_columns = 0;  // non-key columns the row comparison uses
  int64_t synthetic_rows = 0;
  int64_t exact_copies = 0;        // synthetic rows equal to some real row on those columns
  double exact_copy_share = 0;     // exact_copies / synthetic rows (on the sample)
  double expected_copy_share = 0;  // same rate between two halves of the real data
  // Every synthetic row is a real one on every column, keys included, and the sizes match: a
  // table kept as it is (a small reference table, or --preserve), whose copies are by design.
  bool copied = false;
  // Distance to closest record: Gower distance in [0, 1] over the compared columns.
  double dcr_median = 0;                       // synthetic -> real
  double dcr_baseline_median = 0;              // real half -> other real half
  double dcr_zero_share = 0;                   // synthetic rows at distance 0
  std::vector<double> dcr_histogram;           // 20 bins over [0, 1], shares
  std::vector<double> dcr_baseline_histogram;  // same bins
  // With a holdout (real rows kept out of training, `train --holdout`): the share of synthetic
  // rows closer to the training rows than to the holdout rows, both sampled to one size (ties
  // count half; 0.5 = no sign of memorising, near 1 = copies of training rows), and the 5th
  // percentile DCR to the training rows of synthetic rows and of holdout rows.
  bool holdout = false;
  int64_t holdout_rows = 0;     // real rows found in the holdout
  size_t holdout_compared = 0;  // rows of each side the share compares
  double dcr_share = std::nan("");
  double dcr_p5 = std::nan("");          // synthetic -> training
  double dcr_holdout_p5 = std::nan("");  // holdout -> training
};

// An exact rule of the table (rules.h) checked on both databases.
struct RuleResult {
  std::string rule;  // describe(rule)
  std::string kind;
  std::string origin;
  bool enabled = true;
  int64_t real_checked = 0, real_violations = 0;
  int64_t synthetic_checked = 0, synthetic_violations = 0;
};

// One column's lag-1 autocorrelation along the sequences: Pearson r over the pairs of
// consecutive siblings (x_i, x_i+1) where both values are present.
struct SequenceColumn {
  std::string column;
  double real = std::nan("");       // r on the real data; NaN when undefined
  double synthetic = std::nan("");  // r on the synthetic data
  int64_t real_pairs = 0, synthetic_pairs = 0;
  // 1 - |real - synthetic| / 2 (CorrelationSimilarity's form); NaN when a side has fewer than
  // 10 pairs or its r is undefined (a constant column).
  double score = std::nan("");
};

// Sequence trends of a sequential table (TableMeta::kind): do the rows of one parent still form
// a series? Rows are grouped by a foreign key (the non-self one whose groups the real sequence
// key tells apart best; none: the whole table is one sequence) and ordered by the sequence key;
// rows with a NULL key or foreign key are left out.
struct SequenceResult {
  bool computed = false;
  std::string key;                       // the sequence key column
  std::string parent_table;              // empty when the table is one sequence
  std::vector<std::string> foreign_key;  // the grouping foreign key's columns
  std::string gap_unit;                  // "days", "microseconds" or empty (plain numbers)
  int64_t real_sequences = 0, synthetic_sequences = 0;  // groups with at least one row
  int64_t real_gaps = 0, synthetic_gaps = 0;
  double real_gap_median = std::nan(""), synthetic_gap_median = std::nan("");
  // 1 - KS of the gaps between consecutive siblings' keys (key[i+1] - key[i]); NaN when the real
  // data has no gap or the synthetic data no row, 0 when the synthetic rows have no gap.
  double gap_score = std::nan("");
  std::vector<SequenceColumn> columns;  // non-key numerical columns
  double score = std::nan("");          // mean of gap_score and the column scores
};

struct TableReport {
  std::string name;
  int64_t real_rows = 0;
  int64_t synthetic_rows = 0;
  bool sampled = false;  // pair trends / privacy ran on a sample
  std::vector<ColumnShape> column_shapes;
  double column_shapes_score = 0;  // mean over columns with a score; NaN when none
  std::vector<PairTrend> pair_trends;
  size_t pairs_total = 0;  // pairs eligible; pair_trends holds the computed ones
  double pair_trends_score = 0;
  std::vector<ConstraintViolation> violations;
  std::vector<RuleResult> rules;
  DetectionResult detection;
  AggregationDetectionResult aggregation_detection;
  PrivacyResult privacy;
  SequenceResult sequence;   // computed for sequential tables only
  double expected_rows = 0;  // scale x real rows
  bool rows_in_band = true;  // within 10% (3 rows) of expected_rows, or kept whole
};

struct RelationshipReport {
  std::string child_table;
  std::vector<std::string> child_columns;
  std::string parent_table;
  std::vector<std::string> parent_columns;
  // Child rows whose key columns are all non-NULL but match no parent row (the semantics of
  // count_orphans in inference.h).
  int64_t orphan_rows = 0;
  int64_t orphan_distinct_keys = 0;
  int64_t real_orphan_rows = 0;  // for context: a real database may have orphans too
  double cardinality_score = 0;  // 1 - KS of children-per-parent counts (zeros included)
  double real_children_mean = 0, synthetic_children_mean = 0;
  int64_t real_children_max = 0, synthetic_children_max = 0;
  // Children-per-parent counts plotted real vs synthetic (a histogram; null shares are 0).
  ColumnDistribution children_distribution;
  std::vector<PairTrend> intertable_trends;
  size_t intertable_pairs_total = 0;
  double intertable_score = 0;  // NaN when no pair
};

struct ReportSummary {
  // Means over the database (NaN when nothing to measure; JSON null).
  double column_shapes = 0;
  double column_pair_trends = 0;
  double cardinality_shapes = 0;
  double intertable_trends = 0;
  // Mean of the sequential tables' sequence scores; reported apart, not part of any other figure.
  double sequence_trends = 0;
  double detection_auc_max = 0;  // over tables, each AUC below 0.5 counted as 0.5
  double detection_auc_mean = 0;
  // SyntheRela's DDA: the highest aggregation detection accuracy over tables (NaN: no table
  // with children was measured).
  double aggregation_detection_max = 0;
  std::string aggregation_detection_table;  // the table of the maximum (empty: none)
  int64_t integrity_violations = 0;         // orphan rows + constraint-breaking rows
  int64_t rules_checked = 0;                // enabled exact rules
  int64_t rule_violations = 0;              // synthetic rows breaking them, summed over rules
  int64_t exact_copies = 0;
  std::optional<double> dcr_share;  // mean over the tables measured; unset without a holdout
  double scale = 1;                 // as given, or estimated (ReportOptions::scale)
  int64_t tables_outside_band = 0;  // tables whose row count is off the scale by over 10%
};

struct Report {
  ReportSummary summary;
  std::vector<TableReport> tables;
  std::vector<RelationshipReport> relationships;
  std::vector<std::string> notes;  // sampling and skipped parts
  ReportOptions options;
};

// Compares `synthetic` with `real`, both holding the tables of `metadata` (a table missing from
// `synthetic` is reported with 0 rows). Throws InputError when `real` lacks a table or column.
// `holdout`, when given, holds real rows that training never saw (all of them also in `real`,
// matched on every column): privacy then measures dcr_share.
Report evaluate(const Metadata& metadata, const Database& real, const Database& synthetic,
                const ReportOptions& options = {}, const Database* holdout = nullptr);

// The report as JSON: a `summary` object first, then `tables`, `relationships`, `notes`.
std::string to_json(const Report& report, int indent = 2);

// The report as one self-contained HTML page (inline CSS and SVG, no external reference);
// `metadata` draws the table graph, `subtitle` (escaped) names what was compared.
std::string to_html(const Report& report, const Metadata& metadata,
                    const std::string& subtitle = {});

}  // namespace relsynth

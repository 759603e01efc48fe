// The report's parts, each in its own file; report.cpp runs them in order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/report.h"
#include "relsynth/table.h"
#include "report/stats.h"

namespace relsynth::report_detail {

// One table on both sides. `synthetic` is an empty table with the real columns when the
// synthetic database lacks it.
struct TablePair {
  const TableMeta* meta = nullptr;
  const Table* real = nullptr;
  const Table* synthetic = nullptr;
};

// One foreign key resolved on both sides: the parent row of every child row (-1 orphan,
// -2 NULL key) and the number of children of every parent row.
struct Link {
  size_t child = 0, parent = 0;  // indexes into the TablePair list
  const ForeignKey* foreign_key = nullptr;
  std::vector<int64_t> real_parent_of, synthetic_parent_of;
  std::vector<uint32_t> real_children, synthetic_children;
};

// Key columns of a table: its primary key and every foreign-key column.
std::vector<bool> key_columns(const TableMeta& meta, const Table& table);

// integrity.cpp
std::vector<ConstraintViolation> constraint_violations(const TableMeta& meta, const Table& real,
                                                       const Table& synthetic);
// Resolves the link and fills orphans and the cardinality shape of `out`.
Link resolve_link(const std::vector<TablePair>& tables, size_t child, size_t parent,
                  const ForeignKey& foreign_key, RelationshipReport& out);

// fidelity.cpp
void column_shapes(const TablePair& table, TableReport& out);
void pair_trends(const TablePair& table, const ReportOptions& options, uint64_t stream,
                 TableReport& out);
void intertable_trends(const std::vector<TablePair>& tables, const Link& link,
                       const ReportOptions& options, uint64_t stream, RelationshipReport& out);

// sequence.cpp: sequence trends of a sequential table (SequenceResult); leaves `out.sequence`
// uncomputed for a tabular table, and adds a note when a sequential one cannot be measured.
void sequence_trends(const TablePair& table, TableReport& out, std::vector<std::string>& notes);

// detection.cpp: `links` holds every resolved foreign key.
DetectionResult detect(const std::vector<TablePair>& tables, size_t table,
                       const std::vector<Link>& links, const ReportOptions& options,
                       uint64_t stream);

// row_counts.cpp: each table's expected rows (the scale given, or the biggest root table's
// ratio) and whether it is in the band; a note for each table outside it.
void row_count_band(const std::vector<TablePair>& tables, const ReportOptions& options,
                    Report& report);

// SyntheRela's aggregation detection of a table with children (AggregationDetectionResult).
AggregationDetectionResult detect_aggregation(const std::vector<TablePair>& tables, size_t table,
                                              const std::vector<Link>& links,
                                              const ReportOptions& options, uint64_t stream);

// privacy.cpp
// `held_out` (empty: no holdout) marks the real rows kept out of training.
PrivacyResult privacy(const TablePair& table, const ReportOptions& options, uint64_t stream,
                      const std::vector<bool>& held_out);

}  // namespace relsynth::report_detail

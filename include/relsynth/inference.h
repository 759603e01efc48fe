// Metadata inference: from a source's declared schema plus its data, what each column means
// and how the tables are linked, each fact with its reason.
#pragma once

#include <string>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/rules.h"
#include "relsynth/table.h"

namespace relsynth {

struct InferOptions {
  // Foreign keys of plain files are accepted when at least this share of the child's
  // non-NULL values is found in the parent key.
  double min_containment = 0.95;
  // Exact rules in the rows (rules.h): found by default.
  bool discover_rules = true;
  RuleDiscoveryOptions rules;
};

struct Inspection {
  Metadata metadata;
  std::vector<std::string> warnings;  // orphans, unreachable tables, odd data
};

// `declared` comes from Source::describe(); `data` holds the rows of each of its tables.
Inspection infer_metadata(const Metadata& declared, const Database& data,
                          const InferOptions& options = {});

// Child rows whose foreign-key columns are all non-NULL but match no parent row.
struct OrphanCount {
  int64_t rows = 0;
  int64_t distinct_keys = 0;
  // The commonest missing keys as text ("SJU", "(EWR, 2013, 1, 1, 5)"), with their rows.
  std::vector<std::pair<std::string, int64_t>> examples;
  // "7,602 rows reference 4 keys that airports lacks (SJU 5,819 rows, BQN 896, STT 522, PSE 365)"
  std::string describe(const std::string& parent_table) const;
};
OrphanCount count_orphans(const Database& data, const std::string& child_table,
                          const ForeignKey& foreign_key);

}  // namespace relsynth

// A synthesis plan: the whole of a synthesis in one reviewable file (docs/PLANS.md). The source,
// the metadata (tables and columns in or out, keys, sdtypes, rules, each table's and column's
// treatment), the settings, the size and the destination. Written by `relsynth plan` as
// commented YAML; read from YAML or JSON; checked by validate_plan before anything runs.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/settings.h"

namespace relsynth {

inline constexpr int kPlanVersion = 1;

struct Plan {
  int version = kPlanVersion;
  std::string name;
  std::string source;  // a URI or path, never with a password (see docs/PLANS.md)
  RunSettings settings;
  Metadata metadata;
  std::map<std::string, int64_t> rows;   // exact row counts of root tables (else source x scale)
  std::map<std::string, double> ratios;  // or root tables' sizes relative to their source rows
  std::string destination;
  bool overwrite = false;                // replace what relsynth wrote there before
  std::string report_html, report_json;  // empty: no such report file
};

// A problem found in a plan: `where` names the part ("table \"orders\", column \"email\"",
// "setting training.trees"), `message` what is wrong and how to fix it.
struct PlanIssue {
  enum class Severity { Error, Warning };
  Severity severity = Severity::Error;
  std::string where;
  std::string message;
  std::string text() const;  // "where: message"
};

// The plan of a source as described and inferred: every table synthesized, every column
// treated by its sdtype, default settings, the destination left to fill in.
Plan default_plan(const std::string& source, const Metadata& metadata);

// Commented YAML (`relsynth plan`) and plain JSON; both read back by read_plan.
std::string plan_to_yaml(const Plan& plan);
std::string plan_to_json(const Plan& plan);

// Reads a plan from YAML or JSON text. Syntax errors and a malformed metadata part throw
// InputError (naming `origin`, the line and column); every other problem (unknown keys and
// settings, values out of range) is appended to `issues` and the rest is read.
Plan read_plan(std::string_view text, const std::string& origin, std::vector<PlanIssue>& issues);
Plan load_plan(const std::string& path, std::vector<PlanIssue>& issues);

// Problems of the plan on its own (without its source): the metadata's, the treatments', the
// row counts' and the destination's. `source_metadata`, when given, is the source as described
// now: tables and columns the plan names must exist there.
std::vector<PlanIssue> validate_plan(const Plan& plan, const Metadata* source_metadata = nullptr);

}  // namespace relsynth

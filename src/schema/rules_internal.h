// Helpers shared by single-table rules (rules.cpp) and rules across foreign keys
// (cross_table_rules.cpp).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/rules.h"
#include "relsynth/table.h"

namespace relsynth::rules_detail {

// Equal up to rounding (relative 1e-9).
bool same_number(double a, double b);
// Numbers and datetimes: what orderings and arithmetic read.
bool number_like(DataType type);
// Columns in the primary key, and with `foreign` in the foreign keys too.
std::set<std::string> key_columns(const TableMeta& table, bool foreign);
// 12, 0.25: whole numbers without a fraction.
std::string format_number(double value);
// A column equal to another on at least this share of rows repeats it (an equal or parent_equal
// rule with `max`, the share that differs).
inline constexpr double kMostlyEqualShare = 0.8;
// An equality with exceptions breaks only on the rows beyond its share `share` of rows that
// differ, with three binomial standard deviations of slack: check.violations counts those.
void beyond_share(double share, RuleCheck& check);
// The gaps an Order rule keeps: 17 quantiles from the 2nd to the 98th percentile.
std::vector<double> gap_quantiles(std::vector<double> gaps);

// Rules across the foreign keys of `metadata`: child columns equal to or ordered after a
// parent column, parent columns that count, sum or bound their children.
std::vector<std::pair<std::string, Rule>> discover_cross_table_rules(
    const Metadata& metadata, const Database& data, const RuleDiscoveryOptions& options);
// check_rule for those kinds (`table` holds the rule).
RuleCheck check_cross_table_rule(const Rule& rule, const TableMeta& table, const Metadata& metadata,
                                 const Database& data);

// A same_ancestor path for describe: "rental_id -> customer_id", "(origin, year) -> x".
std::string describe_path(const std::vector<std::vector<std::string>>& path);
// check_rule for same_ancestor (`table` holds the rule).
RuleCheck check_same_ancestor(const Rule& rule, const TableMeta& table, const Metadata& metadata,
                              const Database& data);
// Pairs of paths of one or two foreign keys from a table that reach the same ancestor row on
// every row where both resolve (at least min_rows), one rule per pair not implied by others.
std::vector<std::pair<std::string, Rule>> discover_same_ancestor_rules(
    const Metadata& metadata, const Database& data, const RuleDiscoveryOptions& options);

}  // namespace relsynth::rules_detail

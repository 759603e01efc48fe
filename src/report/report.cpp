// The report's orchestration (evaluate) and its JSON form.
#include "relsynth/report.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "io/row_selection.h"
#include "relsynth/error.h"
#include "relsynth/rules.h"
#include "report/report_internal.h"

namespace relsynth {

using report_detail::Link;
using report_detail::TablePair;

namespace {

std::string format_count(size_t n) { return std::to_string(n); }

// Which real rows of each table the holdout holds (matched on every column, each holdout row
// once); counts the holdout rows found nowhere.
std::vector<std::vector<bool>> held_out_rows(const std::vector<TablePair>& tables,
                                             const Database& holdout, int64_t& unmatched) {
  std::vector<std::vector<bool>> held(tables.size());
  for (size_t t = 0; t < tables.size(); ++t) {
    const Table* rows = holdout.find_table(tables[t].meta->name);
    if (!rows) continue;
    RowSelection selection;
    for (const Column& column : tables[t].real->columns()) {
      const Column* values = rows->find_column(column.name());
      if (!values || values->type() != column.type())
        throw InputError("the holdout's " + locate(tables[t].meta->name, column.name()) +
                         (values ? " has another type than the real one" : " is missing"));
      selection.columns.push_back(column.name());
      selection.keys.add_column(*values);
    }
    held[t] = selected_rows(*tables[t].real, selection);
    const auto found = std::count(held[t].begin(), held[t].end(), true);
    unmatched += static_cast<int64_t>(rows->num_rows()) - found;
  }
  return held;
}

}  // namespace

Report evaluate(const Metadata& metadata, const Database& real, const Database& synthetic,
                const ReportOptions& options, const Database* holdout) {
  Report report;
  report.options = options;

  // Pair up the tables; a table the synthetic side lacks is an empty one with the real columns.
  std::vector<Table> empty_tables;
  empty_tables.reserve(metadata.tables.size());
  std::vector<TablePair> tables;
  for (const TableMeta& meta : metadata.tables) {
    const Table* r = real.find_table(meta.name);
    if (!r) throw InputError("the real database has no " + locate(meta.name));
    for (const ColumnMeta& column : meta.columns)
      if (!r->find_column(column.name))
        throw InputError("the real database has no " + locate(meta.name, column.name));
    const Table* s = synthetic.find_table(meta.name);
    if (!s) {
      Table empty(meta.name);
      for (const Column& column : r->columns())
        empty.add_column(Column(column.name(), column.type(), column.format()));
      empty_tables.push_back(std::move(empty));
      s = &empty_tables.back();
      report.notes.push_back("the synthetic database has no table " + quote_name(meta.name) +
                             "; it counts as empty");
    }
    for (const ColumnMeta& column : meta.columns)
      if (!s->find_column(column.name))
        throw InputError("the synthetic database has no " + locate(meta.name, column.name));
    tables.push_back({&meta, r, s});
  }

  // Per table: integrity, column shapes, pair trends.
  for (size_t t = 0; t < tables.size(); ++t) {
    const TablePair& pair = tables[t];
    TableReport out;
    out.name = pair.meta->name;
    out.real_rows = static_cast<int64_t>(pair.real->num_rows());
    out.synthetic_rows = static_cast<int64_t>(pair.synthetic->num_rows());
    out.violations = report_detail::constraint_violations(*pair.meta, *pair.real, *pair.synthetic);
    const std::vector<RuleCheck> real_checks = check_table_rules(*pair.meta, metadata, real);
    const std::vector<RuleCheck> synthetic_checks =
        check_table_rules(*pair.meta, metadata, synthetic);
    for (size_t r = 0; r < pair.meta->rules.size(); ++r) {
      const Rule& rule = pair.meta->rules[r];
      const RuleCheck& in_real = real_checks[r];
      const RuleCheck& in_synthetic = synthetic_checks[r];
      RuleResult result;
      result.rule = describe(rule);
      result.kind = std::string(to_string(rule.kind));
      result.origin = rule.origin;
      result.enabled = rule.enabled;
      result.real_checked = in_real.checked;
      result.real_violations = in_real.violations;
      result.synthetic_checked = in_synthetic.checked;
      result.synthetic_violations = in_synthetic.violations;
      out.rules.push_back(std::move(result));
    }
    report_detail::column_shapes(pair, out);
    report_detail::pair_trends(pair, options, t, out);
    report_detail::sequence_trends(pair, out, report.notes);
    report.tables.push_back(std::move(out));
  }

  // Per relationship: orphans, cardinality, inter-table trends.
  std::vector<Link> links;
  links.reserve(64);
  for (size_t t = 0; t < tables.size(); ++t) {
    for (const ForeignKey& fk : tables[t].meta->foreign_keys) {
      size_t parent = tables.size();
      for (size_t p = 0; p < tables.size(); ++p)
        if (tables[p].meta->name == fk.parent_table) parent = p;
      if (parent == tables.size()) {
        report.notes.push_back("foreign key of " + quote_name(tables[t].meta->name) +
                               " to missing table " + quote_name(fk.parent_table) + " skipped");
        continue;
      }
      RelationshipReport rel;
      links.push_back(report_detail::resolve_link(tables, t, parent, fk, rel));
      report_detail::intertable_trends(tables, links.back(), options, 1000 + links.size(), rel);
      report.relationships.push_back(std::move(rel));
    }
  }

  if (options.detection)
    for (size_t t = 0; t < tables.size(); ++t) {
      report.tables[t].detection = report_detail::detect(tables, t, links, options, t);
      report.tables[t].aggregation_detection =
          report_detail::detect_aggregation(tables, t, links, options, t);
    }
  if (options.privacy) {
    int64_t unmatched = 0;
    const auto held = holdout ? held_out_rows(tables, *holdout, unmatched)
                              : std::vector<std::vector<bool>>(tables.size());
    if (unmatched > 0)
      report.notes.push_back(std::to_string(unmatched) +
                             " holdout rows are not in the real database and are left out");
    for (size_t t = 0; t < tables.size(); ++t) {
      TableReport& table = report.tables[t];
      table.privacy = report_detail::privacy(tables[t], options, t, held[t]);
      table.privacy.copied = table.privacy.copied && table.privacy.synthetic_rows > 0 &&
                             table.real_rows == table.synthetic_rows &&
                             table.privacy.exact_copies == table.privacy.synthetic_rows;
      if (table.privacy.copied)
        report.notes.push_back(quote_name(table.name) +
                               " is copied as it is (reference data kept by design, or "
                               "--preserve): its 100% exact copies are intended");
    }
  }

  report_detail::row_count_band(tables, options, report);

  // Summary: means pooled over every column, pair and relationship (as SDMetrics averages
  // its details), counts summed.
  ReportSummary& summary = report.summary;
  std::vector<double> shapes, pairs, cardinality, intertable, sequences, aucs, shares;
  bool sampled = false;
  for (const TableReport& table : report.tables) {
    if (table.sequence.computed) sequences.push_back(table.sequence.score);
    for (const ColumnShape& c : table.column_shapes) shapes.push_back(c.score);
    for (const PairTrend& p : table.pair_trends) pairs.push_back(p.score);
    for (const ConstraintViolation& v : table.violations) summary.integrity_violations += v.rows;
    for (const RuleResult& rule : table.rules)
      if (rule.enabled) {
        ++summary.rules_checked;
        summary.rule_violations += rule.synthetic_violations;
      }
    // Below 0.5 is chance level too (as SDMetrics clips it); it must not lift the mean.
    if (table.detection.computed) aucs.push_back(std::max(0.5, table.detection.auc));
    summary.exact_copies += table.privacy.exact_copies;
    if (table.privacy.holdout) shares.push_back(table.privacy.dcr_share);
    sampled = sampled || table.sampled || table.pairs_total > table.pair_trends.size();
  }
  for (const RelationshipReport& rel : report.relationships) {
    cardinality.push_back(rel.cardinality_score);
    for (const PairTrend& p : rel.intertable_trends) intertable.push_back(p.score);
    summary.integrity_violations += rel.orphan_rows;
  }
  summary.column_shapes = report_detail::nan_mean(shapes);
  summary.column_pair_trends = report_detail::nan_mean(pairs);
  summary.cardinality_shapes = report_detail::nan_mean(cardinality);
  summary.intertable_trends = report_detail::nan_mean(intertable);
  summary.sequence_trends = report_detail::nan_mean(sequences);
  summary.detection_auc_mean = report_detail::nan_mean(aucs);
  if (!shares.empty()) summary.dcr_share = report_detail::nan_mean(shares);
  summary.detection_auc_max = std::nan("");
  for (double auc : aucs)
    if (!std::isnan(auc) && !(auc <= summary.detection_auc_max)) summary.detection_auc_max = auc;
  summary.aggregation_detection_max = std::nan("");
  for (const TableReport& table : report.tables)
    if (table.aggregation_detection.computed &&
        !(table.aggregation_detection.accuracy <= summary.aggregation_detection_max)) {
      summary.aggregation_detection_max = table.aggregation_detection.accuracy;
      summary.aggregation_detection_table = table.name;
    }

  for (const TableReport& table : report.tables)
    if (table.detection.computed && !table.detection.caveat.empty())
      report.notes.push_back("detection of " + quote_name(table.name) + ": " +
                             table.detection.caveat);
  report.notes.push_back("column shapes and cardinality shapes use every row");
  if (!sequences.empty())
    report.notes.push_back(
        "sequence trends use every row of each sequential table: the gaps between consecutive "
        "siblings' keys and each numerical column's lag-1 autocorrelation (at least 10 pairs a "
        "side); sequence_trends is reported apart, not part of any other score");
  if (sampled)
    report.notes.push_back("column-pair and inter-table trends use at most " +
                           format_count(options.max_rows) + " rows per table and " +
                           format_count(options.max_pairs) + " pairs, sampled with seed " +
                           std::to_string(options.seed));
  if (options.detection)
    report.notes.push_back(
        "detection uses at most " + format_count(options.detection_rows) +
        " rows per side and table, " + std::to_string(options.detection_folds) +
        "-fold; feature importance is the AUC lost when the feature is shuffled; "
        "aggregation detection (SyntheRela's DDA) is the " +
        std::to_string(options.aggregation_detection_folds) +
        "-fold accuracy over the same number of rows of each side, its importance the "
        "accuracy lost");
  if (options.privacy)
    report.notes.push_back(
        "exact copies compare every row on non-key, non-id columns; DCR uses "
        "at most " +
        format_count(options.dcr_synthetic_rows) + " synthetic rows against at most " +
        format_count(options.dcr_real_rows) + " real rows" +
        (holdout ? "; dcr_share compares each synthetic row's DCR to the training rows and to "
                   "as many holdout rows"
                 : "; dcr_share needs a holdout (train --holdout-to, report --holdout)"));
  return report;
}

namespace {

using Json = nlohmann::ordered_json;

Json number(double value) {
  return std::isnan(value) || std::isinf(value) ? Json(nullptr) : Json(value);
}

Json top_features_json(const std::vector<std::pair<std::string, double>>& top_features) {
  Json top = Json::array();
  for (const auto& [name, importance] : top_features)
    top.push_back({{"feature", name}, {"importance", number(importance)}});
  return top;
}

Json pair_json(const PairTrend& p) {
  Json j;
  j["column1"] = p.column1;
  j["column2"] = p.column2;
  j["metric"] = p.metric;
  j["score"] = number(p.score);
  j["real_correlation"] = p.real_correlation ? number(*p.real_correlation) : Json(nullptr);
  j["synthetic_correlation"] =
      p.synthetic_correlation ? number(*p.synthetic_correlation) : Json(nullptr);
  j["real_cramers_v"] = p.real_cramers_v ? number(*p.real_cramers_v) : Json(nullptr);
  j["synthetic_cramers_v"] = p.synthetic_cramers_v ? number(*p.synthetic_cramers_v) : Json(nullptr);
  return j;
}

Json histogram_json(const std::vector<double>& bins) {
  Json j = Json::array();
  for (double b : bins) j.push_back(number(b));
  return j;
}

// A plotted distribution (ColumnDistribution); null when not plotted.
Json distribution_json(const ColumnDistribution& d) {
  if (d.kind.empty()) return Json(nullptr);
  Json j;
  j["kind"] = d.kind;
  if (d.kind == "histogram") {
    j["edges"] = histogram_json(d.edges);
    j["edge_labels"] = d.edge_labels;
  } else {
    j["labels"] = d.labels;
  }
  j["real"] = histogram_json(d.real);
  j["synthetic"] = histogram_json(d.synthetic);
  if (d.kind == "histogram") {
    j["real_below"] = number(d.real_below);
    j["real_above"] = number(d.real_above);
    j["synthetic_below"] = number(d.synthetic_below);
    j["synthetic_above"] = number(d.synthetic_above);
  } else {
    j["real_other"] = number(d.real_other);
    j["synthetic_other"] = number(d.synthetic_other);
    j["other_values"] = d.other_values;
  }
  return j;
}

// A column's plotted distribution with its NULL shares.
Json distribution_json(const ColumnShape& c) {
  Json j = distribution_json(c.distribution);
  if (j.is_null()) return j;
  j["real_null_share"] = number(c.real_null_share);
  j["synthetic_null_share"] = number(c.synthetic_null_share);
  return j;
}

// A sequential table's sequence trends.
Json sequence_json(const SequenceResult& s) {
  Json j;
  j["key"] = s.key;
  j["parent_table"] = s.parent_table.empty() ? Json(nullptr) : Json(s.parent_table);
  j["foreign_key"] = s.foreign_key;
  j["real_sequences"] = s.real_sequences;
  j["synthetic_sequences"] = s.synthetic_sequences;
  j["gap_unit"] = s.gap_unit;
  j["real_gaps"] = s.real_gaps;
  j["synthetic_gaps"] = s.synthetic_gaps;
  j["real_gap_median"] = number(s.real_gap_median);
  j["synthetic_gap_median"] = number(s.synthetic_gap_median);
  j["gap_score"] = number(s.gap_score);
  Json columns = Json::array();
  for (const SequenceColumn& c : s.columns)
    columns.push_back({{"column", c.column},
                       {"real", number(c.real)},
                       {"synthetic", number(c.synthetic)},
                       {"real_pairs", c.real_pairs},
                       {"synthetic_pairs", c.synthetic_pairs},
                       {"score", number(c.score)}});
  j["columns"] = std::move(columns);
  j["score"] = number(s.score);
  return j;
}

}  // namespace

std::string to_json(const Report& report, int indent) {
  Json root;
  const ReportSummary& s = report.summary;
  Json& summary = root["summary"];
  summary["column_shapes"] = number(s.column_shapes);
  summary["column_pair_trends"] = number(s.column_pair_trends);
  summary["cardinality_shapes"] = number(s.cardinality_shapes);
  summary["intertable_trends"] = number(s.intertable_trends);
  summary["sequence_trends"] = number(s.sequence_trends);
  summary["detection_auc_max"] = number(s.detection_auc_max);
  summary["detection_auc_mean"] = number(s.detection_auc_mean);
  summary["aggregation_detection_max"] = number(s.aggregation_detection_max);
  summary["aggregation_detection_table"] =
      s.aggregation_detection_table.empty() ? Json(nullptr) : Json(s.aggregation_detection_table);
  summary["integrity_violations"] = s.integrity_violations;
  summary["exact_copies"] = s.exact_copies;
  summary["rules_checked"] = s.rules_checked;
  summary["rule_violations"] = s.rule_violations;
  summary["dcr_share"] = s.dcr_share ? number(*s.dcr_share) : Json(nullptr);
  summary["scale"] = number(s.scale);
  summary["tables_outside_band"] = s.tables_outside_band;

  Json tables = Json::array();
  for (const TableReport& t : report.tables) {
    Json j;
    j["name"] = t.name;
    j["real_rows"] = t.real_rows;
    j["synthetic_rows"] = t.synthetic_rows;
    j["expected_rows"] = number(t.expected_rows);
    j["rows_in_band"] = t.rows_in_band;
    j["column_shapes_score"] = number(t.column_shapes_score);
    j["column_pair_trends_score"] = number(t.pair_trends_score);
    Json violations = Json::array();
    for (const ConstraintViolation& v : t.violations)
      violations.push_back(
          {{"kind", v.kind}, {"columns", v.columns}, {"rows", v.rows}, {"real_rows", v.real_rows}});
    j["integrity_violations"] = std::move(violations);
    Json rules = Json::array();
    for (const RuleResult& r : t.rules)
      rules.push_back({{"rule", r.rule},
                       {"kind", r.kind},
                       {"origin", r.origin},
                       {"enabled", r.enabled},
                       {"real_rows", r.real_checked},
                       {"real_violations", r.real_violations},
                       {"synthetic_rows", r.synthetic_checked},
                       {"synthetic_violations", r.synthetic_violations}});
    j["rules"] = std::move(rules);
    Json shapes = Json::array();
    for (const ColumnShape& c : t.column_shapes) {
      Json cj;
      cj["column"] = c.column;
      cj["metric"] = c.metric;
      cj["score"] = number(c.score);
      cj["real_null_share"] = number(c.real_null_share);
      cj["synthetic_null_share"] = number(c.synthetic_null_share);
      cj["null_similarity"] = number(c.null_similarity);
      cj["distribution"] = distribution_json(c);
      shapes.push_back(std::move(cj));
    }
    j["column_shapes"] = std::move(shapes);
    j["column_pairs_total"] = t.pairs_total;
    j["column_pairs_sampled"] = t.sampled;
    Json pairs = Json::array();
    for (const PairTrend& p : t.pair_trends) pairs.push_back(pair_json(p));
    j["column_pair_trends"] = std::move(pairs);

    Json detection;
    detection["computed"] = t.detection.computed;
    if (t.detection.computed) {
      detection["auc"] = number(t.detection.auc);
      detection["rows_per_side"] = t.detection.rows_per_side;
      detection["folds"] = t.detection.folds;
      detection["features"] = t.detection.features;
      detection["top_features"] = top_features_json(t.detection.top_features);
      if (!t.detection.caveat.empty()) detection["caveat"] = t.detection.caveat;
    } else {
      detection["skipped_reason"] = t.detection.skipped_reason;
    }
    j["detection"] = std::move(detection);

    const AggregationDetectionResult& a = t.aggregation_detection;
    Json aggregation;
    aggregation["computed"] = a.computed;
    if (a.computed) {
      aggregation["accuracy"] = number(a.accuracy);
      aggregation["rows_per_side"] = a.rows_per_side;
      aggregation["folds"] = a.folds;
      aggregation["features"] = a.features;
      aggregation["top_features"] = top_features_json(a.top_features);
    } else {
      aggregation["skipped_reason"] = a.skipped_reason;
    }
    j["aggregation_detection"] = std::move(aggregation);

    Json privacy;
    privacy["computed"] = t.privacy.computed;
    if (t.privacy.computed) {
      const PrivacyResult& p = t.privacy;
      privacy["compared_columns"] = p.compared_columns;
      privacy["exact_copies"] = p.exact_copies;
      privacy["exact_copy_share"] = number(p.exact_copy_share);
      privacy["expected_copy_share"] = number(p.expected_copy_share);
      privacy["copied"] = p.copied;
      privacy["dcr_median"] = number(p.dcr_median);
      privacy["dcr_baseline_median"] = number(p.dcr_baseline_median);
      privacy["dcr_zero_share"] = number(p.dcr_zero_share);
      privacy["dcr_histogram"] = histogram_json(p.dcr_histogram);
      privacy["dcr_baseline_histogram"] = histogram_json(p.dcr_baseline_histogram);
      privacy["holdout_rows"] = p.holdout_rows;
      privacy["dcr_share"] = p.holdout ? number(p.dcr_share) : Json(nullptr);
      privacy["holdout_compared"] = p.holdout_compared;
      privacy["dcr_p5"] = number(p.dcr_p5);
      privacy["dcr_holdout_p5"] = number(p.dcr_holdout_p5);
    }
    j["privacy"] = std::move(privacy);
    if (t.sequence.computed) j["sequence"] = sequence_json(t.sequence);
    tables.push_back(std::move(j));
  }
  root["tables"] = std::move(tables);

  Json relationships = Json::array();
  for (const RelationshipReport& r : report.relationships) {
    Json j;
    j["child_table"] = r.child_table;
    j["child_columns"] = r.child_columns;
    j["parent_table"] = r.parent_table;
    j["parent_columns"] = r.parent_columns;
    j["orphan_rows"] = r.orphan_rows;
    j["orphan_distinct_keys"] = r.orphan_distinct_keys;
    j["real_orphan_rows"] = r.real_orphan_rows;
    j["cardinality_score"] = number(r.cardinality_score);
    j["real_children_mean"] = number(r.real_children_mean);
    j["synthetic_children_mean"] = number(r.synthetic_children_mean);
    j["real_children_max"] = r.real_children_max;
    j["children_distribution"] = distribution_json(r.children_distribution);
    j["synthetic_children_max"] = r.synthetic_children_max;
    j["intertable_trends_score"] = number(r.intertable_score);
    j["intertable_pairs_total"] = r.intertable_pairs_total;
    Json pairs = Json::array();
    for (const PairTrend& p : r.intertable_trends) pairs.push_back(pair_json(p));
    j["intertable_trends"] = std::move(pairs);
    relationships.push_back(std::move(j));
  }
  root["relationships"] = std::move(relationships);
  root["notes"] = report.notes;
  Json& opts = root["options"];
  opts["seed"] = report.options.seed;
  opts["max_rows"] = report.options.max_rows;
  opts["max_pairs"] = report.options.max_pairs;
  opts["num_bins"] = report.options.num_bins;
  opts["detection_rows"] = report.options.detection_rows;
  opts["detection_folds"] = report.options.detection_folds;
  opts["aggregation_detection_folds"] = report.options.aggregation_detection_folds;
  opts["dcr_synthetic_rows"] = report.options.dcr_synthetic_rows;
  opts["dcr_real_rows"] = report.options.dcr_real_rows;
  // Text that is not UTF-8 (a SQLite TEXT value) is written with U+FFFD rather than failing.
  return root.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace relsynth

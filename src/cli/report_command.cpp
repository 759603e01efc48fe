// relsynth report --real SOURCE --synthetic DEST: how close and how safe a synthetic database is.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/numbers.h"
#include "core/temp_files.h"
#include "core/text.h"
#include "pipeline/reporting.h"
#include "relsynth/error.h"
#include "relsynth/inference.h"
#include "relsynth/io.h"
#include "relsynth/progress.h"
#include "relsynth/report.h"
#include "report/format.h"
#include "synth/treatments.h"

namespace relsynth::cli {

namespace {

struct ReportCommandOptions {
  std::string real;
  std::string synthetic;
  std::string metadata_path;
  std::string json_path;
  std::string html_path;
  std::string null_token;
  std::string holdout;
  uint64_t seed = 7;
  size_t max_rows = 50000;
  bool no_detection = false;
  bool no_privacy = false;
  double scale = 0;
};

std::string score(double value, int digits = 3) { return format_fixed(value, digits, "-"); }
std::string percent(double share) { return format_percent(share, "-"); }

// A light for a score where 1 is best: good / fair / poor.
std::string light(double value, double good, double fair) {
  if (std::isnan(value)) return "";
  return value >= good ? "  [good]" : value >= fair ? "  [fair]" : "  [poor]";
}

}  // namespace

std::string human_summary(const ReportRequest& request, const Report& report) {
  std::ostringstream out;
  const ReportSummary& s = report.summary;
  out << "relsynth report: " << request.synthetic_name << " vs " << request.real_name << "\n\n";
  out << "  column shapes        " << score(s.column_shapes) << light(s.column_shapes, 0.9, 0.75)
      << "\n";
  out << "  column pair trends   " << score(s.column_pair_trends)
      << light(s.column_pair_trends, 0.9, 0.75) << "\n";
  out << "  cardinality shapes   " << score(s.cardinality_shapes)
      << light(s.cardinality_shapes, 0.9, 0.75) << "\n";
  out << "  inter-table trends   " << score(s.intertable_trends)
      << light(s.intertable_trends, 0.9, 0.75) << "\n";
  bool sequential = false;
  for (const TableReport& t : report.tables) sequential = sequential || t.sequence.computed;
  if (sequential)
    out << "  sequence trends      " << score(s.sequence_trends)
        << light(s.sequence_trends, 0.9, 0.75) << "\n";
  std::string worst;
  for (const TableReport& t : report.tables)
    if (t.detection.computed && std::max(0.5, t.detection.auc) == s.detection_auc_max)
      worst = t.name;
  out << "  detection AUC        max " << score(s.detection_auc_max)
      << (worst.empty() ? "" : " (" + worst + ")") << ", mean " << score(s.detection_auc_mean)
      << "   (0.5 = indistinguishable)"
      << light(std::isnan(s.detection_auc_max) ? NAN : 1.5 - s.detection_auc_max, 0.9, 0.75)
      << "\n";
  if (!s.aggregation_detection_table.empty())
    out << "  aggregation detection max " << score(s.aggregation_detection_max) << " ("
        << s.aggregation_detection_table
        << ")   (SyntheRela's DDA: accuracy, 0.5 = indistinguishable)"
        << light(1.5 - s.aggregation_detection_max, 0.9, 0.75) << "\n";
  out << "  integrity            " << s.integrity_violations << " violation"
      << (s.integrity_violations == 1 ? "" : "s")
      << (s.integrity_violations ? "  [FAIL]" : "  [ok]") << "\n";
  out << "  exact rules          " << s.rule_violations << " breaking row"
      << (s.rule_violations == 1 ? "" : "s") << " over " << s.rules_checked << " rule"
      << (s.rules_checked == 1 ? "" : "s") << (s.rule_violations ? "  [check]" : "  [ok]") << "\n";
  for (const TableReport& table : report.tables)
    for (const RuleResult& rule : table.rules)
      if (rule.enabled && rule.synthetic_violations)
        out << "    " << table.name << ": " << rule.rule << "  " << rule.synthetic_violations
            << " of " << rule.synthetic_checked << " rows\n";
  int64_t synthetic_rows = 0;
  for (const TableReport& t : report.tables)
    if (t.privacy.computed) synthetic_rows += t.privacy.synthetic_rows;
  out << "  row counts           " << s.tables_outside_band << " table"
      << (s.tables_outside_band == 1 ? "" : "s") << " off scale " << score(s.scale, 2)
      << " by over 10%" << (s.tables_outside_band ? "  [check]" : "  [ok]") << "\n";
  for (const TableReport& t : report.tables)
    if (!t.rows_in_band)
      out << "    " << t.name << ": " << t.synthetic_rows << " rows, expected about "
          << std::llround(t.expected_rows) << "\n";
  out << "  exact copies         " << s.exact_copies;
  if (synthetic_rows)
    out << " of " << synthetic_rows << " rows ("
        << percent(static_cast<double>(s.exact_copies) / static_cast<double>(synthetic_rows))
        << ")";
  out << "\n";
  if (s.dcr_share)
    out << "  DCR share            " << percent(*s.dcr_share)
        << " closer to training than to holdout rows (50% ideal)\n";

  size_t width = 8;
  for (const TableReport& t : report.tables) width = std::max(width, t.name.size() + 2);
  out << "\n  " << pad("table", width) << pad("rows real", 11) << pad("synthetic", 11)
      << pad("shapes", 8) << pad("pairs", 8) << pad("AUC", 7) << pad("DDA", 6) << pad("copies", 9)
      << "expected\n";
  for (const TableReport& t : report.tables) {
    out << "  " << pad(t.name, width) << pad(std::to_string(t.real_rows), 11)
        << pad(std::to_string(t.synthetic_rows), 11) << pad(score(t.column_shapes_score, 2), 8)
        << pad(score(t.pair_trends_score, 2), 8)
        << pad(t.detection.computed
                   ? score(t.detection.auc, 2) + (t.detection.caveat.empty() ? "" : "*")
                   : "-",
               7)
        << pad(t.aggregation_detection.computed ? score(t.aggregation_detection.accuracy, 2) : "-",
               6)
        << pad(t.privacy.computed
                   ? percent(t.privacy.exact_copy_share) + (t.privacy.copied ? "+" : "")
                   : "-",
               9)
        << (t.privacy.computed ? percent(t.privacy.expected_copy_share) : "-") << "\n";
  }
  bool header = false;
  for (const RelationshipReport& r : report.relationships) {
    if (!header) {
      out << "\n  relationships (cardinality, inter-table trends, orphans):\n";
      header = true;
    }
    out << "    " << r.child_table << "(" << join(r.child_columns) << ") -> " << r.parent_table
        << "  " << score(r.cardinality_score, 2) << "  " << score(r.intertable_score, 2) << "  "
        << r.orphan_rows << (r.orphan_rows ? "  [FAIL]" : "")
        << (r.real_orphan_rows ? "  (real data: " + std::to_string(r.real_orphan_rows) + ")" : "")
        << "\n";
  }
  if (sequential)
    out << "\n  sequences (score; gaps: score, median real / synthetic; lag-1 r real/synthetic):\n";
  for (const TableReport& t : report.tables) {
    const SequenceResult& q = t.sequence;
    if (!q.computed) continue;
    out << "    " << t.name << " by " << q.key
        << (q.parent_table.empty() ? "" : " within " + q.parent_table) << "  " << score(q.score, 2)
        << "  gaps " << score(q.gap_score, 2) << " (median "
        << format_gap(q.real_gap_median, q.gap_unit, "-") << " / "
        << format_gap(q.synthetic_gap_median, q.gap_unit, "-") << ")";
    out << "\n";
    size_t shown = 0;
    for (const SequenceColumn& c : q.columns) {
      if (std::isnan(c.score)) continue;
      out << (shown % 6 == 0 ? (shown ? "\n      " : "      ") : "  ") << c.column << " "
          << score(c.real, 2) << "/" << score(c.synthetic, 2);
      ++shown;
    }
    if (shown) out << "\n";
  }
  for (const TableReport& t : report.tables)
    for (const ConstraintViolation& v : t.violations)
      if (v.rows)
        out << "  violation: " << t.name << " " << v.kind << " (" << join(v.columns)
            << "): " << v.rows << " rows"
            << (v.real_rows ? " (real data: " + std::to_string(v.real_rows) + ")" : "") << "\n";
  for (const TableReport& t : report.tables)
    if (t.detection.computed && !t.detection.caveat.empty())
      out << "  * " << t.name << ": " << t.detection.caveat << "\n";
  for (const TableReport& t : report.tables)
    if (t.privacy.copied)
      out << "  + " << t.name << ": copied as it is (reference data, or --preserve): its exact "
          << "copies are by design\n";
  auto telling = [](const std::vector<std::pair<std::string, double>>& features) {
    std::vector<std::string> names;
    for (const auto& [name, importance] : features)
      if (importance > 0) names.push_back(name);
    return join(names);
  };
  for (const TableReport& t : report.tables)
    if (t.detection.computed && t.detection.auc > 0.6 && !t.detection.top_features.empty())
      out << "  " << t.name << ": most telling features: " << telling(t.detection.top_features)
          << "\n";
  for (const TableReport& t : report.tables)
    if (t.aggregation_detection.computed && t.aggregation_detection.accuracy > 0.6 &&
        !t.aggregation_detection.top_features.empty())
      out << "  " << t.name
          << ": most telling aggregates (DDA): " << telling(t.aggregation_detection.top_features)
          << "\n";
  return out.str();
}

namespace {

int run_report(const ReportCommandOptions& options, const GlobalOptions& global) {
  Progress progress(global.quiet);
  SourceOptions source_options;
  source_options.null_token = options.null_token;
  source_options.on_warning = [&progress](const std::string& text) {
    progress.message("warning: " + text);  // a skipped virtual table, ...
  };

  check_outputs({{"--real", options.real},
                 {"--synthetic", options.synthetic},
                 {"--holdout", options.holdout},
                 {"-m", options.metadata_path, false, true},
                 {"--json", options.json_path, true, true},
                 {"-o", options.html_path, true, true}});
  std::optional<Metadata> file;
  if (!options.metadata_path.empty()) file = load_metadata(options.metadata_path);
  ReportInputs inputs = read_report_inputs(options.real, options.synthetic, file ? &*file : nullptr,
                                           source_options, progress);
  const Metadata& metadata = inputs.metadata;
  const Metadata& untreated = inputs.untreated;
  const Database& real = inputs.real;
  const Database& synthetic = inputs.synthetic;
  Database holdout;
  if (!options.holdout.empty()) {
    progress.step("reading the holdout");
    holdout = read_present_tables(options.holdout, untreated, source_options);
    if (TreatedSource held = apply_treatments(untreated, holdout, {}); held.data)
      holdout = std::move(*held.data);
    progress.done(std::to_string(holdout.total_rows()) + " rows");
  }
  ReportRequest request;
  request.seed = options.seed;
  request.max_rows = options.max_rows;
  request.detection = !options.no_detection;
  request.privacy = !options.no_privacy;
  request.scale = options.scale;
  request.json_path = options.json_path;
  request.html_path = options.html_path;
  request.real_name = display_uri(options.real);
  request.synthetic_name = display_uri(options.synthetic);
  std::cout << human_summary(request,
                             write_report(request, metadata, real, synthetic,
                                          options.holdout.empty() ? nullptr : &holdout, progress));
  return 0;
}

}  // namespace

Runner add_report_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<ReportCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "report", "Compare a synthetic database with the real one: quality, integrity, privacy");
  command
      ->add_option("--real", options->real,
                   "The real database (SQLite file, CSV directory or server URL)")
      ->required();
  command->add_option("--synthetic", options->synthetic, "The synthetic database to judge")
      ->required();
  command->add_option("-m,--metadata", options->metadata_path,
                      "Metadata JSON (default: inferred from the real database)");
  command->add_option("--json", options->json_path, "Write the full report as JSON to this file");
  command->add_option("-o,--output", options->html_path,
                      "Write the report as a self-contained HTML file");
  command->add_option("--null", options->null_token,
                      "CSV: the text that stands for NULL (default: an empty unquoted field)");
  command->add_option("--seed", options->seed, "Seed of the samples the report draws")
      ->check(seed_number())
      ->capture_default_str();
  command
      ->add_option("--max-rows", options->max_rows,
                   "Rows per table for pair trends (a sample beyond it)")
      ->check(whole_number(1, 100000000))
      ->capture_default_str();
  command
      ->add_option("--scale", options->scale,
                   "The scale the synthetic database was generated at (default: the row ratio of "
                   "the biggest table without a foreign key); tables more than 10% off it are "
                   "flagged")
      ->check(positive_number(1e9));
  command->add_flag("--no-detection", options->no_detection, "Skip the detection classifier");
  command->add_option("--holdout", options->holdout,
                      "Real rows kept out of training (written by `train --holdout-to`): "
                      "measures whether synthetic rows sit closer to the training rows");
  command->add_flag("--no-privacy", options->no_privacy, "Skip exact copies and DCR");
  return [options, &global] { return run_report(*options, global); };
}

}  // namespace relsynth::cli

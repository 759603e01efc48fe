// relsynth inspect SOURCE: what relsynth found in a source, and why.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "core/text.h"
#include "pipeline/source_loading.h"
#include "relsynth/error.h"
#include "relsynth/inference.h"
#include "relsynth/io.h"
#include "relsynth/progress.h"
#include "relsynth/rules.h"

namespace relsynth::cli {

namespace {

struct InspectOptions {
  std::string source;
  std::string metadata_path;
  std::string output_path;
  std::string null_token;
  std::string encoding = "auto";
  bool json = false;
  bool sdv = false;
};

std::string human_report(const std::string& source, const Inspection& inspection) {
  std::ostringstream out;
  const Metadata& metadata = inspection.metadata;
  int64_t rows = 0;
  for (const TableMeta& table : metadata.tables) rows += std::max<int64_t>(table.row_count, 0);
  out << source << ": " << metadata.tables.size() << " tables, " << with_commas(rows) << " rows"
      << (metadata.keys_declared ? "" : " (keys inferred from the data)") << "\n";
  for (const TableMeta& table : metadata.tables) {
    out << "\n"
        << table.name << "  (" << with_commas(std::max<int64_t>(table.row_count, 0)) << " rows)\n";
    if (table.primary_key.empty())
      out << "  primary key: none"
          << (table.primary_key_reason.empty() ? "" : "  [" + table.primary_key_reason + "]")
          << "\n";
    else
      out << "  primary key: " << join(table.primary_key) << "  [" << table.primary_key_reason
          << "]\n";
    for (const ForeignKey& fk : table.foreign_keys)
      out << "  foreign key: (" << join(fk.columns) << ") -> " << fk.parent_table << "("
          << join(fk.parent_columns) << ")  [" << fk.reason << "]\n";
    if (table.kind == TableKind::Sequential)
      out << "  sequential: rows ordered by " << table.sequence_key << " within each parent"
          << (table.sequence_reason.empty() ? "" : "  [" + table.sequence_reason + "]") << "\n";
    size_t name_width = 6, sql_width = 4;
    for (const ColumnMeta& column : table.columns) {
      name_width = std::max(name_width, column.name.size() + 2);
      sql_width = std::max(sql_width, column.sql_type.size() + 2);
    }
    for (const ColumnMeta& column : table.columns) {
      std::string type = std::string(to_string(column.type));
      if (!column.format.empty()) type += " " + column.format;
      out << "    " << pad(column.name, name_width)
          << pad(std::string(to_string(column.sdtype)), 13) << pad(type, 12)
          << pad(column.sql_type, sql_width) << (column.nullable ? "" : "NOT NULL ")
          << (column.unique ? "UNIQUE " : "") << "[" << column.sdtype_reason << "]\n";
    }
    for (const Rule& rule : table.rules) {
      out << "  rule: " << describe(rule) << "  [" << to_string(rule.kind) << ", " << rule.origin;
      if (rule.checked >= 0)
        out << ", holds on " << with_commas(rule.checked - rule.exceptions) << " of "
            << with_commas(rule.checked) << " rows";
      out << (rule.enabled ? "" : ", disabled") << "]\n";
    }
  }
  if (!inspection.warnings.empty()) {
    out << "\nWarnings (" << inspection.warnings.size() << "):\n";
    for (const std::string& warning : inspection.warnings) out << "  - " << warning << "\n";
  }
  return out.str();
}

int run_inspect(const InspectOptions& options, const GlobalOptions& global) {
  Progress progress(global.quiet);
  check_outputs({{"source", options.source},
                 {"-m", options.metadata_path, false, true},
                 {"-o", options.output_path, true, true}});
  SourceRequest request;
  request.uri = options.source;
  request.metadata_path = options.metadata_path;
  request.null_token = options.null_token;
  request.encoding = options.encoding;
  LoadedSource loaded = load_source(request, progress);
  Inspection inspection;
  inspection.metadata = std::move(loaded.metadata);
  inspection.warnings = std::move(loaded.warnings);
  for (const ValidationIssue& issue : validate(inspection.metadata))
    inspection.warnings.push_back(
        (issue.severity == ValidationIssue::Severity::Error ? "error: " : "") + issue.message);

  std::string text = options.sdv    ? to_sdv_json(inspection.metadata) + "\n"
                     : options.json ? to_json(inspection.metadata) + "\n"
                                    : human_report(display_uri(options.source), inspection);
  if (!options.output_path.empty()) {
    save_metadata(inspection.metadata, options.output_path, options.sdv);
    if (!global.quiet)
      std::fprintf(stderr, "metadata written to %s\n", options.output_path.c_str());
  }
  std::cout << text;
  if ((options.json || options.sdv) && !global.quiet)
    for (const std::string& warning : inspection.warnings)
      std::fprintf(stderr, "warning: %s\n", warning.c_str());
  return 0;
}

}  // namespace

Runner add_inspect_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* command = app.add_subcommand(
      "inspect", "Show the tables, keys, relationships and column types relsynth infers");
  command
      ->add_option("source", options->source,
                   "A SQLite file (.db/.sqlite/.sqlite3, sqlite:PATH), a directory of "
                   "CSV/TSV files (csv:DIR), postgresql://... or mysql://...")
      ->required();
  command->add_option("-m,--metadata", options->metadata_path,
                      "Use this metadata JSON instead of inferring it");
  command->add_option("-o,--output", options->output_path,
                      "Write the metadata JSON to this file (edit it, then pass it with -m)");
  command->add_flag("--json", options->json, "Print the metadata as relsynth JSON");
  command->add_flag("--sdv", options->sdv, "Print the metadata as SDV multi-table metadata (V1)");
  command->add_option("--null", options->null_token,
                      "CSV: the text that stands for NULL (default: an empty unquoted field)");
  command->add_option("--encoding", options->encoding, kEncodingHelp)->capture_default_str();
  return [options, &global] { return run_inspect(*options, global); };
}

}  // namespace relsynth::cli

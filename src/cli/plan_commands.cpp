// relsynth plan | validate | settings: write a synthesis plan, check one, list the settings.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/temp_files.h"
#include "pipeline/source_loading.h"
#include "relsynth/error.h"
#include "relsynth/plan.h"

namespace relsynth::cli {

namespace {

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

struct PlanOptions {
  std::string source;
  std::string output;
  std::string destination;
  std::string metadata_path;
  std::string report_html, report_json;
  RunSettings settings;
  bool overwrite = false;
  bool json = false;
};

int run_plan(PlanOptions& o, const GlobalOptions& global) {
  check_outputs({{"source", o.source},
                 {"-m", o.metadata_path, false, true},
                 {"-o", o.output, true, true},
                 {"--to", o.destination},
                 {"--report", o.report_html, true, true},
                 {"--report-json", o.report_json, true, true}});
  Progress progress(global.quiet);
  SourceRequest request;
  request.uri = o.source;
  request.metadata_path = o.metadata_path;
  request.null_token = o.settings.null_token;
  request.encoding = o.settings.encoding;
  LoadedSource loaded = load_source(request, progress);
  for (const std::string& warning : loaded.warnings) progress.message("warning: " + warning);
  Plan plan = default_plan(o.source, loaded.metadata);
  plan.settings = o.settings;
  plan.destination = o.destination;
  plan.overwrite = o.overwrite;
  plan.report_html = o.report_html;
  plan.report_json = o.report_json;
  const bool json = o.json || ends_with(o.output, ".json");
  const std::string text = json ? plan_to_json(plan) : plan_to_yaml(plan);
  if (o.output.empty()) {
    std::cout << text;
    return 0;
  }
  write_file_atomically(o.output, text, "plan");
  if (!global.quiet)
    std::fprintf(stderr,
                 "plan written to %s: review it, then `relsynth validate %s` and `relsynth run "
                 "%s`\n",
                 o.output.c_str(), o.output.c_str(), o.output.c_str());
  return 0;
}

}  // namespace

void print_issues(const std::vector<PlanIssue>& issues, const std::string& origin) {
  for (const PlanIssue& issue : issues)
    std::fprintf(stderr, "%s: %s: %s\n", origin.c_str(),
                 issue.severity == PlanIssue::Severity::Error ? "error" : "warning",
                 issue.text().c_str());
}

Runner add_plan_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<PlanOptions>();
  CLI::App* command = app.add_subcommand(
      "plan",
      "Write a synthesis plan of a source: its tables, columns, keys, treatments, "
      "settings and destination, to review and run");
  command
      ->add_option("source", o->source,
                   "A SQLite file, a directory of CSV/TSV files, a .zip/.tar.gz of them, "
                   "postgresql://... or mysql://...")
      ->required();
  command->add_option("-o,--output", o->output,
                      "Write the plan there (.yaml, or .json for JSON); else print it");
  command->add_option("--to", o->destination, "The plan's destination");
  command->add_flag("--overwrite", o->overwrite,
                    "The plan replaces an existing destination (destination.overwrite)");
  command->add_option("--report", o->report_html, "Each run also copies its HTML report here");
  command->add_option("--report-json", o->report_json, "... and its JSON report here");
  command->add_option("-m,--metadata", o->metadata_path,
                      "Metadata JSON (from `inspect -o`) instead of inferring it");
  command->add_flag("--json", o->json, "JSON instead of YAML");
  add_setting_flags(command, o->settings, kTrainCommand | kGenerateCommand);
  return [o, &global] { return run_plan(*o, global); };
}

Runner add_validate_command(CLI::App& app, const GlobalOptions& global) {
  struct Options {
    std::string path;
    bool offline = false;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "validate", "Check a plan against its source: every problem at once, each with its fix");
  command->add_option("plan", o->path, "The plan (YAML or JSON)")->required();
  command->add_flag("--offline", o->offline, "Do not open the source (check the plan alone)");
  command->add_flag("--json", o->json,
                    "Print the problems as JSON: {\"valid\": ..., \"issues\": [{\"severity\", "
                    "\"where\", \"message\"}]}");
  return [o, &global] {
    Progress progress(global.quiet);
    std::vector<PlanIssue> issues;
    const Plan plan = load_plan(o->path, issues);
    const std::vector<PlanIssue> found = check_plan(plan, !o->offline, progress);
    issues.insert(issues.end(), found.begin(), found.end());
    const size_t errors = error_count(issues);
    if (o->json) {
      nlohmann::ordered_json out;
      out["valid"] = errors == 0;
      out["issues"] = nlohmann::ordered_json::array();
      for (const PlanIssue& issue : issues)
        out["issues"].push_back(
            {{"severity", issue.severity == PlanIssue::Severity::Error ? "error" : "warning"},
             {"where", issue.where},
             {"message", issue.message}});
      std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                << "\n";
      return errors > 0 ? static_cast<int>(ErrorCode::Usage) : 0;
    }
    print_issues(issues, o->path);
    if (errors > 0) {
      std::fprintf(stderr, "%s: %zu error%s\n", o->path.c_str(), errors, errors == 1 ? "" : "s");
      return static_cast<int>(ErrorCode::Usage);
    }
    if (!global.quiet) std::fprintf(stderr, "%s: valid\n", o->path.c_str());
    return 0;
  };
}

Runner add_settings_command(CLI::App& app, const GlobalOptions&) {
  auto markdown = std::make_shared<bool>(false);
  CLI::App* command =
      app.add_subcommand("settings", "List every setting: its flag, plan key, default and range");
  command->add_flag("--markdown", *markdown, "As the Markdown table of docs/PLANS.md");
  return [markdown] {
    if (*markdown) {
      std::cout << settings_markdown();
      return 0;
    }
    const RunSettings defaults;
    for (const Setting& setting : all_settings()) {
      std::string value = setting.get(defaults);
      std::printf("%-30s %-20s %-12s %s\n    %s\n", setting.name().c_str(),
                  std::string(setting.flag).c_str(), value.empty() ? "(none)" : value.c_str(),
                  setting.range().c_str(), std::string(setting.doc).c_str());
    }
    return 0;
  };
}

}  // namespace relsynth::cli

// The CLI's subcommands: each registers its options on the app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "relsynth/io.h"
#include "relsynth/metadata.h"
#include "relsynth/plan.h"
#include "relsynth/progress.h"
#include "relsynth/settings.h"
#include "relsynth/table.h"

namespace relsynth::cli {

inline constexpr const char* kEncodingHelp =
    "CSV source: auto (UTF-8 if valid, else Windows-1252), utf-8, latin1 or cp1252";

struct GlobalOptions {
  bool quiet = false;
};

// Adds a subcommand; the returned callback runs it and gives the exit code.
using Runner = std::function<int()>;
Runner add_inspect_command(CLI::App& app, const GlobalOptions& global);
Runner add_train_command(CLI::App& app, const GlobalOptions& global);
Runner add_generate_command(CLI::App& app, const GlobalOptions& global);
Runner add_synth_command(CLI::App& app, const GlobalOptions& global);
Runner add_report_command(CLI::App& app, const GlobalOptions& global);
Runner add_plan_command(CLI::App& app, const GlobalOptions& global);
Runner add_validate_command(CLI::App& app, const GlobalOptions& global);
Runner add_settings_command(CLI::App& app, const GlobalOptions& global);
Runner add_run_command(CLI::App& app, const GlobalOptions& global);
Runner add_retrain_command(CLI::App& app, const GlobalOptions& global);
Runner add_runs_command(CLI::App& app, const GlobalOptions& global);
Runner add_export_command(CLI::App& app, const GlobalOptions& global);
Runner add_convert_command(CLI::App& app, const GlobalOptions& global);

// --store DIR: the project folder of the run store (default $RELSYNTH_STORE or .relsynth), for
// every command that records or reads executions.
void add_store_option(CLI::App* command, std::string& folder);

// One flag per declared setting the command takes (`uses`: SettingUse bits), checked and
// documented from its declaration; a flag two settings share (--seed in `synth`) sets both.
void add_setting_flags(CLI::App* command, RunSettings& settings, unsigned uses);

// A plan's problems: validate_plan's, and with `check_source` its source's (described, not read).
std::vector<PlanIssue> check_plan(const Plan& plan, bool check_source, Progress& progress);
// Each as "ORIGIN: error: where: message" on stderr.
void print_issues(const std::vector<PlanIssue>& issues, const std::string& origin);
size_t error_count(const std::vector<PlanIssue>& issues);

// Before any work: no output lands on an input or on another output, and every output file
// can be written (see check_places_apart, prepare_output_file). Places with an empty uri (an
// option not given) are left out. Destinations are checked when opened.
void check_outputs(const std::vector<Place>& places);

// What a report run evaluates and where it writes (as `report`'s options, or `synth --report`).
struct ReportRequest {
  uint64_t seed = 7;
  size_t max_rows = 50000;
  bool detection = true;
  bool privacy = true;
  double scale = 0;                       // 0: estimated
  std::string json_path, html_path;       // empty: not written
  std::string real_name, synthetic_name;  // as shown (passwords masked)
};

// Evaluates, writes the files asked for and prints the summary on stdout.
void write_report(const ReportRequest& request, const Metadata& metadata, const Database& real,
                  const Database& synthetic, const Database* holdout, Progress& progress);

}  // namespace relsynth::cli

// The CLI's subcommands: each registers its options on the app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "pipeline/plan_check.h"
#include "pipeline/reporting.h"
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
Runner add_serve_command(CLI::App& app, const GlobalOptions& global);

// --store DIR: the project folder of the run store (default $RELSYNTH_STORE or .relsynth), for
// every command that records or reads executions.
void add_store_option(CLI::App* command, std::string& folder);

// One flag per declared setting the command takes (`uses`: SettingUse bits), checked and
// documented from its declaration; a flag two settings share (--seed in `synth`) sets both.
void add_setting_flags(CLI::App* command, RunSettings& settings, unsigned uses);

// Each as "ORIGIN: error: where: message" on stderr.
void print_issues(const std::vector<PlanIssue>& issues, const std::string& origin);

// Before any work: no output lands on an input or on another output, and every output file
// can be written (see check_places_apart, prepare_output_file). Places with an empty uri (an
// option not given) are left out. Destinations are checked when opened.
void check_outputs(const std::vector<Place>& places);

// The report's summary for a terminal: scores with traffic lights, what to look at.
std::string human_summary(const ReportRequest& request, const Report& report);

}  // namespace relsynth::cli

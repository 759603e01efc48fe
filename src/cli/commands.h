// The CLI's subcommands: each registers its options on the app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace relsynth::cli {

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

}  // namespace relsynth::cli

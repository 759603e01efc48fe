// relsynth: learn a relational database and generate a synthetic twin.
#include <cstdio>
#include <map>
#include <string>

#include "cli/commands.h"
#include "core/interrupt.h"
#include "relsynth/error.h"

int main(int argc, char** argv) {
  relsynth::handle_interrupts();  // before any thread starts, so that all block the signals
  CLI::App app{"relsynth " RELSYNTH_VERSION
               " - learn a relational database and generate a synthetic twin"};
  app.require_subcommand(1);
  app.fallthrough();  // global flags such as -q also work after the subcommand
  app.set_version_flag("--version", std::string(RELSYNTH_VERSION));
  relsynth::cli::GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "No progress on stderr");

  std::map<CLI::App*, relsynth::cli::Runner> runners;
  auto add = [&](relsynth::cli::Runner runner) {
    runners[app.get_subcommands({}).back()] = std::move(runner);
  };
  add(relsynth::cli::add_inspect_command(app, global));
  add(relsynth::cli::add_train_command(app, global));
  add(relsynth::cli::add_generate_command(app, global));
  add(relsynth::cli::add_synth_command(app, global));
  add(relsynth::cli::add_report_command(app, global));
  add(relsynth::cli::add_plan_command(app, global));
  add(relsynth::cli::add_validate_command(app, global));
  add(relsynth::cli::add_settings_command(app, global));
  add(relsynth::cli::add_run_command(app, global));
  add(relsynth::cli::add_retrain_command(app, global));
  add(relsynth::cli::add_runs_command(app, global));
  add(relsynth::cli::add_export_command(app, global));
  add(relsynth::cli::add_convert_command(app, global));
  add(relsynth::cli::add_serve_command(app, global));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    // A first word that is no command: name it and list the commands.
    for (int i = 1; i < argc; ++i) {
      const std::string word = argv[i];
      if (word.empty() || word[0] == '-') continue;
      std::string commands;
      bool known = false;
      for (CLI::App* command : app.get_subcommands({})) {
        commands += (commands.empty() ? "" : ", ") + command->get_name();
        known = known || command->check_name(word);
      }
      if (!known) {
        std::fprintf(stderr, "relsynth: error: unknown command \"%s\"; the commands are %s\n",
                     word.c_str(), commands.c_str());
        return static_cast<int>(relsynth::ErrorCode::Usage);
      }
      break;
    }
    app.exit(e);                                          // prints the message and the --help hint
    return static_cast<int>(relsynth::ErrorCode::Usage);  // every usage error exits 2
  }
  try {
    for (auto& [command, run] : runners)
      if (command->parsed()) return run();
  } catch (const relsynth::Error& e) {
    std::fprintf(stderr, "relsynth: error: %s\n", e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relsynth: internal error: %s\n", e.what());
    return static_cast<int>(relsynth::ErrorCode::Internal);
  }
  return 0;
}

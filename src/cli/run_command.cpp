// relsynth run PLAN: a plan's synthesis as an execution, recorded in the run store with its
// timeline; a re-run whose training part and source are unchanged reuses the trained model.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "pipeline/execution.h"
#include "relsynth/error.h"
#include "relsynth/plan.h"
#include "runs/run_store.h"

namespace relsynth::cli {

namespace {

struct RunOptions {
  std::string plan_path;
  std::string name;
  std::string source;  // overrides the plan's (a URL with its password)
  std::string destination;
  std::string store;
  std::vector<std::string> seed, scale;  // given or not (the plan's otherwise)
  bool overwrite = false;
  bool retrain = false;
  bool no_report = false;
  bool yes = false;
  std::vector<std::string> refit_tables;  // retrain: these tables' fits are not reused
  int64_t retrain_of = 0;                 // retrain: the execution whose plan is run again
};

// Runs `plan` (read from `origin`, with the problems reading found) as a new execution.
int run_as_execution(Plan plan, std::vector<PlanIssue> issues, const std::string& origin,
                     const RunOptions& options, const GlobalOptions& global) {
  if (!options.source.empty()) plan.source = options.source;
  if (!options.destination.empty()) plan.destination = options.destination;
  if (options.overwrite) plan.overwrite = true;
  if (!options.seed.empty()) find_setting("generation.seed")->set(plan.settings, options.seed[0]);
  if (!options.scale.empty())
    find_setting("generation.scale")->set(plan.settings, options.scale[0]);
  if (!options.name.empty()) plan.name = options.name;

  Progress progress(global.quiet);
  const std::vector<PlanIssue> found = check_plan(plan, true, progress);
  issues.insert(issues.end(), found.begin(), found.end());
  print_issues(issues, origin);
  if (const size_t errors = error_count(issues); errors > 0)
    throw UsageError(origin + ": " + std::to_string(errors) + " error" + (errors == 1 ? "" : "s") +
                     " (above); nothing was run");
  if (plan.destination.empty())
    throw UsageError(origin +
                     ": no destination; set destination.uri in the plan or pass --to DEST");

  check_outputs({{"source", plan.source},
                 {"--to", plan.destination, true},
                 {"report.html", plan.report_html, true, true},
                 {"report.json", plan.report_json, true, true}});

  runs::RunStore store(options.store.empty() ? runs::RunStore::default_folder() : options.store);
  const int64_t id = store.create(execution_request(plan));
  runs::DestinationLock lock;
  try {
    lock = store.lock_destination(id, plan.destination);
  } catch (const Error&) {
    store.remove(id);  // another execution writes there: this one never started
    throw;
  }
  if (!global.quiet)
    std::fprintf(stderr, "execution %lld (%s)\n", static_cast<long long>(id),
                 store.get(id).name.c_str());
  ExecutionOptions execution;
  execution.retrain = options.retrain;
  execution.report = !options.no_report;
  execution.yes = options.yes;
  execution.refit_tables = options.refit_tables;
  if (const auto report = relsynth::run_execution(store, id, plan, execution, progress))
    std::cout << human_summary(report->request, report->report);
  if (!global.quiet)
    std::fprintf(stderr, "execution %lld succeeded; `relsynth runs show %lld` shows its timeline\n",
                 static_cast<long long>(id), static_cast<long long>(id));
  return 0;
}

int run_plan(const RunOptions& options, const GlobalOptions& global) {
  std::vector<PlanIssue> issues;
  Plan plan = load_plan(options.plan_path, issues);
  return run_as_execution(std::move(plan), std::move(issues), options.plan_path, options, global);
}

// The plan of an earlier execution, run again as a new one that trains (reusing the fits of
// every table but `refit_tables`).
int retrain(RunOptions& options, const GlobalOptions& global) {
  runs::RunStore store(options.store.empty() ? runs::RunStore::default_folder() : options.store,
                       false);
  if (!store.exists())
    throw UsageError("no run store in " + store.folder() + "; `relsynth run PLAN` creates it");
  const runs::Execution earlier = store.get(options.retrain_of);
  std::vector<PlanIssue> issues;
  const std::string origin = "the plan of execution " + std::to_string(earlier.id);
  Plan plan = read_plan(earlier.plan_text, origin, issues);
  check_table_names(plan.metadata, "--tables", options.refit_tables);
  options.retrain = true;
  if (options.name.empty()) options.name = "retrain of " + std::to_string(earlier.id);
  if (options.seed.empty()) options.seed = {std::to_string(earlier.seed)};
  return run_as_execution(std::move(plan), std::move(issues), origin, options, global);
}

}  // namespace

Runner add_retrain_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "retrain",
      "Run an execution's plan again, training afresh the tables given (after their "
      "data changed) and reusing the fits of the others; also resumes a failed run");
  command->add_option("execution", o->retrain_of, "The execution whose plan to run")->required();
  command
      ->add_option("--tables", o->refit_tables,
                   "Tables to refit (default: none; what changed "
                   "in the source is refitted anyway)")
      ->delimiter(',');
  command->add_option("--to", o->destination, "Destination instead of the plan's");
  command->add_option("--source", o->source, "Source instead of the plan's");
  command->add_flag("--overwrite", o->overwrite, "Replace an existing destination");
  command->add_flag("--no-report", o->no_report, "Skip the quality and privacy report");
  add_store_option(command, o->store);
  return [o, &global] { return retrain(*o, global); };
}

Runner add_run_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Run a plan as an execution: validated, trained (or a model reused), generated, "
      "reported, recorded in the run store");
  command->add_option("plan", o->plan_path, "The plan (YAML or JSON), from `relsynth plan`")
      ->required();
  command->add_option("--name", o->name, "The execution's name (default: the plan's)");
  command->add_option("--seed", o->seed, "Generation seed instead of the plan's")->expected(1);
  command->add_option("--scale", o->scale, "Scale instead of the plan's")->expected(1);
  command->add_option("--to", o->destination, "Destination instead of the plan's");
  command->add_option("--source", o->source,
                      "Source instead of the plan's (e.g. the URL with its password)");
  add_store_option(command, o->store);
  command->add_flag("--overwrite", o->overwrite, "Replace an existing destination");
  command->add_flag("--retrain", o->retrain, "Train even when an earlier model could be reused");
  command->add_flag("--no-report", o->no_report, "Skip the quality and privacy report");
  command->add_flag("--yes", o->yes, "Go ahead with a run of over a billion rows");
  return [o, &global] { return run_plan(*o, global); };
}

}  // namespace relsynth::cli

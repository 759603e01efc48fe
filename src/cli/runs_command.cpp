// relsynth runs list | show ID | rename ID NAME | delete ID | cancel ID: the executions in the
// run store (src/runs/), as text or JSON.
#include <signal.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "core/text.h"
#include "relsynth/error.h"
#include "runs/run_json.h"
#include "runs/run_store.h"

namespace relsynth::cli {

namespace {

using runs::Execution;
using runs::RunStore;
using runs::Status;

constexpr auto kCancelWait = std::chrono::seconds(30);  // for the process to record its end

struct RunsOptions {
  std::string store = RunStore::default_folder();
  bool json = false;
  int64_t id = 0;
  std::string name;
  std::string status;  // list: only these
  int64_t last = 0;    // list: only the newest N (0: all)
  bool plan = false;   // show: only the plan's text
};

const char* kStatuses[] = {"queued", "running", "succeeded", "failed", "cancelled"};

void add_id(CLI::App* command, RunsOptions& o) {
  command->add_option("id", o.id, "The execution's id (`relsynth runs list` shows them)")
      ->required()
      ->check(CLI::PositiveNumber);
}

std::string duration_text(double seconds) {
  if (seconds < 0) return "";
  char text[32];
  if (seconds < 60)
    std::snprintf(text, sizeof(text), "%.2fs", seconds);
  else if (seconds < 3600)
    std::snprintf(text, sizeof(text), "%dm%02ds", static_cast<int>(seconds) / 60,
                  static_cast<int>(seconds) % 60);
  else
    std::snprintf(text, sizeof(text), "%dh%02dm", static_cast<int>(seconds) / 3600,
                  static_cast<int>(seconds) % 3600 / 60);
  return text;
}

std::string scale_text(const Execution& e) {
  if (e.root_rows.empty()) {
    std::ostringstream out;
    out << e.scale;
    return out.str();
  }
  std::string rows;
  for (const auto& [table, count] : e.root_rows)
    rows += (rows.empty() ? "" : ",") + table + "=" + std::to_string(count);
  return rows;
}

std::string named(const Execution& e) {
  return "execution " + std::to_string(e.id) + " (" + e.name + ")";
}

void print_list(RunStore& store, const RunsOptions& o) {
  std::vector<Execution> executions = store.list();
  if (!o.status.empty())
    std::erase_if(executions,
                  [&](const Execution& e) { return runs::to_string(e.status) != o.status; });
  if (o.last > 0 && executions.size() > static_cast<size_t>(o.last))
    executions.erase(executions.begin(), executions.end() - o.last);
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const Execution& e : executions) out.push_back(nlohmann::json(runs::execution_json(e)));
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (executions.empty()) {
    std::cout << "no executions in " << store.file() << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows = {
      {"ID", "NAME", "STATUS", "STARTED (UTC)", "TOOK", "SEED", "SCALE", "DESTINATION"}};
  for (const Execution& e : executions)
    rows.push_back({std::to_string(e.id), e.name, runs::to_string(e.status),
                    e.started.empty() ? "-" : e.started.substr(0, 19),
                    duration_text(runs::seconds_taken(e.started, e.ended)), std::to_string(e.seed),
                    scale_text(e), e.output.empty() ? e.destination : e.output});
  std::vector<size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      std::string cell = row[c];
      if (c + 1 < row.size()) cell.resize(widths[c] + 2, ' ');
      line += cell;
    }
    std::cout << line << "\n";
  }
}

void print_show(RunStore& store, const RunsOptions& o) {
  const Execution e = store.get(o.id);
  if (o.plan) {  // to run it again: `relsynth runs show 3 --plan > plan.yaml`
    if (e.plan_text.empty())
      throw UsageError(named(e) + " has no plan text (it was not run from a plan)");
    std::cout << e.plan_text << (e.plan_text.back() == '\n' ? "" : "\n");
    return;
  }
  const std::vector<runs::Step> steps = store.steps(o.id);
  const std::vector<runs::Warning> warnings = store.warnings(o.id);
  if (o.json) {
    nlohmann::json out = runs::execution_json(e);
    out["plan_text"] = e.plan_text;
    out["steps"] = nlohmann::json::array();
    for (const runs::Step& s : steps) out["steps"].push_back(nlohmann::json(runs::step_json(s)));
    out["warnings"] = nlohmann::json::array();
    for (const runs::Warning& w : warnings)
      out["warnings"].push_back(nlohmann::json(runs::warning_json(w)));
    std::cout << out.dump(2) << "\n";
    return;
  }
  std::ostringstream out;
  out << "execution " << e.id << " \"" << e.name << "\": " << runs::to_string(e.status) << "\n";
  auto field = [&](const std::string& label, const std::string& value) {
    if (value.empty()) return;
    std::string padded = "  " + label;
    padded.resize(16, ' ');
    out << padded << value << "\n";
  };
  if (!e.error.empty())
    field("error", e.error + (e.failed_table.empty() ? "" : " (table " + e.failed_table + ")"));
  field("by", e.user + "@" + e.host + (e.pid ? ", pid " + std::to_string(e.pid) : ""));
  field("created", e.created);
  field("started", e.started);
  field("ended",
        e.ended.empty()
            ? ""
            : e.ended + " (took " + duration_text(runs::seconds_taken(e.started, e.ended)) + ")");
  if (e.status == Status::Running)
    field("running for", duration_text(runs::seconds_taken(e.started, {})));
  field("seed", std::to_string(e.seed));
  field(e.root_rows.empty() ? "scale" : "rows", scale_text(e));
  field("source", e.source);
  field("destination", e.destination);
  if (e.rows_written >= 0) field("written", with_commas(e.rows_written) + " rows to " + e.output);
  field("model", e.model_file.empty()
                     ? ""
                     : e.model_file + (e.model_from > 0 ? " (trained by execution " +
                                                              std::to_string(e.model_from) + ")"
                                                        : ""));
  field("report", e.report_html);
  field("report JSON", e.report_json);
  field("plan hash", e.plan_hash);
  field("training key", e.training_key);
  field("folder", e.folder);
  if (!steps.empty()) {
    out << "\ntimeline:\n";
    size_t width = 4;
    for (const runs::Step& s : steps) width = std::max(width, s.name.size());
    for (const runs::Step& s : steps) {
      std::string name = s.name;
      name.resize(width + 2, ' ');
      std::string time = duration_text(runs::seconds_taken(s.started, s.ended));
      time.resize(9, ' ');
      out << "  " << (s.seq < 10 ? " " : "") << s.seq << "  " << name << time;
      std::string tail;
      if (s.total > 0)
        tail += with_commas(static_cast<int64_t>(s.done)) + "/" +
                with_commas(static_cast<int64_t>(s.total));
      if (!s.note.empty()) tail += (tail.empty() ? "" : "  ") + s.note;
      if (s.status != "done")
        tail += (tail.empty() ? "" : "  ") + std::string("[") + s.status + "]";
      out << tail << "\n";
    }
  }
  if (!warnings.empty()) {
    out << "\nwarnings:\n";
    for (const runs::Warning& w : warnings) out << "  - " << w.text << "\n";
  }
  std::cout << out.str();
}

int cancel(RunStore& store, const RunsOptions& o, const GlobalOptions& global) {
  const Execution e = store.get(o.id);
  if (runs::is_finished(e.status))
    throw UsageError(named(e) + " already " + runs::to_string(e.status) +
                     "; there is nothing to cancel");
  if (e.status == Status::Queued) {
    store.finish(e.id, Status::Cancelled, "cancelled before it started");
    std::cout << named(e) << " cancelled\n";
    return 0;
  }
  if (e.host != runs::this_process().host)
    throw UsageError(named(e) + " runs on " + e.host + " (pid " + std::to_string(e.pid) +
                     "); cancel it there");
  // The running process's interrupt handler records "cancelled" and removes its temporaries.
  if (runs::process_alive(e.pid, e.process_start) && kill(static_cast<pid_t>(e.pid), SIGTERM) != 0)
    throw IoError("cannot signal process " + std::to_string(e.pid) + " of " + named(e) + ": " +
                  std::strerror(errno));
  if (!global.quiet)
    std::fprintf(stderr, "sent SIGTERM to process %lld of %s; waiting for it to stop\n",
                 static_cast<long long>(e.pid), named(e).c_str());
  const auto deadline = std::chrono::steady_clock::now() + kCancelWait;
  while (runs::process_alive(e.pid, e.process_start)) {
    if (std::chrono::steady_clock::now() > deadline) {
      std::cout << named(e) << ": process " << e.pid
                << " has not stopped yet; it was asked to (SIGTERM)\n";
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // A process that ended without recording it (no handler) was cancelled all the same.
  store.finish(e.id, Status::Cancelled, "terminated by `relsynth runs cancel`");
  std::cout << named(e) << " " << runs::to_string(store.get(e.id).status) << "\n";
  return 0;
}

}  // namespace

void add_store_option(CLI::App* command, std::string& folder) {
  command->add_option("--store", folder,
                      "The project folder of the run store (default: $RELSYNTH_STORE or "
                      ".relsynth)");
}

Runner add_runs_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<RunsOptions>();
  CLI::App* command =
      app.add_subcommand("runs", "The executions recorded in the run store (.relsynth/)");
  command->require_subcommand(1);
  CLI::App* list = command->add_subcommand("list", "Every execution, oldest first");
  add_store_option(list, o->store);
  list->add_flag("--json", o->json, "A JSON list of executions");
  list->add_option("--status", o->status, "Only executions with this status")
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kStatuses), std::end(kStatuses))));
  list->add_option("--last", o->last, "Only the newest N")->check(CLI::PositiveNumber);
  CLI::App* show = command->add_subcommand("show", "An execution with its timeline and warnings");
  add_id(show, *o);
  add_store_option(show, o->store);
  show->add_flag("--json", o->json, "As a JSON object");
  show->add_flag("--plan", o->plan, "Only the plan as it ran (to run it again)");
  CLI::App* rename = command->add_subcommand("rename", "Give an execution another name");
  add_id(rename, *o);
  rename->add_option("name", o->name, "The new name")->required();
  add_store_option(rename, o->store);
  CLI::App* remove =
      command->add_subcommand("delete", "Remove an execution and its folder (not a running one)");
  add_id(remove, *o);
  add_store_option(remove, o->store);
  CLI::App* cancel_command = command->add_subcommand(
      "cancel", "Stop a running execution (SIGTERM to its process) or a queued one");
  add_id(cancel_command, *o);
  add_store_option(cancel_command, o->store);
  return [=, &global]() -> int {
    RunStore store(o->store, false);  // reading never creates a store
    if (list->parsed()) {
      print_list(store, *o);
    } else if (show->parsed()) {
      print_show(store, *o);
    } else if (rename->parsed()) {
      store.rename(o->id, o->name);
      std::cout << "execution " << o->id << " is now \"" << o->name << "\"\n";
    } else if (remove->parsed()) {
      const Execution e = store.get(o->id);
      store.remove(o->id);
      std::cout << named(e) << " deleted\n";
    } else if (cancel_command->parsed()) {
      return cancel(store, *o, global);
    }
    return 0;
  };
}

}  // namespace relsynth::cli

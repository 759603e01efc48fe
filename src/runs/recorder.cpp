#include "runs/recorder.h"

#include <algorithm>
#include <cstdio>
#include <exception>

#include "core/interrupt.h"

namespace relsynth::runs {

namespace {

constexpr auto kUpdateInterval = std::chrono::seconds(1);  // per step, at most

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string table_of_step(const std::string& step, const std::vector<std::string>& tables) {
  for (std::string_view prefix : {"training ", "generating "}) {
    if (step.rfind(prefix, 0) != 0) continue;
    const std::string rest = step.substr(prefix.size());
    if (rest.empty()) return {};
    if (!tables.empty())
      return std::find(tables.begin(), tables.end(), rest) != tables.end() ? rest : "";
    const size_t space = rest.find(' ');
    if (space != std::string::npos && all_digits(rest.substr(0, space)) &&
        rest.substr(space) == " units")
      return {};  // "generating 5 units"
    return rest;
  }
  return {};
}

ExecutionRecorder::ExecutionRecorder(RunStore& store, int64_t execution, Progress& progress,
                                     std::vector<std::string> tables)
    : store_(store),
      execution_(execution),
      progress_(progress),
      tables_(std::move(tables)),
      uncaught_at_start_(std::uncaught_exceptions()) {
  // Interrupted (Ctrl-C, `relsynth runs cancel`): recorded through a connection of its own, since
  // the run's threads keep running until the process exits.
  const std::string folder = store.absolute_folder();
  interrupt_action_ = on_interrupt([folder, execution] {
    RunStore own(folder);
    own.finish(execution, Status::Cancelled,
               "interrupted or terminated (Ctrl-C, `relsynth runs cancel`, SIGTERM)");
  });
  progress_.add_listener(this);
}

ExecutionRecorder::~ExecutionRecorder() {
  progress_.remove_listener(this);
  forget_on_interrupt(interrupt_action_);
  try {
    finish(Status::Failed,
           std::uncaught_exceptions() > uncaught_at_start_
               ? "stopped by an error"
               : "ended without recording success or failure",
           {});
  } catch (const std::exception&) {
    // the store cannot be written; once this process ends the execution reads as failed
  }
}

template <typename Write>
void ExecutionRecorder::guarded(const Write& write) {
  if (store_failed_) return;
  try {
    write();
  } catch (const std::exception& e) {
    store_failed_ = true;
    std::fprintf(stderr, "warning: the run store %s stopped recording execution %lld: %s\n",
                 store_.file().c_str(), static_cast<long long>(execution_), e.what());
  }
}

void ExecutionRecorder::step_started(const std::string& name) {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  step_table_ = table_of_step(name, tables_);
  done_ = total_ = 0;
  unwritten_counts_ = false;
  last_write_ = std::chrono::steady_clock::now();
  guarded([&] { last_step_ = step_ = store_.add_step(execution_, name, step_table_); });
}

void ExecutionRecorder::step_updated(uint64_t done, uint64_t total, const std::string&) {
  std::lock_guard lock(mutex_);
  if (finished_ || step_ == 0) return;
  done_ = done;
  total_ = total;
  unwritten_counts_ = true;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_write_ < kUpdateInterval) return;
  last_write_ = now;
  unwritten_counts_ = false;
  guarded([&] { store_.update_step(execution_, step_, done, total); });
}

void ExecutionRecorder::step_done(const std::string& note) {
  std::lock_guard lock(mutex_);
  if (finished_ || step_ == 0) return;
  guarded([&] { store_.end_step(execution_, step_, "done", note, done_, total_); });
  step_ = 0;
  step_table_.clear();
}

void ExecutionRecorder::message(const std::string& text) {
  static const std::string kWarning = "warning: ";
  if (text.rfind(kWarning, 0) != 0) return;
  std::lock_guard lock(mutex_);
  if (finished_) return;
  guarded([&] { store_.add_warning(execution_, last_step_, text.substr(kWarning.size())); });
}

std::string ExecutionRecorder::current_table() const {
  std::lock_guard lock(mutex_);
  return step_table_;
}

void ExecutionRecorder::finish(Status status, const std::string& error, const std::string& table) {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (step_ != 0 && unwritten_counts_)
    guarded([&] { store_.update_step(execution_, step_, done_, total_); });
  const std::string failed_table = table.empty() ? step_table_ : table;
  // Not guarded: the caller must know when the end of its execution was not recorded.
  store_.finish(execution_, status, error, status == Status::Succeeded ? "" : failed_table);
}

void ExecutionRecorder::succeeded() { finish(Status::Succeeded, {}, {}); }

void ExecutionRecorder::failed(const std::string& message, const std::string& table) {
  finish(Status::Failed, message, table);
}

void ExecutionRecorder::cancelled(const std::string& why) { finish(Status::Cancelled, why, {}); }

}  // namespace relsynth::runs

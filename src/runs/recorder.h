// Records an execution's timeline from its Progress: each step with its table ("training
// orders" is about table orders), its counts (written at most about once a second), its end and
// note, and every "warning: ..." message. Also ends the execution: succeeded(), failed() (naming
// the table of the step that was running) or cancelled when the process gets SIGINT/SIGTERM
// (with handle_interrupts in main; recorded before the process exits).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "relsynth/progress.h"
#include "runs/run_store.h"

namespace relsynth::runs {

// The table a step is about: "training orders" and "generating orders" give "orders"; other
// steps (and "generating 5 units") give "". With `tables`, only those names count.
std::string table_of_step(const std::string& step, const std::vector<std::string>& tables = {});

class ExecutionRecorder : public ProgressListener {
 public:
  // Attaches to `progress` until destroyed; `store` and `progress` must outlive the recorder.
  // `tables`: the plan's table names, when known (see table_of_step). A recorder destroyed
  // before its execution ended (an exception passed by, a return without succeeded()) records
  // it as failed, so a long-lived process (the web app) never leaves one "running".
  ExecutionRecorder(RunStore& store, int64_t execution, Progress& progress,
                    std::vector<std::string> tables = {});
  ~ExecutionRecorder() override;
  ExecutionRecorder(const ExecutionRecorder&) = delete;
  ExecutionRecorder& operator=(const ExecutionRecorder&) = delete;

  // End the execution (the open step ends with it); later progress events are not recorded.
  void succeeded();
  // `table`: the table that failed; empty: the table of the step that was running.
  void failed(const std::string& message, const std::string& table = {});
  void cancelled(const std::string& why);
  // The table of the step running now ("" when none, or not about a table).
  std::string current_table() const;

  void step_started(const std::string& name) override;
  void step_updated(uint64_t done, uint64_t total, const std::string& detail) override;
  void step_done(const std::string& note) override;
  void message(const std::string& text) override;

 private:
  void finish(Status status, const std::string& error, const std::string& table);
  // A store that cannot be written (disk full) must not stop the run it records: said once.
  template <typename Write>
  void guarded(const Write& write);

  RunStore& store_;
  const int64_t execution_;
  Progress& progress_;
  std::vector<std::string> tables_;
  mutable std::mutex mutex_;
  bool finished_ = false;
  bool store_failed_ = false;
  int64_t step_ = 0;       // the open step's seq; 0: none
  int64_t last_step_ = 0;  // the latest step: a warning between steps follows it
  std::string step_table_;
  uint64_t done_ = 0, total_ = 0;
  bool unwritten_counts_ = false;
  std::chrono::steady_clock::time_point last_write_;
  uint64_t interrupt_action_ = 0;
  int uncaught_at_start_ = 0;
};

}  // namespace relsynth::runs

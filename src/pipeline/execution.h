// A plan run as an execution of the run store (src/runs): its timeline recorded, its model
// trained or reused from an earlier execution with the same training part and source, its output
// generated and reported. Shared by `relsynth run`/`retrain` and the web app's executions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/reporting.h"
#include "relsynth/error.h"
#include "relsynth/plan.h"
#include "relsynth/progress.h"
#include "runs/run_store.h"

namespace relsynth {

// Thrown through the pipeline (by a progress listener) to stop an execution someone cancelled;
// the execution is recorded as cancelled with this message.
class ExecutionCancelled : public Error {
 public:
  explicit ExecutionCancelled(const std::string& why) : Error(ErrorCode::Usage, why) {}
};

// What decides the model: the metadata (with its treatments) and the source and training
// settings. Equal text, equal training.
std::string training_part(const Plan& plan);

// The store's record of a new execution of `plan` (source and destination with passwords masked,
// the plan as YAML without them).
runs::ExecutionRequest execution_request(const Plan& plan);

struct ExecutionOptions {
  bool retrain = false;  // train even when an earlier execution's model fits
  bool report = true;
  bool yes = false;                       // go ahead with a very big run (SynthOptions::yes)
  std::vector<std::string> refit_tables;  // with retrain: these tables' fits are not reused
  // Applied to an error message before it is recorded (the web app takes out the passwords it
  // holds); unset: recorded as it is.
  std::function<std::string(const std::string&)> scrub;
};

// Runs execution `id` of `store`, created from `plan` and queued, its destination locked by the
// caller: started in this process, its timeline recorded from `progress`, trained (or a model
// reused), generated and reported (into the execution's folder, copied to the plan's report
// files). Ends it succeeded; on an exception ends it failed (cancelled on ExecutionCancelled)
// and rethrows. Returns the report when one was made.
std::optional<SynthesisReport> run_execution(runs::RunStore& store, int64_t id, const Plan& plan,
                                             const ExecutionOptions& options, Progress& progress);

}  // namespace relsynth

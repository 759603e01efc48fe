// The run store's executions, steps and warnings as JSON, made in one place so that `relsynth
// runs list/show --json` (docs/CLI.md) and the web app's API (docs/WEB_API.md) use the same
// names and values: `seconds` (so far while it runs), `rows` (root row counts), null for what is
// not there yet (`started`, `ended`, `output`, `rows_written`, `error`, `model_from`, ...).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "runs/run_store.h"

namespace relsynth::runs {

// Seconds from `started` to `ended` (to now when it has not ended); -1 when it has not started.
double seconds_taken(const std::string& started, const std::string& ended);

// An execution without its plan text, timeline and warnings.
nlohmann::ordered_json execution_json(const Execution& execution);
nlohmann::ordered_json step_json(const Step& step);
nlohmann::ordered_json warning_json(const Warning& warning);

}  // namespace relsynth::runs

// The API's JSON shapes (docs/WEB_API.md): a plan's alerts, executions with their timeline,
// rows of a table, the declared settings and the form's choices.
#pragma once

#include <cstdint>
#include <vector>

#include "relsynth/plan.h"
#include "relsynth/table.h"
#include "runs/run_store.h"
#include "server/http_util.h"

namespace relsynth::server {

// Each issue as {severity, where, message, table, column, section}.
Json alerts_json(const std::vector<PlanIssue>& issues);

// An execution as the list shows it (no timeline).
Json execution_summary(const runs::Execution& execution);
// With its steps, warnings, each plan table's latest step and the plan as run.
Json execution_detail(runs::RunStore& store, int64_t id);

// Rows [offset, offset + limit) of `table`: {"columns": [{name, type}], "rows": [[...]]}, each
// cell a JSON number, bool, string (text, decimals, dates and times as text) or null.
Json rows_json(const Table& table, size_t offset, size_t limit);

Json settings_json();
Json options_json();

// The plan as the API shows it (the plan file's JSON) and read back (issues appended).
Json plan_json(const Plan& plan);
Plan plan_from_json(const Json& json, std::vector<PlanIssue>& issues);

}  // namespace relsynth::server

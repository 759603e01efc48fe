// A plan's problems before it runs: validate_plan's, its source's (described, not read) and its
// destination's. What `relsynth validate`, `relsynth run` and the web app's alerts all show.
#pragma once

#include <vector>

#include "relsynth/plan.h"
#include "relsynth/progress.h"

namespace relsynth {

// validate_plan's problems, and with `check_source` its source's (opened and described: an
// unreachable server or a wrong password is an issue of "source"), and a file destination's
// (writable, existing only with overwrite).
std::vector<PlanIssue> check_plan(const Plan& plan, bool check_source, Progress& progress);
// A file destination's problems (its folder not writable, it exists without overwrite); a
// server's are found when it is opened.
void check_destination(const Plan& plan, std::vector<PlanIssue>& issues);
size_t error_count(const std::vector<PlanIssue>& issues);

}  // namespace relsynth

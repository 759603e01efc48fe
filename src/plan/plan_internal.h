// Shared by the plan's modules: its JSON form.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "relsynth/plan.h"

namespace relsynth {

using Json = nlohmann::ordered_json;

// A plan's text (YAML, or JSON, which is YAML too) as JSON; syntax errors are InputErrors
// naming `origin`, the line and the column.
Json parse_plan_text(std::string_view text, const std::string& origin);

}  // namespace relsynth

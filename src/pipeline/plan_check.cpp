#include "pipeline/plan_check.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "relsynth/error.h"
#include "relsynth/io.h"

namespace relsynth {

// A file destination: its folder (or the nearest one that exists, as missing ones are
// created) must be writable, and an existing destination needs overwrite.
void check_destination(const Plan& plan, std::vector<PlanIssue>& issues) {
  namespace fs = std::filesystem;
  auto error = [&](const std::string& message) {
    issues.push_back({PlanIssue::Severity::Error, "destination", message});
  };
  std::string folder;
  try {
    folder = destination_folder(plan.destination);
  } catch (const Error& e) {
    error(e.what());
    return;
  }
  if (folder.empty()) return;
  std::error_code ec;
  fs::path existing = fs::absolute(folder, ec);
  while (!existing.empty() && !fs::exists(existing, ec) && existing != existing.parent_path())
    existing = existing.parent_path();
  if (::access(existing.c_str(), W_OK) != 0)
    error(display_uri(plan.destination) + " cannot be written: " + existing.string() +
          " is not writable (" + std::strerror(errno) + "); choose another destination");
  const std::string target = place_identity(plan.destination);  // the file or folder itself
  const bool empty_folder = fs::is_directory(target, ec) && fs::is_empty(target, ec);
  if (!plan.overwrite && fs::exists(target, ec) && !empty_folder)
    error(display_uri(plan.destination) +
          " exists; set destination.overwrite: true (or `run --overwrite`) to replace what "
          "relsynth wrote there, or choose another destination");
}

std::vector<PlanIssue> check_plan(const Plan& plan, bool check_source, Progress& progress) {
  std::vector<PlanIssue> issues;
  Metadata described;
  if (check_source && !plan.source.empty()) {
    try {
      progress.step("reading the source's schema");
      SourceOptions options;
      options.null_token = plan.settings.null_token;
      options.encoding = plan.settings.encoding;
      described = open_source(plan.source, options)->describe();
      progress.done(std::to_string(described.tables.size()) + " tables");
    } catch (const Error& e) {
      progress.done();
      issues.push_back({PlanIssue::Severity::Error, "source", e.what()});
      check_source = false;
    }
  }
  std::vector<PlanIssue> found = validate_plan(plan, check_source ? &described : nullptr);
  issues.insert(issues.end(), found.begin(), found.end());
  if (!plan.destination.empty()) check_destination(plan, issues);
  return issues;
}

size_t error_count(const std::vector<PlanIssue>& issues) {
  size_t errors = 0;
  for (const PlanIssue& issue : issues) errors += issue.severity == PlanIssue::Severity::Error;
  return errors;
}

}  // namespace relsynth

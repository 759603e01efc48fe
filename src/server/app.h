// What every route of the web app shares: the options, the folder guard, the passwords, the run
// store with its executions and the current plan.
#pragma once

#include <httplib.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "relsynth/plan.h"
#include "runs/run_store.h"
#include "server/described_sources.h"
#include "server/execution_manager.h"
#include "server/http_util.h"
#include "server/path_guard.h"
#include "server/secrets.h"
#include "server/serve.h"

namespace relsynth::server {

struct App {
  App(const ServeOptions& options, const std::string& store_folder);

  ServeOptions options;
  PathGuard guard;
  SecretStore secrets;
  runs::RunStore store;
  std::string csrf;            // the token state-changing calls carry (X-Relsynth-CSRF)
  DescribedSources described;  // sources' and outputs' schemas and row counts, per file version

  // The wizard's plan, kept in <store>/web-plan.json.
  std::optional<Plan> plan() const;
  void set_plan(const Plan& plan);

  // A handler whose exceptions become JSON errors with the passwords taken out.
  Handler handle(Handler handler) const;

  // The executions; made last, destroyed first (they use the store and the secrets).
  std::unique_ptr<ExecutionManager> executions;

 private:
  mutable std::mutex plan_mutex_;
  std::optional<Plan> plan_;
  std::string plan_file_;
};

void add_source_routes(httplib::Server& server, App& app);     // source test, preview
void add_plan_routes(httplib::Server& server, App& app);       // plan, validate, settings
void add_execution_routes(httplib::Server& server, App& app);  // executions, reports, output
void add_file_routes(httplib::Server& server, App& app);       // browse, uploads

// A database or files a request names ("uri", and "password" for a server), checked against the
// root: the URI without its password, the one to open (a password given now, inside the URL,
// or remembered), and the password given now (to remember once it worked).
struct SourceAccess {
  std::string uri;
  std::string open;
  std::string password;
};
SourceAccess source_access(const App& app, const Json& body, const std::string& what = "source");
// The problems of running `plan` (after those reading it found, `issues`): its places inside the
// root, then check_plan's (the source opened when `check_source`, with the password the server
// holds); messages without passwords.
std::vector<PlanIssue> plan_issues(const App& app, const Plan& plan, std::vector<PlanIssue> issues,
                                   bool check_source);
// The plan a request carries ("plan"), or the current one; 400 when there is none.
Plan plan_of_request(App& app, const Json& body, std::vector<PlanIssue>& issues);

}  // namespace relsynth::server

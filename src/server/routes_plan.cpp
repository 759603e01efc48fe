// Routes of the wizard's first steps: the source (connection test, preview), the plan (made from
// a source, read, saved, validated, as YAML) and the forms' choices (settings, options).
#include <algorithm>

#include "pipeline/plan_check.h"
#include "pipeline/source_loading.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "server/api_json.h"
#include "server/app.h"

namespace relsynth::server {

namespace {

SourceOptions source_options(const Json& body) {
  SourceOptions options;
  options.null_token = text_field(body, "null");
  options.encoding = text_field(body, "encoding", "auto");
  options.on_warning = [](const std::string&) {};
  return options;
}

int64_t count_field(const Json& body, const char* key, int64_t fallback, int64_t max) {
  if (!body.contains(key) || body[key].is_null()) return fallback;
  if (!body[key].is_number_integer() || body[key].get<int64_t>() < 0)
    throw HttpError(400, "usage", std::string("\"") + key + "\" must be a whole number from 0");
  return std::min(body[key].get<int64_t>(), max);
}

// Problems of the plan's places: the source, destination and report files must lie inside the
// root (as alerts, so the wizard shows them where they belong).
void check_places(const App& app, const Plan& plan, std::vector<PlanIssue>& issues) {
  for (const auto& [uri, where] :
       {std::pair{plan.source, "source"}, std::pair{plan.destination, "destination"},
        std::pair{plan.report_html, "report.html"}, std::pair{plan.report_json, "report.json"}}) {
    try {
      app.guard.check_uri(uri, where);
    } catch (const HttpError& e) {
      issues.push_back({PlanIssue::Severity::Error, where, e.what()});
    } catch (const Error& e) {
      issues.push_back({PlanIssue::Severity::Error, where, e.what()});
    }
  }
}

Json validation(const App& app, const Plan& plan, std::vector<PlanIssue> issues,
                bool check_source) {
  issues = plan_issues(app, plan, std::move(issues), check_source);
  return {{"valid", error_count(issues) == 0}, {"alerts", alerts_json(issues)}};
}

}  // namespace

std::vector<PlanIssue> plan_issues(const App& app, const Plan& plan, std::vector<PlanIssue> issues,
                                   bool check_source) {
  check_places(app, plan, issues);
  Plan opened = plan;
  opened.source = app.secrets.with_password(plan.source);
  Progress progress(true);
  const std::vector<PlanIssue> found = check_plan(opened, check_source, progress);
  issues.insert(issues.end(), found.begin(), found.end());
  for (PlanIssue& issue : issues) issue.message = app.secrets.scrub(issue.message);
  return issues;
}

SourceAccess source_access(const App& app, const Json& body, const std::string& what) {
  SourceAccess access;
  const std::string given = text_field(body, "uri");
  if (given.empty()) throw HttpError(400, "usage", "no \"uri\": name the " + what);
  access.uri = uri_without_password(given);
  access.password = text_field(body, "password");
  // A password inside the URL is kept apart like one given on its own.
  if (access.password.empty()) access.password = password_in_uri(given);
  app.guard.check_uri(access.uri, what);
  access.open = access.password.empty() ? app.secrets.with_password(access.uri)
                                        : uri_with_password(access.uri, access.password);
  return access;
}

Plan plan_of_request(App& app, const Json& body, std::vector<PlanIssue>& issues) {
  if (body.contains("plan") && !body["plan"].is_null()) return plan_from_json(body["plan"], issues);
  std::optional<Plan> plan = app.plan();
  if (!plan)
    throw HttpError(400, "usage",
                    "no plan yet: make one from a source (POST /api/plan/from-source) or send "
                    "\"plan\"");
  return *plan;
}

void add_source_routes(httplib::Server& server, App& app) {
  server.Post("/api/source/test", app.handle([&app](const httplib::Request& request,
                                                    httplib::Response& response) {
    const Json body = json_body(request);
    const SourceAccess access = source_access(app, body);
    const DescribedSource opened =
        app.described.open(access.open, access.uri, source_options(body));
    if (!access.password.empty()) app.secrets.remember(access.uri, access.password);
    Json tables = Json::array();
    for (const TableMeta& table : opened.metadata->tables)
      tables.push_back({{"name", table.name}, {"columns", table.columns.size()}});
    reply(response,
          {{"ok", true}, {"uri", access.uri}, {"kind", opened.source->kind()}, {"tables", tables}});
  }));

  server.Post("/api/source/preview", app.handle([&app](const httplib::Request& request,
                                                       httplib::Response& response) {
    const Json body = json_body(request);
    const SourceAccess access = source_access(app, body);
    const int64_t rows = count_field(body, "rows", 20, 500);
    std::vector<std::string> chosen;
    if (body.contains("tables") && body["tables"].is_array())
      chosen = body["tables"].get<std::vector<std::string>>();
    const DescribedSource opened =
        app.described.open(access.open, access.uri, source_options(body));
    const Metadata& described = *opened.metadata;
    if (!access.password.empty()) app.secrets.remember(access.uri, access.password);
    Json tables = Json::array();
    for (const std::string& name : chosen)
      if (!described.find_table(name))
        throw HttpError(400, "usage", locate(name) + ": the source has no such table");
    for (const TableMeta& table : described.tables) {
      if (!chosen.empty() && std::find(chosen.begin(), chosen.end(), table.name) == chosen.end())
        continue;
      // The first rows only; the count is the description's.
      const Table data = opened.source->read_page(table, 0, static_cast<size_t>(rows));
      Json item = rows_json(data, 0, static_cast<size_t>(rows));
      Json columns = Json::array();
      for (const ColumnMeta& column : table.columns)
        columns.push_back({{"name", column.name},
                           {"type", std::string(to_string(column.type))},
                           {"sql_type", column.sql_type}});
      tables.push_back({{"name", table.name},
                        {"row_count", row_count(*opened.source, table)},
                        {"columns", columns},
                        {"rows", item["rows"]}});
    }
    reply(response, {{"uri", access.uri}, {"tables", tables}});
  }));
}

void add_plan_routes(httplib::Server& server, App& app) {
  // A destination checked before anything is created: inside the root, apart from the plan's
  // source, a file's folder writable and an existing one replaced only with overwrite, a
  // server's schema or database writable (opened, then left untouched).
  server.Post("/api/destination/test",
              app.handle([&app](const httplib::Request& request, httplib::Response& response) {
                const Json body = json_body(request);
                const SourceAccess access = source_access(app, body, "destination");
                Plan plan = app.plan().value_or(Plan());
                if (body.contains("overwrite") && body["overwrite"].is_boolean())
                  plan.overwrite = body["overwrite"].get<bool>();
                plan.destination = access.uri;
                if (!plan.source.empty())
                  check_places_apart({{"source", plan.source}, {"destination", access.uri, true}});
                std::vector<PlanIssue> issues;
                check_destination(plan, issues);
                if (!issues.empty())
                  throw HttpError(400, "usage", app.secrets.scrub(issues.front().message));
                DestinationOptions options;
                options.overwrite = plan.overwrite;
                options.on_warning = [](const std::string&) {};
                const std::string kind = open_destination(access.open, options)->kind();
                if (!access.password.empty()) app.secrets.remember(access.uri, access.password);
                reply(response, {{"ok", true}, {"uri", access.uri}, {"kind", kind}});
              }));

  server.Get("/api/settings", app.handle([](const httplib::Request&, httplib::Response& response) {
    reply(response, settings_json());
  }));
  server.Get("/api/options", app.handle([](const httplib::Request&, httplib::Response& response) {
    reply(response, options_json());
  }));

  server.Post("/api/plan/from-source",
              app.handle([&app](const httplib::Request& request, httplib::Response& response) {
                const Json body = json_body(request);
                const SourceAccess access = source_access(app, body);
                const std::string destination = text_field(body, "destination");
                app.guard.check_uri(destination, "destination");
                Progress progress(true);
                SourceRequest source;
                source.uri = access.open;
                source.null_token = text_field(body, "null");
                source.encoding = text_field(body, "encoding", "auto");
                const LoadedSource loaded = load_source(source, progress);
                if (!access.password.empty()) app.secrets.remember(access.uri, access.password);
                Plan plan = default_plan(access.uri, loaded.metadata);
                plan.settings.null_token = source.null_token;
                plan.settings.encoding = source.encoding;
                plan.destination = destination;
                app.set_plan(plan);
                Json warnings = Json::array();
                for (const std::string& warning : loaded.warnings)
                  warnings.push_back(app.secrets.scrub(warning));
                reply(response, {{"plan", plan_json(plan)}, {"warnings", warnings}});
              }));

  server.Get("/api/plan", app.handle([&app](const httplib::Request&, httplib::Response& response) {
    const std::optional<Plan> plan = app.plan();
    reply(response, {{"plan", plan ? plan_json(*plan) : Json(nullptr)}});
  }));

  auto store_plan = [&app](const Plan& plan, std::vector<PlanIssue> issues,
                           httplib::Response& response) {
    Plan kept = plan;
    kept.source = app.secrets.absorb(plan.source);
    kept.destination = app.secrets.absorb(plan.destination);
    app.set_plan(kept);
    Json checked = validation(app, kept, std::move(issues), false);
    reply(response,
          {{"plan", plan_json(kept)}, {"valid", checked["valid"]}, {"alerts", checked["alerts"]}});
  };
  server.Put("/api/plan", app.handle([&app, store_plan](const httplib::Request& request,
                                                        httplib::Response& response) {
    const Json body = json_body(request);
    if (!body.contains("plan")) throw HttpError(400, "usage", "no \"plan\" in the request");
    std::vector<PlanIssue> issues;
    const Plan plan = plan_from_json(body["plan"], issues);
    store_plan(plan, std::move(issues), response);
  }));
  server.Post("/api/plan/import", app.handle([&app, store_plan](const httplib::Request& request,
                                                                httplib::Response& response) {
    const Json body = json_body(request);
    std::vector<PlanIssue> issues;
    const Plan plan = read_plan(text_field(body, "text"), "the imported plan", issues);
    store_plan(plan, std::move(issues), response);
  }));

  server.Post("/api/plan/validate",
              app.handle([&app](const httplib::Request& request, httplib::Response& response) {
                const Json body = json_body(request);
                std::vector<PlanIssue> issues;
                const Plan plan = plan_of_request(app, body, issues);
                const bool check_source =
                    !body.contains("check_source") || body["check_source"] == true;
                reply(response, validation(app, plan, std::move(issues), check_source));
              }));

  server.Get("/api/plan/yaml",
             app.handle([&app](const httplib::Request&, httplib::Response& response) {
               const std::optional<Plan> plan = app.plan();
               if (!plan) throw HttpError(404, "not_found", "no plan yet");
               set_attachment(response, safe_file_name(plan->name, "relsynth") + ".plan.yaml");
               response.set_content(plan_to_yaml(*plan), "application/yaml");
             }));
}

}  // namespace relsynth::server

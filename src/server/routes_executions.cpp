// Routes of the executions page: the history (list, create, rename, delete, re-run, cancel), one
// execution's live timeline (JSON, or pushed as Server-Sent Events), its reports, a preview of
// its output and downloads of the output converted to another format.
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <thread>

#include "pipeline/conversion.h"
#include "pipeline/plan_check.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "relsynth/settings.h"
#include "server/api_json.h"
#include "server/app.h"

namespace relsynth::server {

namespace fs = std::filesystem;

namespace {

int64_t id_of(const httplib::Request& request) { return std::stoll(request.matches[1].str()); }

runs::Execution execution_of(App& app, int64_t id) {
  std::optional<runs::Execution> found = app.store.find(id);
  if (!found) throw HttpError(404, "not_found", "no execution " + std::to_string(id));
  return *found;
}

std::string number_text(const Json& value, const char* key) {
  if (!value.is_number())
    throw HttpError(400, "usage", std::string("\"") + key + "\" must be a number");
  return value.dump();
}

// The request's changes to a plan about to run: name, seed, scale, root tables' rows, overwrite.
void apply_overrides(Plan& plan, const Json& body) {
  if (body.contains("name") && !body["name"].is_null()) plan.name = text_field(body, "name");
  if (body.contains("seed") && !body["seed"].is_null())
    find_setting("generation.seed")->set(plan.settings, number_text(body["seed"], "seed"));
  if (body.contains("scale") && !body["scale"].is_null())
    find_setting("generation.scale")->set(plan.settings, number_text(body["scale"], "scale"));
  if (body.contains("rows") && !body["rows"].is_null()) {
    if (!body["rows"].is_object())
      throw HttpError(400, "usage", "\"rows\" must be an object of table names and row counts");
    for (const auto& [table, rows] : body["rows"].items()) {
      if (!rows.is_number_integer() || rows.get<int64_t>() < 0)
        throw HttpError(400, "usage", locate(table) + ": rows must be a whole number from 0");
      plan.rows[table] = rows.get<int64_t>();
      plan.ratios.erase(table);
    }
  }
  if (body.contains("overwrite") && body["overwrite"].is_boolean())
    plan.overwrite = body["overwrite"].get<bool>();
}

// Checks `plan` as `relsynth run` does and queues it: 400 with the alerts when it has errors.
void start(App& app, const Plan& plan, std::vector<PlanIssue> issues, httplib::Response& response) {
  issues = plan_issues(app, plan, std::move(issues), true);
  if (const size_t errors = error_count(issues); errors > 0)
    throw HttpError(400, "usage",
                    "the plan has " + std::to_string(errors) + " error" + (errors == 1 ? "" : "s") +
                        "; nothing was run",
                    {{"alerts", alerts_json(issues)}});
  if (plan.destination.empty())
    throw HttpError(400, "usage", "the plan has no destination: set destination.uri");
  std::vector<Place> places;
  for (const Place& place : std::vector<Place>{{"source", plan.source},
                                               {"destination", plan.destination, true},
                                               {"report.html", plan.report_html, true, true},
                                               {"report.json", plan.report_json, true, true}})
    if (!place.uri.empty()) places.push_back(place);
  check_places_apart(places);
  const int64_t id = app.executions->submit(plan, ExecutionOptions{});
  reply(response, execution_summary(app.store.get(id)), 202);
}

// The plan an execution ran (without passwords).
Plan plan_of_execution(const runs::Execution& execution) {
  std::vector<PlanIssue> issues;
  return read_plan(execution.plan_text, "the plan of execution " + std::to_string(execution.id),
                   issues);
}

// The plan of an execution that wrote an output; 404 when it wrote none.
Plan plan_of_output(const runs::Execution& execution) {
  if (execution.rows_written < 0)
    throw HttpError(404, "not_found",
                    "execution " + std::to_string(execution.id) + " has no output (" +
                        runs::to_string(execution.status) + ")");
  return plan_of_execution(execution);
}

// Its output, opened as a source (with the password the server holds) and described (once per
// version of its files).
DescribedSource open_output(App& app, const runs::Execution& execution) {
  const Plan plan = plan_of_output(execution);
  SourceOptions options;
  options.on_warning = [](const std::string&) {};
  return app.described.open(app.secrets.with_password(plan.destination), plan.destination, options);
}

struct DownloadFormat {
  const char* name;
  const char* prefix;     // of the destination URI
  const char* extension;  // of the file written and sent
  const char* content_type;
};
const DownloadFormat kFormats[] = {
    {"csv", "", ".csv.zip", "application/zip"},
    {"tsv", "tsv:", ".tsv.zip", "application/zip"},
    {"parquet", "parquet:", ".parquet.zip", "application/zip"},
    {"zip", "", ".zip", "application/zip"},
    {"xlsx", "", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"ods", "", ".ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"sqlite", "", ".sqlite", "application/vnd.sqlite3"}};

std::string random_name() {
  std::random_device device;
  return std::to_string(device()) + std::to_string(device());
}

// Sends `file` as the attachment `name`; `done` runs when the response is over.
void send_stream(const fs::path& file, const std::string& name, const char* content_type,
                 std::function<void()> done, httplib::Response& response) {
  auto stream = std::make_shared<std::ifstream>(file, std::ios::binary);
  if (!*stream) throw IoError("cannot read " + file.string());
  const size_t size = fs::file_size(file);
  set_attachment(response, name);
  response.set_content_provider(
      size, content_type,
      [stream](size_t offset, size_t length, httplib::DataSink& sink) {
        std::vector<char> buffer(std::min<size_t>(length, 1 << 16));
        stream->seekg(static_cast<std::streamoff>(offset));
        stream->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        return stream->gcount() > 0 &&
               sink.write(buffer.data(), static_cast<size_t>(stream->gcount()));
      },
      [done = std::move(done)](bool) {
        if (done) done();
      });
}

// The output's own file when it already is a file of `format` (a SQLite, xlsx, ods or zip of
// CSV files asked as such): sent as it is, with nothing converted nor described.
std::optional<fs::path> file_in_format(const std::string& destination,
                                       const DownloadFormat& format) {
  if (destination_folder(destination).empty()) return std::nullopt;  // a server
  const fs::path place = place_identity(destination);
  std::error_code ec;
  if (!fs::is_regular_file(place, ec)) return std::nullopt;
  std::string extension = place.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string name = format.name;
  const bool sqlite = destination.starts_with("sqlite:") || extension == ".db" ||
                      extension == ".sqlite" || extension == ".sqlite3";
  // A .zip is CSV files unless the URI says TSV or Parquet.
  const bool csv_zip = extension == ".zip" && !destination.starts_with("tsv:") &&
                       !destination.starts_with("parquet:");
  const bool same = name == "sqlite" ? sqlite
                    : name == "zip"  ? !sqlite && csv_zip
                                     : !sqlite && extension == "." + name;
  if (same && (name == "sqlite" || name == "zip" || name == "xlsx" || name == "ods")) return place;
  return std::nullopt;
}

void download(App& app, int64_t id, const std::string& format_name, httplib::Response& response) {
  const DownloadFormat* format = nullptr;
  for (const DownloadFormat& candidate : kFormats)
    if (format_name == candidate.name) format = &candidate;
  if (!format)
    throw HttpError(400, "usage",
                    "unknown format " + quote_name(format_name) +
                        "; the formats are csv, tsv, parquet, zip, xlsx, ods, sqlite");
  const runs::Execution execution = execution_of(app, id);
  const std::string attachment = safe_file_name(execution.name, "output") + format->extension;
  if (auto file = file_in_format(plan_of_output(execution).destination, *format))
    return send_stream(*file, attachment, format->content_type, {}, response);
  DescribedSource output = open_output(app, execution);
  const Metadata& metadata = *output.metadata;
  const fs::path folder = fs::path(app.store.absolute_folder()) / "downloads" / random_name();
  fs::create_directories(folder);
  const fs::path file = folder / (std::string("output") + format->extension);
  try {
    // .csv.zip and friends: the archive destination knows .zip, the prefix says its members.
    const std::string written =
        std::string(format->prefix) + (std::string(format->extension).ends_with(".zip")
                                           ? (folder / "output.zip").string()
                                           : file.string());
    DestinationOptions options;
    options.on_warning = [](const std::string&) {};
    auto destination = open_destination(written, options);
    Progress progress(true);
    copy_database(*output.source, *destination, metadata, display_uri(written), progress);
    if (std::string(format->extension).ends_with(".zip") && folder / "output.zip" != file)
      fs::rename(folder / "output.zip", file);
  } catch (...) {
    fs::remove_all(folder);
    throw;
  }
  send_stream(
      file, attachment, format->content_type,
      [folder] {
        std::error_code ec;
        fs::remove_all(folder, ec);
      },
      response);
}

void send_file(const std::string& path, const std::string& content_type, const std::string& what,
               httplib::Response& response) {
  std::ifstream in(path, std::ios::binary);
  if (path.empty() || !in) throw HttpError(404, "not_found", "no " + what);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  response.set_content(content, content_type);
}

// Server-Sent Events: the execution's JSON at once and on every change (checked twice a second),
// a keepalive comment every 15 s, an `end` event once it has ended.
void stream_events(App& app, int64_t id, httplib::Response& response) {
  execution_of(app, id);  // 404 before the stream starts
  response.set_header("Cache-Control", "no-cache");
  response.set_header("X-Accel-Buffering", "no");
  struct State {
    std::string last;
    std::chrono::steady_clock::time_point quiet_since = std::chrono::steady_clock::now();
  };
  auto state = std::make_shared<State>();
  response.set_chunked_content_provider(
      "text/event-stream", [&app, id, state](size_t, httplib::DataSink& sink) {
        // Whether it ended, read before its JSON: the JSON sent last is then the final one (read
        // after, an execution ending in between ended the stream on a `running` JSON).
        const bool finished = runs::is_finished(app.store.get(id).status);
        const Json detail = execution_detail(app.store, id);
        const std::string text = detail.dump(-1, ' ', false, Json::error_handler_t::replace);
        const auto now = std::chrono::steady_clock::now();
        auto send = [&](const std::string& chunk) {
          state->quiet_since = now;
          return sink.write(chunk.data(), chunk.size());
        };
        if (text != state->last) {
          state->last = text;
          if (!send("event: execution\ndata: " + text + "\n\n")) return false;
        } else if (now - state->quiet_since > std::chrono::seconds(15)) {
          if (!send(": keepalive\n\n")) return false;
        }
        if (finished) {
          send("event: end\ndata: {}\n\n");
          sink.done();
          return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        return sink.is_writable();
      });
}

}  // namespace

void add_execution_routes(httplib::Server& server, App& app) {
  const std::string one = "/api/executions/(\\d+)";
  server.Get("/api/executions",
             app.handle([&app](const httplib::Request&, httplib::Response& response) {
               Json list = Json::array();
               std::vector<runs::Execution> executions = app.store.list();
               for (auto at = executions.rbegin(); at != executions.rend(); ++at)
                 list.push_back(execution_summary(*at));
               reply(response, {{"executions", list}});
             }));

  server.Post("/api/executions",
              app.handle([&app](const httplib::Request& request, httplib::Response& response) {
                const Json body = json_body(request);
                std::vector<PlanIssue> issues;
                Plan plan = plan_of_request(app, body, issues);
                plan.source = app.secrets.absorb(plan.source);
                plan.destination = app.secrets.absorb(plan.destination);
                apply_overrides(plan, body);
                start(app, plan, std::move(issues), response);
              }));

  server.Post(one + "/rerun",
              app.handle([&app](const httplib::Request& request, httplib::Response& response) {
                const Json body = json_body(request);
                const runs::Execution earlier = execution_of(app, id_of(request));
                Plan plan = plan_of_execution(earlier);
                plan.name = "rerun of " + std::to_string(earlier.id);
                plan.overwrite = true;  // it replaces the output of the execution it repeats
                apply_overrides(plan, body);
                start(app, plan, {}, response);
              }));

  server.Get(one, app.handle([&app](const httplib::Request& request, httplib::Response& response) {
    const int64_t id = id_of(request);
    execution_of(app, id);
    reply(response, execution_detail(app.store, id));
  }));

  server.Patch(one,
               app.handle([&app](const httplib::Request& request, httplib::Response& response) {
                 const Json body = json_body(request);
                 const int64_t id = id_of(request);
                 execution_of(app, id);
                 const std::string name = text_field(body, "name");
                 if (name.empty())
                   throw HttpError(400, "usage", "no \"name\": give the execution's new name");
                 app.store.rename(id, name);
                 reply(response, execution_summary(app.store.get(id)));
               }));

  server.Delete(
      one, app.handle([&app](const httplib::Request& request, httplib::Response& response) {
        const int64_t id = id_of(request);
        const runs::Execution execution = execution_of(app, id);
        if (app.executions->active(id) || !runs::is_finished(execution.status))
          throw HttpError(409, "conflict",
                          "execution " + std::to_string(id) + " is " +
                              runs::to_string(execution.status) + "; cancel it before deleting it");
        app.store.remove(id);
        response.status = 204;
      }));

  server.Post(one + "/cancel",
              app.handle([&app](const httplib::Request& request, httplib::Response& response) {
                const int64_t id = id_of(request);
                const runs::Execution execution = execution_of(app, id);
                if (!app.executions->cancel(id))
                  throw HttpError(409, "conflict",
                                  "execution " + std::to_string(id) + " is not running here (" +
                                      runs::to_string(execution.status) + ")");
                reply(response, execution_summary(app.store.get(id)), 202);
              }));

  server.Get(one + "/events",
             app.handle([&app](const httplib::Request& request, httplib::Response& response) {
               stream_events(app, id_of(request), response);
             }));

  server.Get(one + "/report",
             app.handle([&app](const httplib::Request& request, httplib::Response& response) {
               const runs::Execution execution = execution_of(app, id_of(request));
               send_file(execution.report_html, "text/html; charset=utf-8",
                         "report of execution " + std::to_string(execution.id), response);
             }));
  server.Get(one + "/report\\.json",
             app.handle([&app](const httplib::Request& request, httplib::Response& response) {
               const runs::Execution execution = execution_of(app, id_of(request));
               send_file(execution.report_json, "application/json",
                         "JSON report of execution " + std::to_string(execution.id), response);
             }));

  server.Get(one + "/output", app.handle([&app](const httplib::Request& request,
                                                httplib::Response& response) {
    const runs::Execution execution = execution_of(app, id_of(request));
    DescribedSource output = open_output(app, execution);
    Json tables = Json::array();
    for (const TableMeta& table : output.metadata->tables)
      tables.push_back({{"name", table.name}, {"rows", row_count(*output.source, table)}});
    reply(response, {{"tables", tables}});
  }));

  server.Get(one + "/output/([^/]+)", app.handle([&app](const httplib::Request& request,
                                                        httplib::Response& response) {
    const runs::Execution execution = execution_of(app, id_of(request));
    const std::string name = request.matches[2].str();  // httplib decoded the path
    DescribedSource output = open_output(app, execution);
    const TableMeta* table = output.metadata->find_table(name);
    if (!table) throw HttpError(404, "not_found", locate(name) + ": the output has no such table");
    auto number = [&](const char* key, size_t fallback) {
      if (!request.has_param(key)) return fallback;
      const std::string text = request.get_param_value(key);
      if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        throw HttpError(400, "usage", std::string(key) + " must be a whole number from 0");
      return static_cast<size_t>(std::stoull(text));
    };
    const size_t limit = std::min<size_t>(number("limit", 50), 1000);
    const size_t offset = number("offset", 0);
    // Only the page's rows are read; the total was counted when the output was described.
    Json out = rows_json(output.source->read_page(*table, offset, limit), 0, limit);
    out["name"] = name;
    out["total"] = row_count(*output.source, *table);
    reply(response, out);
  }));

  server.Get(one + "/download",
             app.handle([&app](const httplib::Request& request, httplib::Response& response) {
               download(app, id_of(request), request.get_param_value("format"), response);
             }));
}

}  // namespace relsynth::server

// The HTTP side of `relsynth serve`: security checks before every route (host, token, CSRF and
// origin), the embedded UI with its single-page fallback, and the server's start.
#include <httplib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "relsynth/error.h"
#include "server/app.h"
#include "server/web_assets.h"

namespace relsynth::server {

namespace fs = std::filesystem;

namespace {

std::string random_hex(size_t bytes) {
  std::random_device device;
  std::string out;
  static const char* digits = "0123456789abcdef";
  for (size_t i = 0; i < bytes; ++i) {
    const unsigned value = device() & 0xff;
    out += digits[value >> 4];
    out += digits[value & 15];
  }
  return out;
}

// Compares secrets in time independent of where they differ.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) difference |= a[i] ^ b[i];
  return difference == 0;
}

std::string cookie_value(const httplib::Request& request, const std::string& name) {
  const std::string cookies = request.get_header_value("Cookie");
  size_t at = 0;
  while (at < cookies.size()) {
    size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    std::string item = cookies.substr(at, end - at);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    if (item.starts_with(name + "=")) return item.substr(name.size() + 1);
    at = end + 1;
  }
  return {};
}

// The host part of a Host header ("127.0.0.1:8765" -> "127.0.0.1", "[::1]:80" -> "::1").
std::string host_name(const std::string& host) {
  if (host.starts_with("[")) return host.substr(1, host.find(']') - 1);
  return host.substr(0, host.find(':'));
}

bool state_changing(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

void refuse(httplib::Response& response, int status, const std::string& kind,
            const std::string& message) {
  reply(response, error_body(message, kind), status);
}

// Runs before every route; Handled: refused (or redirected), Unhandled: go on.
httplib::Server::HandlerResponse check_request(const App& app, const httplib::Request& request,
                                               httplib::Response& response) {
  using Outcome = httplib::Server::HandlerResponse;
  const ServeOptions& options = app.options;
  const std::string host = request.get_header_value("Host");
  // On loopback only loopback names reach it: a page of another site cannot rebind its own name
  // to 127.0.0.1 and read the API (DNS rebinding).
  if (is_loopback(options.host) && !is_loopback(host_name(host))) {
    refuse(response, 403, "forbidden",
           "the Host header " + quote_name(host) + " is not this server's loopback address");
    return Outcome::Handled;
  }
  const bool api = request.path.starts_with("/api/");
  if (!options.token.empty() && request.path != "/api/health") {
    std::string given = request.get_header_value("Authorization");
    given =
        given.starts_with("Bearer ") ? given.substr(7) : cookie_value(request, "relsynth_token");
    if (!api && request.method == "GET" && request.has_param("token") &&
        same_secret(request.get_param_value("token"), options.token)) {
      // The first visit from the link the server printed: the token moves into a cookie.
      response.set_header(
          "Set-Cookie", "relsynth_token=" + options.token + "; Path=/; HttpOnly; SameSite=Strict");
      response.set_redirect(request.path);
      return Outcome::Handled;
    }
    if (!same_secret(given, options.token)) {
      refuse(response, 401, "unauthorized",
             "this server needs its token: open the link `relsynth serve` printed "
             "(/?token=...), or send Authorization: Bearer TOKEN");
      return Outcome::Handled;
    }
  }
  if (state_changing(request.method)) {
    if (!same_secret(request.get_header_value("X-Relsynth-CSRF"), app.csrf)) {
      refuse(response, 403, "forbidden",
             "CSRF check failed: a state-changing call needs the header X-Relsynth-CSRF with "
             "the value GET /api/session gives");
      return Outcome::Handled;
    }
    const std::string origin = request.get_header_value("Origin");
    bool allowed = origin.empty() || origin == "http://" + host;
    for (const std::string& dev : options.dev_origins) allowed = allowed || origin == dev;
    if (!allowed) {
      refuse(response, 403, "forbidden",
             "the request comes from another origin (" + origin +
                 "); this server only answers "
                 "its own pages (relsynth serve --dev-origin adds one)");
      return Outcome::Handled;
    }
  }
  return Outcome::Unhandled;
}

void serve_asset(const httplib::Request& request, httplib::Response& response) {
  const WebAsset* asset = find_web_asset(request.path);
  // Paths of the single-page app's own routes (/executions/3) get its page.
  if (!asset) asset = find_web_asset("/index.html");
  const std::string path = asset->path;
  response.set_header("Cache-Control",
                      path.starts_with("/assets/") ? "max-age=31536000, immutable" : "no-cache");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "SAMEORIGIN");
  response.set_content(reinterpret_cast<const char*>(asset->data), asset->size,
                       content_type_of(path));
}

}  // namespace

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

App::App(const ServeOptions& given, const std::string& store_folder)
    : options(given),
      guard(given.root),
      store(store_folder),
      csrf(random_hex(16)),
      plan_file_(store_folder + "/web-plan.json") {
  std::error_code ec;
  if (fs::exists(plan_file_, ec)) {
    try {
      std::vector<PlanIssue> issues;
      plan_ = load_plan(plan_file_, issues);
    } catch (const Error& e) {
      std::fprintf(stderr, "relsynth serve: warning: %s not read: %s\n", plan_file_.c_str(),
                   e.what());
    }
  }
  executions = std::make_unique<ExecutionManager>(store, secrets, options.workers);
}

std::optional<Plan> App::plan() const {
  std::lock_guard lock(plan_mutex_);
  return plan_;
}

void App::set_plan(const Plan& plan) {
  std::lock_guard lock(plan_mutex_);
  plan_ = plan;
  std::ofstream out(plan_file_ + ".tmp");
  out << plan_to_json(plan);  // never a password: plan_to_json writes the URI without it
  out.close();
  std::error_code ec;
  fs::rename(plan_file_ + ".tmp", plan_file_, ec);
}

Handler App::handle(Handler handler) const {
  return guarded(std::move(handler),
                 [this](const std::string& text) { return secrets.scrub(text); });
}

int serve(const ServeOptions& given) {
  ServeOptions options = given;
  if (!is_loopback(options.host) && options.token.empty())
    throw UsageError("--host " + options.host +
                     " opens the server to the network: give --token TOKEN too (every request "
                     "must then carry it), or keep the default 127.0.0.1");
  std::error_code ec;
  if (!fs::is_directory(options.root, ec))
    throw UsageError("--root " + quote_name(options.root) + " is not a folder");
  options.root = fs::canonical(options.root).string();
  const std::string store_folder =
      options.store.empty() ? options.root + "/.relsynth" : fs::absolute(options.store).string();
  // Paths in plans are relative to the root, as for `cd ROOT && relsynth run PLAN`.
  if (::chdir(options.root.c_str()) != 0)
    throw IoError("cannot enter --root " + quote_name(options.root));
  App app(options, store_folder);

  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(16); };
  server.set_payload_max_length(static_cast<size_t>(options.max_upload_mb) * 1024 * 1024);
  server.set_pre_routing_handler(
      [&app](const httplib::Request& request, httplib::Response& response) {
        return check_request(app, request, response);
      });
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [&](const httplib::Request& request, httplib::Response& response) {
        using Outcome = httplib::Server::HandlerResponse;
        if (!response.body.empty()) return Outcome::Unhandled;  // a route's own JSON error
        if (response.status == 413)
          reply(response,
                error_body("the request is larger than the server takes (--max-upload-mb " +
                               std::to_string(options.max_upload_mb) + ")",
                           "too_large"),
                413);
        else
          reply(response,
                error_body("no such endpoint: " + request.method + " " + request.path,
                           response.status == 404 ? "not_found" : "usage"),
                response.status);
        return Outcome::Handled;
      }));

  server.Get("/api/health", [](const httplib::Request&, httplib::Response& response) {
    reply(response, {{"status", "ok"}, {"version", RELSYNTH_VERSION}});
  });
  server.Get("/api/session",
             app.handle([&app](const httplib::Request&, httplib::Response& response) {
               reply(response, {{"csrf", app.csrf},
                                {"version", RELSYNTH_VERSION},
                                {"root", app.guard.root().string()},
                                {"store", app.store.absolute_folder()},
                                {"max_upload_mb", app.options.max_upload_mb},
                                {"token_required", !app.options.token.empty()},
                                {"ui_built", web_ui_built()}});
             }));
  add_source_routes(server, app);
  add_plan_routes(server, app);
  add_execution_routes(server, app);
  add_file_routes(server, app);
  server.Get("/api/.*", [](const httplib::Request& request, httplib::Response& response) {
    reply(response, error_body("no such endpoint: GET " + request.path, "not_found"), 404);
  });
  server.Get(".*", serve_asset);

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port < 0) throw IoError("cannot listen on " + options.host);
  } else if (!server.bind_to_port(options.host, port)) {
    throw UsageError("cannot listen on " + options.host + ":" + std::to_string(port) +
                     " (in use?); choose another --port");
  }
  const std::string shown_host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::string url = "http://" + shown_host + ":" + std::to_string(port) + "/";
  if (!options.token.empty()) url += "?token=" + options.token;
  std::printf("relsynth serve: %s\n", url.c_str());
  std::fflush(stdout);
  if (!options.quiet)
    std::fprintf(stderr, "serving %s (store %s); Ctrl-C stops\n", options.root.c_str(),
                 app.store.absolute_folder().c_str());
  server.listen_after_bind();
  return 0;
}

}  // namespace relsynth::server

#include "server/http_util.h"

#include <cctype>

#include "relsynth/error.h"

namespace relsynth::server {

Json error_body(const std::string& message, const std::string& kind, const Json& extra) {
  const ErrorPlace place = find_location(message);
  Json error = {
      {"message", message}, {"kind", kind}, {"table", place.table}, {"column", place.column}};
  for (const auto& [key, value] : extra.items()) error[key] = value;
  return {{"error", error}};
}

void reply(httplib::Response& response, const Json& body, int status) {
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace),
                       "application/json");
}

Json json_body(const httplib::Request& request) {
  if (request.body.empty()) return Json::object();
  Json body = Json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    throw HttpError(400, "usage", "the request body is not a JSON object");
  return body;
}

std::string text_field(const Json& body, const char* key, const std::string& fallback) {
  if (!body.contains(key) || body[key].is_null()) return fallback;
  if (!body[key].is_string())
    throw HttpError(400, "usage", std::string("\"") + key + "\" must be text");
  return body[key].get<std::string>();
}

std::string safe_file_name(const std::string& name, const std::string& fallback) {
  std::string out;
  for (const char c : name)
    out +=
        std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_';
  while (!out.empty() && out.front() == '.') out.erase(0, 1);
  return out.empty() ? fallback : out;
}

void set_attachment(httplib::Response& response, const std::string& file_name) {
  response.set_header("Content-Disposition",
                      "attachment; filename=\"" + safe_file_name(file_name, "download") + "\"");
}

namespace {

std::string kind_of(const Error& error) {
  switch (error.code()) {
    case ErrorCode::Usage:
      return "usage";
    case ErrorCode::Input:
      return "input";
    case ErrorCode::Io:
      return "io";
    case ErrorCode::Internal:
      break;
  }
  return "internal";
}

}  // namespace

Handler guarded(Handler handler, std::function<std::string(const std::string&)> scrub) {
  return [handler = std::move(handler), scrub = std::move(scrub)](const httplib::Request& request,
                                                                  httplib::Response& response) {
    try {
      handler(request, response);
    } catch (const HttpError& e) {
      reply(response, error_body(scrub(e.what()), e.kind(), e.extra()), e.status());
    } catch (const Error& e) {
      const std::string kind = kind_of(e);
      reply(response, error_body(scrub(e.what()), kind), kind == "internal" ? 500 : 400);
    } catch (const Json::exception& e) {
      reply(response, error_body(scrub(e.what()), "usage"), 400);
    } catch (const std::exception& e) {
      reply(response, error_body(scrub(e.what()), "internal"), 500);
    }
  };
}

}  // namespace relsynth::server

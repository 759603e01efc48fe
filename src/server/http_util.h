// The JSON API's plumbing: errors as HTTP statuses with a JSON body ({"error": {"message",
// "kind", "table", "column"}}, docs/WEB_API.md), request bodies read as JSON, replies written.
#pragma once

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace relsynth::server {

using Json = nlohmann::ordered_json;

// A refusal with its HTTP status and kind ("forbidden", "not_found", "conflict", ...).
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string kind, const std::string& message, Json extra = {})
      : std::runtime_error(message),
        status_(status),
        kind_(std::move(kind)),
        extra_(std::move(extra)) {}
  int status() const { return status_; }
  const std::string& kind() const { return kind_; }
  const Json& extra() const { return extra_; }  // more fields of the error object ("alerts")

 private:
  int status_;
  std::string kind_;
  Json extra_;
};

// The error object of a message: its kind, and the table and column it names (locate()).
Json error_body(const std::string& message, const std::string& kind, const Json& extra = {});

// Replies with `body` as JSON and `status`.
void reply(httplib::Response& response, const Json& body, int status = 200);

// The request's body as a JSON object (an empty body is {}); 400 when it is not one.
Json json_body(const httplib::Request& request);

// Wraps a handler: any exception becomes the JSON error reply its kind calls for (relsynth's
// usage/input/io errors 400, HttpError its own status, anything else 500). `scrub` removes
// secrets from messages before they leave.
using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
Handler guarded(Handler handler, std::function<std::string(const std::string&)> scrub);

// Text values of a JSON object's optional fields.
std::string text_field(const Json& body, const char* key, const std::string& fallback = {});

// `name` made safe as a file name (letters, digits, '-', '_', '.'; others '_'; never starting
// with '.'); `fallback` when nothing is left.
std::string safe_file_name(const std::string& name, const std::string& fallback);
// Marks the reply as a download named `file_name` (made safe).
void set_attachment(httplib::Response& response, const std::string& file_name);

}  // namespace relsynth::server

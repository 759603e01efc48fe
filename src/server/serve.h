// `relsynth serve`: the synthesis workflow as a local web app (docs/WEB_API.md). A JSON API over
// plans, sources and the run store, executions run by worker threads, and the web UI embedded
// in the binary. Binds 127.0.0.1 unless told otherwise, and then only with a token.
#pragma once

#include <string>
#include <vector>

namespace relsynth::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8765;  // 0: any free port (printed)
  std::string root = ".";
  std::string token;  // required by every request when set; needed off loopback
  std::string store;  // empty: <root>/.relsynth
  int max_upload_mb = 200;
  int workers = 1;                       // executions running at once
  std::vector<std::string> dev_origins;  // other origins allowed to call (a Vite dev server)
  bool quiet = false;
};

// A loopback address or name (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& host);

// Runs the server until the process is interrupted; returns the exit code. A non-loopback host
// without a token, a root that is not a folder or a port in use are UsageErrors.
int serve(const ServeOptions& options);

}  // namespace relsynth::server

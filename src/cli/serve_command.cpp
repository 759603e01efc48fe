// relsynth serve: the web app (src/server, docs/WEB_API.md) on this machine.
#include "cli/commands.h"
#include "server/serve.h"

namespace relsynth::cli {

Runner add_serve_command(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<server::ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve",
      "Start the web app: a wizard from a source to a synthetic database, executions with "
      "their timeline and reports (on 127.0.0.1 unless --host and --token are given)");
  command->add_option("--host", o->host, "Address to listen on (a non-loopback one needs --token)")
      ->capture_default_str();
  command->add_option("--port", o->port, "Port (0: any free one, printed)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command
      ->add_option("--root", o->root,
                   "The folder whose files the app may read and write (sources, destinations, "
                   "uploads); plans' paths are relative to it")
      ->capture_default_str();
  command->add_option("--token", o->token,
                      "Every request must carry this token (header Authorization: Bearer, or "
                      "the cookie the printed link sets)");
  command->add_option("--store", o->store, "The run store's folder (default ROOT/.relsynth)");
  command->add_option("--max-upload-mb", o->max_upload_mb, "Largest upload (and request), in MB")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("--workers", o->workers, "Executions that run at once (others wait queued)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command->add_option("--dev-origin", o->dev_origins,
                      "Another origin whose pages may call the API (a Vite dev server: "
                      "http://localhost:5173)");
  return [o, &global] {
    o->quiet = global.quiet;
    return server::serve(*o);
  };
}

}  // namespace relsynth::cli

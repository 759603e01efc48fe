// Database passwords the web app was given, kept in this process's memory only: never written to
// a plan, the run store, a log or a reply. Keyed by the URL without its password and query
// (postgresql://ana@db:5432/shop), so every URL of that server, user and database gets it.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace relsynth::server {

// The password inside a server URL (decoded; "" when none), and `uri` with `password` put in
// (percent-encoded; `uri` as it is when it has no user or is not a server URL).
std::string password_in_uri(const std::string& uri);
std::string uri_with_password(const std::string& uri, const std::string& password);

class SecretStore {
 public:
  // Remembers `password` for `uri` (an empty password forgets it).
  void remember(const std::string& uri, const std::string& password);
  // `uri` with a password it carries taken out and remembered.
  std::string absorb(const std::string& uri);
  // `uri` with its remembered password put in (percent-encoded), for opening it; `uri` as it is
  // when none is known (or it carries one, or is not a server URL).
  std::string with_password(const std::string& uri) const;
  bool knows(const std::string& uri) const;
  // `text` with every remembered password replaced by "***" (error messages may quote a URL).
  std::string scrub(const std::string& text) const;

 private:
  static std::string key(const std::string& uri);
  mutable std::mutex mutex_;
  std::map<std::string, std::string> passwords_;
};

}  // namespace relsynth::server

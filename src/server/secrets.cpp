#include "server/secrets.h"

#include <cctype>
#include <cstdio>

#include "relsynth/io.h"

namespace relsynth::server {

namespace {

bool is_server_url(const std::string& uri) {
  return uri.starts_with("postgresql://") || uri.starts_with("postgres://") ||
         uri.starts_with("mysql://") || uri.starts_with("mariadb://");
}

// Where the user part of a server URL ends: the '@' before the host (npos when none).
size_t user_end(const std::string& uri) {
  const size_t scheme = uri.find("://");
  if (scheme == std::string::npos) return std::string::npos;
  size_t end = uri.find_first_of("/?#", scheme + 3);
  if (end == std::string::npos) end = uri.size();
  const size_t at = uri.rfind('@', end);
  return at == std::string::npos || at < scheme + 3 ? std::string::npos : at;
}

// The password inside `uri` ("" when none): between the user's ':' and the '@'.
std::string password_in(const std::string& uri) {
  const size_t at = user_end(uri);
  if (at == std::string::npos) return {};
  const size_t colon = uri.find(':', uri.find("://") + 3);
  return colon < at ? uri.substr(colon + 1, at - colon - 1) : std::string();
}

std::string percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned value = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        std::sscanf(text.substr(i + 1, 2).c_str(), "%2x", &value) == 1) {
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string percent_encode(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

}  // namespace

std::string password_in_uri(const std::string& uri) {
  return is_server_url(uri) ? percent_decode(password_in(uri)) : std::string();
}

std::string uri_with_password(const std::string& uri, const std::string& password) {
  if (!is_server_url(uri) || password.empty()) return uri;
  const std::string bare = uri_without_password(uri);
  const size_t at = user_end(bare);
  if (at == std::string::npos) return uri;  // no user to give it to
  return bare.substr(0, at) + ":" + percent_encode(password) + bare.substr(at);
}

std::string SecretStore::key(const std::string& uri) {
  const std::string without = uri_without_password(uri);
  return without.substr(0, without.find('?'));
}

void SecretStore::remember(const std::string& uri, const std::string& password) {
  if (!is_server_url(uri)) return;
  std::lock_guard lock(mutex_);
  if (password.empty())
    passwords_.erase(key(uri));
  else
    passwords_[key(uri)] = password;
}

std::string SecretStore::absorb(const std::string& uri) {
  const std::string password = password_in_uri(uri);
  if (password.empty()) return uri;
  remember(uri, password);
  return uri_without_password(uri);
}

std::string SecretStore::with_password(const std::string& uri) const {
  if (!is_server_url(uri) || uri_without_password(uri) != uri) return uri;
  std::lock_guard lock(mutex_);
  const auto found = passwords_.find(key(uri));
  return found == passwords_.end() ? uri : uri_with_password(uri, found->second);
}

bool SecretStore::knows(const std::string& uri) const {
  std::lock_guard lock(mutex_);
  return passwords_.count(key(uri)) > 0;
}

std::string SecretStore::scrub(const std::string& text) const {
  std::string out = text;
  std::lock_guard lock(mutex_);
  for (const auto& [where, password] : passwords_)
    for (const std::string& form : {password, percent_encode(password)})
      for (size_t at = out.find(form); !form.empty() && at != std::string::npos;
           at = out.find(form, at + 3))
        out.replace(at, form.size(), "***");
  return out;
}

}  // namespace relsynth::server

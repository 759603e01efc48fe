#include "server/path_guard.h"

#include "relsynth/error.h"
#include "relsynth/io.h"
#include "server/http_util.h"

namespace relsynth::server {

namespace fs = std::filesystem;

PathGuard::PathGuard(const fs::path& root) : root_(fs::canonical(fs::absolute(root))) {}

bool PathGuard::inside(const fs::path& resolved) const {
  const fs::path relative = resolved.lexically_relative(root_);
  return !relative.empty() && *relative.begin() != "..";
}

fs::path PathGuard::resolve(const std::string& path) const {
  if (path.find('\0') != std::string::npos)
    throw HttpError(403, "forbidden", "the path holds a NUL character");
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(root_ / path, ec).lexically_normal();
  if (ec) throw HttpError(400, "io", quote_name(path) + " cannot be resolved: " + ec.message());
  if (resolved.filename().empty()) resolved = resolved.parent_path();
  if (!inside(resolved))
    throw HttpError(403, "forbidden",
                    quote_name(path) + " lies outside the served folder " + root_.string() +
                        " (relsynth serve --root); choose a path inside it");
  return resolved;
}

std::string PathGuard::relative(const fs::path& path) const {
  const std::string relative = path.lexically_relative(root_).generic_string();
  return relative.empty() ? "." : relative;
}

void PathGuard::check_uri(const std::string& uri, const std::string& what) const {
  if (uri.empty()) return;
  const std::string place = place_identity(uri);
  if (place.starts_with("postgresql://") || place.starts_with("mysql://")) return;
  if (!inside(fs::path(place).lexically_normal()))
    throw HttpError(403, "forbidden",
                    "the " + what + " " + quote_name(display_uri(uri)) +
                        " lies outside the served folder " + root_.string() +
                        " (relsynth serve --root); choose a path inside it");
}

}  // namespace relsynth::server

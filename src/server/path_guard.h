// Keeps every server path the web app touches inside --root: a path is resolved (relative to the
// root, symlinks of its existing parts followed, "." and ".." gone) and refused when it lands
// outside, so neither "../" nor a symlink pointing out reaches other files.
#pragma once

#include <filesystem>
#include <string>

namespace relsynth::server {

class PathGuard {
 public:
  // `root` must exist; it is made absolute and canonical.
  explicit PathGuard(const std::filesystem::path& root);
  const std::filesystem::path& root() const { return root_; }

  // The absolute path `path` (relative to the root, or absolute) names; HttpError 403 when it
  // lies outside the root.
  std::filesystem::path resolve(const std::string& path) const;
  // `path` (inside the root) relative to it, "." for the root itself.
  std::string relative(const std::filesystem::path& path) const;
  // Every local file or folder a source or destination URI names must lie inside the root; a
  // database server's URL passes. A malformed URI is the connectors' UsageError.
  void check_uri(const std::string& uri, const std::string& what) const;
  bool inside(const std::filesystem::path& resolved) const;

 private:
  std::filesystem::path root_;
};

}  // namespace relsynth::server

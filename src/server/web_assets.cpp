#include "server/web_assets.h"

#include <map>

namespace relsynth::server {

const WebAsset* find_web_asset(std::string_view path) {
  static const std::map<std::string_view, const WebAsset*> by_path = [] {
    std::map<std::string_view, const WebAsset*> index;
    for (const WebAsset& asset : web_assets()) index[asset.path] = &asset;
    return index;
  }();
  const auto found = by_path.find(path);
  return found == by_path.end() ? nullptr : found->second;
}

std::string content_type_of(std::string_view path) {
  static const std::map<std::string_view, std::string_view> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"}};
  const size_t dot = path.rfind('.');
  if (dot != std::string_view::npos) {
    const auto found = types.find(path.substr(dot));
    if (found != types.end()) return std::string(found->second);
  }
  return "application/octet-stream";
}

}  // namespace relsynth::server

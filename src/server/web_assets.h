// The web app's files (web/dist), embedded in the binary at build time by
// cmake/EmbedWebDist.cmake: served from memory, no file lookups at run time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace relsynth::server {

struct WebAsset {
  const char* path;  // "/index.html", "/assets/index-3f2a.js"
  const unsigned char* data;
  size_t size;
};

// Every embedded file (a placeholder index.html when the UI was not built).
const std::vector<WebAsset>& web_assets();
bool web_ui_built();

// The embedded file at `path`; nullptr when none.
const WebAsset* find_web_asset(std::string_view path);
// The Content-Type of a file by its extension.
std::string content_type_of(std::string_view path);

}  // namespace relsynth::server

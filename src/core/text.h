// Small text helpers shared by messages, the CLI and the reports.
#pragma once

#include <string>
#include <vector>

namespace relsynth {

// "a, b, c" (or another separator)
inline std::string join(const std::vector<std::string>& items,
                        const std::string& separator = ", ") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

// `text` padded with spaces to `width` (at least one space after it), for aligned columns.
inline std::string pad(const std::string& text, size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

}  // namespace relsynth

// How the spreadsheet destinations (.xlsx, .ods) write values a spreadsheet has no type for.
#pragma once

#include <string>

namespace relsynth::sheet {

// Binary data as text: \x followed by lowercase hex digits, as the CSV writer writes it (and
// every reader of relsynth's reads back when the column is declared binary).
inline std::string binary_as_text(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + 2 * bytes.size());
  for (unsigned char byte : bytes) {
    text += kHex[byte >> 4];
    text += kHex[byte & 15];
  }
  return text;
}

}  // namespace relsynth::sheet

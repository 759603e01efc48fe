#include "model/fake_text.h"

#include <array>

namespace relsynth::fake {
namespace {

// ASCII spelling of the Latin-1 letters U+00C0..U+00FF (lower case; "" for ×, ÷).
constexpr std::array<std::string_view, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",
};

// Latin Extended-A (U+0100..U+017F): the base letter of each ("ł" -> "l", "š" -> "s").
constexpr std::string_view kExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
    "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string fold_ascii(std::string_view text, bool umlauts) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z')
        out.push_back(static_cast<char>(c - 'A' + 'a'));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        out.push_back(static_cast<char>(c));
      continue;
    }
    if (i + 1 >= text.size() || !continuation(static_cast<unsigned char>(text[i + 1]))) continue;
    const unsigned char d = static_cast<unsigned char>(text[i + 1]);
    const uint32_t code = ((c & 0x1Fu) << 6) | (d & 0x3Fu);
    if ((c & 0xE0) == 0xC0) {
      ++i;
      if (code >= 0xC0 && code <= 0xFF) {
        const uint32_t lower = code | 0x20;  // ä and Ä alike
        if (umlauts && (lower == 0xE4 || lower == 0xF6 || lower == 0xFC)) {
          out += lower == 0xE4 ? "ae" : lower == 0xF6 ? "oe" : "ue";
          continue;
        }
        out += kLatin1[code - 0xC0];
      } else if (code >= 0x100 && code < 0x100 + kExtendedA.size()) {
        out.push_back(kExtendedA[code - 0x100]);
      }
      continue;
    }
    // Longer sequences (other scripts, symbols) are left out.
    while (i + 1 < text.size() && continuation(static_cast<unsigned char>(text[i + 1]))) ++i;
  }
  return out;
}

namespace {

std::string change_case(std::string_view text, bool upper) {
  std::string out(text);
  for (size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      if (upper && c >= 'a' && c <= 'z') out[i] = static_cast<char>(c - 'a' + 'A');
      if (!upper && c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < out.size()) {
      const unsigned char d = static_cast<unsigned char>(out[i + 1]);
      // À..Þ (0x80..0x9E) and à..þ (0xA0..0xBE), except × ÷ and ß.
      if (upper && d >= 0xA0 && d <= 0xBE && d != 0xB7) out[i + 1] = static_cast<char>(d - 0x20);
      if (!upper && d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

}  // namespace

std::string utf8_upper(std::string_view text) { return change_case(text, true); }
std::string utf8_lower(std::string_view text) { return change_case(text, false); }

std::string fill_pattern(std::string_view pattern, std::string_view part, std::string_view area,
                         Rng& rng) {
  // Postcode letters: those the UK uses in the inward code (no C, I, K, M, O, V).
  constexpr std::string_view kLetters = "ABDEFGHJLNPQRSTUWXYZ";
  std::string out;
  size_t next_area = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      out += part;
      ++i;
    } else if (c == '#') {
      out.push_back(static_cast<char>('0' + rng.uniform_int(10)));
    } else if (c == '?') {
      if (rng.uniform() < 0.5) out.push_back(static_cast<char>('1' + rng.uniform_int(9)));
    } else if (c == '@') {
      out.push_back(kLetters[rng.uniform_int(kLetters.size())]);
    } else if (c == 'A') {
      out.push_back(next_area < area.size() ? area[next_area++]
                                            : static_cast<char>('0' + rng.uniform_int(10)));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace relsynth::fake

// Text helpers for fake values: accent folding (names into e-mail addresses and domains),
// Latin-1 aware case changes and the small pattern language of fake_locale.h.
#pragma once

#include <string>
#include <string_view>

#include "core/random.h"

namespace relsynth::fake {

// Lower-case ASCII letters and digits only: accents dropped ("Gonçalves" -> "goncalves"),
// German umlauts spelled out when `umlauts` ("Müller" -> "mueller", else "muller"), "ß" ->
// "ss", anything else (spaces, apostrophes, hyphens) left out.
std::string fold_ascii(std::string_view text, bool umlauts = false);
// Case-insensitive, accent-insensitive comparison key: fold_ascii keeping digits.
inline std::string match_key(std::string_view text) { return fold_ascii(text); }

// Upper or lower case of ASCII and Latin-1 letters in UTF-8 ("müller" <-> "MÜLLER").
std::string utf8_upper(std::string_view text);
std::string utf8_lower(std::string_view text);

// Fills a pattern: '#' a digit, '@' an upper-case letter (of those postcodes use), '?' an
// optional digit, "{}" `part`, 'A' the next character of `area` (then '#' once it runs out).
std::string fill_pattern(std::string_view pattern, std::string_view part, std::string_view area,
                         Rng& rng);

}  // namespace relsynth::fake

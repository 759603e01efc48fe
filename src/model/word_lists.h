// Built-in word lists for generated PII and text, plus the small string helpers the value
// generators share. The lists are written for relsynth (not taken from any data set): they only
// have to look plausible, and they guarantee that a generated value never comes from the source.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace relsynth::words {

std::span<const std::string_view> first_names();
std::span<const std::string_view> last_names();
std::span<const std::string_view> street_names();
std::span<const std::string_view> street_types();         // "Street", "Avenue", ...
std::span<const std::string_view> street_type_abbrevs();  // "St", "Ave", ... (same order)
std::span<const std::string_view> cities();
std::span<const std::string_view> email_domains();  // free-mail style domains
std::span<const std::string_view> lorem_words();
std::span<const std::string_view> company_words();
std::span<const std::string_view> company_suffixes();  // "Inc.", "Ltd", "GmbH", ...
// Small words kept as they are inside person names ("de", "van", "and", "Jr").
bool is_name_particle(std::string_view word);

struct Country {
  std::string_view name;
  std::string_view iso2;
  std::string_view iso3;
};
std::span<const Country> countries();

}  // namespace relsynth::words

namespace relsynth::text {

// How the letters of a word are cased.
enum class CaseStyle : uint8_t { Lower = 0, Upper = 1, Capitalized = 2, Mixed = 3 };
// The style of one word (ASCII letters only; a word without letters is Mixed).
CaseStyle case_of(std::string_view word);
// Rewrites the ASCII letters of `word` in `style` (Mixed leaves it unchanged).
std::string apply_case(std::string_view word, CaseStyle style);

bool is_digit(char c);
bool is_upper(char c);
bool is_lower(char c);
bool is_alpha(char c);  // ASCII letter or any byte of a multi-byte UTF-8 character
bool is_space(char c);

// Cuts `value` to at most `max_bytes` bytes without splitting a UTF-8 character, and drops
// trailing spaces the cut exposed. max_bytes == 0 means no limit.
void truncate_utf8(std::string& value, size_t max_bytes);

// FNV-1a over the bytes, finished with mix64 and `seed`: a stable 64-bit string hash.
uint64_t hash_string(std::string_view value, uint64_t seed);

}  // namespace relsynth::text

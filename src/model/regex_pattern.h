// Patterns for the `pattern` column treatment (docs/METADATA.md, "Column treatments"): a small
// regular-expression language that spells values rather than matching them. Literals, escapes
// (\. \- \\ ...), classes with ranges ([A-Z0-9_], [^...] over printable ASCII), \d and \w,
// counts {n} and {n,m}, ?, and groups with alternation ((EU|US), (?:...)). A leading ^ and a
// trailing $ are accepted and ignored. Unbounded repetition (* + {n,}) and . are refused:
// a value needs a bounded length and an explicit alphabet.
//
// A pattern spells count() values (derivations; distinct values when unique_problem() is
// empty). Random values draw every derivation about equally often; unique values map the row
// index through a keyed bijection onto the derivations, so rows never repeat and consecutive
// rows look unrelated.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/random.h"
#include "relsynth/types.h"

namespace relsynth {

namespace regex_detail {
struct Sequence;
}

class RegexPattern {
 public:
  // Throws UsageError: "pattern \"...\": at character N: <what is wrong>".
  explicit RegexPattern(std::string_view pattern);
  ~RegexPattern();
  RegexPattern(RegexPattern&&) noexcept;
  RegexPattern& operator=(RegexPattern&&) noexcept;

  const std::string& text() const { return text_; }
  // The number of values the pattern spells, or nullopt when it is 2^64 or more.
  std::optional<uint64_t> count() const;
  // count() as text: "100000", or "more than 18446744073709551615".
  std::string count_text() const;
  // Empty when distinct derivations are distinct values (so `unique` holds); else why not,
  // with the character where the pattern becomes ambiguous.
  const std::string& unique_problem() const { return unique_problem_; }
  // Every value is made of ASCII digits only (an integer column can take it).
  bool digits_only() const { return digits_only_; }
  size_t min_length() const { return min_length_; }
  size_t max_length() const { return max_length_; }

  // A value drawn at random.
  std::string random_value(Rng& rng) const;
  // The value of row `index` among distinct ones: a bijection keyed by `salt`. False when
  // the pattern has no more values (index >= count()).
  bool unique_value(uint64_t index, uint64_t salt, std::string& out) const;

 private:
  std::string text_;
  std::unique_ptr<regex_detail::Sequence> root_;
  std::string unique_problem_;
  bool digits_only_ = true;
  size_t min_length_ = 0, max_length_ = 0;
};

// Why a column of storage type `type` cannot take `pattern`'s values (empty: it can). String
// columns take any; integer columns a pattern of digits of one length, at most 18.
std::string pattern_type_problem(const RegexPattern& pattern, DataType type);

// Empty when `pattern` is a valid pattern; else what is wrong and at which character
// ("at character 4: unbounded repetition '*': give a count such as {1,8}").
std::string pattern_problem(std::string_view pattern);

}  // namespace relsynth

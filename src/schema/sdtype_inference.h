// Semantic-type inference for one column: column-name analysis, a statistical profile of the
// values, and the rules that turn both into an sdtype with a short reason.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth::inference {

// A column or table name split into lower-case words: "BillingPostalCode" ->
// {billing, postal, code}; "atom_id2" -> {atom, id, 2}; joined = "billingpostalcode".
struct NameInfo {
  std::vector<std::string> tokens;
  std::string joined;  // lower-case letters and digits only

  bool has(std::string_view token) const;
  bool contains(std::string_view text) const { return joined.find(text) != std::string::npos; }
  // The last token that is not a number ("atom_id2" -> "id").
  std::string_view last_word() const;
};
NameInfo analyze_name(std::string_view name);

// Lower-case alphanumerics only: "Order Details" -> "orderdetails".
std::string normalize_name(std::string_view name);

// Whether a name says "identifier": its last word is id / key / code / uuid / guid.
bool is_id_like_name(const NameInfo& name);
// year, month, day, hour, minute, ... (also "yearID", "release_year").
bool is_date_part_name(const NameInfo& name);

// What the values of a column look like. String features are measured on a sample.
struct ColumnProfile {
  DataType type = DataType::String;
  size_t rows = 0;
  size_t nulls = 0;
  size_t non_null = 0;
  size_t distinct = 0;  // distinct non-NULL values
  // Integers.
  int64_t min_int = 0;
  int64_t max_int = 0;
  // Floats: every value is whole.
  bool whole = true;
  // Strings (shares of the sampled non-NULL values).
  double avg_length = 0;
  double avg_words = 0;
  double space_share = 0;  // values with whitespace inside (after trimming)
  double email_share = 0;
  double url_share = 0;
  double phone_share = 0;     // digits with phone punctuation, 7-15 digits
  double digits_share = 0;    // digits only
  double number_share = 0;    // decimal numbers
  double hex_blob_share = 0;  // "\x0a1b..." byte dumps
  double code_share = 0;      // short, no whitespace, letters/digits/-_./
  // Up to three distinct values (lower-cased, trimmed) to recognise flags.
  std::vector<std::string> first_values;

  bool unique() const { return non_null > 0 && nulls == 0 && distinct == non_null; }
  double distinct_ratio() const { return non_null ? double(distinct) / double(non_null) : 0.0; }
  // Short strings without spaces, or integers: values that could be keys.
  bool code_like() const;
};
ColumnProfile profile_column(const Column& column);
ColumnProfile empty_profile(DataType type);

// How a column takes part in the keys, as far as it changes its sdtype.
enum class KeyRole {
  None,
  PrimaryKey,    // the table's single-column primary key
  ReferencesId,  // a foreign-key column whose parent column is an identifier
  KeyPart,       // part of a composite key (or a foreign key to a non-id column)
};

struct SdtypeChoice {
  SDType sdtype = SDType::Categorical;
  std::string reason;
};

// The sdtype of a column from its declared facts, its role in the keys, its name and its
// values; `key_detail` says why for key columns ("declared primary key").
SdtypeChoice infer_sdtype(const std::string& table_name, const ColumnMeta& column,
                          const ColumnProfile& profile, KeyRole role,
                          const std::string& key_detail);

// Whether an sdtype came from the values alone (and may be refined by cross-column evidence).
bool is_weak_reason(const std::string& reason);

// A share as a short percentage, rounded down so that 100% means all: 0.9961 -> "99.6%".
std::string percent(double share);

}  // namespace relsynth::inference

// Column encoders: turn a column's values into tokens (small integers a classifier predicts)
// and tokens back into values.
//
// Every encoder follows one contract: fit() learns the token set from real data (this is
// where rare-value protection happens), encode() maps each row to one token, decode() draws
// one value for a token. NULL is its own token whenever the fitted column had NULLs.
//
// Tokens are ordered so that threshold splits on them make sense: numeric tokens follow the
// number line (NULL last), categorical tokens go from most to least frequent (RARE, then
// NULL, last).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/binary_io.h"
#include "core/random.h"
#include "relsynth/metadata.h"
#include "relsynth/table.h"
#include "relsynth/types.h"

namespace relsynth {

// How a categorical encoder decodes its RARE token.
enum class RareMode : uint8_t {
  // Default. String columns get `rare_placeholder`; other types get a common (kept) value
  // drawn by frequency. A value seen fewer than rare_threshold times can identify a person
  // (a name, a one-off product code), so it never leaves the model.
  Placeholder = 0,
  // A rare value drawn from the real rare values (stored in the model, up to
  // max_rare_values). Keeps the long tail's look at the cost of releasing real rare values.
  Sample = 1,
};

struct EncoderOptions {
  // Numeric: at most this many quantile bins (plus frequent values and NULL).
  int max_bins = 32;
  // Numeric: an exact value with at least this share of the non-NULL rows (and at least
  // rare_threshold rows) gets its own token (0, round amounts, sentinel values).
  double frequent_value_share = 0.015;
  int max_frequent_values = 16;
  // Numeric: the number of within-bin quantile intervals stored per bin.
  int bin_quantiles = 8;
  // Values seen fewer times than this are rare: categorical values fold into RARE; numeric
  // tails are winsorised to the rare_threshold-th most extreme value, so no single real
  // outlier is ever reproduced.
  int rare_threshold = 5;
  // Categorical: keep at most this many values (the most frequent); the rest fold into RARE.
  int max_categories = 1000;
  RareMode rare_mode = RareMode::Placeholder;
  std::string rare_placeholder = "_RARE_";
  int max_rare_values = 10000;  // RareMode::Sample only
};

enum class EncoderKind : uint8_t { Numeric = 1, Categorical = 2 };

// encode() and decode() are const and thread-safe (all randomness comes from the caller's
// Rng); fit() and load() are not.
class ColumnEncoder {
 public:
  virtual ~ColumnEncoder() = default;

  virtual EncoderKind kind() const = 0;
  // Learns the tokens of `column`. Throws InputError (naming the column and row) on values
  // the encoder cannot read, e.g. a Decimal that is not a number.
  virtual void fit(const Column& column, const EncoderOptions& options) = 0;
  // Tokens are 0 .. num_tokens() - 1; at least 1 after fit.
  virtual size_t num_tokens() const = 0;
  // The NULL token, or -1 when the fitted column had no NULLs.
  virtual int null_token() const = 0;
  // The column's storage type as fitted; decode() appends values of this type.
  DataType type() const { return type_; }

  // One token per row. A value unseen at fit maps to the nearest bin (numeric) or to RARE
  // (categorical; the most frequent token when there is no RARE); NULL without a NULL token
  // maps to the most frequent token.
  virtual uint16_t encode_value(const Column& column, size_t row) const = 0;
  std::vector<uint16_t> encode(const Column& column) const;
  // Appends one value for `token` to `out` (same type as fitted). Throws UsageError on a
  // token >= num_tokens().
  virtual void decode(uint16_t token, Rng& rng, Column& out) const = 0;
  // A short human-readable description of a token ("[12.5, 18]", "\"Paris\"", "NULL").
  virtual std::string token_label(uint16_t token) const = 0;
  // The token that always decodes to exactly `value` (a frequent number kept as its own
  // token), or -1.
  virtual int exact_token(double) const { return -1; }
  // Decodes `token` at quantile `u` (in [0, 1)) of the values it stands for, when it stands
  // for several (the rare values' token): generation spreads u evenly over the rows that drew
  // the token, so its values come out in the source's proportions rather than by chance.
  // False (nothing appended): the token decodes otherwise.
  virtual bool decode_at(uint16_t /*token*/, double /*u*/, Column& /*out*/) const { return false; }
  // The lowest and highest number decoding can give (false: not a number, or no range).
  virtual bool value_range(double& /*low*/, double& /*high*/) const { return false; }
  // The texts a categorical text column decodes to (kept and sampled rare values) with their
  // counts in the source; empty for other encoders.
  virtual std::vector<std::pair<std::string, double>> text_values() const { return {}; }

  // The body only; use save_encoder / load_encoder to include the kind.
  virtual void save(BinaryWriter& out) const = 0;
  virtual void load(BinaryReader& in) = 0;

 protected:
  void check_token(uint16_t token) const;
  DataType type_ = DataType::String;
};

// Numeric encoder: quantile bins + frequent exact values + NULL. For Int64, Float64, Decimal
// (read as a number, written back with the source's number of decimals), Date, DateTime, Time.
// Values are handled as doubles: integers beyond 2^53 lose their last digits.
class NumericEncoder;
// Categorical encoder: frequency-ordered vocabulary + RARE + NULL. Any storage type.
class CategoricalEncoder;

std::unique_ptr<ColumnEncoder> make_numeric_encoder();
std::unique_ptr<ColumnEncoder> make_categorical_encoder();
std::unique_ptr<ColumnEncoder> make_encoder(EncoderKind kind);
// The default encoder for a column: numeric for numerical and datetime sdtypes stored as
// numbers or temporal values, categorical for everything else (Bool, strings, ids, PII).
std::unique_ptr<ColumnEncoder> make_encoder(DataType type, SDType sdtype);

// Section "encoder" v1: kind (u8), then the encoder's body.
void save_encoder(const ColumnEncoder& encoder, BinaryWriter& out);
std::unique_ptr<ColumnEncoder> load_encoder(BinaryReader& in);

}  // namespace relsynth

// Column and table treatments inside the engine (docs/METADATA.md, "Column treatments"): the
// checks `relsynth validate` and train() run, the data a treatment changes before training
// (hash, mask, exclude), and what a treatment makes of a column's role and encoder.
//
// train() is where treatments take effect: the metadata it stores in the model has the
// excluded tables and columns removed and keeps every other column's treatment, so generate()
// needs nothing of its own: pattern, constant and null columns carry their value generator,
// hash, mask and keep columns are modelled on the values training saw.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/encoder.h"
#include "model/value_generator.h"
#include "relsynth/metadata.h"
#include "relsynth/table.h"
#include "synth/synthesis_model.h"

namespace relsynth {

// Every problem of the metadata's treatments, each naming table and column and saying the fix
// (an empty list: the treatments can be applied). Reads hash secrets from the environment.
// Fake generators and locales are checked by the fake module, not here.
std::vector<std::string> treatment_problems(const Metadata& metadata);

// What training learns from: the metadata without excluded tables and columns (and without
// the rules, checks and constraints that read an excluded or rewritten column), and, when a
// treatment rewrites or removes column values, the data to train on instead of the caller's.
struct TreatedSource {
  Metadata metadata;
  std::optional<Database> data;       // nullopt: train on the caller's data as it is
  std::vector<std::string> warnings;  // what was dropped, and why
};
// Throws UsageError listing every problem of treatment_problems first. Tables named in
// `preserve` (--preserve) count as treated `preserve`.
TreatedSource apply_treatments(const Metadata& metadata, const Database& data,
                               const std::vector<std::string>& preserve);

// Removes the tables named in `dropped` from `metadata`: a kept table's foreign keys to one of
// them, and rules that read one, go too, each with a warning (as --ignore does).
void drop_tables(Metadata& metadata, const std::set<std::string>& dropped,
                 std::vector<std::string>& warnings);

// The role a column's treatment gives it, from the role Auto would (`automatic`): keys stay
// keys and foreign key columns foreign, synthesize / keep / hash / mask are modelled (on a
// UNIQUE column keep / hash / mask are generated: each value once), pattern, constant and null
// are generated (a primary key's pattern stays a key).
ColumnRole treated_role(const ColumnMeta& column, ColumnRole automatic);
// The value generator a treatment sets (pattern, constant, null, and keep / hash / mask on a
// UNIQUE column from `values`, the column as training sees it), or null. Throws UsageError
// naming `table` and the column when a UNIQUE column's treated values repeat.
std::unique_ptr<ValueGenerator> treatment_generator(const std::string& table,
                                                    const ColumnMeta& column, const Column& values);
// Whether a column of the table has a treatment that makes values a copy would not have
// (synthesize, pattern, fake, constant, null): such a small lookup table is not copied as
// reference data but generated.
bool generates_values(const TableMeta& table);
// Whether a generated column writes a value in every row (constant, null): no presence step.
bool sets_every_row(const ColumnMeta& column);
// A modelled column whose values the user released (keep, hash, mask): every value is learned
// exactly (a categorical encoder, numbers and dates too), rare ones too, and none is replaced
// by a generated one.
bool learns_every_value(const ColumnMeta& column);
// The encoder options for such a column: no rare threshold, rare values drawn from themselves.
EncoderOptions every_value_options(EncoderOptions options);

// The pseudonym of `value` under `secret` (HMAC-SHA256): its first kHashHexDigits hex digits.
inline constexpr size_t kHashHexDigits = 20;
inline constexpr size_t kMinHashHexDigits = 16;
std::string pseudonym(std::string_view value, std::string_view secret, size_t hex_digits);
// `value` with all but its first `keep_first` and last `keep_last` characters (UTF-8) replaced
// by `mask_char`; a value no longer than keep_first + keep_last is masked whole.
std::string masked(std::string_view value, int keep_first, int keep_last,
                   std::string_view mask_char);

}  // namespace relsynth

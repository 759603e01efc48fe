// Runs the whole pipeline through the library, as the `synth` command does.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "relsynth/inference.h"
#include "relsynth/io.h"
#include "relsynth/synth.h"

namespace relsynth::testing {

struct SourceData {
  Metadata metadata;
  Database data;
};

// Reads a source and infers its metadata.
SourceData load(const std::string& uri);

// Trains on `source` and writes the synthetic database to `destination`.
std::map<std::string, int64_t> synthesize(const SourceData& source, const std::string& destination,
                                          const TrainOptions& train_options = {},
                                          const GenerateOptions& generate_options = {});

// Trains and generates `source` with `seed` into `directory`/twin<seed>.sqlite, checks its
// integrity (expect_integrity) and returns its path.
std::string synthesize_at_seed(const SourceData& source, const std::string& directory,
                               uint64_t seed);

// As synthesize, through a model file: trained, saved to `model_path`, loaded, generated.
void synthesize_through_file(const SourceData& source, const std::string& model_path,
                             const std::string& destination);

// Synthesises `source` twice into `dir` (a.sqlite, b.sqlite): trained and generated on 1
// thread in batches of `small_batch` rows, and on 2 threads in batches of 100,000 rows. Returns
// the two databases' dumps, which the same seed must make equal.
std::pair<std::string, std::string> dumps_across_threads_and_batches(const SourceData& source,
                                                                     const std::string& dir,
                                                                     size_t small_batch);

// Writes `script` to a SQLite file in `directory`, synthesises it with `generate_options` and
// checks the result's integrity (expect_integrity); returns the synthetic database's path.
std::string synthesize_script(const std::string& directory, const std::string& script,
                              const GenerateOptions& generate_options = {});

// Whether training would find the rule `description` (as describe() writes it) on `table`.
bool has_rule(const Metadata& metadata, const std::string& table, const std::string& description);

// Values of the source's personal columns (sdtypes name, email, phone, address, postal_code,
// other_pii, url; in `source.metadata`, or in the ground-truth metadata file `ground_truth`
// when given) that appear verbatim as a whole value of any column of the synthetic SQLite
// database at `output`, as "table.column: value (personal in T.C)". Ordinary values are left
// out (README, "Personal values"): at most 3 characters, a number of at most 5 digits (a postal
// code 1010 is also the 1010th track's key), a single word of the built-in name, place and word
// lists the generators draw from ("Robert", "Smith", "London"), and a value or word that at
// least 5 rows of a column that is not personal hold (a band "Queen" is a word of track titles).
std::vector<std::string> personal_values_in(const SourceData& source, const std::string& output,
                                            const std::string& ground_truth = "");

// Integrity of a synthetic SQLite database against the metadata, as gtest failures: no
// foreign-key violation, primary keys unique and non-NULL, NOT NULL and UNIQUE hold.
void expect_integrity(const Metadata& metadata, const std::string& db_path);

}  // namespace relsynth::testing

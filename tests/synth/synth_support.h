// Runs the whole pipeline through the library, as the `synth` command does.
#pragma once

#include <map>
#include <string>

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

// Integrity of a synthetic SQLite database against the metadata, as gtest failures: no
// foreign-key violation, primary keys unique and non-NULL, NOT NULL and UNIQUE hold.
void expect_integrity(const Metadata& metadata, const std::string& db_path);

}  // namespace relsynth::testing

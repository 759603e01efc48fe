// Hashes that tell whether a later execution can reuse an earlier one's model: a content hash of
// text (a plan, its training part) and a fingerprint of a source database.
#pragma once

#include <string>
#include <string_view>

#include "relsynth/metadata.h"
#include "relsynth/table.h"

namespace relsynth::runs {

// 32 hex digits (128 bits) identifying `text`; not a cryptographic hash.
std::string content_hash(std::string_view text);

// Row counts and checksums of the key columns (primary, foreign and unique-constraint columns;
// every column of a table without any) of every table of `data` under `metadata`, with each
// table's column names and types: equal for the same rows in any order, different when a row is
// added, removed or re-keyed, or a column changes type. Values of other columns are not read
// (a change there alone keeps the fingerprint: the price of reading only keys).
std::string source_fingerprint(const Metadata& metadata, const Database& data);

// The key an execution is recorded with: its plan's training part (text that changes whenever
// training would) and the source's fingerprint.
std::string training_key(std::string_view training_part, const std::string& fingerprint);

}  // namespace relsynth::runs

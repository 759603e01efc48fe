// Reading a source with its metadata and choosing tables: the first step of every front end
// (the CLI's commands, the Python package).
#pragma once

#include <string>
#include <vector>

#include "core/text.h"
#include "relsynth/inference.h"
#include "relsynth/io.h"
#include "relsynth/progress.h"

namespace relsynth {

struct SourceRequest {
  std::string uri;
  Source* opened = nullptr;   // a source already open (tables in memory) instead of `uri`'s
  std::string metadata_path;  // empty: infer
  const Metadata* metadata = nullptr;  // instead of a file (a plan's), named as metadata_origin
  std::string metadata_origin;
  std::string null_token;
  std::string encoding = "auto";    // CSV: the files' encoding (SourceOptions::encoding)
  std::vector<std::string> only;    // keep just these tables
  std::vector<std::string> ignore;  // leave these out
  int64_t train_rows = 0;           // > 0: read only a training subset of about this many rows
  uint64_t seed = 0;                // of that subset
};

struct LoadedSource {
  Metadata metadata;
  Database data;
  std::vector<std::string> warnings;  // inference's (orphans, empty tables) and the selection's
  bool subset = false;                // `data` is already the --train-rows subset
};

// Reads the schema and data (with train_rows, an SQL source's subset: see read_subset), then the
// metadata from the file or by inference, restricted to the chosen tables (foreign keys to left-out
// tables are dropped, with a warning).
LoadedSource load_source(const SourceRequest& request, Progress& progress);

}  // namespace relsynth

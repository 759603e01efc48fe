// The synthesis pipeline every front end shares (the CLI's `train`, `generate`, `synth` and a
// plan's `run`; the Python package): read and train, then generate into a destination.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/source_loading.h"
#include "relsynth/plan.h"
#include "relsynth/settings.h"
#include "relsynth/synth.h"

namespace relsynth {

// Runs of more rows than this need `yes` (documented in the README).
inline constexpr double kMaxRowsWithoutYes = 1e9;

struct SynthOptions {
  SourceRequest source;
  std::string model_path;
  std::string destination;
  RunSettings settings;           // every declared setting (relsynth/settings.h)
  std::vector<std::string> rows;  // T=N
  bool overwrite = false;
  bool yes = false;         // go ahead with a run bigger than kMaxRowsWithoutYes or the free space
  std::string holdout_to;   // where the held-out rows go
  std::string report_html;  // synth --report
  std::string report_json;  // synth --report-json
  // Opened before training: its check() sees the source's schema once read, so a schema it
  // cannot hold is refused before training rather than when writing.
  const Destination* destination_to_check = nullptr;
};

// What training read and kept apart, for a report at the end.
struct TrainRun {
  Model model;
  Metadata metadata;
  Database real;     // the rows read (a --train-rows subset, when asked), training and holdout
  Database holdout;  // the held-out rows, when --holdout
};

// Asked once the source is read: a model to use instead of training (a re-run's), or none.
using ModelReuse =
    std::function<std::optional<Model>(const Metadata& metadata, const Database& data)>;

// Loads the source, holds out rows, trains (unless `reuse` gives a model); keeps the data only
// when `keep_data`.
TrainRun train_from(SynthOptions& o, Progress& progress, bool keep_data = false,
                    const ModelReuse& reuse = {});
// The destination, refused before any work when it exists (without --overwrite).
std::unique_ptr<Destination> open_checked(const SynthOptions& o, Progress& progress);
// Checks the run's size, generates, says what was written; returns the rows per table.
std::map<std::string, int64_t> generate_to(const Model& model, SynthOptions& o,
                                           Destination& destination, Progress& progress);
// The synthesis a plan describes, as the pipeline's options: its source with its metadata,
// excluded tables ignored and preserved ones copied, its settings, sizes and destination.
SynthOptions synth_options(const Plan& plan);

}  // namespace relsynth

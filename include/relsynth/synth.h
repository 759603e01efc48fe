// Synthesis: learn a whole database (train) and generate a synthetic twin (generate).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "relsynth/io.h"
#include "relsynth/metadata.h"
#include "relsynth/progress.h"
#include "relsynth/table.h"

namespace relsynth {

struct TrainOptions {
  uint64_t seed = 42;
  int threads = 0;  // 0 = all hardware threads; results never depend on it
  int64_t train_rows =
      0;               // > 0: train on a referentially consistent subset of about this many rows
  int num_trees = 10;  // per column classifier
  int max_depth = 12;
  int min_samples_leaf = 5;
  double split_penalty = 2.0;    // a split must beat chance by this factor (higher: simpler trees)
  double row_subsample = 0.7;    // of the rows, per tree
  size_t max_fit_rows = 100000;  // rows per column classifier (sampled beyond this)
  int rare_threshold = 5;        // values seen fewer times are never reproduced verbatim
  int small_table_rows = 30;     // smaller parentless tables without personal data are copied
  std::vector<std::string> preserve;  // tables stored as they are; children link to their real keys
  // A folder of fitted classifiers reused when a fit's inputs recur (synth/fit_cache.h): a re-run
  // after a failure resumes, a retrain refits only what changed. Empty: none.
  std::string fit_cache;
  std::vector<std::string> refit_tables;  // fitted afresh even when the cache holds their fits
};

struct GenerateOptions {
  uint64_t seed = 42;
  double scale = 1.0;                        // row counts relative to the source
  std::map<std::string, int64_t> root_rows;  // exact counts for root tables
  int threads = 0;
  size_t batch_rows = 20000;  // rows generated per batch of a table
  // Checks every enabled rule on the whole output before committing it and fails (an internal
  // error naming the rule) on any broken row. Also on with RELSYNTH_CHECK_RULES=1 in the
  // environment (the test suite sets it) and in debug builds; RELSYNTH_CHECK_RULES=0 turns it
  // off there.
  bool check_rules = false;
  // Generates only units first_unit..last_unit (inclusive; -1: the last) of the run. Units are
  // independent: the union of the outputs of any partition of 0..units-1 is the whole run's
  // output (same rows, same keys), so they can run on different machines (relsynth-spark).
  // Copied reference tables are written by the part that holds unit 0 only.
  int64_t first_unit = 0;
  int64_t last_unit = -1;
};

// --complete-parents: adds to each parent table the rows its children reference but it lacks
// (orphan keys of the source), so training links every child: the key columns take the
// missing values, the others those of an existing row of the parent (its donor, picked by a
// hash of the key), unique ones NULL and an integer primary key numbering on. A parent whose
// other columns must be unique and not NULL is left as it is.
// Repeats while an added row's own keys dangle. Returns one line per foreign key completed.
std::vector<std::string> complete_parents(const Metadata& metadata, Database& data);

class SynthesisModel;

// A trained model of a whole database: metadata, encoders, per-table models, cardinalities,
// links. Saved as one versioned binary file (format in docs/MODEL_FORMAT.md).
class Model {
 public:
  Model();
  ~Model();
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;

  const Metadata& metadata() const;
  void save(const std::string& path) const;
  static Model load(const std::string& path);
  // Warnings collected during training (orphans, tiny tables, ...).
  const std::vector<std::string>& warnings() const;

  const SynthesisModel& impl() const { return *impl_; }
  SynthesisModel& impl() { return *impl_; }

 private:
  std::unique_ptr<SynthesisModel> impl_;
};

// `metadata` must be valid for `data` (validate_or_throw is called).
Model train(const Metadata& metadata, const Database& data, const TrainOptions& options,
            Progress& progress);
// The same model from data the caller gives up: each table's rows are freed as soon as no
// step still to come reads them, so the data and the model are not all held at once.
Model train(const Metadata& metadata, Database&& data, const TrainOptions& options,
            Progress& progress);

// Generates the synthetic database table by table (parents first) in batches and writes it
// to `destination` (begin .. commit; aborted on error). Returns the rows written per table.
// The number of independent units a run with these options generates (the scale rounded up;
// the largest ratio asked by root_rows counts too).
int64_t generation_units(const Model& model, const GenerateOptions& options);

std::map<std::string, int64_t> generate(const Model& model, const GenerateOptions& options,
                                        Destination& destination, Progress& progress);

// What a generate run would write, roughly: rows exactly as the model's sizes and the scale
// give them (children may vary a little), bytes from a typical width per column type.
struct OutputEstimate {
  double rows = 0;
  double bytes = 0;
};
OutputEstimate estimate_output(const Model& model, const GenerateOptions& options);

// The referentially consistent subset used by --train-rows: root rows sampled, all their
// descendants kept, and every parent a kept row references added.
Database subset_database(const Metadata& metadata, const Database& data, int64_t target_rows,
                         uint64_t seed);
// --holdout: about `fraction` of the root entities with their descendants kept out of
// training (the complement of a subset, so no training row loses a parent).
struct HoldoutSplit {
  Database training, holdout;
};
HoldoutSplit split_holdout(const Metadata& metadata, const Database& data, double fraction,
                           uint64_t seed);
// The same subset read from `source` in two passes, key columns first, so only the chosen rows
// of a big table are transferred (`on_table` is called before each table is read).
// `source_rows`, when given, receives each table's number of rows in the source.
Database read_subset(Source& source, const Metadata& metadata, int64_t target_rows, uint64_t seed,
                     const std::function<void(const std::string&)>& on_table = {},
                     std::map<std::string, int64_t>* source_rows = nullptr);

}  // namespace relsynth

// The CLI's report step after a synthesis (`synth --report`, a plan's report files).
#pragma once

#include <string>

#include "pipeline/synthesis.h"

namespace relsynth::cli {

// Reads the written destination back and reports on it against the rows training read.
void report_on(const SynthOptions& o, const TrainRun& run, const std::string& html,
               const std::string& json, Progress& progress);

}  // namespace relsynth::cli

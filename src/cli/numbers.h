// Validators for numeric options: a clear usage error with the allowed range, never a value that
// wraps around or saturates.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>

namespace relsynth::cli {

// A whole number from `min` to `max` (written in decimal digits, no sign for unsigned options).
CLI::Validator whole_number(int64_t min, int64_t max);
// A seed: a whole number from 0 to 18446744073709551615.
CLI::Validator seed_number();
// A number greater than 0 and at most `max`.
CLI::Validator positive_number(double max);

}  // namespace relsynth::cli

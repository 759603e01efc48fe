// The generation-time rule check: every row generate() writes is kept aside and, before the
// destination commits, every enabled rule of the model is checked on the whole output with the
// report's evaluator (check_table_rules). A broken rule is an internal error naming the table,
// the rule, the breaking rows and the first one; nothing is committed. On when
// GenerateOptions::check_rules is (RELSYNTH_CHECK_RULES=1 in the environment, or a build
// without NDEBUG); the test suite turns it on for every test (tests/test_support.cpp).
#pragma once

#include <memory>

#include "relsynth/io.h"

namespace relsynth {

// Whether the check runs by default: RELSYNTH_CHECK_RULES set to anything but "0" or "", or a
// debug build (no NDEBUG).
bool rule_check_by_default();

// A destination that forwards every call to `inner` and checks `metadata`'s enabled rules on
// what it was given before committing.
std::unique_ptr<Destination> checking_rules(const Metadata& metadata, Destination& inner);

}  // namespace relsynth

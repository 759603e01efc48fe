// Every setting of a synthesis, declared once: name, type, default, range, doc and group. The CLI's
// flags, a plan's keys, their validation and the docs' settings table are all derived from this
// one list (docs/PLANS.md), and so will the Python keywords and the web form's fields be.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "relsynth/synth.h"

namespace relsynth {

// Everything a run can be told besides its data, keys and treatments.
struct RunSettings {
  // Reading the source.
  std::string null_token;         // CSV: the text that means NULL
  std::string encoding = "auto";  // CSV: auto, utf-8, latin1 or cp1252
  // Training.
  TrainOptions train;
  double holdout = 0;             // share of root entities kept out of training
  bool complete_parents = false;  // add the parent rows that orphan keys reference
  // Generation.
  GenerateOptions generate;
};

enum class SettingType { Integer, Seed, Number, Share, Flag, Choice, Text };
// Basic settings are the ones most runs change; advanced ones tune the model.
enum class SettingGroup { Basic, Advanced };
// The part of a plan a setting belongs to (`source:`, `training:`, `generation:`).
enum class SettingSection { Source, Training, Generation };
std::string_view to_string(SettingSection section);

// Commands that take a setting as a flag.
enum SettingUse : unsigned { kTrainCommand = 1, kGenerateCommand = 2 };

// Where a setting's value lives in RunSettings (size_t counts are uint64_t here).
using SettingRef = std::variant<int*, int64_t*, uint64_t*, double*, bool*, std::string*>;
static_assert(std::is_same_v<size_t, uint64_t>);

struct Setting {
  std::string_view key;   // in a plan: section.key ("training.trees")
  std::string_view flag;  // on the command line ("--trees")
  SettingType type;
  SettingSection section;
  SettingGroup group;
  unsigned uses;                          // SettingUse bits
  double min = 0, max = 0;                // Integer and Number: the allowed range
  std::vector<std::string_view> choices;  // Choice: the allowed values
  std::string_view doc;
  SettingRef (*locate)(RunSettings&);

  // The value in `settings`, as text ("10", "0.7", "true").
  std::string get(const RunSettings& settings) const;
  // Checks `text` and stores it; throws UsageError naming the setting and the allowed values.
  void set(RunSettings& settings, std::string_view text) const;
  // Empty when `text` is a valid value, else what is wrong ("must be a whole number from 1 to
  // 1000, got 0"), without the setting's name.
  std::string check(std::string_view text) const;
  // "whole number from 1 to 1000", for help texts and docs.
  std::string range() const;
  std::string name() const;  // "training.trees"
};

// All settings, in the order the docs and a plan list them.
const std::vector<Setting>& all_settings();
// By plan name ("training.trees"); nullptr when there is none.
const Setting* find_setting(std::string_view name);
// The docs' table of settings (Markdown), generated from the list.
std::string settings_markdown();

}  // namespace relsynth

#include "relsynth/settings.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "core/text.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

constexpr double kMaxInt64 = 9.2e18;
constexpr int kMaxThreads = 1024;
constexpr double kMaxScale = 1e6;  // larger runs are better split with rows per table or units

std::vector<Setting> declare() {
  using S = SettingSection;
  using G = SettingGroup;
  using T = SettingType;
  const unsigned train = kTrainCommand, generate = kGenerateCommand;
  return {
      // Reading the source.
      {"null",
       "--null",
       T::Text,
       S::Source,
       G::Basic,
       train,
       0,
       0,
       {},
       "CSV source: the text that means NULL (by default only an empty field)",
       [](RunSettings& s) -> SettingRef { return &s.null_token; }},
      {"encoding",
       "--encoding",
       T::Choice,
       S::Source,
       G::Basic,
       train,
       0,
       0,
       {"auto", "utf-8", "latin1", "cp1252"},
       "CSV source: the files' encoding (auto: UTF-8 if valid, else Windows-1252)",
       [](RunSettings& s) -> SettingRef { return &s.encoding; }},
      // Training.
      {"seed",
       "--seed",
       T::Seed,
       S::Training,
       G::Basic,
       train,
       0,
       0,
       {},
       "Random seed of training (the subset, the holdout, the trees)",
       [](RunSettings& s) -> SettingRef { return &s.train.seed; }},
      {"threads",
       "--threads",
       T::Integer,
       S::Training,
       G::Basic,
       train | generate,
       0,
       kMaxThreads,
       {},
       "Threads for training and generation (0: all cores); results never depend on it",
       [](RunSettings& s) -> SettingRef { return &s.train.threads; }},
      {"train_rows",
       "--train-rows",
       T::Integer,
       S::Training,
       G::Basic,
       train,
       0,
       kMaxInt64,
       {},
       "Train on a referentially consistent subset of about this many rows (0: all rows)",
       [](RunSettings& s) -> SettingRef { return &s.train.train_rows; }},
      {"holdout",
       "--holdout",
       T::Share,
       S::Training,
       G::Basic,
       train,
       0,
       1,
       {},
       "Share of root entities (with their descendants) kept out of training, e.g. 0.2, so the "
       "report can tell memorising from learning",
       [](RunSettings& s) -> SettingRef { return &s.holdout; }},
      {"complete_parents",
       "--complete-parents",
       T::Flag,
       S::Training,
       G::Basic,
       train,
       0,
       0,
       {},
       "Add the parent rows that orphan keys of the source reference (their other columns copied "
       "from existing rows) instead of writing NULL in those keys",
       [](RunSettings& s) -> SettingRef { return &s.complete_parents; }},
      {"trees",
       "--trees",
       T::Integer,
       S::Training,
       G::Advanced,
       train,
       1,
       1000,
       {},
       "Trees per column classifier (more: finer fit, slower training)",
       [](RunSettings& s) -> SettingRef { return &s.train.num_trees; }},
      {"depth",
       "--depth",
       T::Integer,
       S::Training,
       G::Advanced,
       train,
       1,
       64,
       {},
       "Maximum tree depth",
       [](RunSettings& s) -> SettingRef { return &s.train.max_depth; }},
      {"min_leaf",
       "--min-leaf",
       T::Integer,
       S::Training,
       G::Advanced,
       train,
       1,
       1000000,
       {},
       "Fewest training rows in a tree's leaf",
       [](RunSettings& s) -> SettingRef { return &s.train.min_samples_leaf; }},
      {"split_penalty",
       "--split-penalty",
       T::Number,
       S::Training,
       G::Advanced,
       train,
       1,
       100,
       {},
       "A split must beat chance by this factor (higher: simpler trees)",
       [](RunSettings& s) -> SettingRef { return &s.train.split_penalty; }},
      {"row_subsample",
       "--row-subsample",
       T::Share,
       S::Training,
       G::Advanced,
       train,
       0.01,
       1,
       {},
       "Share of the rows each tree learns from",
       [](RunSettings& s) -> SettingRef { return &s.train.row_subsample; }},
      {"max_fit_rows",
       "--max-fit-rows",
       T::Integer,
       S::Training,
       G::Advanced,
       train,
       100,
       kMaxInt64,
       {},
       "Rows per column classifier (a sample beyond this)",
       [](RunSettings& s) -> SettingRef { return &s.train.max_fit_rows; }},
      {"rare",
       "--rare",
       T::Integer,
       S::Training,
       G::Advanced,
       train,
       1,
       1000000,
       {},
       "Values seen fewer times are never reproduced verbatim (the privacy threshold)",
       [](RunSettings& s) -> SettingRef { return &s.train.rare_threshold; }},
      {"small_table_rows",
       "--small-table-rows",
       T::Integer,
       S::Training,
       G::Advanced,
       train,
       0,
       1000000,
       {},
       "Parentless tables without personal data and with fewer rows are copied as reference data",
       [](RunSettings& s) -> SettingRef { return &s.train.small_table_rows; }},
      // Generation.
      {"seed",
       "--seed",
       T::Seed,
       S::Generation,
       G::Basic,
       generate,
       0,
       0,
       {},
       "Random seed of generation: the same model, seed and size give the same database",
       [](RunSettings& s) -> SettingRef { return &s.generate.seed; }},
      {"scale",
       "--scale",
       T::Number,
       S::Generation,
       G::Basic,
       generate,
       0,
       kMaxScale,
       {},
       "Row counts relative to the source (tables' own rows, below, win)",
       [](RunSettings& s) -> SettingRef { return &s.generate.scale; }},
      {"batch_rows",
       "--batch-rows",
       T::Integer,
       S::Generation,
       G::Advanced,
       generate,
       1,
       1e9,
       {},
       "Rows generated and written per batch (memory against overhead)",
       [](RunSettings& s) -> SettingRef { return &s.generate.batch_rows; }},
  };
}

std::string number_text(double value, const char* format = "%.15g") {
  char out[32];
  std::snprintf(out, sizeof out, format, value);
  return out;
}

std::string whole_text(double value) {
  return value >= kMaxInt64 ? "9223372036854775807" : std::to_string(static_cast<int64_t>(value));
}

std::optional<bool> parse_flag(std::string_view text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(SettingSection section) {
  switch (section) {
    case SettingSection::Source:
      return "source";
    case SettingSection::Training:
      return "training";
    case SettingSection::Generation:
      return "generation";
  }
  return "";
}

std::string Setting::name() const {
  return std::string(to_string(section)) + "." + std::string(key);
}

std::string Setting::range() const {
  switch (type) {
    case SettingType::Integer:
      return "whole number from " + whole_text(min) + " to " + whole_text(max);
    case SettingType::Seed:
      return "whole number from 0 to " + std::to_string(std::numeric_limits<uint64_t>::max());
    case SettingType::Number:
      return "number above " + number_text(min, "%g") + " and at most " + number_text(max, "%g");
    case SettingType::Share:
      return "share from " + number_text(min, "%g") + (key == "holdout" ? ", below 1" : " to 1");
    case SettingType::Flag:
      return "true or false";
    case SettingType::Choice: {
      std::string out = "one of ";
      for (size_t i = 0; i < choices.size(); ++i) out += (i ? ", " : "") + std::string(choices[i]);
      return out;
    }
    case SettingType::Text:
      return "text";
  }
  return "";
}

std::string Setting::check(std::string_view text) const {
  const std::string got = ", got " + std::string(text);
  switch (type) {
    case SettingType::Integer: {
      int64_t value = 0;
      if (!parse_whole(text, value) || value < min || static_cast<double>(value) > max)
        return "must be a " + range() + got;
      return {};
    }
    case SettingType::Seed: {
      uint64_t value = 0;
      if (!parse_whole(text, value)) return "must be a " + range() + got;
      return {};
    }
    case SettingType::Number: {
      double value = 0;
      if (!parse_number(text, value) || !(value > min) || value > max)
        return "must be a " + range() + got;
      return {};
    }
    case SettingType::Share: {
      double value = 0;
      // Up to 1 but not 1 itself for the holdout: nothing would be left to train on.
      const bool below_one = key == "holdout";
      if (!parse_number(text, value) || value < min || value > max || (below_one && value >= 1))
        return "must be a " + range() + got;
      return {};
    }
    case SettingType::Flag:
      return parse_flag(text) ? std::string() : "must be true or false" + got;
    case SettingType::Choice:
      for (std::string_view choice : choices)
        if (choice == text) return {};
      return "must be " + range() + got;
    case SettingType::Text:
      return {};
  }
  return {};
}

void Setting::set(RunSettings& settings, std::string_view text) const {
  if (std::string problem = check(text); !problem.empty())
    throw UsageError("setting " + name() + " (" + std::string(flag) + "): " + problem);
  std::visit(
      [&](auto* field) {
        using Field = std::remove_pointer_t<decltype(field)>;
        if constexpr (std::is_same_v<Field, std::string>) {
          *field = std::string(text);
        } else if constexpr (std::is_same_v<Field, bool>) {
          *field = *parse_flag(text);
        } else if constexpr (std::is_same_v<Field, double>) {
          parse_number(text, *field);
        } else {
          parse_whole(text, *field);
        }
      },
      locate(settings));
}

std::string Setting::get(const RunSettings& settings) const {
  RunSettings& mutable_settings = const_cast<RunSettings&>(settings);  // locate only reads here
  return std::visit(
      [](auto* field) -> std::string {
        using Field = std::remove_pointer_t<decltype(field)>;
        if constexpr (std::is_same_v<Field, std::string>) {
          return *field;
        } else if constexpr (std::is_same_v<Field, bool>) {
          return *field ? "true" : "false";
        } else if constexpr (std::is_same_v<Field, double>) {
          return number_text(*field);
        } else {
          return std::to_string(*field);
        }
      },
      locate(mutable_settings));
}

const std::vector<Setting>& all_settings() {
  static const std::vector<Setting> settings = declare();
  return settings;
}

const Setting* find_setting(std::string_view name) {
  for (const Setting& setting : all_settings())
    if (setting.name() == name) return &setting;
  return nullptr;
}

std::string settings_markdown() {
  const RunSettings defaults;
  std::string out = "| setting | flag | default | allowed | group | what it does |\n";
  out += "|---|---|---|---|---|---|\n";
  for (const Setting& setting : all_settings()) {
    std::string value = setting.get(defaults);
    if (value.empty()) value = "(none)";
    out += "| `" + setting.name() + "` | `" + std::string(setting.flag) + "` | `" + value + "` | " +
           setting.range() + " | " + (setting.group == SettingGroup::Basic ? "basic" : "advanced") +
           " | " + std::string(setting.doc) + " |\n";
  }
  return out;
}

}  // namespace relsynth

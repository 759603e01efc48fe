// Command-line flags derived from the declared settings (relsynth/settings.h).
#include <vector>

#include "cli/commands.h"

namespace relsynth::cli {

void add_setting_flags(CLI::App* command, RunSettings& settings, unsigned uses) {
  const RunSettings defaults;
  std::vector<std::string_view> flags;
  for (const Setting& setting : all_settings())
    if ((setting.uses & uses) && std::find(flags.begin(), flags.end(), setting.flag) == flags.end())
      flags.push_back(setting.flag);
  for (std::string_view flag : flags) {
    std::vector<const Setting*> targets;
    for (const Setting& setting : all_settings())
      if ((setting.uses & uses) && setting.flag == flag) targets.push_back(&setting);
    const Setting& first = *targets.front();
    std::string help(first.doc);
    if (first.type == SettingType::Flag) {
      command->add_flag_callback(
          std::string(flag),
          [&settings, targets] {
            for (const Setting* setting : targets) setting->set(settings, "true");
          },
          help);
      continue;
    }
    command
        ->add_option_function<std::string>(
            std::string(flag),
            [&settings, targets](const std::string& text) {
              for (const Setting* setting : targets) setting->set(settings, text);
            },
            help)
        ->check(CLI::Validator([&first](std::string& text) { return first.check(text); },
                               first.range()))
        ->default_str(first.get(defaults));
  }
}

}  // namespace relsynth::cli

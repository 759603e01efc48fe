// A plan's content: the default plan of a source, reading one (collecting every problem rather
// than stopping at the first), and its checks.
#include "relsynth/plan.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "model/fake_values.h"
#include "plan/plan_internal.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "synth/treatments.h"

namespace relsynth {

namespace {

// The keys each part of a plan may hold: anything else is a typo worth an error, never ignored.
const std::set<std::string> kPlanKeys = {
    "relsynth_plan_version", "name",   "source",  "training", "generation",
    "destination",           "report", "metadata"};
const std::set<std::string> kMetadataKeys = {"relsynth_metadata_version",
                                             "keys_declared",
                                             "storage_types_known",
                                             "sql_dialect",
                                             "locale",
                                             "tables"};
const std::set<std::string> kTableKeys = {"name",
                                          "kind",
                                          "sequence_key",
                                          "sequence_reason",
                                          "row_count",
                                          "primary_key",
                                          "primary_key_reason",
                                          "columns",
                                          "foreign_keys",
                                          "unique_constraints",
                                          "checks",
                                          "virtual",
                                          "treatment",
                                          "rules",
                                          "indexes",
                                          "rows",
                                          "ratio"};
const std::set<std::string> kColumnKeys = {
    "name",      "sdtype",           "type",           "sql_type", "format",
    "nullable",  "unique",           "auto_increment", "default",  "enum_values",
    "generated", "generated_stored", "sdtype_reason",  "treatment"};
const std::set<std::string> kTreatmentKeys = {
    "kind",       "sensitive", "generator", "locale", "pattern",    "unique",
    "keep_first", "keep_last", "mask_char", "value",  "secret_env", "allow_sensitive"};

std::string listed(const std::set<std::string>& names) {
  return join(std::vector<std::string>(names.begin(), names.end()));
}

void check_keys(const Json& object, const std::set<std::string>& known, const std::string& where,
                std::vector<PlanIssue>& issues) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items())
    if (!known.count(key))
      issues.push_back({PlanIssue::Severity::Error, where,
                        "unknown key " + quote_name(key) + "; the keys here are " + listed(known)});
}

std::string setting_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

// One section's settings (source:, training:, generation:); `extra` are its other keys.
void read_settings(const Json& section, SettingSection which, const std::set<std::string>& extra,
                   RunSettings& settings, std::vector<PlanIssue>& issues) {
  if (section.is_null()) return;
  const std::string part(to_string(which));
  if (!section.is_object()) {
    issues.push_back({PlanIssue::Severity::Error, part, "must be a mapping of settings"});
    return;
  }
  std::set<std::string> known = extra;
  for (const Setting& setting : all_settings())
    if (setting.section == which) known.insert(std::string(setting.key));
  for (const auto& [key, value] : section.items()) {
    if (extra.count(key)) continue;
    const Setting* setting = find_setting(part + "." + key);
    if (!setting) {
      issues.push_back(
          {PlanIssue::Severity::Error, part,
           "unknown setting " + quote_name(key) + "; the settings here are " + listed(known)});
      continue;
    }
    const std::string text = setting_text(value);
    const bool structured = value.is_array() || value.is_object();
    if (structured && setting->type == SettingType::Text)  // else "[1]" would be its text
      issues.push_back(
          {PlanIssue::Severity::Error, "setting " + setting->name(), "must be text, got " + text});
    else if (std::string problem = setting->check(text); !problem.empty())
      issues.push_back({PlanIssue::Severity::Error, "setting " + setting->name(), problem});
    else
      setting->set(settings, text);
  }
}

std::string string_at(const Json& object, const char* key, const std::string& where,
                      std::vector<PlanIssue>& issues) {
  if (!object.is_object() || !object.contains(key) || object[key].is_null()) return {};
  if (!object[key].is_string()) {
    issues.push_back({PlanIssue::Severity::Error, where + "." + key, "must be text"});
    return {};
  }
  return object[key].get<std::string>();
}

}  // namespace

std::string PlanIssue::text() const { return where.empty() ? message : where + ": " + message; }

Plan default_plan(const std::string& source, const Metadata& metadata) {
  Plan plan;
  plan.source = uri_without_password(source);
  plan.metadata = metadata;
  // The name of the source's file, folder or database: "shop" for shop.sqlite, csv:data/shop/
  // or postgresql://u@h/shop?schema=s.
  std::string name = plan.source.substr(0, plan.source.find('?'));
  if (name.find("://") == std::string::npos && name.find(':') != std::string::npos)
    name = name.substr(name.find(':') + 1);  // csv:DIR, sqlite:PATH
  while (name.size() > 1 && (name.back() == '/' || name.back() == '\\')) name.pop_back();
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos && slash + 1 < name.size()) name = name.substr(slash + 1);
  const size_t dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  plan.name = name;
  return plan;
}

Plan read_plan(std::string_view text, const std::string& origin, std::vector<PlanIssue>& issues) {
  Json json = parse_plan_text(text, origin);
  Plan plan;
  check_keys(json, kPlanKeys, "plan", issues);
  if (json.contains("relsynth_plan_version")) {
    const Json& version = json["relsynth_plan_version"];
    if (!version.is_number_integer() || version.get<int64_t>() > kPlanVersion)
      throw InputError("plan " + origin + ": relsynth_plan_version " + version.dump() +
                       " is not one this relsynth reads (up to " + std::to_string(kPlanVersion) +
                       ")");
    plan.version = version.get<int>();
  }
  plan.name = string_at(json, "name", "plan", issues);
  const Json source = json.value("source", Json());
  if (source.is_string()) {
    plan.source = source.get<std::string>();
  } else {
    plan.source = string_at(source, "uri", "source", issues);
    read_settings(source, SettingSection::Source, {"uri"}, plan.settings, issues);
  }
  read_settings(json.value("training", Json()), SettingSection::Training, {}, plan.settings,
                issues);
  read_settings(json.value("generation", Json()), SettingSection::Generation, {}, plan.settings,
                issues);
  const Json destination = json.value("destination", Json());
  if (destination.is_string()) {
    plan.destination = destination.get<std::string>();
  } else if (destination.is_object()) {
    check_keys(destination, {"uri", "overwrite"}, "destination", issues);
    plan.destination = string_at(destination, "uri", "destination", issues);
    const Json overwrite = destination.value("overwrite", Json(false));
    if (!overwrite.is_boolean())
      issues.push_back(
          {PlanIssue::Severity::Error, "destination.overwrite", "must be true or false"});
    else
      plan.overwrite = overwrite.get<bool>();
  }
  const Json report = json.value("report", Json());
  check_keys(report, {"html", "json"}, "report", issues);
  plan.report_html = string_at(report, "html", "report", issues);
  plan.report_json = string_at(report, "json", "report", issues);

  if (!json.contains("metadata") || !json["metadata"].is_object())
    throw InputError("plan " + origin +
                     ": no metadata (tables and columns); write a plan with `relsynth plan SOURCE "
                     "-o PLAN`");
  Json metadata = json["metadata"];
  check_keys(metadata, kMetadataKeys, "metadata", issues);
  if (metadata.contains("tables") && metadata["tables"].is_array()) {
    for (Json& table : metadata["tables"]) {
      if (!table.is_object()) continue;
      const std::string name = table.value("name", std::string());
      const std::string where = locate(name);
      check_keys(table, kTableKeys, where, issues);
      if (table.contains("rows")) {
        const Json& rows = table["rows"];
        if (rows.is_number_integer() && rows.get<int64_t>() >= 0)
          plan.rows[name] = rows.get<int64_t>();
        else if (!rows.is_null())
          issues.push_back(
              {PlanIssue::Severity::Error, where + ", rows",
               "must be a whole number from 0 (or null: source rows x scale), got " + rows.dump()});
        table.erase("rows");
      }
      if (table.contains("ratio")) {
        const Json& ratio = table["ratio"];
        if (ratio.is_number() && ratio.get<double>() > 0 && ratio.get<double>() <= 1e6)
          plan.ratios[name] = ratio.get<double>();
        else if (!ratio.is_null())
          issues.push_back({PlanIssue::Severity::Error, where + ", ratio",
                            "must be a number above 0 and at most 1e+06 (the table's size "
                            "relative to its source rows), got " +
                                ratio.dump()});
        table.erase("ratio");
      }
      if (!table.contains("columns") || !table["columns"].is_array()) continue;
      for (Json& column : table["columns"]) {
        const std::string column_where = locate(name, column.value("name", std::string()));
        check_keys(column, kColumnKeys, column_where, issues);
        // A bare `treatment: null` is YAML's null, not the null treatment ("null", quoted):
        // no treatment, so auto.
        if (column.contains("treatment") && column["treatment"].is_null())
          column.erase("treatment");
        if (column.contains("treatment")) {
          Json& treatment = column["treatment"];
          if (treatment.is_string()) treatment = Json{{"kind", treatment.get<std::string>()}};
          check_keys(treatment, kTreatmentKeys, column_where + ", treatment", issues);
        }
      }
    }
  }
  plan.metadata = metadata_from_json(metadata.dump());
  return plan;
}

std::vector<PlanIssue> validate_plan(const Plan& plan, const Metadata* source) {
  std::vector<PlanIssue> issues;
  auto error = [&](const std::string& where, const std::string& message) {
    issues.push_back({PlanIssue::Severity::Error, where, message});
  };
  if (plan.source.empty()) error("source", "no source: set source.uri (a file, folder or URL)");
  for (const ValidationIssue& issue : validate(plan.metadata))
    issues.push_back({issue.severity == ValidationIssue::Severity::Error
                          ? PlanIssue::Severity::Error
                          : PlanIssue::Severity::Warning,
                      "metadata", issue.message});

  const Metadata& meta = plan.metadata;
  if (!is_fake_locale(meta.locale))
    error("metadata.locale", "no fake data for locale " + quote_name(meta.locale) +
                                 "; the locales are " + join(fake_locales()));
  // The treatments' own checks (keys, sensitive columns, patterns, secrets, values, excluded
  // and preserved tables' neighbours): the engine's, so `train` refuses the same.
  for (const std::string& problem : treatment_problems(meta)) error("", problem);
  for (const TableMeta& table : meta.tables) {
    for (const ColumnMeta& column : table.columns) {
      const ColumnTreatment& t = column.treatment;
      const std::string where = locate(table.name, column.name);
      if (!t.generator.empty() && !parse_fake_kind(t.generator))
        error(where, "unknown fake generator " + quote_name(t.generator) + "; the generators are " +
                         join(fake_generators()));
      if (t.kind == Treatment::Fake && t.generator.empty() &&
          fake_generator_for(column.sdtype, column.name).empty())
        error(where, "treatment fake needs a generator for a column of sdtype " +
                         std::string(to_string(column.sdtype)) +
                         ", e.g. generator: name; the "
                         "generators are " +
                         join(fake_generators()));
      if (!t.locale.empty() && !is_fake_locale(t.locale))
        error(where, "no fake data for locale " + quote_name(t.locale) + "; the locales are " +
                         join(fake_locales()));
    }
    if (source) {
      const TableMeta* real = source->find_table(table.name);
      if (!real) {
        error(locate(table.name), "the source has no such table");
        continue;
      }
      for (const ColumnMeta& column : table.columns)
        if (!real->find_column(column.name))
          error(locate(table.name, column.name), "the source's table has no such column");
    }
  }

  auto check_root = [&](const std::string& name, const std::string& what) {
    const TableMeta* table = meta.find_table(name);
    if (table && !table->foreign_keys.empty())
      error(locate(name) + ", " + what,
            "only a root table (one without foreign keys) takes a size; its children's "
            "counts follow their parents");
    return table;
  };
  for (const auto& [name, rows] : plan.rows) check_root(name, "rows");
  for (const auto& [name, ratio] : plan.ratios) {
    const TableMeta* table = check_root(name, "ratio");
    if (plan.rows.count(name))
      error(locate(name), "give rows or ratio, not both");
    else if (table && table->row_count < 0)
      error(locate(name) + ", ratio",
            "the table's source row count (row_count) is unknown; give rows");
  }
  if (plan.destination.empty())
    issues.push_back({PlanIssue::Severity::Warning, "destination",
                      "no destination: set destination.uri, or pass `run --to DEST`"});
  else if (!plan.source.empty() && plan.destination == plan.source)
    error("destination", "the destination is the source: relsynth never writes over its input");
  return issues;
}

}  // namespace relsynth

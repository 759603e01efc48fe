#include "server/api_json.h"

#include <cmath>

#include "model/fake_values.h"
#include "relsynth/error.h"
#include "relsynth/settings.h"
#include "runs/run_json.h"

namespace relsynth::server {

namespace {

// The part of the plan an issue is about: "metadata" for tables and columns, else the first
// word of its place ("source", "destination", "training", ...).
std::string section_of(const PlanIssue& issue, const ErrorPlace& place) {
  if (!place.table.empty() || issue.where.empty() || issue.where.starts_with("table "))
    return "metadata";
  const size_t end = issue.where.find_first_of(". ,");
  std::string section = issue.where.substr(0, end);
  if (section == "setting")
    section = issue.where.substr(end + 1, issue.where.find('.', end + 1) - end - 1);
  return section;
}

}  // namespace

Json alerts_json(const std::vector<PlanIssue>& issues) {
  Json alerts = Json::array();
  for (const PlanIssue& issue : issues) {
    const ErrorPlace place = find_location(issue.text());
    alerts.push_back(
        {{"severity", issue.severity == PlanIssue::Severity::Error ? "error" : "warning"},
         {"where", issue.where},
         {"message", issue.message},
         {"table", place.table},
         {"column", place.column},
         {"section", section_of(issue, place)}});
  }
  return alerts;
}

Json execution_summary(const runs::Execution& e) {
  Json out = runs::execution_json(e);  // the names and values of `relsynth runs show --json`
  out["updated"] = e.updated.empty() ? Json(nullptr) : Json(e.updated);
  out["has_report"] = !e.report_html.empty();
  return out;
}

Json execution_detail(runs::RunStore& store, int64_t id) {
  const runs::Execution execution = store.get(id);
  Json out = execution_summary(execution);
  Json steps = Json::array();
  std::map<std::string, Json> latest;  // each table's latest step
  for (const runs::Step& step : store.steps(id)) {
    Json item = runs::step_json(step);
    if (!step.table.empty())
      latest[step.table] = {{"name", step.table},
                            {"step", step.name},
                            {"status", step.status},
                            {"done", step.done},
                            {"total", step.total}};
    steps.push_back(std::move(item));
  }
  Json warnings = Json::array();
  for (const runs::Warning& warning : store.warnings(id))
    warnings.push_back(runs::warning_json(warning));
  std::vector<PlanIssue> issues;
  Json plan = nullptr;
  Json tables = Json::array();
  try {
    const Plan read = read_plan(execution.plan_text, "execution " + std::to_string(id), issues);
    plan = plan_json(read);
    for (const TableMeta& table : read.metadata.tables) {
      if (table.treatment == TableTreatment::Exclude) continue;  // never read nor written
      const auto found = latest.find(table.name);
      tables.push_back(found != latest.end() ? found->second
                                             : Json{{"name", table.name},
                                                    {"step", ""},
                                                    {"status", "waiting"},
                                                    {"done", 0},
                                                    {"total", 0}});
    }
  } catch (const Error&) {
    // A plan this relsynth cannot read back (written by a newer one): shown without it.
  }
  out["steps"] = std::move(steps);
  out["warnings"] = std::move(warnings);
  out["tables"] = std::move(tables);
  out["plan"] = std::move(plan);
  return out;
}

Json rows_json(const Table& table, size_t offset, size_t limit) {
  Json columns = Json::array();
  for (const Column& column : table.columns())
    columns.push_back({{"name", column.name()}, {"type", std::string(to_string(column.type()))}});
  Json rows = Json::array();
  const size_t end = std::min(table.num_rows(), offset + limit);
  for (size_t row = offset; row < end; ++row) {
    Json cells = Json::array();
    for (const Column& column : table.columns()) {
      if (column.is_null(row)) {
        cells.push_back(nullptr);
        continue;
      }
      switch (column.type()) {
        case DataType::Int64:
          cells.push_back(column.int_at(row));
          break;
        case DataType::Bool:
          cells.push_back(column.int_at(row) != 0);
          break;
        case DataType::Float64:
          if (std::isfinite(column.double_at(row)))
            cells.push_back(column.double_at(row));
          else
            cells.push_back(column.text_at(row));
          break;
        default:
          cells.push_back(column.text_at(row));
      }
    }
    rows.push_back(std::move(cells));
  }
  return {{"columns", columns}, {"rows", rows}};
}

Json settings_json() {
  static const char* kTypes[] = {"integer", "seed", "number", "share", "flag", "choice", "text"};
  const RunSettings defaults;
  Json settings = Json::array();
  for (const Setting& setting : all_settings()) {
    Json item = {{"name", setting.name()},
                 {"section", std::string(to_string(setting.section))},
                 {"key", std::string(setting.key)},
                 {"flag", std::string(setting.flag)},
                 {"type", kTypes[static_cast<int>(setting.type)]},
                 {"group", setting.group == SettingGroup::Basic ? "basic" : "advanced"},
                 {"default", setting.get(defaults)},
                 {"range", setting.range()},
                 {"doc", std::string(setting.doc)}};
    if (setting.type == SettingType::Integer || setting.type == SettingType::Number) {
      item["min"] = setting.min;
      item["max"] = setting.max;
    }
    Json choices = Json::array();
    for (std::string_view choice : setting.choices) choices.push_back(std::string(choice));
    item["choices"] = choices;
    settings.push_back(std::move(item));
  }
  return {{"settings", settings}};
}

Json options_json() {
  Json sdtypes = Json::array();
  for (int i = 0; i <= static_cast<int>(SDType::Binary); ++i)
    sdtypes.push_back(std::string(to_string(static_cast<SDType>(i))));
  Json treatments = Json::array();
  for (int i = 0; i <= static_cast<int>(Treatment::Exclude); ++i)
    treatments.push_back(std::string(to_string(static_cast<Treatment>(i))));
  Json table_treatments = Json::array();
  for (int i = 0; i <= static_cast<int>(TableTreatment::Exclude); ++i)
    table_treatments.push_back(std::string(to_string(static_cast<TableTreatment>(i))));
  Json kinds = Json::array();
  for (const auto& [kind, example] : std::vector<std::pair<const char*, const char*>>{
           {"sqlite", "out/shop.sqlite"},
           {"csv", "csv:out/shop"},
           {"tsv", "tsv:out/shop"},
           {"xlsx", "out/shop.xlsx"},
           {"ods", "out/shop.ods"},
           {"parquet", "parquet:out/shop"},
           {"zip", "out/shop.zip"},
           {"postgresql", "postgresql://user@host:5432/db?schema=s"},
           {"mysql", "mysql://user@host:3306/db"}})
    kinds.push_back({{"kind", kind}, {"example", example}});
  return {{"sdtypes", sdtypes},
          {"column_treatments", treatments},
          {"table_treatments", table_treatments},
          {"fake_generators", fake_generators()},
          {"locales", fake_locales()},
          {"download_formats", {"csv", "tsv", "xlsx", "ods", "parquet", "zip", "sqlite"}},
          {"destination_kinds", kinds}};
}

Json plan_json(const Plan& plan) { return Json::parse(plan_to_json(plan)); }

Plan plan_from_json(const Json& json, std::vector<PlanIssue>& issues) {
  if (!json.is_object()) throw HttpError(400, "usage", "\"plan\" must be a JSON object");
  return read_plan(json.dump(), "the plan", issues);
}

}  // namespace relsynth::server

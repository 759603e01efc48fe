// Plans as text: commented YAML written here by hand (so a reviewer reads one line per column,
// with comments that explain the choices), JSON, and both read back through yaml-cpp.
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include "plan/plan_internal.h"
#include "relsynth/error.h"
#include "relsynth/io.h"

namespace relsynth {

namespace {

// --- Writing ---

bool is_keyword(const std::string& text) {
  static const std::regex keywords("(true|false|yes|no|on|off|null|y|n|~)",
                                   std::regex::icase | std::regex::optimize);
  return std::regex_match(text, keywords);
}

bool looks_like_number(const std::string& text) {
  static const std::regex number(
      "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|"
      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|0x[0-9a-fA-F]+|0o[0-7]+");
  return std::regex_match(text, number);
}

// A string as a YAML scalar: plain when it cannot be mistaken for anything else, else
// double-quoted with JSON's escapes (which YAML's double-quoted style shares).
std::string scalar(const std::string& text) {
  static const std::regex plain("[A-Za-z_/.][A-Za-z0-9_./ -]*[A-Za-z0-9_./-]|[A-Za-z_]");
  if (std::regex_match(text, plain) && !is_keyword(text) && !looks_like_number(text)) return text;
  return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string flow(const Json& value);

std::string flow_map(const Json& object) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, item] : object.items()) {
    out += (first ? "" : ", ") + scalar(key) + ": " + flow(item);
    first = false;
  }
  return out + "}";
}

// A JSON value in YAML's flow style, on one line.
std::string flow(const Json& value) {
  if (value.is_string()) return scalar(value.get<std::string>());
  if (value.is_object()) return flow_map(value);
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + flow(value[i]);
    return out + "]";
  }
  return value.dump();  // numbers, true/false, null
}

class YamlWriter {
 public:
  void comment(const std::string& text, int indent = 0) {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
      out_ += std::string(indent, ' ') + "#" + (line.empty() ? "" : " ") + line + "\n";
  }
  void blank() { out_ += "\n"; }
  // key: value   # note
  void entry(int indent, const std::string& key, const Json& value, const std::string& note = {}) {
    out_ += std::string(indent, ' ') + scalar(key) + ":";
    if (!value.is_null() || note.empty()) out_ += " " + flow(value);
    if (!note.empty()) out_ += "  # " + note;
    out_ += "\n";
  }
  void key(int indent, const std::string& name, const std::string& note = {}) {
    out_ +=
        std::string(indent, ' ') + scalar(name) + ":" + (note.empty() ? "" : "  # " + note) + "\n";
  }
  // - value   # note (one item of a block sequence, in flow style)
  void item(int indent, const Json& value, const std::string& note = {}) {
    out_ +=
        std::string(indent, ' ') + "- " + flow(value) + (note.empty() ? "" : "  # " + note) + "\n";
  }
  // A block map's entries as "- key: value" for its first and "  key: value" for the rest.
  void first_entry(int indent, const std::string& key, const Json& value) {
    out_ += std::string(indent, ' ') + "- " + scalar(key) + ": " + flow(value) + "\n";
  }
  const std::string& text() const { return out_; }

 private:
  std::string out_;
};

// What a column's treatment means for a reader of the plan, as a trailing comment.
std::string column_note(const ColumnMeta& column, const TableMeta& table) {
  std::string note;
  const bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
                      table.primary_key.end();
  bool in_foreign = false;
  for (const ForeignKey& fk : table.foreign_keys)
    in_foreign |= std::find(fk.columns.begin(), fk.columns.end(), column.name) != fk.columns.end();
  if (in_key) note = "primary key: regenerated";
  if (in_foreign) note += std::string(note.empty() ? "" : "; ") + "foreign key: follows its parent";
  if (column.sensitive()) note += std::string(note.empty() ? "" : "; ") + "sensitive";
  if (column.treatment.kind == Treatment::Auto && column.sensitive() && !in_key && !in_foreign)
    note += column.sdtype == SDType::Country
                ? " (auto: modelled, so the countries' shares stay; fake values follow it)"
                : " (auto: fake values of its kind, nothing real kept)";
  return note;
}

void write_settings(YamlWriter& out, const RunSettings& settings, SettingSection section) {
  SettingGroup group = SettingGroup::Basic;
  bool first = true;
  for (const Setting& setting : all_settings()) {
    if (setting.section != section) continue;
    if (first || setting.group != group) {
      out.comment(setting.group == SettingGroup::Basic ? "basic" : "advanced", 2);
      group = setting.group;
      first = false;
    }
    const std::string value = setting.get(settings);
    Json json = value;
    if (setting.type == SettingType::Flag) json = value == "true";
    if (setting.type == SettingType::Integer || setting.type == SettingType::Seed ||
        setting.type == SettingType::Number || setting.type == SettingType::Share)
      json = Json::parse(value);
    out.entry(2, std::string(setting.key), json,
              std::string(setting.doc) + " (" + setting.range() + ")");
  }
}

}  // namespace

std::string plan_to_yaml(const Plan& plan) {
  YamlWriter out;
  out.comment(
      "relsynth synthesis plan: the whole synthesis in one file (docs/PLANS.md).\n"
      "Review and change it, check it with `relsynth validate PLAN`, run it with `relsynth run "
      "PLAN`.\n"
      "Every setting, table and column is listed with its default; delete nothing, change values.");
  out.entry(0, "relsynth_plan_version", plan.version);
  out.entry(0, "name", plan.name);
  out.blank();
  out.comment(
      "Where the real data is. A server's password is never written here: relsynth takes\n"
      "it from PGPASSWORD (PostgreSQL) or MYSQL_PWD (MySQL/MariaDB), or `run --source URL`.");
  out.key(0, "source");
  out.entry(2, "uri", uri_without_password(plan.source));
  write_settings(out, plan.settings, SettingSection::Source);
  out.blank();
  out.comment("How the model learns the data.");
  out.key(0, "training");
  write_settings(out, plan.settings, SettingSection::Training);
  out.blank();
  out.comment("How much to generate. A root table's own `rows` (under metadata) wins over scale.");
  out.key(0, "generation");
  write_settings(out, plan.settings, SettingSection::Generation);
  out.blank();
  out.comment(
      "Where the synthetic database goes: a SQLite file, csv:DIR, tsv:DIR, postgresql://...\n"
      "or mysql://... It appears whole or not at all; an existing one is replaced only with\n"
      "overwrite: true.");
  out.key(0, "destination");
  out.entry(2, "uri", plan.destination.empty() ? Json(nullptr) : Json(plan.destination),
            plan.destination.empty() ? "fill in, or pass `run --to DEST`" : "");
  out.entry(2, "overwrite", plan.overwrite);
  out.blank();
  out.comment("Quality and privacy report of each run (files; empty: only in the run's folder).");
  out.key(0, "report");
  out.entry(2, "html", plan.report_html);
  out.entry(2, "json", plan.report_json);
  out.blank();
  out.comment(
      "The data: tables and columns, keys, sdtypes, rules (the metadata JSON of `relsynth "
      "inspect`,\n"
      "docs/METADATA.md), with what becomes of each:\n"
      "  table treatment: synthesize | preserve (copied as it is) | exclude (left out)\n"
      "  column treatment: auto | synthesize | fake | pattern | hash | mask | constant | null |\n"
      "    keep | exclude, as a word or {kind: fake, generator: email, locale: de_DE}, ...\n"
      "  (docs/PLANS.md lists every option; auto: personal columns fake, the rest synthesized)");
  out.key(0, "metadata");
  const Json metadata = Json::parse(to_json(plan.metadata, -1));
  for (const auto& [key, value] : metadata.items())
    if (key != "tables") out.entry(2, key, value);
  if (!metadata.contains("locale"))
    out.entry(2, "locale", plan.metadata.locale, "of fake values where a column names none");
  out.key(2, "tables");
  for (size_t t = 0; t < plan.metadata.tables.size(); ++t) {
    const TableMeta& table = plan.metadata.tables[t];
    const Json& json = metadata["tables"][t];
    out.blank();
    out.first_entry(4, "name", table.name);
    out.entry(6, "treatment", std::string(to_string(table.treatment)));
    const auto rows = plan.rows.find(table.name);
    const bool root = table.foreign_keys.empty();
    const auto ratio = plan.ratios.find(table.name);
    if (ratio != plan.ratios.end())
      out.entry(6, "ratio", ratio->second);
    else if (rows != plan.rows.end())
      out.entry(6, "rows", rows->second);
    else if (root)
      out.entry(6, "rows", nullptr,
                "a root table: a row count here (or ratio: 0.5), else source rows x scale");
    for (const auto& [key, value] : json.items()) {
      if (key == "name" || key == "treatment") continue;
      if (value.is_array() && !value.empty() && value[0].is_object()) {
        out.key(6, key);
        for (size_t i = 0; i < value.size(); ++i) {
          std::string note;
          Json item = value[i];
          if (key == "columns") {
            note = column_note(table.columns[i], table);
            if (!item.contains("treatment"))
              item["treatment"] = "auto";
            else if (item["treatment"].size() == 1)
              item["treatment"] = item["treatment"]["kind"];
          }
          out.item(8, item, note);
        }
      } else {
        out.entry(6, key, value);
      }
    }
  }
  return out.text();
}

std::string plan_to_json(const Plan& plan) {
  Json out;
  out["relsynth_plan_version"] = plan.version;
  out["name"] = plan.name;
  out["source"]["uri"] = uri_without_password(plan.source);
  for (SettingSection section :
       {SettingSection::Source, SettingSection::Training, SettingSection::Generation})
    for (const Setting& setting : all_settings())
      if (setting.section == section) {
        Json& part = section == SettingSection::Source ? out["source"]
                                                       : out[std::string(to_string(section))];
        const std::string value = setting.get(plan.settings);
        part[std::string(setting.key)] =
            setting.type == SettingType::Flag ? Json(value == "true")
            : setting.type == SettingType::Text || setting.type == SettingType::Choice
                ? Json(value)
                : Json::parse(value);
      }
  out["destination"]["uri"] = plan.destination.empty() ? Json(nullptr) : Json(plan.destination);
  out["destination"]["overwrite"] = plan.overwrite;
  out["report"]["html"] = plan.report_html;
  out["report"]["json"] = plan.report_json;
  out["metadata"] = Json::parse(to_json(plan.metadata, -1));
  for (Json& table : out["metadata"]["tables"]) {
    const auto rows = plan.rows.find(table["name"].get<std::string>());
    if (rows != plan.rows.end()) table["rows"] = rows->second;
    const auto ratio = plan.ratios.find(table["name"].get<std::string>());
    if (ratio != plan.ratios.end()) table["ratio"] = ratio->second;
  }
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// --- Reading ---

namespace {

// YAML's scalars as JSON values: quoted ones are strings; plain ones are read as YAML 1.2's core
// schema reads them (null, true/false, integers, floats), anything else a string.
Json to_json_value(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const YAML::Node& item : node) out.push_back(to_json_value(item));
      return out;
    }
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& pair : node) {
        // YAML forbids a key twice in a mapping; yaml-cpp keeps the last one silently, so a
        // second `trees:` typed below the first would win without a word.
        const std::string& key = pair.first.Scalar();
        if (out.contains(key))
          throw YAML::ParserException(pair.first.Mark(), "the key " + quote_name(key) +
                                                             " appears twice in this mapping; "
                                                             "keep one");
        out[key] = to_json_value(pair.second);
      }
      return out;
    }
    case YAML::NodeType::Scalar:
      break;
  }
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;  // quoted
  static const std::regex null_word("null|Null|NULL|~|");
  static const std::regex bool_word("true|True|TRUE|false|False|FALSE");
  static const std::regex integer("[-+]?[0-9]+");
  static const std::regex real("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (std::regex_match(text, null_word)) return nullptr;
  if (std::regex_match(text, bool_word)) return text[0] == 't' || text[0] == 'T';
  if (std::regex_match(text, integer)) {
    try {
      return std::stoll(text);
    } catch (const std::out_of_range&) {
      try {
        return std::stoull(text);  // a seed above 2^63
      } catch (const std::out_of_range&) {
        return text;
      }
    }
  }
  if (std::regex_match(text, real)) return std::stod(text);
  return text;
}

}  // namespace

Json parse_plan_text(std::string_view text, const std::string& origin) {
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    Json json = to_json_value(root);
    if (!json.is_object())
      throw InputError("plan " + origin +
                       ": the document must be a mapping of sections "
                       "(source, training, generation, destination, report, metadata)");
    return json;
  } catch (const YAML::Exception& e) {
    throw InputError("plan " + origin + ", line " + std::to_string(e.mark.line + 1) + ", column " +
                     std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

Plan load_plan(const std::string& path, std::vector<PlanIssue>& issues) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read the plan " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return read_plan(text.str(), path, issues);
}

}  // namespace relsynth

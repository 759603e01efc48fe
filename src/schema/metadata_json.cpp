// Metadata <-> JSON: relsynth's own format (documented in README.md) and SDV's V1 format.
#include <cerrno>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/temp_files.h"
#include "relsynth/error.h"
#include "relsynth/metadata.h"
#include "relsynth/rules.h"

namespace relsynth {

using Json = nlohmann::ordered_json;

namespace {

// Names and values that are not UTF-8 (a SQLite TEXT value, a Latin-1 column name) are
// written with U+FFFD rather than failing the whole file.
std::string dump(const Json& json, int indent) {
  return json.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// Only what differs from the defaults, so a plain metadata file stays plain.
Json treatment_to_json(const ColumnTreatment& t) {
  const ColumnTreatment defaults;
  Json out;
  out["kind"] = to_string(t.kind);
  if (t.sensitive) out["sensitive"] = *t.sensitive;
  if (!t.generator.empty()) out["generator"] = t.generator;
  if (!t.locale.empty()) out["locale"] = t.locale;
  if (!t.pattern.empty()) out["pattern"] = t.pattern;
  if (t.unique) out["unique"] = true;
  if (t.keep_first) out["keep_first"] = t.keep_first;
  if (t.keep_last) out["keep_last"] = t.keep_last;
  if (t.mask_char != defaults.mask_char) out["mask_char"] = t.mask_char;
  if (t.kind == Treatment::Constant) out["value"] = t.value;
  if (t.secret_env != defaults.secret_env) out["secret_env"] = t.secret_env;
  if (t.allow_sensitive) out["allow_sensitive"] = true;
  return out;
}

Json column_to_json(const ColumnMeta& column) {
  Json out;
  out["name"] = column.name;
  out["sdtype"] = to_string(column.sdtype);
  out["type"] = to_string(column.type);
  if (!column.sql_type.empty()) out["sql_type"] = column.sql_type;
  if (!column.format.empty()) out["format"] = column.format;
  out["nullable"] = column.nullable;
  if (column.unique) out["unique"] = true;
  if (column.auto_increment) out["auto_increment"] = true;
  if (column.default_value) out["default"] = *column.default_value;
  if (!column.enum_values.empty()) out["enum_values"] = column.enum_values;
  if (!column.generated.empty()) {
    out["generated"] = column.generated;
    out["generated_stored"] = column.generated_stored;
  }
  if (!column.sdtype_reason.empty()) out["sdtype_reason"] = column.sdtype_reason;
  if (column.treatment != ColumnTreatment{}) out["treatment"] = treatment_to_json(column.treatment);
  return out;
}

Json rule_to_json(const Rule& rule) {
  Json out;
  out["kind"] = to_string(rule.kind);
  if (rule.kind != RuleKind::SameAncestor) out["target"] = rule.target;
  if (!rule.columns.empty()) out["columns"] = rule.columns;
  if (!rule.op.empty()) out["op"] = rule.op;
  if (rule.kind == RuleKind::Arithmetic && rule.columns.size() == 1) out["k"] = rule.k;
  if (rule.kind == RuleKind::Constant) out["value"] = rule.value;
  if (rule.min) out["min"] = *rule.min;
  if (rule.max) out["max"] = *rule.max;
  if (rule.kind == RuleKind::In) out["values"] = rule.values;
  if (!rule.gaps.empty()) out["gaps"] = rule.gaps;
  if (!rule.other_table.empty()) out["other_table"] = rule.other_table;
  if (!rule.via.empty()) out["via"] = rule.via;
  if (rule.kind == RuleKind::SameAncestor) {
    out["path"] = rule.path;
    out["other_path"] = rule.other_path;
  }
  if (rule.kind == RuleKind::Aggregate && !rule.value.empty()) out["value"] = rule.value;
  out["enabled"] = rule.enabled;
  if (!rule.origin.empty()) out["origin"] = rule.origin;
  if (rule.checked >= 0) {
    out["checked_rows"] = rule.checked;
    out["exceptions"] = rule.exceptions;
  }
  return out;
}

Json table_to_json(const TableMeta& table, bool rules_known) {
  Json out;
  out["name"] = table.name;
  out["kind"] = table.kind == TableKind::Sequential ? "sequential" : "tabular";
  if (!table.sequence_key.empty()) out["sequence_key"] = table.sequence_key;
  if (!table.sequence_reason.empty()) out["sequence_reason"] = table.sequence_reason;
  if (table.row_count >= 0) out["row_count"] = table.row_count;
  out["primary_key"] = table.primary_key;
  if (!table.primary_key_reason.empty()) out["primary_key_reason"] = table.primary_key_reason;
  out["columns"] = Json::array();
  for (const ColumnMeta& column : table.columns) out["columns"].push_back(column_to_json(column));
  out["foreign_keys"] = Json::array();
  for (const ForeignKey& fk : table.foreign_keys) {
    Json j;
    j["columns"] = fk.columns;
    j["parent_table"] = fk.parent_table;
    j["parent_columns"] = fk.parent_columns;
    if (!fk.on_delete.empty()) j["on_delete"] = fk.on_delete;
    if (!fk.on_update.empty()) j["on_update"] = fk.on_update;
    if (!fk.reason.empty()) j["reason"] = fk.reason;
    out["foreign_keys"].push_back(j);
  }
  if (!table.unique_constraints.empty()) {
    out["unique_constraints"] = Json::array();
    for (const UniqueConstraint& unique : table.unique_constraints)
      out["unique_constraints"].push_back(unique.columns);
  }
  if (!table.checks.empty()) out["checks"] = table.checks;
  if (!table.virtual_module.empty()) out["virtual"] = table.virtual_module;
  if (table.treatment != TableTreatment::Synthesize) out["treatment"] = to_string(table.treatment);
  if (rules_known) {
    out["rules"] = Json::array();
    for (const Rule& rule : table.rules) out["rules"].push_back(rule_to_json(rule));
  }
  if (!table.indexes.empty()) {
    out["indexes"] = Json::array();
    for (const IndexMeta& index : table.indexes)
      out["indexes"].push_back(
          {{"name", index.name}, {"columns", index.columns}, {"unique", index.unique}});
  }
  return out;
}

// Reads fields with errors that say where, by name: table "orders", column "total".
class Reader {
 public:
  Reader(const Json& json, std::string where) : json_(json), where_(std::move(where)) {}

  const Json& json() const { return json_; }
  const std::string& where() const { return where_; }
  bool has(const char* key) const { return json_.is_object() && json_.contains(key); }
  // The same object, known by another name (once its "name" has been read).
  Reader as(std::string where) const { return Reader(json_, std::move(where)); }

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    std::string out = "metadata JSON: " + where_;
    if (!key.empty()) out += (where_.empty() ? "field " : ", field ") + quote_name(key);
    throw InputError(out + ": " + what);
  }

  Reader child(const char* key) const {
    if (!has(key)) fail(key, "missing");
    return Reader(json_.at(key), where_);
  }

  // The entries of a list, each known as "<label> N" (1-based) until it is named.
  std::vector<Reader> items(const char* key, const std::string& label) const {
    std::vector<Reader> out;
    if (!has(key)) return out;
    const Json& array = json_.at(key);
    if (!array.is_array()) fail(key, "must be a list");
    for (size_t i = 0; i < array.size(); ++i) {
      const std::string item = label + " " + std::to_string(i + 1);
      out.emplace_back(array[i], where_.empty() ? item : where_ + ", " + item);
      if (!array[i].is_object()) out.back().fail("", "must be an object");
    }
    return out;
  }

  std::string string(const char* key, const std::string& fallback = {},
                     bool required = false) const {
    if (!has(key)) {
      if (required) fail(key, "missing");
      return fallback;
    }
    const Json& value = json_.at(key);
    if (!value.is_string()) fail(key, "must be a string");
    return value.get<std::string>();
  }

  bool boolean(const char* key, bool fallback) const {
    if (!has(key)) return fallback;
    const Json& value = json_.at(key);
    if (!value.is_boolean()) fail(key, "must be true or false");
    return value.get<bool>();
  }

  int64_t integer(const char* key, int64_t fallback) const {
    if (!has(key)) return fallback;
    const Json& value = json_.at(key);
    if (!value.is_number_integer()) fail(key, "must be an integer");
    return value.get<int64_t>();
  }

  // A list of strings; a single string is accepted as a list of one.
  std::optional<double> number(const char* key) const {
    if (!has(key) || json_.at(key).is_null()) return std::nullopt;
    const Json& value = json_.at(key);
    if (!value.is_number()) fail(key, "must be a number");
    return value.get<double>();
  }

  std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    if (!has(key) || json_.at(key).is_null()) return out;
    const Json& value = json_.at(key);
    if (value.is_string()) return {value.get<std::string>()};
    if (!value.is_array()) fail(key, "must be a string or a list of strings");
    for (const Json& item : value) {
      if (!item.is_string()) fail(key, "must be a list of strings");
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  // A path of foreign keys: a list of hops, each a list of column names.
  std::vector<std::vector<std::string>> hops(const char* key) const {
    std::vector<std::vector<std::string>> out;
    if (!has(key) || json_.at(key).is_null()) return out;
    const Json& value = json_.at(key);
    if (!value.is_array()) fail(key, "must be a list of foreign keys (lists of column names)");
    for (const Json& hop : value) {
      if (!hop.is_array() || hop.empty())
        fail(key, "must be a list of foreign keys (lists of column names)");
      std::vector<std::string>& columns = out.emplace_back();
      for (const Json& item : hop) {
        if (!item.is_string()) fail(key, "must be a list of foreign keys (lists of column names)");
        columns.push_back(item.get<std::string>());
      }
    }
    return out;
  }

 private:
  const Json& json_;
  std::string where_;
};

ColumnTreatment treatment_from_json(const Reader& r) {
  ColumnTreatment t;
  // A word is the kind alone ("treatment": "fake").
  const std::string kind =
      r.json().is_string() ? r.json().get<std::string>() : r.string("kind", "auto");
  if (!r.json().is_string() && !r.json().is_object())
    r.fail("treatment", "must be a treatment's name or an object with a kind");
  auto parsed = parse_treatment(kind);
  if (!parsed)
    r.fail("treatment", "unknown treatment " + quote_name(kind) +
                            "; the treatments are auto, synthesize, fake, pattern, hash, mask, "
                            "constant, null, keep and exclude");
  t.kind = *parsed;
  if (r.has("sensitive")) t.sensitive = r.boolean("sensitive", false);
  t.generator = r.string("generator");
  t.locale = r.string("locale");
  t.pattern = r.string("pattern");
  t.unique = r.boolean("unique", false);
  t.keep_first = static_cast<int>(r.integer("keep_first", 0));
  t.keep_last = static_cast<int>(r.integer("keep_last", 0));
  if (t.keep_first < 0 || t.keep_last < 0) r.fail("keep_first", "must be 0 or more");
  t.mask_char = r.string("mask_char", t.mask_char);
  if (r.has("value")) {
    const Json& value = r.json().at("value");
    t.value = value.is_string() ? value.get<std::string>() : value.dump();
  }
  t.secret_env = r.string("secret_env", t.secret_env);
  t.allow_sensitive = r.boolean("allow_sensitive", false);
  return t;
}

ColumnMeta column_from_json(const Reader& item, const std::string& table) {
  ColumnMeta column;
  column.name = item.string("name", "", true);
  const Reader r = item.as(locate(table, column.name));
  std::string sdtype = r.string("sdtype", "categorical");
  auto parsed_sdtype = parse_sdtype(sdtype);
  if (!parsed_sdtype) r.fail("sdtype", "unknown sdtype \"" + sdtype + "\"");
  column.sdtype = *parsed_sdtype;
  std::string type = r.string("type", "string");
  auto parsed_type = parse_data_type(type);
  if (!parsed_type) r.fail("type", "unknown type \"" + type + "\"");
  column.type = *parsed_type;
  column.sql_type = r.string("sql_type");
  column.format = r.string("format");
  column.nullable = r.boolean("nullable", true);
  column.unique = r.boolean("unique", false);
  column.auto_increment = r.boolean("auto_increment", false);
  if (r.has("default")) column.default_value = r.string("default");
  column.enum_values = r.strings("enum_values");
  column.generated = r.string("generated");
  column.generated_stored = r.boolean("generated_stored", false);
  column.sdtype_reason = r.string("sdtype_reason");
  if (r.has("treatment")) column.treatment = treatment_from_json(r.child("treatment"));
  return column;
}

Rule rule_from_json(const Reader& r) {
  Rule rule;
  const std::string kind = r.string("kind", "", true);
  auto parsed = parse_rule_kind(kind);
  if (!parsed) r.fail("kind", "unknown rule kind " + quote_name(kind));
  rule.kind = *parsed;
  rule.target = r.string("target", "", rule.kind != RuleKind::SameAncestor);
  rule.columns = r.strings("columns");
  rule.op = r.string("op");
  rule.k = r.number("k").value_or(0);
  if (r.has("value")) {
    const Json& value = r.json().at("value");
    rule.value = value.is_string() ? value.get<std::string>() : value.dump();
  }
  rule.min = r.number("min");
  rule.max = r.number("max");
  if (r.has("values")) {
    const Json& values = r.json().at("values");
    if (!values.is_array()) r.fail("values", "must be a list");
    for (const Json& value : values)
      rule.values.push_back(value.is_string() ? value.get<std::string>() : value.dump());
  }
  if (r.has("gaps")) {
    const Json& gaps = r.json().at("gaps");
    if (!gaps.is_array()) r.fail("gaps", "must be a list of numbers");
    for (const Json& gap : gaps) {
      if (!gap.is_number()) r.fail("gaps", "must be a list of numbers");
      rule.gaps.push_back(gap.get<double>());
    }
  }
  rule.other_table = r.string("other_table");
  rule.via = r.strings("via");
  rule.path = r.hops("path");
  rule.other_path = r.hops("other_path");
  rule.enabled = r.boolean("enabled", true);
  rule.origin = r.string("origin", "declared");
  rule.checked = r.integer("checked_rows", -1);
  rule.exceptions = r.integer("exceptions", 0);
  return rule;
}

TableMeta table_from_json(const Reader& item) {
  TableMeta table;
  table.name = item.string("name", "", true);
  const Reader r = item.as(locate(table.name));
  std::string kind = r.string("kind", "tabular");
  if (kind != "tabular" && kind != "sequential") r.fail("kind", "must be tabular or sequential");
  table.kind = kind == "sequential" ? TableKind::Sequential : TableKind::Tabular;
  table.sequence_key = r.string("sequence_key");
  table.sequence_reason = r.string("sequence_reason");
  table.row_count = r.integer("row_count", -1);
  table.primary_key = r.strings("primary_key");
  table.primary_key_reason = r.string("primary_key_reason");
  for (const Reader& column : r.items("columns", "column"))
    table.columns.push_back(column_from_json(column, table.name));
  for (const Reader& f : r.items("foreign_keys", "foreign key")) {
    ForeignKey fk;
    fk.columns = f.strings("columns");
    fk.parent_table = f.string("parent_table", "", true);
    fk.parent_columns = f.strings("parent_columns");
    fk.on_delete = f.string("on_delete");
    fk.on_update = f.string("on_update");
    fk.reason = f.string("reason");
    table.foreign_keys.push_back(std::move(fk));
  }
  if (r.has("unique_constraints")) {
    const Json& list = r.json().at("unique_constraints");
    if (!list.is_array()) r.fail("unique_constraints", "must be a list of column lists");
    for (const Json& item : list) {
      UniqueConstraint unique;
      if (!item.is_array()) r.fail("unique_constraints", "must be a list of column lists");
      for (const Json& name : item) {
        if (!name.is_string()) r.fail("unique_constraints", "must be a list of column lists");
        unique.columns.push_back(name.get<std::string>());
      }
      table.unique_constraints.push_back(std::move(unique));
    }
  }
  table.checks = r.strings("checks");
  table.virtual_module = r.string("virtual");
  const std::string treatment = r.string("treatment", "synthesize");
  auto parsed_treatment = parse_table_treatment(treatment);
  if (!parsed_treatment)
    r.fail("treatment", "unknown table treatment " + quote_name(treatment) +
                            "; a table is synthesize, preserve or exclude");
  table.treatment = *parsed_treatment;
  for (const Reader& rule : r.items("rules", "rule")) table.rules.push_back(rule_from_json(rule));
  remove_duplicate_rules(table.rules);  // a rule listed twice is kept and checked once
  for (const Reader& i : r.items("indexes", "index"))
    table.indexes.push_back({i.string("name"), i.strings("columns"), i.boolean("unique", false)});
  return table;
}

Json parse_json(std::string_view text) {
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number out of range
    throw InputError(std::string("metadata JSON does not parse: ") + e.what());
  }
}

// SDV's names for the sdtypes that differ from ours.
std::string sdv_sdtype(const ColumnMeta& column) {
  switch (column.sdtype) {
    case SDType::Phone:
      return "phone_number";
    case SDType::PostalCode:
      return "postcode";
    case SDType::Text:
    case SDType::OtherPii:
    case SDType::Binary:
      return "unknown";
    default:
      return std::string(to_string(column.sdtype));
  }
}

// Python's strftime spells fixed-width fractions as %f.
std::string python_format(std::string format) {
  for (const char* fixed : {"%3f", "%6f"})
    for (size_t at; (at = format.find(fixed)) != std::string::npos;) format.replace(at, 3, "%f");
  return format;
}

}  // namespace

std::string to_json(const Metadata& metadata, int indent) {
  Json out;
  out["relsynth_metadata_version"] = metadata.version;
  out["keys_declared"] = metadata.keys_declared;
  // SDV's metadata names no storage types: said so, they come from the source when it is read.
  if (!metadata.storage_types_known) out["storage_types_known"] = false;
  if (!metadata.sql_dialect.empty()) out["sql_dialect"] = metadata.sql_dialect;
  if (metadata.locale != Metadata{}.locale) out["locale"] = metadata.locale;
  out["tables"] = Json::array();
  for (const TableMeta& table : metadata.tables)
    out["tables"].push_back(table_to_json(table, metadata.rules_known));
  return dump(out, indent);
}

Metadata metadata_from_json(std::string_view text) {
  Json json = parse_json(text);
  if (!json.is_object()) throw InputError("metadata JSON: the document must be an object");
  if (json.contains("METADATA_SPEC_VERSION")) return metadata_from_sdv_json(text);
  Reader root(json, "");
  Metadata metadata;
  metadata.version = static_cast<int>(root.integer("relsynth_metadata_version", kMetadataVersion));
  if (metadata.version > kMetadataVersion)
    root.fail("relsynth_metadata_version", "version " + std::to_string(metadata.version) +
                                               " is newer than this relsynth (" +
                                               std::to_string(kMetadataVersion) + ")");
  metadata.keys_declared = root.boolean("keys_declared", true);
  metadata.storage_types_known = root.boolean("storage_types_known", true);
  metadata.sql_dialect = root.string("sql_dialect");
  metadata.locale = root.string("locale", metadata.locale);
  if (!root.has("tables")) root.fail("tables", "missing");
  for (const Reader& table : root.items("tables", "table")) {
    metadata.tables.push_back(table_from_json(table));
    metadata.rules_known |= table.has("rules");
  }
  return metadata;
}

Metadata load_metadata(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read metadata file " + quote_name(path) + ": " + os_reason(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return metadata_from_json(buffer.str());
  } catch (const InputError& e) {
    throw InputError(path + ": " + e.what());
  }
}

void save_metadata(const Metadata& metadata, const std::string& path, bool sdv) {
  write_file_atomically(path, (sdv ? to_sdv_json(metadata) : to_json(metadata)) + "\n",
                        "metadata file");
}

std::string to_sdv_json(const Metadata& metadata, int indent) {
  Json out;
  out["METADATA_SPEC_VERSION"] = "V1";
  out["tables"] = Json::object();
  Json relationships = Json::array();
  for (const TableMeta& table : metadata.tables) {
    Json t;
    if (table.primary_key.size() == 1)
      t["primary_key"] = table.primary_key[0];
    else if (!table.primary_key.empty())
      t["primary_key"] = table.primary_key;
    t["columns"] = Json::object();
    for (const ColumnMeta& column : table.columns) {
      Json c;
      c["sdtype"] = sdv_sdtype(column);
      if (column.sdtype == SDType::Numerical)
        c["computer_representation"] = column.type == DataType::Int64 ? "Int64" : "Float";
      if (column.sdtype == SDType::Datetime && !column.format.empty())
        c["datetime_format"] = python_format(column.format);
      if (c["sdtype"] == "unknown") c["pii"] = is_pii(column.sdtype);
      t["columns"][column.name] = c;
    }
    out["tables"][table.name] = t;
    for (const ForeignKey& fk : table.foreign_keys) {
      Json r;
      r["parent_table_name"] = fk.parent_table;
      if (fk.parent_columns.size() == 1)
        r["parent_primary_key"] = fk.parent_columns[0];
      else
        r["parent_primary_key"] = fk.parent_columns;
      r["child_table_name"] = table.name;
      if (fk.columns.size() == 1)
        r["child_foreign_key"] = fk.columns[0];
      else
        r["child_foreign_key"] = fk.columns;
      relationships.push_back(r);
    }
  }
  out["relationships"] = relationships;
  return dump(out, indent);
}

Metadata metadata_from_sdv_json(std::string_view text) {
  Json json = parse_json(text);
  Reader root(json, "");
  if (!root.has("tables")) root.fail("tables", "missing");
  if (!json.at("tables").is_object()) root.fail("tables", "must be an object of tables by name");
  Metadata metadata;
  metadata.storage_types_known = false;
  for (const auto& [table_name, table_json] : json.at("tables").items()) {
    Reader t(table_json, locate(table_name));
    if (!table_json.is_object()) t.fail("", "must be an object");
    TableMeta table;
    table.name = table_name;
    table.primary_key = t.strings("primary_key");
    if (t.has("columns")) {
      if (!table_json.at("columns").is_object())
        t.fail("columns", "must be an object of columns by name");
      for (const auto& [column_name, column_json] : table_json.at("columns").items()) {
        Reader c(column_json, locate(table_name, column_name));
        if (!column_json.is_object()) c.fail("", "must be an object");
        ColumnMeta column;
        column.name = column_name;
        std::string sdtype = c.string("sdtype", "categorical");
        if (sdtype == "phone_number")
          sdtype = "phone";
        else if (sdtype == "postcode")
          sdtype = "postal_code";
        else if (sdtype == "unknown")
          sdtype = c.boolean("pii", false) ? "other_pii" : "text";
        column.sdtype = parse_sdtype(sdtype).value_or(SDType::OtherPii);
        column.type = column.sdtype == SDType::Numerical
                          ? (c.string("computer_representation") == "Float" ? DataType::Float64
                                                                            : DataType::Int64)
                          : DataType::String;
        column.sdtype_reason = "SDV metadata";
        table.columns.push_back(std::move(column));
      }
    }
    metadata.tables.push_back(std::move(table));
  }
  for (const Reader& r : root.items("relationships", "relationship")) {
    TableMeta* child = metadata.find_table(r.string("child_table_name", "", true));
    if (!child) r.fail("child_table_name", "no such table");
    ForeignKey fk;
    fk.parent_table = r.string("parent_table_name", "", true);
    fk.parent_columns = r.strings("parent_primary_key");
    fk.columns = r.strings("child_foreign_key");
    fk.reason = "SDV metadata";
    child->foreign_keys.push_back(std::move(fk));
  }
  return metadata;
}

}  // namespace relsynth

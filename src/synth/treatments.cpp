// Column and table treatments: their checks, the data training sees, roles and encoders.
#include "synth/treatments.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <map>

#include "core/text.h"
#include "io/csv_types.h"
#include "model/regex_pattern.h"
#include "relsynth/error.h"
#include "relsynth/rules.h"

namespace relsynth {

namespace {

std::string name_of(Treatment kind) { return std::string(to_string(kind)); }

// The value `text` as column `column`'s type, or nullopt when it is none.
std::optional<Column> parse_constant(const ColumnMeta& column, const std::string& text) {
  Column out(column.name, column.type, column.format);
  switch (column.type) {
    case DataType::String:
      out.append_string(text);
      break;
    case DataType::Binary:
      out.append_string(csv::parse_binary(text));
      break;
    case DataType::Decimal:
      if (!csv::is_decimal_text(text)) return std::nullopt;
      out.append_string(text);
      break;
    case DataType::Int64: {
      auto value = csv::parse_int(text);
      if (!value) return std::nullopt;
      out.append_int(*value);
      break;
    }
    case DataType::Bool: {
      auto value = csv::parse_bool(text);
      if (!value) return std::nullopt;
      out.append_int(*value ? 1 : 0);
      break;
    }
    case DataType::Float64: {
      auto value = csv::parse_double(text);
      if (!value) return std::nullopt;
      out.append_double(*value);
      break;
    }
    case DataType::Date:
    case DataType::DateTime:
    case DataType::Time: {
      // The column's own layout, else any layout the value reads in (2024-05-01 13:45:00).
      auto value = parse_temporal(text, column.type, column.format);
      if (!value)
        if (auto layout = detect_temporal_format(std::vector<std::string>{text});
            layout && layout->type == column.type)
          value = parse_temporal(text, column.type, layout->format);
      if (!value) return std::nullopt;
      out.append_int(*value);
      break;
    }
  }
  if (!column.enum_values.empty() && std::find(column.enum_values.begin(), column.enum_values.end(),
                                               text) == column.enum_values.end())
    return std::nullopt;
  return out;
}

// The length a character column declares (VARCHAR(16), CHAR(8)), if any.
std::optional<size_t> declared_length(const std::string& sql_type) {
  std::string upper = sql_type;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.find("CHAR") == std::string::npos) return std::nullopt;
  const size_t open = upper.find('(');
  if (open == std::string::npos) return std::nullopt;
  size_t length = 0, at = open + 1;
  while (at < upper.size() && upper[at] >= '0' && upper[at] <= '9')
    length = length * 10 + static_cast<size_t>(upper[at++] - '0');
  if (at == open + 1 || at >= upper.size() || upper[at] != ')') return std::nullopt;
  return length;
}

// Hex digits of a column's pseudonyms: kHashHexDigits, or its declared length when shorter
// (at least kMinHashHexDigits: 64 bits, no collision in practice below billions of values).
size_t hash_digits(const ColumnMeta& column) {
  const std::optional<size_t> declared = declared_length(column.sql_type);
  return declared ? std::min(*declared, kHashHexDigits) : kHashHexDigits;
}

std::string secret_of(const ColumnTreatment& treatment) {
  const char* value = std::getenv(treatment.secret_env.c_str());
  return value ? std::string(value) : std::string();
}

// The UTF-8 characters of `text` (each a byte sequence).
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t at = 0; at < text.size();) {
    const size_t length =
        std::min(utf8_length(static_cast<unsigned char>(text[at])), text.size() - at);
    out.push_back(text.substr(at, length));
    at += length;
  }
  return out;
}

std::array<unsigned char, 32> hmac_sha256(std::string_view value, std::string_view secret) {
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(value.data()), value.size(), digest.data(), &length);
  return digest;
}

// A whole-word, case-insensitive occurrence of `name` in SQL text (a CHECK expression).
bool mentions_name(std::string_view sql, std::string_view name) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const std::string text = lower(sql), word = lower(name);
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || !is_word(text[at - 1]);
    const bool ends = at + word.size() == text.size() || !is_word(text[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

// Whether rule `rule` of table `owner` reads or writes column `column` of table `table`.
bool rule_mentions(const Rule& rule, const std::string& owner, const std::string& table,
                   const std::string& column) {
  const bool remote_columns = rule.kind == RuleKind::ParentEqual ||
                              rule.kind == RuleKind::ParentOrder ||
                              rule.kind == RuleKind::Aggregate;
  const bool in_columns =
      std::find(rule.columns.begin(), rule.columns.end(), column) != rule.columns.end();
  if (owner == table && rule.target == column) return true;
  if (owner == table && !remote_columns && in_columns) return true;
  return remote_columns && rule.other_table == table && in_columns;
}

// Treatments whose output values are not the source's, so no rule found on the source holds
// for them (and a rule's values, kept in the model, would be real ones).
bool rewrites_values(Treatment kind) {
  return kind == Treatment::Pattern || kind == Treatment::Hash || kind == Treatment::Mask ||
         kind == Treatment::Constant || kind == Treatment::Null || kind == Treatment::Exclude;
}

std::string quoted(const std::vector<std::string>& names) { return "(" + join(names) + ")"; }

// Problems of column `column` of table `table` that come from the keys it belongs to.
void key_problems(const Metadata& metadata, const TableMeta& table, const ColumnMeta& column,
                  std::vector<std::string>& out) {
  const Treatment kind = column.treatment.kind;
  const std::string where = locate(table.name, column.name) + ": treatment " + name_of(kind);
  const auto& pk = table.primary_key;
  const bool in_pk = std::find(pk.begin(), pk.end(), column.name) != pk.end();
  for (const ForeignKey& fk : table.foreign_keys)
    if (std::find(fk.columns.begin(), fk.columns.end(), column.name) != fk.columns.end() &&
        kind != Treatment::Synthesize)
      out.push_back(where + " on a column of the foreign key " + quoted(fk.columns) + " -> " +
                    fk.parent_table +
                    (kind == Treatment::Exclude
                         ? ": remove the foreign key first, or exclude the whole table"
                         : ": its values are the parent's keys; treat " + fk.parent_table +
                               "'s key instead (pattern sets its format)"));
  if (table.kind == TableKind::Sequential && table.sequence_key == column.name &&
      rewrites_values(kind))
    out.push_back(where +
                  ": the column orders the sequential table's rows (its sequence "
                  "key); leave it auto or synthesize, or make the table tabular");
  if (kind == Treatment::Exclude) {
    for (const ColumnMeta& other : table.columns)
      if (!other.generated.empty() && other.treatment.kind != Treatment::Exclude &&
          mentions_name(other.generated, column.name))
        out.push_back(where + ": the computed column " + quote_name(other.name) + " reads it (" +
                      other.generated + "); exclude that column too");
    if (in_pk)
      out.push_back(where + " on a column of the primary key " + quoted(pk) +
                    ": unset the primary key first, or exclude the whole table");
    for (const TableMeta& child : metadata.tables) {
      if (child.treatment == TableTreatment::Exclude) continue;
      for (const ForeignKey& fk : child.foreign_keys)
        if (fk.parent_table == table.name &&
            std::find(fk.parent_columns.begin(), fk.parent_columns.end(), column.name) !=
                fk.parent_columns.end())
          out.push_back(where + ": the column is referenced by the foreign key " + child.name +
                        quoted(fk.columns) + " -> " + table.name + quoted(fk.parent_columns) +
                        "; remove that foreign key first");
    }
    return;
  }
  if (!in_pk) return;
  if (pk.size() == 1 && kind != Treatment::Synthesize && kind != Treatment::Pattern)
    out.push_back(where +
                  " on the primary key: keys are generated, never copied; use pattern "
                  "to set their format");
  else if (kind == Treatment::Constant || kind == Treatment::Null)
    out.push_back(where + " on a column of the primary key " + quoted(pk) +
                  ": its rows would not be told apart; use pattern or synthesize");
}

void column_problems(const Metadata& metadata, const TableMeta& table, const ColumnMeta& column,
                     std::vector<std::string>& out) {
  const ColumnTreatment& t = column.treatment;
  if (t.kind == Treatment::Fake && table.treatment == TableTreatment::Preserve)
    out.push_back(locate(table.name, column.name) +
                  ": treatment fake cannot apply: the table is preserved (copied as it is); use "
                  "hash, mask, constant, null or exclude, or synthesize the table");
  if (t.kind == Treatment::Auto || t.kind == Treatment::Fake) return;  // fake: the fake module
  const std::string where = locate(table.name, column.name) + ": treatment " + name_of(t.kind);
  if (table.treatment == TableTreatment::Preserve &&
      (t.kind == Treatment::Synthesize || t.kind == Treatment::Pattern)) {
    out.push_back(where +
                  " cannot apply: the table is preserved (copied as it is); use hash, "
                  "mask, constant, null or exclude, or synthesize the table");
    return;
  }
  key_problems(metadata, table, column, out);
  if (t.kind == Treatment::Exclude || t.kind == Treatment::Synthesize) return;
  if (!column.generated.empty() && t.kind != Treatment::Null) {
    out.push_back(where +
                  " on a computed column: its expression computes it; leave it auto, "
                  "or exclude it");
    return;
  }
  if (column.type == DataType::Binary && t.kind != Treatment::Null) {
    out.push_back(where +
                  " on a binary column: binary data is not modelled; leave it auto, "
                  "null or exclude it");
    return;
  }
  switch (t.kind) {
    case Treatment::Keep:
      if (column.sensitive() && !t.allow_sensitive)
        out.push_back(where +
                      " is not allowed on a sensitive column; use fake, hash or mask, "
                      "or set allow_sensitive: true");
      break;
    case Treatment::Pattern: {
      if (t.pattern.empty()) {
        out.push_back(where + " needs a pattern, such as \"[A-Z]{3}-\\d{5}\"");
        break;
      }
      if (const std::string problem = pattern_problem(t.pattern); !problem.empty()) {
        out.push_back(where + ": pattern \"" + t.pattern + "\" is not valid: " + problem);
        break;
      }
      const RegexPattern pattern(t.pattern);
      if (const std::string problem = pattern_type_problem(pattern, column.type);
          !problem.empty()) {
        out.push_back(where + ": " + problem);
        break;
      }
      const bool in_pk = table.primary_key.size() == 1 && table.primary_key[0] == column.name;
      const bool unique = t.unique || column.unique || in_pk;
      if (!unique) break;
      if (!pattern.unique_problem().empty())
        out.push_back(where +
                      ": unique values need a pattern that spells each value one way; "
                      "pattern \"" +
                      t.pattern + "\" " + pattern.unique_problem());
      else if (pattern.count() && table.row_count > 0 &&
               *pattern.count() < static_cast<uint64_t>(table.row_count))
        out.push_back(where + ": pattern \"" + t.pattern + "\" spells " + pattern.count_text() +
                      " distinct values, fewer than the table's " +
                      std::to_string(table.row_count) + " rows; widen the pattern");
      break;
    }
    case Treatment::Hash:
      if (column.type != DataType::String && column.type != DataType::Int64) {
        out.push_back(where + " applies to string and integer columns, not " +
                      std::string(to_string(column.type)) + " ones");
        break;
      }
      if (secret_of(t).empty())
        out.push_back(where + " reads its secret from the environment variable " + t.secret_env +
                      ", which is not set or empty; set it (the same secret gives the same "
                      "pseudonyms in every table and run)");
      if (column.type == DataType::String)
        if (auto length = declared_length(column.sql_type); length && *length < kMinHashHexDigits)
          out.push_back(where + ": the column holds at most " + std::to_string(*length) +
                        " characters, and a pseudonym needs " + std::to_string(kMinHashHexDigits) +
                        "; use pattern or mask");
      break;
    case Treatment::Mask:
      if (column.type != DataType::String)
        out.push_back(where + " applies to string columns, not " +
                      std::string(to_string(column.type)) + " ones; use constant, null or hash");
      if (characters(t.mask_char).size() != 1)
        out.push_back(where + ": mask_char must be one character, not \"" + t.mask_char + "\"");
      break;
    case Treatment::Constant:
      if (!parse_constant(column, t.value))
        out.push_back(where + ": value \"" + t.value + "\" is not a " +
                      std::string(to_string(column.type)) + " value" +
                      (column.enum_values.empty() ? "" : " of the column's enumerated type") +
                      "; give one the column can hold");
      break;
    case Treatment::Null:
      if (!column.nullable) out.push_back(where + " on a NOT NULL column; use constant or exclude");
      break;
    default:
      break;
  }
}

}  // namespace

std::vector<std::string> treatment_problems(const Metadata& metadata) {
  std::vector<std::string> out;
  std::set<std::string> preserved;
  size_t excluded = 0;
  for (const TableMeta& table : metadata.tables) {
    if (table.treatment == TableTreatment::Preserve) preserved.insert(table.name);
    if (table.treatment == TableTreatment::Exclude) ++excluded;
  }
  if (!metadata.tables.empty() && excluded == metadata.tables.size())
    out.push_back("every table has treatment exclude: nothing is left to synthesize");
  for (const TableMeta& table : metadata.tables) {
    if (table.treatment == TableTreatment::Exclude) continue;
    // Its key columns would be learned as ordinary columns, real key values and all.
    for (const ForeignKey& fk : table.foreign_keys)
      if (const TableMeta* parent = metadata.find_table(fk.parent_table);
          parent && parent != &table && parent->treatment == TableTreatment::Exclude)
        out.push_back(locate(table.name) + ": its foreign key " + quoted(fk.columns) +
                      " references table " + quote_name(parent->name) +
                      ", which is excluded; exclude this table too, keep the parent, or remove "
                      "the key");
    if (table.treatment == TableTreatment::Preserve)
      for (const ForeignKey& fk : table.foreign_keys)
        if (fk.parent_table != table.name && !preserved.count(fk.parent_table))
          out.push_back(locate(table.name) +
                        ": preserved (treatment preserve or --preserve), its rows keep keys " +
                        quoted(fk.columns) + " that name real rows of " + fk.parent_table +
                        "; preserve " + fk.parent_table + " too");
    for (const ColumnMeta& column : table.columns) column_problems(metadata, table, column, out);
  }
  return out;
}

void drop_tables(Metadata& metadata, const std::set<std::string>& dropped,
                 std::vector<std::string>& warnings) {
  std::erase_if(metadata.tables,
                [&](const TableMeta& table) { return dropped.count(table.name) > 0; });
  for (TableMeta& table : metadata.tables) {
    std::erase_if(table.foreign_keys, [&](const ForeignKey& fk) {
      if (!dropped.count(fk.parent_table)) return false;
      warnings.push_back(table.name + " -> " + fk.parent_table +
                         ": the parent is left out, so this foreign key is not kept");
      return true;
    });
    // A rule across tables that reads a left-out table (a parent's sum of its children) has
    // nothing to read: dropped, and said.
    std::erase_if(table.rules, [&](const Rule& rule) {
      if (rule.other_table.empty() || !dropped.count(rule.other_table)) return false;
      warnings.push_back(table.name + ": rule " + describe(rule) + " is dropped: table " +
                         rule.other_table + " is left out");
      return true;
    });
  }
}

TreatedSource apply_treatments(const Metadata& metadata, const Database& data,
                               const std::vector<std::string>& preserve) {
  TreatedSource out;
  out.metadata = metadata;
  Metadata& meta = out.metadata;
  for (TableMeta& table : meta.tables)
    if (std::find(preserve.begin(), preserve.end(), table.name) != preserve.end() &&
        table.treatment == TableTreatment::Synthesize)
      table.treatment = TableTreatment::Preserve;
  if (std::vector<std::string> problems = treatment_problems(meta); !problems.empty())
    throw UsageError("the treatments cannot be applied:\n  " + join(problems, "\n  "));

  std::set<std::string> excluded_tables;
  for (const TableMeta& table : meta.tables)
    if (table.treatment == TableTreatment::Exclude) excluded_tables.insert(table.name);
  drop_tables(meta, excluded_tables, out.warnings);

  // Rules, checks and constraints that read a rewritten or excluded column go.
  std::vector<std::pair<std::string, const ColumnMeta*>> rewritten;
  for (const TableMeta& table : meta.tables)
    for (const ColumnMeta& column : table.columns)
      if (rewrites_values(column.treatment.kind)) rewritten.push_back({table.name, &column});
  std::map<std::string, std::vector<Rule>> kept_rules;
  for (TableMeta& table : meta.tables) {
    std::vector<Rule>& rules = kept_rules[table.name];
    for (const Rule& rule : table.rules) {
      auto reads = std::find_if(rewritten.begin(), rewritten.end(), [&](const auto& treated) {
        return rule_mentions(rule, table.name, treated.first, treated.second->name);
      });
      if (reads == rewritten.end()) {
        rules.push_back(rule);
        continue;
      }
      out.warnings.push_back(table.name + ": rule " + describe(rule) + " is dropped: column " +
                             reads->first + "." + reads->second->name + " has treatment " +
                             name_of(reads->second->treatment.kind));
    }
  }
  for (TableMeta& table : meta.tables) {
    table.rules = std::move(kept_rules[table.name]);
    std::set<std::string> excluded;
    for (const ColumnMeta& column : table.columns) {
      if (!rewrites_values(column.treatment.kind)) continue;
      if (column.treatment.kind == Treatment::Exclude) excluded.insert(column.name);
      std::erase_if(table.checks, [&](const std::string& check) {
        if (!mentions_name(check, column.name)) return false;
        out.warnings.push_back(locate(table.name, column.name) + ": CHECK (" + check +
                               ") is dropped: the column has treatment " +
                               name_of(column.treatment.kind));
        return true;
      });
    }
    if (excluded.empty()) continue;
    auto touches = [&](const std::vector<std::string>& columns) {
      return std::any_of(columns.begin(), columns.end(),
                         [&](const std::string& c) { return excluded.count(c) > 0; });
    };
    std::erase_if(table.unique_constraints, [&](const UniqueConstraint& unique) {
      if (!touches(unique.columns)) return false;
      out.warnings.push_back(locate(table.name) + ": UNIQUE " + quoted(unique.columns) +
                             " is dropped: it holds an excluded column");
      return true;
    });
    std::erase_if(table.indexes, [&](const IndexMeta& index) { return touches(index.columns); });
    std::erase_if(table.columns,
                  [&](const ColumnMeta& column) { return excluded.count(column.name) > 0; });
  }

  // The data, when a column is excluded or its values rewritten.
  bool changes_data = false;
  for (const TableMeta& table : metadata.tables)
    for (const ColumnMeta& column : table.columns)
      changes_data |=
          table.treatment != TableTreatment::Exclude &&
          (column.treatment.kind == Treatment::Exclude ||
           column.treatment.kind == Treatment::Hash || column.treatment.kind == Treatment::Mask ||
           (table.treatment == TableTreatment::Preserve && sets_every_row(column)));
  if (!changes_data) return out;
  out.data.emplace();
  for (const TableMeta& table : meta.tables) {
    const Table* source = data.find_table(table.name);
    if (!source) continue;  // the caller's data lacks it as it did
    Table treated(table.name);
    for (const ColumnMeta& column : table.columns) {
      Column& values = treated.add_column(source->column(column.name));
      const ColumnTreatment& t = column.treatment;
      if (t.kind == Treatment::Hash) {
        const std::string secret = secret_of(t);
        const size_t digits = hash_digits(column);
        for (size_t row = 0; row < values.size(); ++row) {
          if (values.is_null(row)) continue;
          if (values.type() == DataType::String) {
            values.set_string(row, pseudonym(values.string_at(row), secret, digits));
          } else {
            // The digest's first 53 bits: an integer any JSON or spreadsheet reader keeps.
            const auto digest = hmac_sha256(std::to_string(values.int_at(row)), secret);
            uint64_t high = 0;
            for (int i = 0; i < 8; ++i) high = high << 8 | digest[static_cast<size_t>(i)];
            values.set_int(row, static_cast<int64_t>(high >> 11));
          }
        }
      } else if (sets_every_row(column) && table.treatment == TableTreatment::Preserve) {
        // A copied table's rows are written as they are: the constant goes into them.
        const std::unique_ptr<ValueGenerator> constant =
            treatment_generator(table.name, column, values);
        Column filled(values.name(), values.type(), values.format());
        Rng unused(0);
        for (size_t row = 0; row < values.size(); ++row) constant->generate(row, unused, filled);
        values = std::move(filled);
      } else if (t.kind == Treatment::Mask) {
        for (size_t row = 0; row < values.size(); ++row)
          if (!values.is_null(row))
            values.set_string(
                row, masked(values.string_at(row), t.keep_first, t.keep_last, t.mask_char));
      }
    }
    out.data->add_table(std::move(treated));
  }
  return out;
}

ColumnRole treated_role(const ColumnMeta& column, ColumnRole automatic) {
  if (automatic == ColumnRole::Foreign || automatic == ColumnRole::Blob) return automatic;
  switch (column.treatment.kind) {
    case Treatment::Synthesize:
      return automatic == ColumnRole::Key ? ColumnRole::Key : ColumnRole::Modelled;
    case Treatment::Keep:
    case Treatment::Hash:
    case Treatment::Mask:
      // A unique column's values each come out once (a model would repeat some).
      if (automatic == ColumnRole::Key) return ColumnRole::Key;
      return column.unique ? ColumnRole::Generated : ColumnRole::Modelled;
    case Treatment::Pattern:
    case Treatment::Constant:
    case Treatment::Null:
      return automatic == ColumnRole::Key ? ColumnRole::Key : ColumnRole::Generated;
    default:
      return automatic;  // auto; fake (the fake module); exclude (gone before training)
  }
}

std::unique_ptr<ValueGenerator> treatment_generator(const std::string& table,
                                                    const ColumnMeta& column,
                                                    const Column& values) {
  const ColumnTreatment& t = column.treatment;
  switch (t.kind) {
    case Treatment::Pattern:
      return make_regex_generator(t.pattern, t.unique);
    case Treatment::Keep:
    case Treatment::Hash:
    case Treatment::Mask: {
      if (!column.unique) return nullptr;
      Column distinct(column.name, values.type(), values.format());
      std::set<std::string> seen;
      for (size_t row = 0; row < values.size(); ++row) {
        if (values.is_null(row)) continue;
        if (!seen.insert(values.text_at(row)).second)
          throw UsageError(locate(table, column.name) + ": treatment " + name_of(t.kind) +
                           " gives the value \"" + values.text_at(row) +
                           "\" twice in a UNIQUE column; keep more characters, or use hash");
        distinct.append_from(values, row);
      }
      if (distinct.size() == 0) return nullptr;
      return make_values_generator(std::move(distinct));
    }
    case Treatment::Constant:
      if (auto value = parse_constant(column, t.value)) return make_values_generator(*value);
      throw UsageError(locate(table, column.name) + ": treatment constant: value \"" + t.value +
                       "\" is not a " + std::string(to_string(column.type)) + " value");
    case Treatment::Null: {
      Column null(column.name, column.type, column.format);
      null.append_null();
      return make_values_generator(std::move(null));
    }
    default:
      return nullptr;
  }
}

bool generates_values(const TableMeta& table) {
  return std::any_of(table.columns.begin(), table.columns.end(), [](const ColumnMeta& column) {
    const Treatment kind = column.treatment.kind;
    return kind == Treatment::Synthesize || kind == Treatment::Pattern || kind == Treatment::Fake ||
           kind == Treatment::Constant || kind == Treatment::Null;
  });
}

bool sets_every_row(const ColumnMeta& column) {
  return column.treatment.kind == Treatment::Constant || column.treatment.kind == Treatment::Null;
}

bool learns_every_value(const ColumnMeta& column) {
  const Treatment kind = column.treatment.kind;
  return kind == Treatment::Keep || kind == Treatment::Hash || kind == Treatment::Mask;
}

EncoderOptions every_value_options(EncoderOptions options) {
  options.rare_threshold = 1;
  options.rare_mode = RareMode::Sample;
  options.max_rare_values = INT_MAX;
  return options;
}

std::string pseudonym(std::string_view value, std::string_view secret, size_t hex_digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto digest = hmac_sha256(value, secret);
  std::string out;
  for (size_t i = 0; i < digest.size() && out.size() < hex_digits; ++i) {
    out += kHex[digest[i] >> 4];
    if (out.size() < hex_digits) out += kHex[digest[i] & 15];
  }
  return out;
}

std::string masked(std::string_view value, int keep_first, int keep_last,
                   std::string_view mask_char) {
  const std::vector<std::string_view> chars = characters(value);
  const size_t first = static_cast<size_t>(std::max(keep_first, 0));
  const size_t last = static_cast<size_t>(std::max(keep_last, 0));
  const bool keep = chars.size() > first + last;
  std::string out;
  for (size_t i = 0; i < chars.size(); ++i) {
    const bool kept = keep && (i < first || i >= chars.size() - last);
    out += kept ? chars[i] : mask_char;
  }
  return out;
}

}  // namespace relsynth

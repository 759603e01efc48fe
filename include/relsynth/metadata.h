// Metadata: what a database holds and how its tables are linked. The centre of relsynth:
// inferred from a source, reviewed and changed by the user as JSON, validated, stored in
// model files. The JSON format is documented in README.md ("Metadata format").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relsynth/types.h"

namespace relsynth {

inline constexpr int kMetadataVersion = 1;

// Semantic type: what a column's values mean.
enum class SDType {
  Id,
  Categorical,
  Numerical,
  Datetime,
  Boolean,
  Text,
  Email,
  Phone,
  Name,
  Address,
  PostalCode,
  City,
  Country,
  Url,
  OtherPii,
  Binary,
};
std::string_view to_string(SDType sdtype);
std::optional<SDType> parse_sdtype(std::string_view name);
bool is_pii(
    SDType sdtype);  // email, phone, name, address, postal_code, city, country, url, other_pii

// How a column's output values are made: a plan's column treatment (docs/PLANS.md).
enum class Treatment {
  Auto,        // by the sdtype: personal kinds fake, keys generated, the rest synthesized
  Synthesize,  // learned by the model (frequent values may recur; rare ones never do)
  Fake,        // a realistic value of `generator`'s kind in `locale`, consistent within the row
  Pattern,     // drawn from `pattern` ([A-Z]{3}-\d{5}), distinct when `unique`
  Hash,        // a keyed pseudonym of the real value (HMAC), equal inputs equal outputs everywhere
  Mask,        // the real value with all but `keep_first`/`keep_last` characters masked
  Constant,    // `value` in every row
  Null,        // NULL in every row
  Keep,        // real values as they are, rare ones included
  Exclude,     // absent from the output
};
std::string_view to_string(Treatment treatment);
std::optional<Treatment> parse_treatment(std::string_view name);

struct ColumnTreatment {
  Treatment kind = Treatment::Auto;
  std::optional<bool> sensitive;      // unset: from the sdtype (is_pii)
  std::string generator;              // fake: name, first_name, email, ...; empty: from the sdtype
  std::string locale;                 // fake: en_US, de_DE, ...; empty: Metadata::locale
  std::string pattern;                // pattern
  bool unique = false;                // pattern: every value distinct
  int keep_first = 0, keep_last = 0;  // mask: characters kept at each end
  std::string mask_char = "*";        // mask: what replaces the others
  std::string value;                  // constant: the value as text
  std::string secret_env = "RELSYNTH_HASH_SECRET";  // hash: the variable holding the key
  bool allow_sensitive = false;                     // keep: allowed on a sensitive column

  bool operator==(const ColumnTreatment&) const = default;
};

struct ColumnMeta {
  std::string name;
  DataType type = DataType::String;
  std::string sql_type;  // the source's declared type, verbatim ("NVARCHAR(40)"); may be empty
  std::string format;    // text layout of temporal values (see types.h)
  bool nullable = true;
  bool unique = false;  // a single-column UNIQUE constraint (not the primary key)
  bool auto_increment = false;
  std::optional<std::string> default_value;  // SQL expression text
  // Labels of an enumerated type (PostgreSQL CREATE TYPE ... AS ENUM), in their declared
  // order; empty for other columns. `sql_type` then names the type.
  std::vector<std::string> enum_values;
  // A generated column's expression (SQLite `GENERATED ALWAYS AS (expr)`), verbatim; empty for
  // others. Its values come from the expression: it is neither modelled nor written, and a SQLite
  // destination declares it generated again.
  std::string generated;
  bool generated_stored = false;  // STORED rather than VIRTUAL
  SDType sdtype = SDType::Categorical;
  std::string sdtype_reason;  // why inference chose the sdtype ("declared", "regex: email 98%")
  ColumnTreatment treatment;

  // Personal data: the treatment's `sensitive` when set, else the sdtype's kind.
  bool sensitive() const { return treatment.sensitive.value_or(is_pii(sdtype)); }
};

struct ForeignKey {
  std::vector<std::string> columns;  // in the child table
  std::string parent_table;
  std::vector<std::string> parent_columns;
  std::string on_delete;  // action text as declared, e.g. "CASCADE"; empty = none
  std::string on_update;
  std::string reason;  // "declared", "name+containment 100%", ...
};

struct UniqueConstraint {
  std::vector<std::string> columns;
};

struct IndexMeta {
  std::string name;
  std::vector<std::string> columns;
  bool unique = false;
};

// An exact rule that every row of a table follows (docs in README.md, "Exact rules").
enum class RuleKind {
  Constant,    // target = value
  Equal,       // target = columns[0] (both NULL, or equal)
  Function,    // target is a function of columns (1 or 2): equal inputs, equal target
  Order,       // columns[0] <= target (or < when strict), where both have values
  Arithmetic,  // target = columns[0] op columns[1] (+ - *), or columns[0] op k (div mod)
  Range,       // min <= target <= max (either bound optional)
  In,          // target is one of values
  // Across a foreign key (`via`: its columns in the child table, `other_table` the other end):
  ParentEqual,  // child target = the parent row's columns[0]
  ParentOrder,  // the parent row's columns[0] <= target (or <), with gaps as Order
  Aggregate,    // parent target = op (count, sum, min, max) over its children of other_table:
                // columns[0] (sum: or columns[0] * columns[1]); count reads none
  // Two paths of foreign keys from the table (`path`, `other_path`) reach the same row of the
  // ancestor other_table wherever both resolve (a payment's customer is its rental's customer).
  SameAncestor,
};
std::string_view to_string(RuleKind kind);
std::optional<RuleKind> parse_rule_kind(std::string_view name);

struct Rule {
  RuleKind kind = RuleKind::Function;
  std::string target;                // the column the rule constrains (or computes)
  std::vector<std::string> columns;  // the columns it reads
  std::string op;                    // Order: "<=" or "<"; Arithmetic: + - * div mod
  double k = 0;                      // Arithmetic div/mod: the divisor
  std::string value;  // Constant: the value as text; Aggregate: "0" when childless parents hold 0
  std::optional<double> min, max;   // Range bounds
  std::vector<std::string> values;  // In: the allowed values as text
  // Order: quantiles of target - columns[0] in the source, from which a repaired row's gap
  // is drawn (datetimes in their integer units).
  std::vector<double> gaps;
  std::string other_table;       // ParentEqual/ParentOrder: the parent; Aggregate: the children
  std::vector<std::string> via;  // the foreign key's columns in the child table
  // SameAncestor: each path's hops, a hop being a foreign key's columns in the table the path
  // has reached (the first in the rule's table), ending at other_table.
  std::vector<std::vector<std::string>> path, other_path;
  bool enabled = true;     // false: listed but neither enforced nor checked
  std::string origin;      // "discovered", "declared" (by the user), "check" (a CHECK constraint)
  int64_t checked = -1;    // source rows the rule applies to (-1: not measured)
  int64_t exceptions = 0;  // of those, rows that break it in the source
};

enum class TableKind { Tabular, Sequential };

// What becomes of a table: modelled and generated, copied as it is, or left out.
enum class TableTreatment { Synthesize, Preserve, Exclude };
std::string_view to_string(TableTreatment treatment);
std::optional<TableTreatment> parse_table_treatment(std::string_view name);

struct TableMeta {
  std::string name;
  std::vector<ColumnMeta> columns;
  std::vector<std::string> primary_key;  // empty: the table has none
  std::string primary_key_reason;
  std::vector<ForeignKey> foreign_keys;
  std::vector<UniqueConstraint> unique_constraints;  // multi-column ones
  std::vector<std::string> checks;                   // CHECK expressions, verbatim
  std::vector<IndexMeta> indexes;                    // non-constraint indexes
  TableKind kind = TableKind::Tabular;
  std::string sequence_key;     // for sequential tables: the column that orders siblings
  std::string sequence_reason;  // why the table is sequential (inference), for inspect
  int64_t row_count = -1;       // as seen by inference; -1 unknown
  std::vector<Rule> rules;      // exact rules its rows follow
  // A SQLite full-text (FTS3/4/5) virtual table: the module and its arguments as declared after
  // USING ("fts5(title, body, tokenize='porter')"); empty for ordinary tables. Its columns are
  // synthesized as an ordinary table's; a SQLite destination recreates the virtual table.
  std::string virtual_module;
  TableTreatment treatment = TableTreatment::Synthesize;

  const ColumnMeta* find_column(std::string_view name) const;
  ColumnMeta* find_column(std::string_view name);
  int column_index(std::string_view name) const;  // -1 when absent
};

struct Metadata {
  int version = kMetadataVersion;
  std::vector<TableMeta> tables;
  // True when the source declares keys (a database); false for plain files, whose keys
  // are inferred from the data.
  bool keys_declared = true;
  // The SQL dialect of the columns' sql_type and of defaults and checks: "postgresql" when
  // the PostgreSQL connector described the source; empty when unknown. A destination uses
  // sql_type verbatim only when it speaks the same dialect, otherwise it maps the type.
  std::string sql_dialect;
  // True once the tables' rules are known (discovered, or listed in the metadata file); a
  // metadata file without any "rules" leaves discovery to training.
  bool rules_known = false;
  // False for SDV metadata, which holds no storage types (nor SQL types, formats, NOT NULL):
  // the CLI takes them from the source, keeping the file's sdtypes and keys.
  bool storage_types_known = true;
  // Fake values' locale where a column names none (en_US, de_DE, ...; docs/PLANS.md).
  std::string locale = "en_US";

  const TableMeta* find_table(std::string_view name) const;
  TableMeta* find_table(std::string_view name);
  // Throws InputError when there is no such table.
  const TableMeta& table(std::string_view name) const;
};

// Throws UsageError when one of `names`, given to `option` ("--preserve"), is not a table of
// `metadata`; the message lists the tables there are.
void check_table_names(const Metadata& metadata, std::string_view option,
                       const std::vector<std::string>& names);

// JSON round trip (relsynth's own format) and SDV multi-table metadata (V1).
std::string to_json(const Metadata& metadata, int indent = 2);
Metadata metadata_from_json(std::string_view json);  // throws InputError with the JSON path
Metadata load_metadata(const std::string& path);
void save_metadata(const Metadata& metadata, const std::string& path, bool sdv = false);
std::string to_sdv_json(const Metadata& metadata, int indent = 2);
Metadata metadata_from_sdv_json(std::string_view json);

// Validation. Errors make a metadata unusable; warnings are worth a look.
struct ValidationIssue {
  enum class Severity { Error, Warning };
  Severity severity;
  std::string message;
};
std::vector<ValidationIssue> validate(const Metadata& metadata);
// Throws InputError listing every error when validate() finds any.
void validate_or_throw(const Metadata& metadata);

// The foreign-key graph.
struct KeyGraph {
  // Tables in an order where every parent comes before its children (self-references and
  // edges that close a cycle are ignored for the order; see cycle_breaks).
  std::vector<std::string> topological_order;
  // Foreign keys (table, index into foreign_keys) that close a cycle and must be filled in
  // a second pass; a nullable one is chosen where the cycle has one.
  std::vector<std::pair<std::string, size_t>> cycle_breaks;
  // Tables with no foreign key in or out.
  std::vector<std::string> isolated_tables;
};
KeyGraph build_key_graph(const Metadata& metadata);

}  // namespace relsynth

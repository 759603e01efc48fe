// Writes a database into one schema of a PostgreSQL database, in a single transaction:
// begin() creates the schema and tables (with primary keys and UNIQUE), append() bulk-loads
// rows with COPY ... FROM STDIN, commit() turns enum columns into their enum types, adds
// indexes, foreign keys and CHECK constraints after the load (so any load order and cycles
// work) and commits. Until then nothing is visible; abort() or any error rolls back.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/temp_files.h"
#include "core/text.h"
#include "io/connectors.h"
#include "io/postgres_common.h"
#include "io/schema_limits.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

using pg::Kind;
using pg::quote_identifier;
using pg::quote_literal;

constexpr size_t kCopyChunk = 1 << 20;  // bytes sent to the server at a time
constexpr size_t kMaxIdentifier = 63;   // PostgreSQL's NAMEDATALEN - 1

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string column_list(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out += quote_identifier(columns[i]);
  }
  return out + ")";
}

// A declared type of another engine, taken apart: "NVARCHAR(40)" -> {"nvarchar", {40}}.
struct ForeignType {
  std::string base;          // lower case, single spaces: "character varying", "decimal"
  std::vector<long> params;  // numbers in parentheses
  bool params_ok = true;     // every parameter is a whole number
};

ForeignType parse_foreign_type(std::string_view sql_type) {
  ForeignType out;
  std::string text = lower_ascii(sql_type);
  const size_t open = text.find('(');
  std::string base = text.substr(0, open);
  bool space = false;
  for (char c : base) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.base.empty();
      continue;
    }
    if (space) out.base += ' ';
    space = false;
    out.base += c;
  }
  if (open != std::string::npos) {
    const size_t close = text.find(')', open);
    std::string inside =
        text.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
    size_t start = 0;
    while (start <= inside.size()) {
      size_t comma = inside.find(',', start);
      if (comma == std::string::npos) comma = inside.size();
      std::string item = inside.substr(start, comma - start);
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      long value = 0;
      auto result = std::from_chars(item.data(), item.data() + item.size(), value);
      if (item.empty() || result.ec != std::errc() || result.ptr != item.data() + item.size())
        out.params_ok = false;
      else
        out.params.push_back(value);
      start = comma + 1;
    }
  }
  return out;
}

bool one_of(std::string_view text, std::initializer_list<std::string_view> options) {
  for (std::string_view option : options)
    if (text == option) return true;
  return false;
}

// A temporal format PostgreSQL's own types stand for: ISO dates, date-times and times with
// or without a fraction. Others (say "%d/%m/%Y") are kept as text, in their layout.
bool iso_format(std::string_view format, DataType type) {
  if (format.empty()) return true;
  std::string base(format);
  for (const char* fraction : {".%f", ".%1f", ".%2f", ".%3f", ".%4f", ".%5f", ".%6f"})
    if (base.ends_with(fraction)) {
      base.resize(base.size() - std::string_view(fraction).size());
      if (!base.ends_with("%S")) return false;
      break;
    }
  switch (type) {
    case DataType::Date:
      return base == "%Y-%m-%d";
    case DataType::DateTime:
      return one_of(base, {"%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
                           "%Y-%m-%dT%H:%M", "%Y-%m-%d"});
    case DataType::Time:
      return one_of(base, {"%H:%M:%S", "%H:%M"});
    default:
      return false;
  }
}

// The PostgreSQL type for a column described by another engine (or by nobody).
std::string mapped_type(const ColumnMeta& column) {
  const ForeignType declared = parse_foreign_type(column.sql_type);
  const bool decimal_name =
      one_of(declared.base, {"decimal", "numeric", "dec", "number", "fixed"}) ||
      declared.base.starts_with("decimal ") || declared.base.starts_with("numeric ");
  auto numeric = [&] {
    if (declared.params_ok && declared.params.size() == 1 && declared.params[0] > 0 &&
        declared.params[0] <= 1000)
      return "numeric(" + std::to_string(declared.params[0]) + ")";
    if (declared.params_ok && declared.params.size() == 2 && declared.params[0] > 0 &&
        declared.params[0] <= 1000 && declared.params[1] >= 0 &&
        declared.params[1] <= declared.params[0])
      return "numeric(" + std::to_string(declared.params[0]) + "," +
             std::to_string(declared.params[1]) + ")";
    return std::string("numeric");
  };
  switch (column.type) {
    case DataType::Int64:
      return "bigint";  // SQLite's INTEGER is 64 bits, MySQL's INT UNSIGNED needs them too
    case DataType::Float64:
      return decimal_name ? numeric() : "double precision";
    case DataType::Decimal:
      return numeric();
    case DataType::String: {
      const bool sized_text =
          one_of(declared.base,
                 {"varchar", "nvarchar", "character varying", "char", "nchar", "character",
                  "national character varying", "national char", "national character", "varchar2",
                  "nvarchar2", "char varying", "national char varying", "nchar varying", "bpchar"});
      // CHAR(n) becomes varchar(n): PostgreSQL would pad shorter values with spaces.
      if (sized_text && declared.params_ok && declared.params.size() == 1 &&
          declared.params[0] > 0 && declared.params[0] <= 10485760)
        return "varchar(" + std::to_string(declared.params[0]) + ")";
      return "text";
    }
    case DataType::Bool:
      return "boolean";
    case DataType::Date:
      return iso_format(column.format, column.type) ? "date" : "text";
    case DataType::DateTime:
      return iso_format(column.format, column.type) ? "timestamp" : "text";
    case DataType::Time:
      return iso_format(column.format, column.type) ? "time" : "text";
    case DataType::Binary:
      return "bytea";
  }
  return "text";
}

// Labels of a MySQL-style "enum('a','b')" type; nullopt for anything else.
std::optional<std::vector<std::string>> enum_labels(std::string_view sql_type) {
  std::string lowered = lower_ascii(sql_type.substr(0, 5));
  if (lowered != "enum(") return std::nullopt;
  std::vector<std::string> labels;
  size_t i = 5;
  while (i < sql_type.size()) {
    while (i < sql_type.size() && (sql_type[i] == ' ' || sql_type[i] == ',')) ++i;
    if (i < sql_type.size() && sql_type[i] == ')')
      return labels.empty() ? std::nullopt : std::optional(labels);
    if (i >= sql_type.size() || sql_type[i] != '\'') return std::nullopt;
    std::string label;
    for (++i; i < sql_type.size(); ++i) {
      if (sql_type[i] == '\'') {
        if (i + 1 < sql_type.size() && sql_type[i + 1] == '\'') {
          label += '\'';
          ++i;
          continue;
        }
        break;
      }
      if (sql_type[i] == '\\' && i + 1 < sql_type.size()) ++i;
      label += sql_type[i];
    }
    if (i >= sql_type.size()) return std::nullopt;
    ++i;
    labels.push_back(std::move(label));
  }
  return std::nullopt;
}

// The unqualified, unquoted name of a type written as mood, public.mood or "My Type".
std::string type_name(std::string_view sql_type) {
  std::string name;
  bool quoted = false;
  for (size_t i = 0; i < sql_type.size(); ++i) {
    const char c = sql_type[i];
    if (c == '"') {
      if (quoted && i + 1 < sql_type.size() && sql_type[i + 1] == '"') {
        name += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      name.clear();
    } else {
      name += c;
    }
  }
  return name;
}

// Cuts a name to PostgreSQL's 63 bytes without splitting a UTF-8 character.
std::string fit_identifier(std::string name) {
  if (name.size() <= kMaxIdentifier) return name;
  size_t end = kMaxIdentifier;
  while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
  name.resize(end);
  return name;
}

// "COPY t, line 3, column name: ..." -> 3 (0 when absent).
int64_t copy_line(const std::string& context) {
  const size_t at = context.find(", line ");
  if (at == std::string::npos) return 0;
  int64_t line = 0;
  const char* begin = context.data() + at + 7;
  std::from_chars(begin, context.data() + context.size(), line);
  return line;
}

std::string copy_column(const std::string& context) {
  const size_t at = context.find(", column ");
  if (at == std::string::npos) return {};
  const size_t start = at + 9;
  const size_t end = context.find(": ", start);
  return context.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

class PostgresDestination final : public Destination {
 public:
  PostgresDestination(const std::string& url, const DestinationOptions& options)
      : url_(pg::parse_url(url)), overwrite_(options.overwrite), options_(options), conn_(url_) {
    check_writable();
  }

  ~PostgresDestination() override {
    try {
      abort();
    } catch (...) {
      // A destructor must not throw; the server rolls back when the connection closes.
    }
  }

  std::string kind() const override { return "postgresql"; }

  // Names and widths the server refuses (or, PostgreSQL, cuts silently), before any work.
  void check(const Metadata& metadata) const override {
    check_schema_limits(metadata, {"PostgreSQL", 63, true, 1600, false});
  }

  void begin(const Metadata& metadata) override {
    if (state_ != State::Created)
      throw Error(ErrorCode::Internal, "PostgreSQL destination: begin() called twice");
    // Training may have taken long: the connection may have been closed meanwhile.
    conn_.ensure_alive();
    metadata_ = metadata;
    const bool native = metadata_.sql_dialect == "postgresql";
    resolve_types(native);
    state_ = State::Begun;
    try {
      conn_.exec("BEGIN");
      conn_.exec("SET LOCAL search_path = " + quote_identifier(url_.schema) + ", public");
      prepare_schema();
      plan_enum_types(native);
      for (const TableMeta& table : metadata_.tables) create_table(table, native);
      read_column_targets();
      for (const TableMeta& table : metadata_.tables) add_identities_and_defaults(table, native);
    } catch (...) {
      abort();
      throw;
    }
  }

  void append(const TableMeta& table, const Table& rows) override {
    if (state_ != State::Begun)
      throw Error(ErrorCode::Internal, "PostgreSQL destination: append() outside begin()/commit()");
    if (rows.num_columns() != table.columns.size())
      throw InputError(locate(table.name) + ": " + std::to_string(rows.num_columns()) +
                       " columns given for " + std::to_string(table.columns.size()) +
                       " in the metadata");
    auto found = tables_.find(table.name);
    if (found == tables_.end())
      throw InputError(locate(table.name) + ": not in the metadata given to begin()");
    TableState& state = found->second;
    if (rows.num_rows() == 0) return;
    try {
      fit_values(table, state, rows);
      load(table, state, rows);
    } catch (...) {
      abort();
      throw;
    }
    state.rows_written += static_cast<int64_t>(rows.num_rows());
  }

  void commit() override {
    if (state_ != State::Begun)
      throw Error(ErrorCode::Internal, "PostgreSQL destination: commit() without begin()");
    try {
      const bool native = metadata_.sql_dialect == "postgresql";
      create_enum_types();
      for (const TableMeta& table : metadata_.tables) create_indexes(table);
      for (const TableMeta& table : metadata_.tables) add_foreign_keys(table);
      for (const TableMeta& table : metadata_.tables) add_checks(table, native);
      advance_identities();
      conn_.exec("COMMIT");
      state_ = State::Committed;
    } catch (const pg::ServerError& e) {
      abort();
      throw IoError("cannot commit to " + url_.masked + ": " + e.fields().message);
    } catch (...) {
      abort();
      throw;
    }
  }

  void abort() override {
    if (state_ != State::Begun) {
      if (state_ == State::Created) state_ = State::Aborted;
      return;
    }
    state_ = State::Aborted;
    if (conn_.transaction() != pg::Connection::Transaction::Idle) {
      try {
        conn_.exec("ROLLBACK");
      } catch (const Error&) {
        // A lost connection rolls back on the server by itself.
      }
    }
  }

 private:
  // Where a column's values go: the PostgreSQL type as created.
  struct ColumnTarget {
    Kind kind = Kind::Text;
    uint32_t type_oid = 25;   // the base type
    std::string type;         // format_type: for messages and widening
    int64_t max_length = -1;  // varchar(n) / character(n): n; -1 unlimited
    bool padded = false;      // character(n)
    bool is_enum = false;     // of a type that exists here already
  };
  struct TableState {
    std::vector<ColumnTarget> columns;
    int64_t rows_written = 0;
  };

  std::string cannot_write() const { return "cannot write to " + url_.masked + ": "; }

  struct SchemaState {
    bool exists = false;
    int64_t tables = 0, objects = 0;
    bool owned = false;
  };

  SchemaState schema_state() {
    pg::Result result = conn_.query(
        "SELECT (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid "
        "          AND c.relkind IN ('r', 'p', 'f')), "
        "  (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid) + "
        "  (SELECT count(*) FROM pg_type t WHERE t.typnamespace = n.oid AND t.typtype <> 'b' "
        "     AND (t.typrelid = 0 OR t.typtype <> 'c') AND t.typelem = 0) + "
        "  (SELECT count(*) FROM pg_proc p WHERE p.pronamespace = n.oid), "
        "  pg_has_role(n.nspowner, 'MEMBER') "
        "FROM pg_namespace n WHERE n.nspname = $1",
        {url_.schema});
    SchemaState state;
    if (result.rows() == 0) return state;
    state.exists = true;
    state.tables = result.integer(0, 0);
    state.objects = result.integer(0, 1);
    state.owned = result.boolean(0, 2);
    return state;
  }

  void refuse_existing(const SchemaState& state) const {
    throw UsageError("destination " + url_.masked + ": schema " + quote_name(url_.schema) +
                     " exists and is not empty (" + std::to_string(state.tables) +
                     (state.tables == 1 ? " table" : " tables") +
                     "); pass --overwrite to replace it");
  }

  // Everything that can be known before any work: the schema may be created (or replaced)
  // and written by this role.
  void check_writable() {
    const SchemaState state = schema_state();
    if (state.exists && state.objects > 0 && !overwrite_) refuse_existing(state);
    std::string user = "the role";
    try {
      user = "role " + quote_name(conn_.query("SELECT current_user").text(0, 0));
    } catch (const Error&) {
    }
    if (state.exists && state.objects > 0 && !state.owned)
      throw IoError(cannot_write() + "permission denied: " + user + " does not own schema " +
                    quote_name(url_.schema) + ", so it cannot replace it");
    // Try what begin() will do, and roll it back.
    const bool into_existing = state.exists && state.objects == 0;
    const std::string probe = "relsynth_probe_" + random_hex(12);
    try {
      conn_.exec("BEGIN");
      if (into_existing)
        conn_.exec("CREATE TABLE " + pg::qualified(url_.schema, probe) + " (x integer)");
      else
        conn_.exec("CREATE SCHEMA " + quote_identifier(probe));
      conn_.exec("ROLLBACK");
    } catch (const pg::ServerError& e) {
      if (conn_.transaction() != pg::Connection::Transaction::Idle) conn_.exec("ROLLBACK");
      const std::string& code = e.sqlstate();
      std::string reason = e.fields().message;
      if (code == "25006") reason = "the session is read-only (" + reason + ")";
      if (code == "42501" || code == "25006")
        throw IoError(cannot_write() + "permission denied: " + user + " may not create " +
                      (into_existing ? "tables in schema " + quote_name(url_.schema)
                                     : std::string("schemas in this database")) +
                      " (" + reason + ")");
      throw IoError(cannot_write() + reason);
    }
  }

  // Which PostgreSQL types of a PostgreSQL source exist here (types of extensions or other
  // schemas may not), decided before the transaction starts.
  void resolve_types(bool native) {
    resolved_.clear();
    if (!native) return;
    std::set<std::string> types;
    for (const TableMeta& table : metadata_.tables)
      for (const ColumnMeta& column : table.columns)
        if (!column.sql_type.empty() && column.enum_values.empty()) types.insert(column.sql_type);
    for (const std::string& type : types) {
      try {
        pg::Result result = conn_.query("SELECT to_regtype($1) IS NOT NULL", {type});
        if (result.boolean(0, 0)) resolved_.insert(type);
      } catch (const pg::ServerError&) {
        // Not a type name PostgreSQL can read: mapped instead.
      }
    }
  }

  void prepare_schema() {
    const SchemaState state = schema_state();  // again: it may have changed since
    const std::string schema = quote_identifier(url_.schema);
    if (state.exists && state.objects > 0) {
      if (!overwrite_) refuse_existing(state);
      conn_.exec("DROP SCHEMA " + schema + " CASCADE");
      conn_.exec("CREATE SCHEMA " + schema);
    } else if (!state.exists) {
      conn_.exec("CREATE SCHEMA " + schema);
    }
  }

  // The declared type of a column in the CREATE TABLE statement.
  std::string declared_type(const TableMeta& table, const ColumnMeta& column, bool native) {
    // An enum column is loaded as text and gets its type at commit, when every label that
    // occurs is known.
    if (enum_columns_.count({table.name, column.name})) return "text";
    if (native && resolved_.count(column.sql_type)) return column.sql_type;
    return mapped_type(column);
  }

  // Enumerated types: PostgreSQL's own (named as in the source) and MySQL's enum('a', 'b')
  // (named table_column), to be created in the target schema.
  void plan_enum_types(bool native) {
    enums_.clear();
    enum_columns_.clear();
    std::set<std::string> relations;
    for (const TableMeta& table : metadata_.tables) relations.insert(table.name);
    for (const TableMeta& table : metadata_.tables) {
      for (const ColumnMeta& column : table.columns) {
        if (column.type != DataType::String) continue;
        std::vector<std::string> labels = column.enum_values;
        std::string name;
        if (!labels.empty()) {
          name = native ? type_name(column.sql_type) : std::string();
        } else if (auto parsed = enum_labels(column.sql_type)) {
          labels = std::move(*parsed);
        } else {
          continue;
        }
        if (name.empty()) name = table.name + "_" + column.name;
        name = fit_identifier(name);
        // One type per name and labels; a name taken by other labels or by a table (whose row
        // type has that name) gets a number.
        std::string unique = name;
        for (int n = 2;; ++n) {
          auto it = enums_.find(unique);
          if (it == enums_.end() && !relations.count(unique)) break;
          if (it != enums_.end() && it->second.labels == labels) break;
          unique = fit_identifier(name.substr(0, kMaxIdentifier - 4) + "_" + std::to_string(n));
        }
        EnumType& type = enums_[unique];
        type.labels = labels;
        type.columns.emplace_back(table.name, column.name);
        enum_columns_.insert({table.name, column.name});
      }
    }
  }

  // Creates the enum types, with any label the loaded rows hold beyond the declared ones (a
  // synthetic placeholder for rare values, say; with a warning), and gives them to their
  // columns.
  void create_enum_types() {
    for (auto& [name, type] : enums_) {
      std::vector<std::string> labels = type.labels;
      std::set<std::string> known(labels.begin(), labels.end());
      std::vector<std::string> extra;
      for (const auto& [table, column] : type.columns) {
        const std::string quoted = quote_identifier(column);
        pg::Result values =
            conn_.query("SELECT DISTINCT " + quoted + " FROM " + pg::qualified(url_.schema, table) +
                        " WHERE " + quoted + " IS NOT NULL ORDER BY 1");
        for (int i = 0; i < values.rows(); ++i)
          if (known.insert(values.text(i, 0)).second) extra.push_back(values.text(i, 0));
      }
      const std::string qualified = pg::qualified(url_.schema, name);
      std::string columns;
      for (const auto& [table, column] : type.columns)
        columns += (columns.empty() ? "" : ", ") + quote_name(table) + "." + quote_name(column);
      bool fits = true;
      for (const std::string& label : extra) fits = fits && label.size() <= kMaxIdentifier;
      if (!extra.empty()) {
        std::string list;
        for (size_t i = 0; i < extra.size() && i < 5; ++i)
          list += (i ? ", " : "") + quote_literal(extra[i]);
        if (extra.size() > 5) list += ", ...";
        warn(columns + ": " + std::to_string(extra.size()) +
             (extra.size() == 1 ? " value is" : " values are") + " not a label of enum " +
             quote_name(name) + " (" + list + "); " +
             (fits ? "added to the type" : "too long for a label: the columns stay text"));
      }
      if (!fits) continue;
      labels.insert(labels.end(), extra.begin(), extra.end());
      std::string sql = "CREATE TYPE " + qualified + " AS ENUM (";
      for (size_t i = 0; i < labels.size(); ++i) {
        if (i) sql += ", ";
        sql += quote_literal(labels[i]);
      }
      sql += ")";
      try {
        conn_.exec(sql);
        for (const auto& [table, column] : type.columns)
          conn_.exec("ALTER TABLE " + pg::qualified(url_.schema, table) + " ALTER COLUMN " +
                     quote_identifier(column) + " TYPE " + qualified + " USING " +
                     quote_identifier(column) + "::" + qualified);
      } catch (const pg::ServerError& e) {
        throw InputError(columns + ": cannot create the enum type " + quote_name(name) + " in " +
                         url_.masked + ": " + e.fields().message);
      }
      for (const auto& [table, column] : type.columns)
        set_default(table, column, metadata_.sql_dialect == "postgresql");
    }
  }

  void create_table(const TableMeta& table, bool native) {
    std::vector<std::string> parts;
    for (const ColumnMeta& column : table.columns) {
      std::string part = quote_identifier(column.name) + " " + declared_type(table, column, native);
      if (!column.nullable) part += " NOT NULL";
      parts.push_back(std::move(part));
    }
    if (!table.primary_key.empty())
      parts.push_back("PRIMARY KEY " + column_list(table.primary_key));
    std::set<std::vector<std::string>> uniques;
    for (const ColumnMeta& column : table.columns)
      if (column.unique && table.primary_key != std::vector<std::string>{column.name})
        uniques.insert({column.name});
    for (const UniqueConstraint& unique : table.unique_constraints)
      if (unique.columns != table.primary_key) uniques.insert(unique.columns);
    for (const ColumnMeta& column : table.columns)  // in column order, then the composite ones
      if (uniques.erase({column.name}))
        parts.push_back("UNIQUE (" + quote_identifier(column.name) + ")");
    for (const UniqueConstraint& unique : table.unique_constraints)
      if (uniques.erase(unique.columns)) parts.push_back("UNIQUE " + column_list(unique.columns));

    std::string sql = "CREATE TABLE " + pg::qualified(url_.schema, table.name) + " (\n  ";
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i) sql += ",\n  ";
      sql += parts[i];
    }
    sql += "\n)";
    try {
      conn_.exec(sql);
    } catch (const pg::ServerError& e) {
      throw InputError(locate(table.name) + ": cannot create the table in " + url_.masked + ": " +
                       e.fields().message);
    }
  }

  // The types the tables got, as the server sees them.
  void read_column_targets() {
    tables_.clear();
    pg::Result result = conn_.query(
        "SELECT c.relname, a.attname, b.oid::text, b.typtype, "
        "  CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END, "
        "  format_type(a.atttypid, a.atttypmod) "
        "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_type t ON t.oid = a.atttypid "
        "JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
        "WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped",
        {url_.schema});
    std::map<std::pair<std::string, std::string>, ColumnTarget> targets;
    for (int i = 0; i < result.rows(); ++i) {
      ColumnTarget target;
      const uint32_t oid = static_cast<uint32_t>(std::stoul(result.text(i, 2)));
      const std::string typtype = result.text(i, 3);
      target.kind = typtype == "b" ? pg::kind_of_type(oid) : Kind::Text;
      target.type_oid = oid;
      target.type = result.text(i, 5);
      const int64_t typmod = result.integer(i, 4);
      if ((oid == 1043 || oid == 1042) && typmod >= 4) {
        target.max_length = typmod - 4;
        target.padded = oid == 1042;
      }
      target.is_enum = typtype == "e";
      targets[{result.text(i, 0), result.text(i, 1)}] = std::move(target);
    }
    for (const TableMeta& table : metadata_.tables) {
      TableState& state = tables_[table.name];
      for (const ColumnMeta& column : table.columns)
        state.columns.push_back(targets[{table.name, column.name}]);
    }
  }

  // Runs a statement that may fail without spoiling the load; returns the error, if any.
  std::optional<pg::ServerError> try_exec(const std::string& sql) {
    conn_.exec("SAVEPOINT relsynth_step");
    try {
      conn_.exec(sql);
      conn_.exec("RELEASE SAVEPOINT relsynth_step");
      return std::nullopt;
    } catch (const pg::ServerError& e) {
      conn_.exec("ROLLBACK TO SAVEPOINT relsynth_step");
      conn_.exec("RELEASE SAVEPOINT relsynth_step");
      return e;
    }
  }

  void add_identities_and_defaults(const TableMeta& table, bool native) {
    const std::string name = pg::qualified(url_.schema, table.name);
    const TableState& state = tables_.at(table.name);
    for (size_t c = 0; c < table.columns.size(); ++c) {
      const ColumnMeta& column = table.columns[c];
      const std::string quoted = quote_identifier(column.name);
      const bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(),
                                    column.name) != table.primary_key.end();
      if (column.auto_increment && state.columns[c].kind == Kind::Integer &&
          (!column.nullable || in_key)) {
        // BY DEFAULT: the loaded rows keep their values; the sequence continues after them.
        if (!try_exec("ALTER TABLE " + name + " ALTER COLUMN " + quoted +
                      " ADD GENERATED BY DEFAULT AS IDENTITY")) {
          identities_.emplace_back(table.name, column.name);
          continue;
        }
      }
      // An enum column's default waits for its type.
      if (!enum_columns_.count({table.name, column.name}))
        set_default(table.name, column.name, native);
    }
  }

  void set_default(const std::string& table_name, const std::string& column_name, bool native) {
    const ColumnMeta* column = metadata_.table(table_name).find_column(column_name);
    if (!column || !column->default_value) return;
    const std::string& expression = *column->default_value;
    if (!native && !pg::is_portable_literal(expression)) return;
    if (auto error = try_exec("ALTER TABLE " + pg::qualified(url_.schema, table_name) +
                              " ALTER COLUMN " + quote_identifier(column_name) + " SET DEFAULT " +
                              pg::requote_identifiers(expression)))
      warn(locate(table_name, column_name) + ": default " + expression +
           " is left out: " + error->fields().message);
  }

  // Widens varchar(n) columns for values that would not fit, with a warning: synthetic text
  // may be longer than the source's declared limit.
  void fit_values(const TableMeta& table, TableState& state, const Table& rows) {
    for (size_t j = 0; j < rows.num_columns(); ++j) {
      const Column& column = rows.column(j);
      ColumnTarget& target = state.columns[j];
      if (column.type() != DataType::String && column.type() != DataType::Decimal) continue;
      if (target.max_length >= 0) {
        size_t longest = 0;
        for (size_t r = 0; r < column.size(); ++r)
          if (!column.is_null(r) &&
              column.string_at(r).size() > static_cast<size_t>(target.max_length))
            longest = std::max(longest, utf8_length(column.string_at(r)));
        if (longest > static_cast<size_t>(target.max_length)) {
          const std::string type = std::string(target.padded ? "character" : "varchar") + "(" +
                                   std::to_string(longest) + ")";
          exec_for(table.name, "ALTER TABLE " + pg::qualified(url_.schema, table.name) +
                                   " ALTER COLUMN " + quote_identifier(table.columns[j].name) +
                                   " TYPE " + type);
          warn(locate(table.name, table.columns[j].name) + ": values of up to " +
               std::to_string(longest) + " characters do not fit " + target.type +
               "; the column is widened to " + type);
          target.max_length = static_cast<int64_t>(longest);
          target.type = type;
        }
      }
    }
  }

  void exec_for(const std::string& table, const std::string& sql) {
    try {
      conn_.exec(sql);
    } catch (const pg::ServerError& e) {
      throw IoError("cannot write " + locate(table) + " to " + url_.masked + ": " +
                    e.fields().message);
    }
  }

  static void append_value(std::string& out, const Column& column, size_t r,
                           const ColumnTarget& target, const std::string& format) {
    char buffer[64];
    switch (column.type()) {
      case DataType::Int64: {
        auto end = std::to_chars(buffer, buffer + sizeof buffer, column.int_at(r)).ptr;
        out.append(buffer, end);
        return;
      }
      case DataType::Bool: {
        const bool numeric = target.kind == Kind::Integer || target.kind == Kind::Numeric ||
                             target.kind == Kind::Float;
        out += column.int_at(r) ? (numeric ? '1' : 't') : (numeric ? '0' : 'f');
        return;
      }
      case DataType::Float64: {
        const double value = column.double_at(r);
        if (std::isnan(value)) {
          out += "NaN";
        } else if (std::isinf(value)) {
          out += value > 0 ? "Infinity" : "-Infinity";
        } else if (target.kind == Kind::Integer && std::nearbyint(value) == value &&
                   std::fabs(value) < 9.2e18) {
          auto end = std::to_chars(buffer, buffer + sizeof buffer, static_cast<int64_t>(value)).ptr;
          out.append(buffer, end);
        } else {
          auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
          out.append(buffer, end);
        }
        return;
      }
      case DataType::Decimal:
      case DataType::String:
      case DataType::Binary:
        if (target.kind == Kind::Bytea)
          pg::append_copy_bytea(out, column.string_at(r));
        else
          pg::append_copy_escaped(out, column.string_at(r));
        return;
      case DataType::Date:
      case DataType::DateTime:
      case DataType::Time:
        if (pg::is_temporal_kind(target.kind))
          out += pg::format_iso_temporal(column.int_at(r), column.type());
        else
          pg::append_copy_escaped(out, format_temporal(column.int_at(r), column.type(), format));
        return;
    }
  }

  void copy_rows(const TableMeta& table, TableState& state, const Table& rows) {
    std::vector<std::string> names;
    for (const ColumnMeta& column : table.columns) names.push_back(column.name);
    const std::string sql =
        "COPY " + pg::qualified(url_.schema, table.name) + " " + column_list(names) + " FROM STDIN";
    const size_t width = rows.num_columns(), count = rows.num_rows();
    std::vector<std::string> formats(width);
    for (size_t j = 0; j < width; ++j) {
      formats[j] = rows.column(j).format();
      if (formats[j].empty()) formats[j] = table.columns[j].format;
    }
    conn_.copy_in_start(sql);
    std::string buffer;
    buffer.reserve(kCopyChunk + 4096);
    try {
      for (size_t r = 0; r < count; ++r) {
        for (size_t j = 0; j < width; ++j) {
          if (j) buffer += '\t';
          const Column& column = rows.column(j);
          if (column.is_null(r))
            buffer += "\\N";
          else
            append_value(buffer, column, r, state.columns[j], formats[j]);
        }
        buffer += '\n';
        if (buffer.size() >= kCopyChunk) {
          conn_.copy_in_send(buffer);
          buffer.clear();
        }
      }
      conn_.copy_in_send(buffer);
    } catch (const pg::ServerError&) {
      throw;
    } catch (...) {
      conn_.copy_in_abort();
      throw;
    }
    conn_.copy_in_end();
  }

  // A text-like type with a syntax of its own: json, jsonb, xml, uuid, interval, inet, arrays,
  // geometric and range types... (not text, varchar, char or enums).
  static bool structured_text(const ColumnTarget& target) {
    return target.kind == Kind::Text && !target.is_enum && target.type_oid != 25 &&
           target.type_oid != 1043 && target.type_oid != 1042 && target.type_oid != 19;
  }

  // COPYs the rows. Synthetic values of a column with a structured type (free text generated
  // for a jsonb column, say) may not parse: such a column becomes text, with a warning, and
  // the rows are sent again. Any other rejected value (a number out of range, a NULL in a NOT
  // NULL column, a duplicate key) fails the load.
  void load(const TableMeta& table, TableState& state, const Table& rows) {
    for (size_t attempt = 0;; ++attempt) {
      conn_.exec("SAVEPOINT relsynth_copy");
      try {
        copy_rows(table, state, rows);
        conn_.exec("RELEASE SAVEPOINT relsynth_copy");
        return;
      } catch (const pg::ServerError& e) {
        if (conn_.transaction() != pg::Connection::Transaction::Failed &&
            conn_.transaction() != pg::Connection::Transaction::Open)
          fail_copy(table, state, e);  // the connection is gone
        conn_.exec("ROLLBACK TO SAVEPOINT relsynth_copy");
        conn_.exec("RELEASE SAVEPOINT relsynth_copy");
        const std::string column_name =
            e.fields().column.empty() ? copy_column(e.fields().context) : e.fields().column;
        const int column = table.column_index(column_name);
        // Text given for a typed column (a date column read as text for its 'infinity'
        // values, say) is treated alike.
        const bool text_for_typed = column >= 0 && rows.column(column).type() == DataType::String &&
                                    state.columns[column].kind != Kind::Text;
        if (column < 0 || attempt >= table.columns.size() || !e.sqlstate().starts_with("22") ||
            !(structured_text(state.columns[column]) || text_for_typed))
          fail_copy(table, state, e);
        ColumnTarget& target = state.columns[column];
        exec_for(table.name, "ALTER TABLE " + pg::qualified(url_.schema, table.name) +
                                 " ALTER COLUMN " + quote_identifier(column_name) +
                                 " TYPE text USING " + quote_identifier(column_name) + "::text");
        warn(locate(table.name, column_name) + ": the values do not all read as " + target.type +
             " (" + e.fields().message + "); the column is declared text");
        target = ColumnTarget();
        target.type = "text";
      }
    }
  }

  [[noreturn]] void fail_copy(const TableMeta& table, const TableState& state,
                              const pg::ServerError& e) {
    const auto& fields = e.fields();
    const int64_t line = copy_line(fields.context);
    const int64_t row = line > 0 ? state.rows_written + line - 1 : -1;
    std::string column = fields.column;
    if (column.empty()) column = copy_column(fields.context);
    std::string message = fields.message;
    if (!fields.detail.empty()) message += " (" + fields.detail + ")";
    // Class 22 (data exception) and 23 (integrity constraint violation): the data is wrong.
    if (fields.sqlstate.starts_with("22") || fields.sqlstate.starts_with("23"))
      throw InputError(locate(table.name, column, row) + ": " + message);
    throw IoError("cannot write " + locate(table.name, column, row) + " to " + url_.masked + ": " +
                  message);
  }

  void create_indexes(const TableMeta& table) {
    const std::string name = pg::qualified(url_.schema, table.name);
    for (const IndexMeta& index : table.indexes) {
      if (index.columns.empty()) continue;
      const std::string head = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX ";
      const std::string tail = " ON " + name + " " + column_list(index.columns);
      std::optional<pg::ServerError> error;
      if (!index.name.empty())
        error = try_exec(head + quote_identifier(fit_identifier(index.name)) + tail);
      if (index.name.empty() || (error && error->sqlstate() == "42P07"))  // name taken
        error = try_exec(head + tail);
      if (!error) continue;
      if (error->sqlstate() == "23505")
        throw InputError(locate(table.name) + ": cannot create unique index " +
                         quote_name(index.name) + " " + column_list(index.columns) + ": " +
                         error->fields().message + " (" + error->fields().detail + ")");
      warn(locate(table.name) + ": index " + quote_name(index.name) +
           " is left out: " + error->fields().message);
    }
  }

  void add_foreign_keys(const TableMeta& table) {
    const std::string name = pg::qualified(url_.schema, table.name);
    for (const ForeignKey& key : table.foreign_keys) {
      if (key.columns.empty() || !metadata_.find_table(key.parent_table)) continue;
      std::string sql = "ALTER TABLE " + name + " ADD FOREIGN KEY " + column_list(key.columns) +
                        " REFERENCES " + pg::qualified(url_.schema, key.parent_table);
      if (!key.parent_columns.empty()) sql += " " + column_list(key.parent_columns);
      auto action = [](const std::string& text) -> std::string {
        const std::string upper = lower_ascii(text);
        for (const char* allowed : {"cascade", "restrict", "set null", "set default", "no action"})
          if (upper == allowed) return text;
        return {};
      };
      if (!action(key.on_delete).empty()) sql += " ON DELETE " + action(key.on_delete);
      if (!action(key.on_update).empty()) sql += " ON UPDATE " + action(key.on_update);
      const std::string description =
          "foreign key " + column_list(key.columns) + " -> " + quote_identifier(key.parent_table) +
          (key.parent_columns.empty() ? std::string() : " " + column_list(key.parent_columns));
      auto error = try_exec(sql);
      if (!error) continue;
      if (error->sqlstate() == "23503")
        throw InputError(
            locate(table.name) + ": " + description + " does not hold: " +
            (error->fields().detail.empty() ? error->fields().message : error->fields().detail));
      warn(locate(table.name) + ": " + description +
           " is not declared: " + error->fields().message);
    }
  }

  void add_checks(const TableMeta& table, bool native) {
    const std::string name = pg::qualified(url_.schema, table.name);
    for (const std::string& check : table.checks) {
      const std::string expression = native ? check : pg::requote_identifiers(check);
      auto error = try_exec("ALTER TABLE " + name + " ADD CHECK (" + expression + ")");
      if (!error) continue;
      warn(locate(table.name) + ": CHECK (" + check + ") is left out: " +
           (error->sqlstate() == "23514" ? std::string("rows violate it")
                                         : error->fields().message));
    }
  }

  // Identity sequences continue after the loaded keys.
  void advance_identities() {
    for (const auto& [table, column] : identities_) {
      const std::string name = pg::qualified(url_.schema, table);
      const std::string quoted = quote_identifier(column);
      try_exec("SELECT setval(pg_get_serial_sequence(" + quote_literal(name) + ", " +
               quote_literal(column) + "), greatest(coalesce(max(" + quoted + "), 0) + 1, 1), " +
               "false) FROM " + name);
    }
  }

  enum class State { Created, Begun, Committed, Aborted };

  void warn(const std::string& message) const { warn_about(options_, message); }

  pg::Url url_;
  bool overwrite_;
  DestinationOptions options_;  // for its on_warning
  pg::Connection conn_;
  State state_ = State::Created;
  Metadata metadata_;
  std::set<std::string> resolved_;  // sql_types that exist on this server
  struct EnumType {
    std::vector<std::string> labels;
    std::vector<std::pair<std::string, std::string>> columns;  // (table, column)
  };
  std::map<std::string, EnumType> enums_;  // by name
  std::set<std::pair<std::string, std::string>> enum_columns_;
  std::map<std::string, TableState> tables_;
  std::vector<std::pair<std::string, std::string>> identities_;
};

}  // namespace

std::unique_ptr<Destination> make_postgres_destination(const std::string& url,
                                                       const DestinationOptions& options) {
  return std::make_unique<PostgresDestination>(url, options);
}

}  // namespace relsynth

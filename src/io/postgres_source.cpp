// Reads one schema of a PostgreSQL database: its declared schema from the catalogs (tables,
// columns with their exact types, keys, constraints, indexes) and its rows, streamed with
// COPY ... TO STDOUT into relsynth's columnar Tables. Everything is read in one REPEATABLE
// READ transaction, so all tables come from the same snapshot.
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "io/connectors.h"
#include "io/postgres_common.h"
#include "io/row_selection.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

using pg::Kind;
using pg::quote_identifier;

// "{1,2,3}" (an int2[] as text) or "1 2 3" (an int2vector) -> numbers.
std::vector<int> parse_int_list(std::string_view text) {
  std::vector<int> out;
  int value = 0;
  bool in_number = false, negative = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      in_number = true;
    } else if (c == '-') {
      negative = true;
    } else {
      if (in_number) out.push_back(negative ? -value : value);
      value = 0;
      in_number = negative = false;
    }
  }
  if (in_number) out.push_back(negative ? -value : value);
  return out;
}

std::string preview(std::string_view text) {
  constexpr size_t kMax = 60;
  std::string out(text.substr(0, kMax));
  if (text.size() > kMax) out += "...";
  return "'" + out + "'";
}

std::string action_text(std::string_view code) {
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return {};  // 'a': NO ACTION, the default
}

bool parse_bool(std::string_view text, int64_t& out) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "t" || lower == "true" || lower == "1" || lower == "y" || lower == "yes" ||
      lower == "on") {
    out = 1;
    return true;
  }
  if (lower == "f" || lower == "false" || lower == "0" || lower == "n" || lower == "no" ||
      lower == "off") {
    out = 0;
    return true;
  }
  return false;
}

bool parse_double(std::string_view text, double& out) {
  auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

class PostgresSource final : public Source {
 public:
  PostgresSource(const std::string& url, const SourceOptions& /*options*/)
      : url_(pg::parse_url(url)), conn_(url_) {
    conn_.exec("SET search_path = " + quote_identifier(url_.schema));
    start_snapshot();
    pg::Result schema =
        conn_.query("SELECT oid::text FROM pg_namespace WHERE nspname = $1", {url_.schema});
    if (schema.rows() == 0)
      throw IoError("schema " + quote_name(url_.schema) + " does not exist in database " +
                    quote_name(current_database()) + " at " + url_.where() + " (" + url_.masked +
                    ")");
    schema_oid_ = schema.text(0, 0);
  }

  std::string kind() const override { return "postgresql"; }

  Metadata describe() override {
    start_snapshot();
    Metadata metadata;
    metadata.keys_declared = true;
    metadata.sql_dialect = "postgresql";

    // Tables (and partitioned tables, not their partitions), in creation order.
    std::map<std::string, size_t> table_index;  // oid -> index into metadata.tables
    {
      pg::Result tables = conn_.query(
          "SELECT c.oid::text, c.relname FROM pg_class c WHERE c.relnamespace = $1::oid "
          "AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.oid",
          {schema_oid_});
      for (int i = 0; i < tables.rows(); ++i) {
        TableMeta table;
        table.name = tables.text(i, 1);
        table_index[tables.text(i, 0)] = metadata.tables.size();
        metadata.tables.push_back(std::move(table));
      }
    }

    // Columns. A domain is described by its base type (and its NOT NULL).
    std::map<std::string, std::map<int, std::string>> column_names;  // table oid -> attnum -> name
    std::map<std::string, std::vector<Kind>> kinds;                  // table oid -> per column
    std::map<std::string, std::vector<std::string>> enum_columns;    // enum oid -> "t\x1fc"
    {
      pg::Result columns = conn_.query(
          "SELECT a.attrelid::text, a.attnum, a.attname, "
          "  format_type(b.oid, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END),"
          "  b.oid::text, b.typtype, a.attnotnull OR (t.typtype = 'd' AND t.typnotnull), "
          "  pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated "
          "FROM pg_attribute a "
          "JOIN pg_class c ON c.oid = a.attrelid "
          "JOIN pg_type t ON t.oid = a.atttypid "
          "JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END "
          "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
          "WHERE c.relnamespace = $1::oid AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
          "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum",
          {schema_oid_});
      for (int i = 0; i < columns.rows(); ++i) {
        auto it = table_index.find(columns.text(i, 0));
        if (it == table_index.end()) continue;
        TableMeta& table = metadata.tables[it->second];
        ColumnMeta column;
        column.name = columns.text(i, 2);
        column.sql_type = columns.text(i, 3);
        const uint32_t type_oid = static_cast<uint32_t>(std::stoul(columns.text(i, 4)));
        const std::string typtype = columns.text(i, 5);
        const Kind kind = typtype == "b" ? pg::kind_of_type(type_oid) : Kind::Text;
        column.type = pg::storage_type(kind);
        column.nullable = !columns.boolean(i, 6);
        const std::string identity = columns.text(i, 8);
        if (!identity.empty()) column.auto_increment = true;
        if (!columns.is_null(i, 7)) {
          const std::string expression = columns.text(i, 7);
          if (expression.starts_with("nextval(")) {
            column.auto_increment = true;
          } else if (columns.text(i, 9).empty()) {  // a generated column's expression is not a
                                                    // default: the values are read as they are
            column.default_value = pg::portable_default(expression);
          }
        }
        if (typtype == "e") {
          enum_columns[columns.text(i, 4)].push_back(table.name + '\x1f' + column.name);
        }
        column_names[columns.text(i, 0)][static_cast<int>(columns.integer(i, 1))] = column.name;
        kinds[columns.text(i, 0)].push_back(kind);
        table.columns.push_back(std::move(column));
      }
    }

    // Labels of enumerated types, in their order.
    if (!enum_columns.empty()) {
      std::string oids = "{";
      for (const auto& [oid, uses] : enum_columns) oids += (oids.size() > 1 ? "," : "") + oid;
      oids += "}";
      pg::Result labels = conn_.query(
          "SELECT enumtypid::text, enumlabel FROM pg_enum WHERE enumtypid = ANY($1::oid[]) "
          "ORDER BY enumtypid, enumsortorder",
          {oids});
      std::map<std::string, std::vector<std::string>> by_type;
      for (int i = 0; i < labels.rows(); ++i)
        by_type[labels.text(i, 0)].push_back(labels.text(i, 1));
      for (const auto& [oid, uses] : enum_columns) {
        for (const std::string& use : uses) {
          const size_t split = use.find('\x1f');
          TableMeta* table = metadata.find_table(use.substr(0, split));
          ColumnMeta* column = table ? table->find_column(use.substr(split + 1)) : nullptr;
          if (column) column->enum_values = by_type[oid];
        }
      }
    }

    auto names_of = [&](const std::string& table_oid, const std::vector<int>& attnums,
                        std::vector<std::string>& out) {
      out.clear();
      auto table = column_names.find(table_oid);
      if (table == column_names.end()) return false;
      for (int attnum : attnums) {
        auto column = table->second.find(attnum);
        if (column == table->second.end()) return false;  // a system column or an expression
        out.push_back(column->second);
      }
      return !out.empty();
    };

    // Constraints: primary keys, UNIQUE, foreign keys (to tables of this schema), CHECK.
    {
      pg::Result constraints = conn_.query(
          "SELECT con.conrelid::text, con.contype, con.conkey::text, con.confrelid::text, "
          "  con.confkey::text, con.confupdtype, con.confdeltype, "
          "  pg_get_constraintdef(con.oid), con.conname "
          "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
          "WHERE c.relnamespace = $1::oid AND con.contype IN ('p', 'u', 'f', 'c') "
          "ORDER BY con.conrelid, con.contype = 'f', con.oid",
          {schema_oid_});
      std::vector<std::string> columns, parent_columns;
      for (int i = 0; i < constraints.rows(); ++i) {
        const std::string table_oid = constraints.text(i, 0);
        auto it = table_index.find(table_oid);
        if (it == table_index.end()) continue;
        TableMeta& table = metadata.tables[it->second];
        const std::string type = constraints.text(i, 1);
        if (type == "c") {
          if (auto check = pg::portable_check(constraints.value(i, 7)))
            table.checks.push_back(*check);
          continue;
        }
        if (!names_of(table_oid, parse_int_list(constraints.value(i, 2)), columns)) continue;
        if (type == "p") {
          table.primary_key = columns;
          table.primary_key_reason = "declared";
        } else if (type == "u") {
          add_unique(table, columns);
        } else if (type == "f") {
          const std::string parent_oid = constraints.text(i, 3);
          auto parent = table_index.find(parent_oid);
          if (parent == table_index.end()) continue;  // a table of another schema
          if (!names_of(parent_oid, parse_int_list(constraints.value(i, 4)), parent_columns))
            continue;
          ForeignKey key;
          key.columns = columns;
          key.parent_table = metadata.tables[parent->second].name;
          key.parent_columns = parent_columns;
          key.on_update = action_text(constraints.value(i, 5));
          key.on_delete = action_text(constraints.value(i, 6));
          key.reason = "declared";
          table.foreign_keys.push_back(std::move(key));
        }
      }
    }

    // Indexes that are not constraints. A plain UNIQUE index is a unique constraint in all
    // but name, and described as one (so synthetic data keeps it); partial and expression
    // indexes, and other methods than btree, cannot be described and are left out.
    {
      pg::Result indexes = conn_.query(
          "SELECT i.indrelid::text, ic.relname, i.indisunique, i.indkey::text, i.indnkeyatts, "
          "  i.indexprs IS NULL AND i.indpred IS NULL, am.amname "
          "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
          "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_am am ON am.oid = ic.relam "
          "WHERE c.relnamespace = $1::oid AND NOT EXISTS (SELECT 1 FROM pg_constraint con "
          "  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid "
          "  AND con.contype IN ('p', 'u', 'x')) "
          "ORDER BY i.indrelid, i.indexrelid",
          {schema_oid_});
      std::vector<std::string> columns;
      for (int i = 0; i < indexes.rows(); ++i) {
        const std::string table_oid = indexes.text(i, 0);
        auto it = table_index.find(table_oid);
        if (it == table_index.end() || !indexes.boolean(i, 5) || indexes.text(i, 6) != "btree")
          continue;
        std::vector<int> attnums = parse_int_list(indexes.value(i, 3));
        attnums.resize(std::min(attnums.size(), static_cast<size_t>(indexes.integer(i, 4))));
        if (!names_of(table_oid, attnums, columns)) continue;
        TableMeta& table = metadata.tables[it->second];
        if (indexes.boolean(i, 2))
          add_unique(table, columns);
        else
          table.indexes.push_back({indexes.text(i, 1), columns, false});
      }
    }

    // Row counts, and dates and timestamps that only PostgreSQL can hold (infinity, years
    // before 1 or after 9999): such columns are read as text.
    for (auto& [oid, index] : table_index) {
      TableMeta& table = metadata.tables[index];
      const std::vector<Kind>& column_kinds = kinds[oid];
      std::string sql = "SELECT count(*)";
      std::vector<size_t> checked;
      for (size_t c = 0; c < table.columns.size() && c < column_kinds.size(); ++c) {
        const Kind kind = column_kinds[c];
        if (kind != Kind::Date && kind != Kind::Timestamp && kind != Kind::TimestampTz) continue;
        const std::string name = quote_identifier(table.columns[c].name);
        sql += ", coalesce(bool_or(NOT isfinite(" + name + ") OR " + name + " < '0001-01-01' OR " +
               name + " >= '10000-01-01'), false)";
        checked.push_back(c);
      }
      sql += " FROM " + pg::qualified(url_.schema, table.name);
      pg::Result result = query_for(table.name, sql);
      table.row_count = result.integer(0, 0);
      for (size_t k = 0; k < checked.size(); ++k)
        if (result.boolean(0, static_cast<int>(k) + 1))
          table.columns[checked[k]].type = DataType::String;
    }
    // Tables without columns hold nothing to learn.
    std::erase_if(metadata.tables, [](const TableMeta& table) { return table.columns.empty(); });
    return metadata;
  }

  Table read_table(const TableMeta& meta) override { return read_where(meta, {}); }

  Table read_rows(const TableMeta& meta, const RowSelection& selection) override {
    // The columns' types as the server has them (the metadata's may come from another engine).
    std::map<std::string, std::string> types;
    {
      start_snapshot();
      pg::Result columns =
          query_for(meta.name,
                    "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                    "WHERE a.attrelid = (SELECT oid FROM pg_class WHERE relnamespace = $1::oid "
                    "  AND relname = $2 AND relkind IN ('r', 'p', 'v', 'm', 'f')) "
                    "AND a.attnum > 0 AND NOT a.attisdropped",
                    {schema_oid_, meta.name});
      for (int i = 0; i < columns.rows(); ++i) types[columns.text(i, 0)] = columns.text(i, 1);
    }
    SelectionDialect dialect;
    for (const std::string& name : selection.columns) dialect.casts.push_back(types[name]);
    return read_selected_rows(meta, selection, dialect,
                              [&](const std::string& where) { return read_where(meta, where); });
  }

 private:
  // The rows of a table (those meeting `where`, an SQL condition, unless it is empty).
  Table read_where(const TableMeta& meta, const std::string& where) {
    if (meta.columns.empty()) throw InputError(locate(meta.name) + ": the table has no columns");
    start_snapshot();

    // The columns' actual types decide how their text is read.
    std::map<std::string, Kind> actual;
    {
      pg::Result columns = query_for(
          meta.name,
          "SELECT a.attname, CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END::text, "
          "  (SELECT typtype FROM pg_type WHERE oid = CASE WHEN t.typtype = 'd' "
          "   THEN t.typbasetype ELSE t.oid END) "
          "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
          "WHERE a.attrelid = (SELECT oid FROM pg_class WHERE relnamespace = $1::oid "
          "  AND relname = $2 AND relkind IN ('r', 'p', 'v', 'm', 'f')) "
          "AND a.attnum > 0 AND NOT a.attisdropped",
          {schema_oid_, meta.name});
      if (columns.rows() == 0)
        throw InputError(locate(meta.name) + ": no such table in schema " +
                         quote_name(url_.schema) + " of " + url_.masked);
      for (int i = 0; i < columns.rows(); ++i)
        actual[columns.text(i, 0)] =
            columns.text(i, 2) == "b"
                ? pg::kind_of_type(static_cast<uint32_t>(std::stoul(columns.text(i, 1))))
                : Kind::Text;
    }
    std::vector<Kind> kinds;
    std::string sql = "COPY (SELECT ";
    for (size_t i = 0; i < meta.columns.size(); ++i) {
      auto it = actual.find(meta.columns[i].name);
      if (it == actual.end())
        throw InputError(locate(meta.name, meta.columns[i].name) + ": no such column in " +
                         url_.masked);
      kinds.push_back(it->second);
      if (i) sql += ", ";
      sql += quote_identifier(meta.columns[i].name);
    }
    sql += " FROM " + pg::qualified(url_.schema, meta.name);
    if (!where.empty()) sql += " WHERE " + where;
    sql += ") TO STDOUT";

    Table table(meta.name);
    for (const ColumnMeta& column : meta.columns) {
      Column& out = table.add_column(Column(column.name, column.type, column.format));
      if (meta.row_count > 0 && where.empty()) out.reserve(static_cast<size_t>(meta.row_count));
    }
    const size_t width = meta.columns.size();

    try {
      conn_.copy_out_start(sql);
    } catch (const pg::ServerError& e) {
      throw IoError("cannot read " + locate(meta.name) + " from " + url_.masked + ": " +
                    e.fields().message);
    }
    std::vector<std::string_view> fields;
    std::vector<bool> nulls;
    std::vector<std::string> scratch;
    std::string_view row_text;
    int64_t row = 0;
    try {
      while (conn_.next_copy_row(row_text)) {
        pg::split_copy_row(row_text, fields, nulls, scratch);
        if (fields.size() != width)
          throw IoError("cannot read " + locate(meta.name, {}, row) + " from " + url_.masked +
                        ": " + std::to_string(fields.size()) + " fields for " +
                        std::to_string(width) + " columns");
        for (size_t j = 0; j < width; ++j) {
          Column& column = table.column(j);
          if (nulls[j])
            column.append_null();
          else
            append_value(column, kinds[j], fields[j], meta, row);
        }
        ++row;
      }
    } catch (const pg::ServerError& e) {
      throw IoError("cannot read " + locate(meta.name, {}, row) + " from " + url_.masked + ": " +
                    e.fields().message);
    } catch (...) {
      conn_.copy_out_abort();
      throw;
    }
    return table;
  }

  void start_snapshot() {
    // After a failed statement the transaction is void: a new one starts.
    if (conn_.transaction() == pg::Connection::Transaction::Failed) conn_.exec("ROLLBACK");
    if (conn_.transaction() == pg::Connection::Transaction::Idle)
      conn_.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }

  std::string current_database() {
    try {
      return conn_.query("SELECT current_database()").text(0, 0);
    } catch (const Error&) {
      return url_.database;
    }
  }

  // Runs a query about one table; a failure names the table (and the transaction restarts).
  pg::Result query_for(const std::string& table, const std::string& sql,
                       const std::vector<std::string>& params = {}) {
    try {
      return conn_.query(sql, params);
    } catch (const pg::ServerError& e) {
      throw IoError("cannot read " + locate(table) + " from " + url_.masked + ": " +
                    e.fields().message);
    }
  }

  static void add_unique(TableMeta& table, const std::vector<std::string>& columns) {
    if (columns == table.primary_key) return;
    if (columns.size() == 1) {
      if (ColumnMeta* column = table.find_column(columns.front())) column->unique = true;
      return;
    }
    for (const UniqueConstraint& unique : table.unique_constraints)
      if (unique.columns == columns) return;
    table.unique_constraints.push_back({columns});
  }

  [[noreturn]] static void bad_value(const TableMeta& meta, const Column& column, int64_t row,
                                     std::string_view text, const std::string& what) {
    throw InputError(locate(meta.name, column.name(), row) + ": value " + preview(text) +
                     " is not " + what);
  }

  static void append_value(Column& out, Kind kind, std::string_view text, const TableMeta& meta,
                           int64_t row) {
    switch (out.type()) {
      case DataType::Int64: {
        int64_t value = 0;
        if (kind == Kind::Bool) {
          if (parse_bool(text, value)) return out.append_int(value);
        } else {
          auto result = std::from_chars(text.data(), text.data() + text.size(), value);
          if (result.ec == std::errc() && result.ptr == text.data() + text.size())
            return out.append_int(value);
          double number = 0;
          if (parse_double(text, number) && std::nearbyint(number) == number &&
              std::fabs(number) < 9.2e18)
            return out.append_int(static_cast<int64_t>(number));
        }
        bad_value(meta, out, row, text, "an integer");
      }
      case DataType::Bool: {
        int64_t value = 0;
        if (parse_bool(text, value)) return out.append_int(value);
        bad_value(meta, out, row, text, "a boolean");
      }
      case DataType::Float64: {
        double value = 0;
        int64_t flag = 0;
        if (kind == Kind::Bool && parse_bool(text, flag))
          return out.append_double(static_cast<double>(flag));
        if (parse_double(text, value)) return out.append_double(value);
        bad_value(meta, out, row, text, "a number");
      }
      case DataType::Decimal:
      case DataType::String:
        return out.append_string(text);
      case DataType::Binary:
        if (kind == Kind::Bytea) {
          if (auto bytes = pg::decode_bytea_hex(text)) return out.append_string(std::move(*bytes));
          bad_value(meta, out, row, text, "bytea in hex");
        }
        return out.append_string(text);
      case DataType::Date:
      case DataType::DateTime:
      case DataType::Time: {
        std::optional<int64_t> value;
        if (pg::is_temporal_kind(kind) || out.format().empty())
          value = pg::parse_iso_temporal(text, out.type());
        else
          value = parse_temporal(text, out.type(), out.format());
        if (value) return out.append_int(*value);
        bad_value(meta, out, row, text,
                  "a " + std::string(to_string(out.type())) +
                      (pg::is_temporal_kind(kind) || out.format().empty()
                           ? std::string()
                           : " in the format \"" + out.format() + "\""));
      }
    }
    bad_value(meta, out, row, text, "of a supported type");
  }

  pg::Url url_;
  pg::Connection conn_;
  std::string schema_oid_;
};

}  // namespace

std::unique_ptr<Source> make_postgres_source(const std::string& url, const SourceOptions& options) {
  return std::make_unique<PostgresSource>(url, options);
}

}  // namespace relsynth

// Reads a MySQL/MariaDB database: its declared schema from information_schema (tables,
// columns with their exact types, defaults, keys, UNIQUE and CHECK constraints, indexes) and
// its rows, streamed unbuffered (mysql_use_result) into relsynth's columnar Tables.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "io/connectors.h"
#include "io/mysql_common.h"
#include "io/row_selection.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

using mysql::Connection;
using mysql::lower;
using mysql::quote_identifier;
using mysql::Row;

// Tables a relsynth load is staging (or swapping out); never part of a user's schema.
bool is_relsynth_internal(std::string_view name) { return name.starts_with("__relsynth_"); }

std::string preview(std::string_view text) {
  constexpr size_t kMax = 60;
  std::string out(text.substr(0, kMax));
  if (text.size() > kMax) out += "...";
  return "'" + out + "'";
}

std::string value_or(const std::optional<std::string>& value, std::string fallback = {}) {
  return value ? *value : fallback;
}

int64_t to_int(const std::optional<std::string>& value) {
  if (!value) return 0;
  int64_t out = 0;
  std::string_view text(*value);
  // SUM() of a condition comes back as a decimal ("3"), COUNT(*) as an integer.
  text = text.substr(0, text.find('.'));
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

// ISO layouts MySQL writes, tried when a temporal column's format does not match.
std::optional<int64_t> parse_iso(std::string_view text, DataType type) {
  std::vector<std::string> formats;
  auto with_fractions = [&](const std::string& base) {
    formats.push_back(base);
    for (char digits = '1'; digits <= '6'; ++digits) formats.push_back(base + ".%" + digits + "f");
  };
  if (type == DataType::Date) {
    formats.push_back("%Y-%m-%d");
  } else if (type == DataType::DateTime) {
    with_fractions("%Y-%m-%d %H:%M:%S");
    formats.push_back("%Y-%m-%d");
  } else {
    with_fractions("%H:%M:%S");
  }
  for (const std::string& format : formats)
    if (auto value = parse_temporal(text, type, format)) return value;
  return std::nullopt;
}

// "%Y-%m-%d %H:%M:%S.%3f" for datetime(3): exactly how MySQL prints the values.
std::string temporal_format(const std::string& data_type, int precision) {
  std::string fraction = precision > 0 ? ".%" + std::to_string(precision) + "f" : "";
  if (data_type == "date") return "%Y-%m-%d";
  if (data_type == "time") return "%H:%M:%S" + fraction;
  return "%Y-%m-%d %H:%M:%S" + fraction;
}

// A default as information_schema reports it, as SQL expression text (MariaDB already
// writes literals quoted; MySQL writes them bare and flags expressions DEFAULT_GENERATED).
std::optional<std::string> default_expression(const std::optional<std::string>& value,
                                              const std::string& data_type,
                                              const std::string& extra, bool mariadb) {
  if (!value) return std::nullopt;
  if (mariadb) {
    if (*value == "NULL") return std::nullopt;
    return *value;
  }
  const std::string lowered = lower(*value);
  if (lower(extra).find("default_generated") != std::string::npos) {
    if (lowered.starts_with("current_timestamp")) return *value;
    return "(" + *value + ")";
  }
  if (mysql::is_integer_type(data_type) || data_type == "decimal" || data_type == "float" ||
      data_type == "double" || data_type == "year" || data_type == "bit")
    return *value;
  std::string quoted = "'";
  for (char c : *value) {
    if (c == '\'' || c == '\\') quoted += c;
    quoted += c;
  }
  return quoted + "'";
}

// What information_schema says about one column, beyond ColumnMeta.
struct ColumnInfo {
  std::string data_type;    // "int", "varchar", "bit", ...
  std::string column_type;  // "int(11) unsigned", ...
};

// A scan condition whose count decides a column's storage type.
struct TypeCheck {
  size_t column;
  std::string condition;  // SQL: true for a value that rules the first choice out
  DataType if_none;       // when no row meets the condition
  DataType otherwise;
  std::string format_if_none;
};

// Frees a result on every path; an unbuffered one is drained first by the library.
struct ResultGuard {
  MYSQL_RES* result = nullptr;
  ~ResultGuard() {
    if (result) mysql_free_result(result);
  }
};

class MysqlSource final : public Source {
 public:
  MysqlSource(const std::string& url, const SourceOptions& /*options*/)
      : url_(mysql::parse_url(url)), db_(url_, url_.database) {
    url_.password.clear();
    // A slow consumer of an unbuffered result must not make the server give up.
    db_.try_exec("SET SESSION net_write_timeout = 3600");
  }

  std::string kind() const override { return "mysql"; }

  Metadata describe() override {
    Metadata metadata;
    metadata.keys_declared = true;
    const std::string schema = db_.literal(url_.database);

    std::map<std::string, size_t> index_of;
    for (const Row& row : db_.query(
             "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + schema +
             " AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME")) {
      const std::string name = value_or(row[0]);
      if (is_relsynth_internal(name)) continue;
      index_of[name] = metadata.tables.size();
      TableMeta table;
      table.name = name;
      metadata.tables.push_back(std::move(table));
    }
    auto table_for = [&](const std::optional<std::string>& name) -> TableMeta* {
      auto it = index_of.find(value_or(name));
      return it == index_of.end() ? nullptr : &metadata.tables[it->second];
    };

    // Columns.
    info_.clear();
    for (const Row& row :
         db_.query("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, "
                   "COLUMN_TYPE, EXTRA, DATETIME_PRECISION FROM information_schema.COLUMNS "
                   "WHERE TABLE_SCHEMA = " +
                   schema + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
      TableMeta* table = table_for(row[0]);
      if (!table) continue;
      ColumnMeta column;
      column.name = value_or(row[1]);
      const std::string data_type = lower(value_or(row[4]));
      const std::string extra = value_or(row[6]);
      column.sql_type = value_or(row[5]);
      column.nullable = value_or(row[3]) == "YES";
      column.auto_increment = lower(extra).find("auto_increment") != std::string::npos;
      column.default_value = default_expression(row[2], data_type, extra, db_.is_mariadb());
      const int precision = static_cast<int>(to_int(row[7]));
      set_storage_type(column, data_type, precision);
      info_[table->name][column.name] = {data_type, column.sql_type};
      table->columns.push_back(std::move(column));
    }

    describe_indexes(schema, table_for);
    describe_foreign_keys(schema, table_for);
    describe_checks(schema, table_for);
    for (TableMeta& table : metadata.tables) scan_table(table);
    unique_index_names(metadata);
    return metadata;
  }

  Table read_table(const TableMeta& meta) override { return read_where(meta, {}); }

  Table read_rows(const TableMeta& meta, const RowSelection& selection) override {
    SelectionDialect dialect;
    dialect.quote = '`';
    dialect.backslash_escapes = true;
    dialect.tuple_values = false;  // MariaDB turns a long IN list into a table of its own
    return read_selected_rows(meta, selection, dialect,
                              [&](const std::string& where) { return read_where(meta, where); });
  }

 private:
  // The rows of a table (those meeting `where`, an SQL condition, unless it is empty).
  Table read_where(const TableMeta& meta, const std::string& where) {
    if (meta.columns.empty()) throw InputError(locate(meta.name) + ": the table has no columns");
    const auto& info = columns_of(meta.name);
    std::string sql = "SELECT ";
    for (size_t i = 0; i < meta.columns.size(); ++i) {
      if (i) sql += ", ";
      const std::string name = quote_identifier(meta.columns[i].name);
      auto it = info.find(meta.columns[i].name);
      // BIT values come as raw bytes in the text protocol: ask for the number.
      if (it != info.end() && it->second.data_type == "bit")
        sql += "CAST(" + name + " AS UNSIGNED)";
      else
        sql += name;
    }
    sql += " FROM " + mysql::qualified(url_.database, meta.name);
    if (!where.empty()) sql += " WHERE " + where;
    // In key order: the clustered index's own order, where a bare SELECT could follow a
    // covering secondary index instead.
    if (!meta.primary_key.empty()) {
      sql += " ORDER BY ";
      for (size_t i = 0; i < meta.primary_key.size(); ++i)
        sql += (i ? ", " : "") + quote_identifier(meta.primary_key[i]);
    }

    if (mysql_real_query(db_.get(), sql.data(), sql.size()) != 0)
      throw InputError(locate(meta.name) + ": cannot read it from " + db_.where() + ": " +
                       db_.error());
    ResultGuard guard{mysql_use_result(db_.get())};
    if (!guard.result)
      throw IoError("cannot read " + locate(meta.name) + " from " + db_.where() + ": " +
                    db_.error());

    Table table(meta.name);
    for (const ColumnMeta& column : meta.columns) {
      Column& out = table.add_column(Column(column.name, column.type, column.format));
      if (meta.row_count > 0 && where.empty()) out.reserve(static_cast<size_t>(meta.row_count));
    }
    std::vector<Column*> columns;
    for (Column& column : table.columns()) columns.push_back(&column);
    const size_t width = columns.size();

    int64_t row_number = 0;
    while (MYSQL_ROW row = mysql_fetch_row(guard.result)) {
      const unsigned long* lengths = mysql_fetch_lengths(guard.result);
      for (size_t j = 0; j < width; ++j) {
        if (!row[j]) {
          columns[j]->append_null();
          continue;
        }
        append_value(*columns[j], std::string_view(row[j], lengths[j]), meta, row_number);
      }
      ++row_number;
    }
    if (mysql_errno(db_.get()) != 0)
      throw IoError("cannot read " + locate(meta.name, {}, row_number) + " from " + db_.where() +
                    ": " + db_.error());
    return table;
  }

  // The storage type a column's declared type gives; scan_table() revises some of them.
  static void set_storage_type(ColumnMeta& column, const std::string& data_type, int precision) {
    const mysql::SqlType type = mysql::parse_sql_type(column.sql_type);
    column.format.clear();
    if (mysql::is_integer_type(data_type) || data_type == "year") {
      column.type = DataType::Int64;
    } else if (data_type == "bit") {
      const auto numbers = type.numbers();
      column.type = numbers.size() == 1 && numbers[0] == 1 ? DataType::Bool : DataType::Int64;
    } else if (data_type == "decimal" || data_type == "numeric") {
      column.type = DataType::Decimal;
    } else if (data_type == "float" || data_type == "double" || data_type == "real") {
      column.type = DataType::Float64;
    } else if (data_type == "date") {
      column.type = DataType::Date;
      column.format = temporal_format(data_type, 0);
    } else if (data_type == "datetime" || data_type == "timestamp") {
      column.type = DataType::DateTime;
      column.format = temporal_format(data_type, precision);
    } else if (data_type == "time") {
      column.type = DataType::Time;
      column.format = temporal_format(data_type, precision);
    } else if (data_type == "binary" || data_type == "varbinary" ||
               mysql::is_blob_type(data_type) || data_type == "geometry" || data_type == "point" ||
               data_type == "linestring" || data_type == "polygon" || data_type == "multipoint" ||
               data_type == "multilinestring" || data_type == "multipolygon" ||
               data_type == "geometrycollection" || data_type == "vector") {
      column.type = DataType::Binary;
    } else {
      column.type = DataType::String;  // char, varchar, text, enum, set, json, inet, uuid, ...
    }
  }

  template <typename TableFor>
  void describe_indexes(const std::string& schema, TableFor table_for) {
    struct Index {
      std::string table, name;
      bool unique = false, usable = true;
      std::vector<std::string> columns;
    };
    std::vector<Index> indexes;
    for (const Row& row :
         db_.query("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, INDEX_TYPE "
                   "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = " +
                   schema + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
      const std::string table = value_or(row[0]), name = value_or(row[1]);
      if (indexes.empty() || indexes.back().table != table || indexes.back().name != name) {
        Index index;
        index.table = table;
        index.name = name;
        index.unique = value_or(row[2]) == "0";
        const std::string type = value_or(row[4]);
        // Full-text and spatial indexes have no counterpart in the metadata.
        index.usable = type != "FULLTEXT" && type != "SPATIAL";
        indexes.push_back(std::move(index));
      }
      if (!row[3])
        indexes.back().usable = false;  // an expression (functional) key part
      else
        indexes.back().columns.push_back(*row[3]);
    }
    for (Index& index : indexes) {
      TableMeta* table = table_for(index.table);
      if (!table || !index.usable || index.columns.empty()) continue;
      if (index.name == "PRIMARY") {
        table->primary_key = index.columns;
        table->primary_key_reason = "declared";
      } else if (index.unique) {
        if (index.columns.size() == 1) {
          if (ColumnMeta* column = table->find_column(index.columns.front())) column->unique = true;
        } else {
          table->unique_constraints.push_back({index.columns});
        }
      } else {
        table->indexes.push_back({index.name, index.columns, false});
      }
    }
  }

  template <typename TableFor>
  void describe_foreign_keys(const std::string& schema, TableFor table_for) {
    std::string current_table, current_name;
    bool skip = false;
    for (const Row& row : db_.query(
             "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, "
             "k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE "
             "FROM information_schema.KEY_COLUMN_USAGE k "
             "JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
             "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = "
             "k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME "
             "WHERE k.TABLE_SCHEMA = " +
             schema +
             " AND k.REFERENCED_TABLE_NAME IS NOT NULL "
             "ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
      TableMeta* table = table_for(row[0]);
      if (!table) continue;
      const std::string name = value_or(row[1]);
      if (table->name != current_table || name != current_name) {
        current_table = table->name;
        current_name = name;
        // A key into another database cannot be kept: the metadata holds one database.
        skip = value_or(row[3]) != url_.database || !table_for(row[4]);
        if (skip) continue;
        ForeignKey key;
        key.parent_table = value_or(row[4]);
        auto action = [](const std::string& rule) {
          // MySQL reports RESTRICT for a key declared without an action: both are the default.
          return rule == "RESTRICT" || rule == "NO ACTION" ? std::string() : rule;
        };
        key.on_update = action(value_or(row[6]));
        key.on_delete = action(value_or(row[7]));
        key.reason = "declared";
        table->foreign_keys.push_back(std::move(key));
      }
      if (skip) continue;
      table->foreign_keys.back().columns.push_back(value_or(row[2]));
      table->foreign_keys.back().parent_columns.push_back(value_or(row[5]));
    }
  }

  template <typename TableFor>
  void describe_checks(const std::string& schema, TableFor table_for) {
    // MariaDB names CHECK constraints per table and lists the table; MySQL 8 names them per
    // schema and lists them in TABLE_CONSTRAINTS. MySQL 5.7 has no CHECK constraints at all.
    const std::string sql =
        db_.is_mariadb()
            ? "SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
              "WHERE CONSTRAINT_SCHEMA = " +
                  schema + " ORDER BY TABLE_NAME, CONSTRAINT_NAME"
            : "SELECT t.TABLE_NAME, c.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS t "
              "JOIN information_schema.CHECK_CONSTRAINTS c ON c.CONSTRAINT_SCHEMA = "
              "t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME "
              "WHERE t.TABLE_SCHEMA = " +
                  schema +
                  " AND t.CONSTRAINT_TYPE = 'CHECK' ORDER BY t.TABLE_NAME, c.CONSTRAINT_NAME";
    std::vector<Row> rows;
    try {
      rows = db_.query(sql);
    } catch (const IoError&) {
      return;  // a server without CHECK_CONSTRAINTS
    }
    for (const Row& row : rows)
      if (TableMeta* table = table_for(row[0]); table && row[1]) table->checks.push_back(*row[1]);
  }

  // One pass over the table: its row count, and the values that decide a few storage types
  // (tinyint(1) holding only 0/1 is a boolean; a bigint unsigned beyond 2^63-1 is a decimal;
  // zero dates and times outside a day are kept as text).
  void scan_table(TableMeta& table) {
    std::vector<TypeCheck> checks;
    const auto& info = columns_of(table.name);
    for (size_t c = 0; c < table.columns.size(); ++c) {
      const ColumnMeta& column = table.columns[c];
      auto it = info.find(column.name);
      if (it == info.end()) continue;
      const std::string& data_type = it->second.data_type;
      const mysql::SqlType type = mysql::parse_sql_type(it->second.column_type);
      const std::string name = quote_identifier(column.name);
      if (data_type == "tinyint" && type.numbers() == std::vector<int64_t>{1}) {
        checks.push_back({c, name + " NOT IN (0, 1)", DataType::Bool, DataType::Int64, {}});
      } else if ((data_type == "bigint" && type.is_unsigned()) ||
                 (data_type == "bit" && column.type == DataType::Int64)) {
        checks.push_back(
            {c, name + " > 9223372036854775807", DataType::Int64, DataType::Decimal, {}});
      } else if (data_type == "date" || data_type == "datetime" || data_type == "timestamp") {
        checks.push_back({c, "(MONTH(" + name + ") = 0 OR DAYOFMONTH(" + name + ") = 0)",
                          column.type, DataType::String, column.format});
      } else if (data_type == "time") {
        checks.push_back({c, "(" + name + " < '00:00:00' OR " + name + " >= '24:00:00')",
                          column.type, DataType::String, column.format});
      }
    }
    std::string sql = "SELECT COUNT(*)";
    for (const TypeCheck& check : checks) sql += ", SUM(" + check.condition + ")";
    sql += " FROM " + mysql::qualified(url_.database, table.name);
    std::vector<Row> rows;
    try {
      rows = db_.query(sql);
    } catch (const IoError&) {
      throw IoError("cannot read " + locate(table.name) + " from " + db_.where() + ": " +
                    db_.error());
    }
    if (rows.empty()) return;
    table.row_count = to_int(rows[0][0]);
    for (size_t k = 0; k < checks.size(); ++k) {
      ColumnMeta& column = table.columns[checks[k].column];
      if (to_int(rows[0][k + 1]) == 0) {
        column.type = checks[k].if_none;
        column.format = checks[k].format_if_none;
      } else {
        column.type = checks[k].otherwise;
        column.format.clear();
      }
    }
  }

  // Index names are per table in MySQL but per database elsewhere (SQLite): a name used by
  // an earlier table, or equal to a table's name, gets the table's name in front.
  static void unique_index_names(Metadata& metadata) {
    std::set<std::string> used;
    for (const TableMeta& table : metadata.tables) used.insert(lower(table.name));
    for (TableMeta& table : metadata.tables) {
      for (IndexMeta& index : table.indexes) {
        std::string name = index.name;
        if (used.count(lower(name))) {
          name = table.name + "_" + index.name;
          for (int n = 2; used.count(lower(name)); ++n)
            name = table.name + "_" + index.name + "_" + std::to_string(n);
        }
        used.insert(lower(name));
        index.name = name;
      }
    }
  }

  const std::map<std::string, ColumnInfo>& columns_of(const std::string& table) {
    auto it = info_.find(table);
    if (it != info_.end()) return it->second;
    auto& columns = info_[table];
    for (const Row& row :
         db_.query("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM information_schema.COLUMNS "
                   "WHERE TABLE_SCHEMA = " +
                   db_.literal(url_.database) + " AND TABLE_NAME = " + db_.literal(table)))
      columns[value_or(row[0])] = {lower(value_or(row[1])), value_or(row[2])};
    return columns;
  }

  [[noreturn]] static void bad_value(const TableMeta& meta, const Column& column, int64_t row,
                                     const std::string& what) {
    throw InputError(locate(meta.name, column.name(), row) + ": " + what);
  }

  static void append_value(Column& out, std::string_view text, const TableMeta& meta, int64_t row) {
    switch (out.type()) {
      case DataType::Int64: {
        int64_t value = 0;
        auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec == std::errc() && result.ptr == text.data() + text.size())
          return out.append_int(value);
        bad_value(meta, out, row, "value " + preview(text) + " is not a 64-bit integer");
      }
      case DataType::Bool: {
        if (text == "0") return out.append_int(0);
        if (text == "1") return out.append_int(1);
        int64_t value = 0;
        auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec == std::errc() && result.ptr == text.data() + text.size())
          return out.append_int(value != 0);
        bad_value(meta, out, row, "value " + preview(text) + " is not a boolean");
      }
      case DataType::Float64: {
        double value = 0;
        auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec == std::errc() && result.ptr == text.data() + text.size())
          return out.append_double(value);
        bad_value(meta, out, row, "value " + preview(text) + " is not a number");
      }
      case DataType::Decimal:
      case DataType::String:
      case DataType::Binary:
        return out.append_string(text);
      case DataType::Date:
      case DataType::DateTime:
      case DataType::Time: {
        std::optional<int64_t> value;
        if (!out.format().empty()) value = parse_temporal(text, out.type(), out.format());
        if (!value) value = parse_iso(text, out.type());
        if (value) return out.append_int(*value);
        bad_value(meta, out, row,
                  "value " + preview(text) + " is not a " + std::string(to_string(out.type())));
      }
    }
    bad_value(meta, out, row, "unsupported storage type");
  }

  mysql::Url url_;
  Connection db_;
  std::map<std::string, std::map<std::string, ColumnInfo>> info_;  // table -> column -> info
};

}  // namespace

std::unique_ptr<Source> make_mysql_source(const std::string& url, const SourceOptions& options) {
  return std::make_unique<MysqlSource>(url, options);
}

}  // namespace relsynth

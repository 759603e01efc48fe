// Writes a database to MySQL/MariaDB. DDL is not transactional there, so nothing is created
// under its final name until the end: the constructor checks the server (reachable, the
// target database absent or empty unless overwrite, the user allowed to create, alter, fill
// and drop tables) before any work; begin() creates every table under a staging name
// (`__relsynth_<tag>_<n>`) in the target database (created if absent), append() fills them
// with batched multi-row INSERTs, commit() adds indexes, foreign keys (verified), CHECKs, then
// renames all staging tables to their names in one atomic RENAME TABLE. abort() drops what was
// created (the database too when it did not exist before), so a failure leaves the server as
// it was.
#include <mysqld_error.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/sql_lexer.h"
#include "core/temp_files.h"
#include "core/text.h"
#include "io/connectors.h"
#include "io/mysql_common.h"
#include "io/schema_limits.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

using mysql::Connection;
using mysql::lower;
using mysql::quote_identifier;
using mysql::Row;

constexpr size_t kStatementBytes = 1 << 20;  // target size of one multi-row INSERT
constexpr int64_t kMaxKeyChars = 768;        // 3072 bytes of an InnoDB key / 4 bytes a char
constexpr int64_t kMaxKeyBytes = 3072;
constexpr int64_t kDefaultKeyChars = 255;  // a key column of unbounded text starts here

std::string column_list(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out += quote_identifier(columns[i]);
  }
  return out + ")";
}

std::string names_for_message(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) out += (i ? ", " : "") + columns[i];
  return out + ")";
}

// The contents of a '...' literal written the SQL-standard way ('' for a quote), or nullopt.
std::optional<std::string> standard_string_literal(std::string_view text) {
  if (text.size() < 2 || text.front() != '\'' || text.back() != '\'') return std::nullopt;
  std::string out;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '\'') {
      if (i + 2 < text.size() && text[i + 1] == '\'') {
        out += '\'';
        ++i;
        continue;
      }
      return std::nullopt;  // a lone quote inside: two literals or worse
    }
    out += text[i];
  }
  return out;
}

// The specifiers of a temporal format in order ("%Y-%m-%d %H:%M" -> "YmdHM") and the number
// of fraction digits (%3f -> 3, %f -> 6).
std::string specifiers(std::string_view format, int& fraction) {
  std::string out;
  fraction = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) continue;
    char spec = format[++i];
    if (spec >= '1' && spec <= '9' && i + 1 < format.size() && format[i + 1] == 'f') {
      fraction = spec - '0';
      spec = format[++i];
    } else if (spec == 'f') {
      fraction = 6;
    }
    if (spec != '%') out += spec;
  }
  return out;
}

// Whether MySQL's own temporal type holds a column in this text format: the fields must come
// in MySQL's order (year, month, day, hour, minute, second, fraction), whatever separates them.
bool mysql_temporal_order(DataType type, std::string_view format, int& precision) {
  precision = 0;
  if (format.empty()) {
    precision = type == DataType::Date ? 0 : 6;
    return true;
  }
  const std::string order = specifiers(format, precision);
  if (type == DataType::Time) return order == "HM" || order == "HMS" || order == "HMSf";
  return order == "Ymd" || order == "YmdH" || order == "YmdHM" || order == "YmdHMS" ||
         order == "YmdHMSf";
}

std::string fraction_suffix(int precision) {
  return precision > 0 ? ".%" + std::to_string(precision) + "f" : "";
}

enum class Kind { Integer, Float, Decimal, Text, Binary, Temporal, TemporalText, Other };

struct ColumnPlan {
  std::string type;  // as written in CREATE TABLE
  Kind kind = Kind::Other;
  std::string write_format;  // Temporal: the layout MySQL reads; TemporalText: the source's
  int64_t capacity = -1;     // Text/Binary: most characters (bytes) the type holds; -1: no limit
  bool capacity_in_bytes = false;
  bool key = false;       // in a key or an index: must stay an indexable varchar/varbinary
  bool declared = false;  // the length came from the source's type (widening it warns)
  bool auto_increment = false;
  std::optional<std::string> default_sql;
};

struct TablePlan {
  std::string staging;
  std::vector<ColumnPlan> columns;
  int64_t rows_written = 0;
  bool created = false;
};

class MysqlDestination final : public Destination {
 public:
  MysqlDestination(const std::string& url, const DestinationOptions& options)
      : url_(mysql::parse_url(url)),
        overwrite_(options.overwrite),
        options_(options),
        db_(url_, "") {
    url_.password.clear();
    tag_ = random_hex(8);
    // The lock says this run is alive: staging tables whose run's lock is free were left by a
    // run that was killed, and the next run to the database removes them.
    db_.query_value("SELECT GET_LOCK(" + db_.literal(staging_lock(tag_)) + ", 0)");
    db_.exec(
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'");
    db_.exec("SET SESSION foreign_key_checks = 0");
    if (auto packet = db_.query_value("SELECT @@max_allowed_packet")) {
      int64_t value = 0;
      std::from_chars(packet->data(), packet->data() + packet->size(), value);
      if (value > 8192) max_packet_ = static_cast<size_t>(value);
    }
    for (const char* collation : {"utf8mb4_nopad_bin", "utf8mb4_0900_bin", "utf8mb4_bin"}) {
      if (!db_.query("SELECT 1 FROM information_schema.COLLATIONS WHERE COLLATION_NAME = '" +
                     std::string(collation) + "'")
               .empty()) {
        collation_ = collation;
        break;
      }
    }
    remove_stale_staging();
    check_destination();
  }

  ~MysqlDestination() override {
    try {
      abort();
    } catch (...) {
      // A destructor must not throw; cleanup here is best effort.
    }
  }

  std::string kind() const override { return "mysql"; }

  // Names and widths the server refuses (InnoDB's 1,017 columns), before any work.
  void check(const Metadata& metadata) const override {
    check_schema_limits(metadata, {"MySQL/MariaDB", 64, false, 1017, true});
  }

  void begin(const Metadata& metadata) override {
    if (state_ != State::Created)
      throw Error(ErrorCode::Internal, "MySQL destination: begin() called twice");
    state_ = State::Begun;
    try {
      metadata_ = metadata;
      plan_tables();
      if (!database_exists()) {
        db_.exec("CREATE DATABASE " + quote_identifier(url_.database) +
                 " CHARACTER SET utf8mb4 COLLATE " + collation_);
        created_database_ = true;
      } else if (!overwrite_) {
        refuse_if_not_empty();
      }
      for (size_t t = 0; t < metadata_.tables.size(); ++t) create_table(t);
    } catch (...) {
      abort();
      throw;
    }
  }

  void append(const TableMeta& table, const Table& rows) override {
    if (state_ != State::Begun)
      throw Error(ErrorCode::Internal, "MySQL destination: append() outside begin()/commit()");
    const size_t t = table_index(table.name);
    const TableMeta& meta = metadata_.tables[t];
    if (rows.num_columns() != meta.columns.size())
      throw InputError(locate(meta.name) + ": " + std::to_string(rows.num_columns()) +
                       " columns given for " + std::to_string(meta.columns.size()) +
                       " in the metadata");
    if (rows.num_rows() == 0) return;
    widen_if_needed(t, rows);

    TablePlan& plan = plans_[t];
    std::string head = "INSERT INTO " + mysql::qualified(url_.database, plan.staging) + " (";
    for (size_t j = 0; j < meta.columns.size(); ++j)
      head += (j ? ", " : "") + quote_identifier(meta.columns[j].name);
    head += ") VALUES ";

    const size_t limit = std::min(kStatementBytes, max_packet_ - 4096);
    std::vector<std::string> formats(rows.num_columns());
    for (size_t j = 0; j < rows.num_columns(); ++j) {
      formats[j] = rows.column(j).format();
      if (formats[j].empty()) formats[j] = meta.columns[j].format;
    }

    db_.exec("START TRANSACTION");
    std::string sql = head, row_sql;
    int64_t statement_first = plan.rows_written;
    size_t statement_rows = 0;
    auto flush = [&] {
      if (statement_rows == 0) return;
      if (mysql_real_query(db_.get(), sql.data(), sql.size()) != 0)
        fail_insert(t, rows, static_cast<size_t>(statement_first - plan.rows_written),
                    statement_rows, statement_first);
      statement_first += static_cast<int64_t>(statement_rows);
      statement_rows = 0;
      sql = head;
    };
    const size_t count = rows.num_rows();
    for (size_t r = 0; r < count; ++r) {
      row_sql.clear();
      row_sql += '(';
      for (size_t j = 0; j < rows.num_columns(); ++j) {
        if (j) row_sql += ", ";
        append_value(row_sql, rows.column(j), r, plan.columns[j], formats[j], meta,
                     plan.rows_written + static_cast<int64_t>(r));
      }
      row_sql += ')';
      if (head.size() + row_sql.size() + 16 > max_packet_)
        throw InputError(locate(meta.name, {}, plan.rows_written + static_cast<int64_t>(r)) +
                         ": the row takes " + std::to_string(row_sql.size()) +
                         " bytes of SQL, more than the server's max_allowed_packet (" +
                         std::to_string(max_packet_) + " bytes)");
      if (statement_rows > 0 && sql.size() + row_sql.size() + 1 > limit) flush();
      if (statement_rows > 0) sql += ',';
      sql += row_sql;
      ++statement_rows;
    }
    flush();
    db_.exec("COMMIT");
    plan.rows_written += static_cast<int64_t>(count);
  }

  void commit() override {
    if (state_ != State::Begun)
      throw Error(ErrorCode::Internal, "MySQL destination: commit() without a matching begin()");
    try {
      add_indexes();
      add_foreign_keys();
      verify_foreign_keys();
      add_checks();
      publish();
    } catch (...) {
      abort();
      throw;
    }
  }

  void abort() override {
    if (state_ != State::Begun) return;
    state_ = State::Aborted;
    db_.try_exec("ROLLBACK");
    db_.try_exec("SET SESSION foreign_key_checks = 0");
    if (created_database_) {
      if (db_.try_exec("DROP DATABASE IF EXISTS " + quote_identifier(url_.database)) != 0)
        warn("could not drop database " + quote_identifier(url_.database) + " created on " +
             db_.where() + ": " + db_.error());
      return;
    }
    std::vector<std::string> staged;
    for (const TablePlan& plan : plans_)
      if (plan.created) staged.push_back(mysql::qualified(url_.database, plan.staging));
    if (staged.empty()) return;
    std::string sql = "DROP TABLE IF EXISTS ";
    for (size_t i = 0; i < staged.size(); ++i) sql += (i ? ", " : "") + staged[i];
    if (db_.try_exec(sql) != 0)
      warn("could not drop the staging tables __relsynth_" + tag_ + "_* in " +
           quote_identifier(url_.database) + " on " + db_.where() + ": " + db_.error());
  }

 private:
  enum class State { Created, Begun, Committed, Aborted };

  // ---- checks before any work ----

  bool database_exists() {
    return !db_.query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
                      db_.literal(url_.database))
                .empty();
  }

  // Tables and views in the target database (relsynth's own staging tables left out).
  std::vector<std::pair<std::string, bool>> existing_objects() {
    std::vector<std::pair<std::string, bool>> out;
    for (const Row& row : db_.query("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES "
                                    "WHERE TABLE_SCHEMA = " +
                                    db_.literal(url_.database) + " ORDER BY TABLE_NAME")) {
      const std::string name = row[0].value_or("");
      if (name.starts_with("__relsynth_")) continue;  // staging tables of running loads
      out.emplace_back(name, row[1].value_or("") == "VIEW");
    }
    return out;
  }

  static std::string staging_lock(const std::string& tag) { return "relsynth_staging_" + tag; }

  // Drops the staging tables (__relsynth_<tag>_N) of loads whose process no longer runs.
  void remove_stale_staging() {
    if (!database_exists()) return;
    std::map<std::string, std::vector<std::string>> by_tag;
    for (const Row& row :
         db_.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
                   "TABLE_SCHEMA = " +
                   db_.literal(url_.database) + " AND TABLE_NAME LIKE '\\_\\_relsynth\\_%'")) {
      const std::string name = row[0].value_or("");
      const size_t end = name.find('_', 11);
      if (end == std::string::npos) continue;
      const std::string tag = name.substr(11, end - 11);
      if (tag != tag_) by_tag[tag].push_back(name);
    }
    for (const auto& [tag, tables] : by_tag) {
      if (db_.query_value("SELECT IS_FREE_LOCK(" + db_.literal(staging_lock(tag)) + ")") != "1")
        continue;
      std::string list;
      for (const std::string& table : tables)
        list += (list.empty() ? "" : ", ") + mysql::qualified(url_.database, table);
      if (db_.try_exec("DROP TABLE IF EXISTS " + list) == 0)
        warn("removed " + std::to_string(tables.size()) + " staging tables (__relsynth_" + tag +
             "_*) left in " + url_.display + " by an interrupted run");
    }
  }

  void refuse_if_not_empty() {
    const auto objects = existing_objects();
    if (objects.empty()) return;
    std::string names;
    for (size_t i = 0; i < objects.size() && i < 3; ++i)
      names += (i ? ", " : "") + objects[i].first;
    if (objects.size() > 3) names += ", ...";
    throw UsageError("destination " + url_.display + " exists and holds " +
                     std::to_string(objects.size()) + " table" + (objects.size() == 1 ? "" : "s") +
                     " (" + names + "); pass --overwrite to replace them");
  }

  // Reachable (the constructor connected), the database absent or empty unless overwrite,
  // and the user allowed to do everything a load does: tried for real on a probe table.
  void check_destination() {
    const bool exists = database_exists();
    if (exists && !overwrite_) refuse_if_not_empty();
    const std::string database = quote_identifier(url_.database);
    const std::string probe = mysql::qualified(url_.database, "__relsynth_" + tag_ + "_probe");
    struct Step {
      std::string what, sql;
    };
    std::vector<Step> steps;
    if (!exists) steps.push_back({"create database " + database, "CREATE DATABASE " + database});
    steps.push_back({"create tables in " + database,
                     "CREATE TABLE " + probe + " (a INT PRIMARY KEY, b INT) ENGINE=InnoDB"});
    steps.push_back({"alter tables (indexes, foreign keys) in " + database,
                     "ALTER TABLE " + probe + " ADD INDEX (b), ADD FOREIGN KEY (b) REFERENCES " +
                         probe + " (a)"});
    steps.push_back(
        {"insert rows into tables of " + database, "INSERT INTO " + probe + " VALUES (1, 1)"});
    steps.push_back({"drop tables in " + database, "DROP TABLE " + probe});
    if (!exists) steps.push_back({"drop database " + database, "DROP DATABASE " + database});
    for (size_t i = 0; i < steps.size(); ++i) {
      if (db_.try_exec(steps[i].sql) == 0) continue;
      const unsigned code = db_.error_number();
      const std::string message = db_.error();
      db_.try_exec("DROP TABLE IF EXISTS " + probe);
      if (!exists && i > 0) db_.try_exec("DROP DATABASE IF EXISTS " + database);
      switch (code) {
        case ER_DBACCESS_DENIED_ERROR:
        case ER_ACCESS_DENIED_ERROR:
        case ER_TABLEACCESS_DENIED_ERROR:
        case ER_COLUMNACCESS_DENIED_ERROR:
        case ER_SPECIFIC_ACCESS_DENIED_ERROR:
        case ER_PROCACCESS_DENIED_ERROR:
          throw IoError("permission denied: user " + url_.user_for_messages() + " may not " +
                        steps[i].what + " on " + db_.where() + " (" + message + ")");
        case ER_DB_CREATE_EXISTS:
          throw IoError("database " + database + " exists on " + db_.where() + " but user " +
                        url_.user_for_messages() + " cannot see it (" + message + ")");
        default:
          throw IoError("cannot " + steps[i].what + " on " + db_.where() + ": " + message);
      }
    }
  }

  // ---- types ----

  size_t table_index(const std::string& name) const {
    auto it = table_indexes_.find(name);
    if (it == table_indexes_.end())
      throw InputError(locate(name) + ": not in the metadata given to begin()");
    return it->second;
  }

  // The metadata came from MySQL/MariaDB when every declared type is written as
  // information_schema writes it; then types are kept verbatim.
  bool metadata_is_native() const {
    bool any = false;
    for (const TableMeta& table : metadata_.tables)
      for (const ColumnMeta& column : table.columns) {
        if (column.sql_type.empty()) continue;
        if (!mysql::is_mysql_column_type(column.sql_type)) return false;
        any = true;
      }
    return any;
  }

  // Plan of a type kept as the source declared it (a MySQL COLUMN_TYPE).
  static ColumnPlan native_plan(const ColumnMeta& column) {
    ColumnPlan plan;
    plan.type = column.sql_type;
    plan.declared = true;
    const mysql::SqlType type = mysql::parse_sql_type(column.sql_type);
    const std::string& base = type.base;
    const auto numbers = type.numbers();
    const int64_t length = numbers.size() == 1 ? numbers[0] : -1;
    if (mysql::is_integer_type(base) || base == "year" || base == "bit") {
      plan.kind = Kind::Integer;
    } else if (base == "decimal") {
      plan.kind = Kind::Decimal;
    } else if (base == "float" || base == "double") {
      plan.kind = Kind::Float;
    } else if (base == "char" || base == "varchar") {
      plan.kind = Kind::Text;
      plan.capacity = length;
    } else if (mysql::is_text_type(base)) {
      plan.kind = Kind::Text;
      plan.capacity_in_bytes = true;
      plan.capacity = base == "tinytext"     ? 255
                      : base == "text"       ? 65535
                      : base == "mediumtext" ? 16777215
                                             : -1;
    } else if (base == "binary" || base == "varbinary") {
      plan.kind = Kind::Binary;
      plan.capacity = length;
      plan.capacity_in_bytes = true;
    } else if (mysql::is_blob_type(base)) {
      plan.kind = Kind::Binary;
      plan.capacity_in_bytes = true;
      plan.capacity = base == "tinyblob"     ? 255
                      : base == "blob"       ? 65535
                      : base == "mediumblob" ? 16777215
                                             : -1;
    } else if (mysql::is_temporal_type(base)) {
      plan.kind = Kind::Temporal;
      const int precision = numbers.size() == 1 ? static_cast<int>(numbers[0]) : 0;
      plan.write_format = base == "date"   ? "%Y-%m-%d"
                          : base == "time" ? "%H:%M:%S" + fraction_suffix(precision)
                                           : "%Y-%m-%d %H:%M:%S" + fraction_suffix(precision);
    } else {
      plan.kind = Kind::Other;  // enum, set, json, geometry, inet, uuid: written as given
    }
    return plan;
  }

  // Plan of a column from another engine: from its storage type, with the declared type's
  // length, precision and scale where MySQL has the same notion.
  static ColumnPlan foreign_plan(const ColumnMeta& column, bool key) {
    ColumnPlan plan;
    const mysql::SqlType type = mysql::parse_sql_type(column.sql_type);
    const std::string& base = type.base;
    const auto numbers = type.numbers();
    static const std::set<std::string, std::less<>> kVarchar = {"varchar",
                                                                "char",
                                                                "nvarchar",
                                                                "nchar",
                                                                "character",
                                                                "character varying",
                                                                "national character",
                                                                "national character varying",
                                                                "national char",
                                                                "national varchar",
                                                                "varchar2",
                                                                "nvarchar2",
                                                                "varying character",
                                                                "native character",
                                                                "bpchar",
                                                                "string"};
    const bool decimal_type =
        (base == "decimal" || base == "numeric" || base == "number") && !numbers.empty() &&
        numbers.size() <= 2 && numbers[0] >= 1 && numbers[0] <= 65 &&
        (numbers.size() == 1 || (numbers[1] >= 0 && numbers[1] <= 30 && numbers[1] <= numbers[0]));
    auto decimal = [&] {
      return "decimal(" + std::to_string(numbers[0]) + "," +
             std::to_string(numbers.size() == 2 ? numbers[1] : 0) + ")";
    };
    const int64_t length =
        numbers.size() == 1 && numbers[0] > 0 && kVarchar.count(base) ? numbers[0] : -1;

    switch (column.type) {
      case DataType::Int64:
        plan.kind = Kind::Integer;
        plan.type = "bigint";
        break;
      case DataType::Bool:
        plan.kind = Kind::Integer;
        plan.type = "tinyint(1)";
        break;
      case DataType::Float64:
        plan.kind = decimal_type ? Kind::Decimal : Kind::Float;
        plan.type = decimal_type ? decimal() : "double";
        break;
      case DataType::Decimal:
        plan.kind = Kind::Decimal;
        plan.type = decimal_type ? decimal() : "decimal(65,30)";
        break;
      case DataType::String:
        if (!column.enum_values.empty()) {
          // PostgreSQL's enumerated types: MySQL's enum of the same labels, in order.
          plan.kind = Kind::Other;
          plan.type = "enum(";
          for (size_t i = 0; i < column.enum_values.size(); ++i) {
            plan.type += i ? ",'" : "'";
            for (char c : column.enum_values[i]) {
              if (c == '\'' || c == '\\') plan.type += c;
              plan.type += c;
            }
            plan.type += '\'';
          }
          plan.type += ')';
          break;
        }
        if ((lower(base) == "enum" || lower(base) == "set") && type.has_args &&
            mysql::is_mysql_column_type(lower(base) + "(" + type.args + ")")) {
          plan.kind = Kind::Other;
          plan.type = lower(base) + "(" + type.args + ")";
          break;
        }
        plan.kind = Kind::Text;
        plan.declared = length > 0;
        if (key) {
          plan.capacity = length > 0 ? length : kDefaultKeyChars;
          plan.type = "varchar(" + std::to_string(std::min(plan.capacity, kMaxKeyChars)) + ")";
          plan.capacity = std::min(plan.capacity, kMaxKeyChars);
        } else if (length > 0 && length <= 255) {
          plan.capacity = length;
          plan.type = "varchar(" + std::to_string(length) + ")";
        } else {
          plan.type = "longtext";
          plan.declared = false;
        }
        break;
      case DataType::Binary: {
        plan.kind = Kind::Binary;
        plan.capacity_in_bytes = true;
        const int64_t bytes = numbers.size() == 1 && numbers[0] > 0 &&
                                      (base == "binary" || base == "varbinary" || base == "raw")
                                  ? numbers[0]
                                  : -1;
        plan.declared = bytes > 0;
        if (key) {
          plan.capacity = std::min(bytes > 0 ? bytes : kDefaultKeyChars, kMaxKeyBytes);
          plan.type = "varbinary(" + std::to_string(plan.capacity) + ")";
        } else if (bytes > 0 && bytes <= 255) {
          plan.capacity = bytes;
          plan.type = "varbinary(" + std::to_string(bytes) + ")";
        } else {
          plan.type = "longblob";
          plan.declared = false;
        }
        break;
      }
      case DataType::Date:
      case DataType::DateTime:
      case DataType::Time: {
        int precision = 0;
        if (mysql_temporal_order(column.type, column.format, precision)) {
          plan.kind = Kind::Temporal;
          if (column.type == DataType::Date) {
            plan.type = "date";
            plan.write_format = "%Y-%m-%d";
          } else if (column.type == DataType::DateTime) {
            plan.type = precision ? "datetime(" + std::to_string(precision) + ")" : "datetime";
            plan.write_format = "%Y-%m-%d %H:%M:%S" + fraction_suffix(precision);
          } else {
            plan.type = precision ? "time(" + std::to_string(precision) + ")" : "time";
            plan.write_format = "%H:%M:%S" + fraction_suffix(precision);
          }
        } else {
          // A layout MySQL's types would not give back (say "%d/%m/%Y"): kept as text.
          plan.kind = Kind::TemporalText;
          plan.type = "varchar(64)";
          plan.write_format = column.format;
        }
        break;
      }
    }
    return plan;
  }

  // A default that means the same in MySQL, as SQL text; nullopt when there is none.
  std::optional<std::string> portable_default(const ColumnMeta& column, const ColumnPlan& plan,
                                              bool native) const {
    if (!column.default_value || plan.auto_increment) return std::nullopt;
    std::string text(column.default_value->begin(), column.default_value->end());
    auto trim = [](std::string& s) {
      while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(0, 1);
      while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    };
    trim(text);
    const bool large = plan.type.find("text") != std::string::npos ||
                       plan.type.find("blob") != std::string::npos || plan.type == "json";
    // MySQL (not MariaDB) takes defaults of TEXT/BLOB/JSON columns only as expressions.
    auto wrap = [&](std::string value) {
      return large && !db_.is_mariadb() ? "(" + value + ")" : value;
    };
    if (native) {
      if (text == "NULL") return std::nullopt;
      const std::string lowered = lower(text);
      if (sql::is_numeric_literal(text) || text.starts_with("'") ||
          lowered.starts_with("current_timestamp") || text.starts_with("("))
        return wrap(text);
      return "(" + text + ")";
    }
    // SQLite keeps `DEFAULT (0)` as "(0)"; PostgreSQL writes "'a'::character varying".
    while (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
      text = text.substr(1, text.size() - 2);
      trim(text);
    }
    if (text.front() == '\'' && text.find("'::") != std::string::npos)
      text = text.substr(0, text.rfind("'::") + 1);
    const std::string lowered = lower(text);
    if (lowered == "null") return std::nullopt;
    if (lowered == "true" || lowered == "false") {
      if (plan.kind != Kind::Integer) return std::nullopt;
      return lowered == "true" ? "1" : "0";
    }
    if (lowered == "current_timestamp" || lowered == "now()" || lowered == "current_timestamp()" ||
        lowered == "localtimestamp") {
      if (plan.kind != Kind::Temporal || !plan.type.starts_with("datetime")) return std::nullopt;
      const mysql::SqlType type = mysql::parse_sql_type(plan.type);
      return "current_timestamp(" + (type.has_args ? type.args : std::string("0")) + ")";
    }
    if (sql::is_numeric_literal(text)) {
      if (plan.kind == Kind::Temporal || plan.kind == Kind::Binary) return std::nullopt;
      return wrap(text);
    }
    if (auto value = standard_string_literal(text)) {
      if (plan.kind == Kind::Binary) return std::nullopt;
      return wrap(db_.literal(*value));
    }
    return std::nullopt;  // an expression of another dialect
  }

  void plan_tables() {
    const bool native = metadata_is_native();
    plans_.assign(metadata_.tables.size(), TablePlan());
    table_indexes_.clear();
    for (size_t t = 0; t < metadata_.tables.size(); ++t) {
      if (!table_indexes_.emplace(metadata_.tables[t].name, t).second)
        throw InputError(locate(metadata_.tables[t].name) + ": the table is listed twice");
      plans_[t].staging = "__relsynth_" + tag_ + "_" + std::to_string(t);
    }
    // Columns in a key or an index must be of an indexable type.
    std::set<std::pair<std::string, std::string>> keyed;
    for (const TableMeta& table : metadata_.tables) {
      auto mark = [&](const std::string& t, const std::vector<std::string>& columns) {
        for (const std::string& column : columns) keyed.insert({t, column});
      };
      mark(table.name, table.primary_key);
      for (const UniqueConstraint& unique : table.unique_constraints)
        mark(table.name, unique.columns);
      for (const ColumnMeta& column : table.columns)
        if (column.unique) keyed.insert({table.name, column.name});
      for (const ForeignKey& key : table.foreign_keys) {
        mark(table.name, key.columns);
        mark(key.parent_table, key.parent_columns);
      }
    }
    for (size_t t = 0; t < metadata_.tables.size(); ++t) {
      const TableMeta& table = metadata_.tables[t];
      bool auto_increment_taken = false;
      for (const ColumnMeta& column : table.columns) {
        const bool key = keyed.count({table.name, column.name}) > 0;
        ColumnPlan plan =
            native && !column.sql_type.empty() ? native_plan(column) : foreign_plan(column, key);
        plan.key = key;
        if (key && plan.kind == Kind::Text &&
            (plan.capacity < 0 || plan.capacity_in_bytes || plan.capacity > kMaxKeyChars)) {
          // TEXT cannot be a key without a prefix length: a varchar it is.
          plan.capacity = std::min<int64_t>(
              plan.capacity > 0 && !plan.capacity_in_bytes ? plan.capacity : kDefaultKeyChars,
              kMaxKeyChars);
          plan.capacity_in_bytes = false;
          plan.type = "varchar(" + std::to_string(plan.capacity) + ")";
        } else if (key && plan.kind == Kind::Binary &&
                   (plan.capacity < 0 || plan.capacity > kMaxKeyBytes ||
                    plan.type.find("blob") != std::string::npos)) {
          plan.capacity =
              std::min<int64_t>(plan.capacity > 0 ? plan.capacity : kDefaultKeyChars, kMaxKeyBytes);
          plan.type = "varbinary(" + std::to_string(plan.capacity) + ")";
        }
        // AUTO_INCREMENT needs an integer column that leads a key; one per table.
        if (column.auto_increment && plan.kind == Kind::Integer && !auto_increment_taken) {
          bool leads = !table.primary_key.empty() && table.primary_key.front() == column.name;
          leads = leads || column.unique;
          for (const UniqueConstraint& unique : table.unique_constraints)
            leads = leads || (!unique.columns.empty() && unique.columns.front() == column.name);
          plan.auto_increment = leads;
          auto_increment_taken = leads;
        }
        plan.default_sql = portable_default(column, plan, native);
        plans_[t].columns.push_back(std::move(plan));
      }
      if (!native) fit_row_size(t);
    }
    fit_key_lengths();
    unify_foreign_key_types();
  }

  // An InnoDB key holds at most 3072 bytes (768 utf8mb4 characters): text columns whose
  // length relsynth chose share that among the text columns of each key they are in.
  void fit_key_lengths() {
    for (size_t t = 0; t < metadata_.tables.size(); ++t) {
      const TableMeta& table = metadata_.tables[t];
      std::vector<std::vector<std::string>> keys;
      if (!table.primary_key.empty()) keys.push_back(table.primary_key);
      for (const UniqueConstraint& unique : table.unique_constraints)
        keys.push_back(unique.columns);
      for (const IndexMeta& index : table.indexes) keys.push_back(index.columns);
      for (const ForeignKey& key : table.foreign_keys) keys.push_back(key.columns);
      for (const TableMeta& other : metadata_.tables)
        for (const ForeignKey& key : other.foreign_keys)
          if (key.parent_table == table.name) keys.push_back(key.parent_columns);
      for (const auto& key : keys) {
        std::vector<ColumnPlan*> texts;
        for (const std::string& name : key) {
          const int c = table.column_index(name);
          if (c >= 0 && plans_[t].columns[static_cast<size_t>(c)].kind == Kind::Text)
            texts.push_back(&plans_[t].columns[static_cast<size_t>(c)]);
        }
        if (texts.size() < 2) continue;
        const int64_t share =
            std::max<int64_t>(16, kMaxKeyChars / static_cast<int64_t>(texts.size()));
        for (ColumnPlan* plan : texts) {
          if (plan->declared || plan->capacity <= share) continue;
          plan->capacity = share;
          plan->type = "varchar(" + std::to_string(share) + ")";
        }
      }
    }
  }

  // InnoDB refuses a row whose varchar columns may take more than 65,535 bytes: the widest
  // non-key ones become longtext until the declared widths fit.
  void fit_row_size(size_t t) {
    auto bytes = [&] {
      int64_t total = 0;
      for (const ColumnPlan& plan : plans_[t].columns)
        if (plan.kind == Kind::Text && plan.capacity > 0 && !plan.capacity_in_bytes)
          total += plan.capacity * 4 + 2;
        else if (plan.kind == Kind::Binary && plan.capacity > 0)
          total += plan.capacity + 2;
        else
          total += 16;
      return total;
    };
    while (bytes() > 60000) {
      ColumnPlan* widest = nullptr;
      for (ColumnPlan& plan : plans_[t].columns)
        if (plan.kind == Kind::Text && !plan.key && plan.capacity > 0 &&
            (!widest || plan.capacity > widest->capacity))
          widest = &plan;
      if (!widest) break;
      widest->type = "longtext";
      widest->capacity = -1;
    }
  }

  // InnoDB wants a foreign key's columns of the very type of the parent's (same integer size
  // and sign, same decimal precision): a child column takes its parent's type. Strings and
  // bytes may differ in length.
  void unify_foreign_key_types() {
    for (int pass = 0; pass < 8; ++pass) {
      bool changed = false;
      for (size_t t = 0; t < metadata_.tables.size(); ++t) {
        const TableMeta& table = metadata_.tables[t];
        for (const ForeignKey& key : table.foreign_keys) {
          auto parent = table_indexes_.find(key.parent_table);
          if (parent == table_indexes_.end()) continue;
          const TableMeta& parent_meta = metadata_.tables[parent->second];
          for (size_t k = 0; k < key.columns.size() && k < key.parent_columns.size(); ++k) {
            const int child_column = table.column_index(key.columns[k]);
            const int parent_column = parent_meta.column_index(key.parent_columns[k]);
            if (child_column < 0 || parent_column < 0) continue;
            ColumnPlan& child = plans_[t].columns[static_cast<size_t>(child_column)];
            const ColumnPlan& source =
                plans_[parent->second].columns[static_cast<size_t>(parent_column)];
            if (source.kind == Kind::Text || source.kind == Kind::Binary) continue;
            if (child.type == source.type) continue;
            const bool auto_increment = child.auto_increment;
            std::optional<std::string> default_sql = child.default_sql;
            const bool key_flag = child.key;
            child = source;
            child.auto_increment = auto_increment;
            child.default_sql = default_sql;
            child.key = key_flag;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
  }

  std::string column_definition(const ColumnMeta& column, const ColumnPlan& plan,
                                bool with_default) const {
    std::string out = quote_identifier(column.name) + " " + plan.type;
    if (!column.nullable || plan.auto_increment) out += " NOT NULL";
    if (plan.auto_increment) out += " AUTO_INCREMENT";
    if (with_default && plan.default_sql) out += " DEFAULT " + *plan.default_sql;
    return out;
  }

  std::string create_table_sql(size_t t, bool with_defaults) const {
    const TableMeta& table = metadata_.tables[t];
    const TablePlan& plan = plans_[t];
    std::vector<std::string> parts;
    for (size_t j = 0; j < table.columns.size(); ++j)
      parts.push_back(column_definition(table.columns[j], plan.columns[j], with_defaults));
    if (!table.primary_key.empty())
      parts.push_back("PRIMARY KEY " + column_list(table.primary_key));
    for (const ColumnMeta& column : table.columns)
      if (column.unique) parts.push_back("UNIQUE KEY (" + quote_identifier(column.name) + ")");
    for (const UniqueConstraint& unique : table.unique_constraints)
      parts.push_back("UNIQUE KEY " + column_list(unique.columns));
    std::string sql = "CREATE TABLE " + mysql::qualified(url_.database, plan.staging) + " (\n  ";
    for (size_t i = 0; i < parts.size(); ++i) sql += (i ? ",\n  " : "") + parts[i];
    return sql + "\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" + collation_;
  }

  void create_table(size_t t) {
    const TableMeta& table = metadata_.tables[t];
    if (table.columns.empty()) throw InputError(locate(table.name) + ": the table has no columns");
    if (db_.try_exec(create_table_sql(t, true)) != 0) {
      const std::string message = server_message();
      bool any_default = false;
      for (const ColumnPlan& plan : plans_[t].columns) any_default |= plan.default_sql.has_value();
      if (!any_default || db_.try_exec(create_table_sql(t, false)) != 0)
        throw InputError(locate(table.name) + ": cannot create the table on " + db_.where() + ": " +
                         message);
      warn(locate(table.name) + ": column defaults left out, " + db_.server_description() +
           " does not take them: " + message);
      for (ColumnPlan& plan : plans_[t].columns) plan.default_sql.reset();
    }
    plans_[t].created = true;
  }

  // ---- loading ----

  // A value longer than its column's type holds: the column is widened (a key column to a
  // longer varchar, any other to longtext/longblob) rather than the load failing.
  void widen_if_needed(size_t t, const Table& rows) {
    const TableMeta& table = metadata_.tables[t];
    TablePlan& plan = plans_[t];
    for (size_t j = 0; j < table.columns.size(); ++j) {
      ColumnPlan& column = plan.columns[j];
      if ((column.kind != Kind::Text && column.kind != Kind::Binary) || column.capacity < 0)
        continue;
      const Column& values = rows.column(j);
      if (!holds_strings(values.type())) continue;
      int64_t longest = 0;
      size_t longest_row = 0;
      for (size_t r = 0; r < values.size(); ++r) {
        if (values.is_null(r)) continue;
        const std::string& value = values.string_at(r);
        const int64_t length = column.capacity_in_bytes || column.kind == Kind::Binary
                                   ? static_cast<int64_t>(value.size())
                                   : static_cast<int64_t>(utf8_length(value));
        if (length > longest) {
          longest = length;
          longest_row = r;
        }
      }
      if (longest <= column.capacity) continue;
      const std::string old_type = column.type;
      const int64_t row = plan.rows_written + static_cast<int64_t>(longest_row);
      if (column.key) {
        const int64_t limit = column.kind == Kind::Binary ? kMaxKeyBytes : kMaxKeyChars;
        if (longest > limit)
          throw InputError(locate(table.name, table.columns[j].name, row) + ": a value of " +
                           std::to_string(longest) +
                           (column.kind == Kind::Binary ? " bytes" : " characters") +
                           " is too long for a key column in MySQL/MariaDB (at most " +
                           std::to_string(limit) + ")");
        const int64_t width = std::min(limit, std::max(longest, column.capacity * 2));
        column.capacity = width;
        column.capacity_in_bytes = false;
        column.type = std::string(column.kind == Kind::Binary ? "varbinary(" : "varchar(") +
                      std::to_string(width) + ")";
      } else {
        column.capacity = -1;
        column.type = column.kind == Kind::Binary ? "longblob" : "longtext";
      }
      if (column.declared)
        warn(locate(table.name, table.columns[j].name) + ": a value of " + std::to_string(longest) +
             (column.kind == Kind::Binary ? " bytes" : " characters") +
             " does not fit the declared " + old_type + "; the column is made " + column.type);
      const std::string sql = "ALTER TABLE " + mysql::qualified(url_.database, plan.staging) +
                              " MODIFY " + column_definition(table.columns[j], column, true);
      if (db_.try_exec(sql) != 0)
        throw InputError(locate(table.name, table.columns[j].name) + ": cannot widen it to " +
                         column.type + " on " + db_.where() + ": " + server_message());
    }
  }

  void append_value(std::string& out, const Column& column, size_t r, const ColumnPlan& plan,
                    const std::string& format, const TableMeta& meta, int64_t row) const {
    if (column.is_null(r)) {
      out += "NULL";
      return;
    }
    switch (column.type()) {
      case DataType::Int64:
        out += std::to_string(column.int_at(r));
        return;
      case DataType::Bool:
        out += column.int_at(r) ? '1' : '0';
        return;
      case DataType::Float64: {
        const double value = column.double_at(r);
        if (!std::isfinite(value))
          throw InputError(locate(meta.name, column.name(), row) + ": the value " +
                           (std::isnan(value) ? "NaN" : "infinity") +
                           " cannot be stored in MySQL/MariaDB");
        char buffer[64];
        auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
        out.append(buffer, result.ptr);
        return;
      }
      case DataType::Decimal: {
        const std::string& text = column.string_at(r);
        if (sql::is_numeric_literal(text))
          out += text;
        else
          db_.append_literal(out, text);
        return;
      }
      case DataType::String:
        db_.append_literal(out, column.string_at(r));
        return;
      case DataType::Binary: {
        static constexpr char kHex[] = "0123456789ABCDEF";
        const std::string& bytes = column.string_at(r);
        out += "X'";
        for (unsigned char c : bytes) {
          out += kHex[c >> 4];
          out += kHex[c & 15];
        }
        out += '\'';
        return;
      }
      case DataType::Date:
      case DataType::DateTime:
      case DataType::Time: {
        const std::string& layout = plan.kind == Kind::Temporal ? plan.write_format : format;
        out += '\'';
        out += format_temporal(column.int_at(r), column.type(), layout);
        out += '\'';
        return;
      }
    }
  }

  // The server's message with staging names replaced by the tables' own.
  std::string server_message() const {
    std::string message = db_.error();
    for (size_t t = 0; t < plans_.size(); ++t) {
      // Longest staging names first would matter for _1 vs _10: replace whole quoted names.
      const std::string& staging = plans_[t].staging;
      for (const char* quote : {"`", "'", "\""}) {
        const std::string from = quote + staging + quote;
        const std::string to = quote + metadata_.tables[t].name + quote;
        for (size_t at = message.find(from); at != std::string::npos;
             at = message.find(from, at + to.size()))
          message.replace(at, from.size(), to);
      }
    }
    return message;
  }

  // `rows[begin, begin + count)` went in one statement whose first row is `first_row` of the
  // table.
  [[noreturn]] void fail_insert(size_t t, const Table& values, size_t begin, size_t count,
                                int64_t first_row) {
    const size_t rows = count;
    const unsigned code = db_.error_number();
    const std::string message = server_message();
    db_.try_exec("ROLLBACK");
    const TableMeta& table = metadata_.tables[t];
    // "... at row 7": the 1-based row of the statement.
    int64_t row = -1;
    if (size_t at = message.rfind(" at row "); at != std::string::npos) {
      int64_t n = 0;
      const char* begin = message.data() + at + 8;
      auto result = std::from_chars(begin, message.data() + message.size(), n);
      if (result.ec == std::errc() && n >= 1 && n <= static_cast<int64_t>(rows))
        row = first_row + n - 1;
    }
    std::string column;
    for (const ColumnMeta& candidate : table.columns) {
      for (const std::string& quoted : {"'" + candidate.name + "'", "`" + candidate.name + "`"})
        if (message.find(quoted) != std::string::npos && candidate.name.size() > column.size())
          column = candidate.name;
    }
    // "Column 'x' cannot be null" names no row: the first NULL of that column is the one.
    if (row < 0 && code == ER_BAD_NULL_ERROR && !column.empty()) {
      const int c = values.column_index(column);
      for (size_t r = begin; c >= 0 && r < begin + count && r < values.num_rows(); ++r)
        if (values.column(static_cast<size_t>(c)).is_null(r)) {
          row = first_row + static_cast<int64_t>(r - begin);
          break;
        }
    }
    const bool io = (code >= 2000 && code < 3000) || code == ER_DISK_FULL ||
                    code == ER_RECORD_FILE_FULL || code == ER_LOCK_WAIT_TIMEOUT ||
                    code == ER_LOCK_DEADLOCK || code == ER_CON_COUNT_ERROR ||
                    code == ER_SERVER_SHUTDOWN || code == ER_NET_PACKET_TOO_LARGE ||
                    code == ER_QUERY_INTERRUPTED;
    if (io)
      throw IoError("cannot write " + locate(table.name, column, row) + " to " + db_.where() +
                    ": " + message);
    throw InputError(locate(table.name, column, row) + ": " + message);
  }

  // ---- finishing ----

  // Declared indexes, and an index on the parent columns of every foreign key that has none
  // (InnoDB requires one).
  void add_indexes() {
    std::vector<std::vector<std::vector<std::string>>> covered(metadata_.tables.size());
    for (size_t t = 0; t < metadata_.tables.size(); ++t) {
      const TableMeta& table = metadata_.tables[t];
      if (!table.primary_key.empty()) covered[t].push_back(table.primary_key);
      for (const UniqueConstraint& unique : table.unique_constraints)
        covered[t].push_back(unique.columns);
      for (const ColumnMeta& column : table.columns)
        if (column.unique) covered[t].push_back({column.name});
      for (const IndexMeta& index : table.indexes) covered[t].push_back(index.columns);
    }
    auto is_covered = [&](size_t t, const std::vector<std::string>& columns) {
      for (const auto& key : covered[t])
        if (key.size() >= columns.size() && std::equal(columns.begin(), columns.end(), key.begin()))
          return true;
      return false;
    };
    std::vector<std::vector<std::string>> additions(metadata_.tables.size());
    std::vector<std::set<std::string>> names(metadata_.tables.size());
    for (size_t t = 0; t < metadata_.tables.size(); ++t) {
      const TableMeta& table = metadata_.tables[t];
      for (const IndexMeta& index : table.indexes) {
        std::string name = index.name.substr(0, 64);
        if (name.empty() || names[t].count(lower(name))) name.clear();
        if (!name.empty()) names[t].insert(lower(name));
        additions[t].push_back(std::string("ADD ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                               (name.empty() ? "" : quote_identifier(name) + " ") +
                               index_columns(t, index.columns));
      }
    }
    for (const TableMeta& table : metadata_.tables)
      for (const ForeignKey& key : table.foreign_keys) {
        auto parent = table_indexes_.find(key.parent_table);
        if (parent == table_indexes_.end() || is_covered(parent->second, key.parent_columns))
          continue;
        covered[parent->second].push_back(key.parent_columns);
        additions[parent->second].push_back("ADD INDEX " +
                                            index_columns(parent->second, key.parent_columns));
      }
    for (size_t t = 0; t < metadata_.tables.size(); ++t) {
      if (additions[t].empty()) continue;
      std::string sql = "ALTER TABLE " + mysql::qualified(url_.database, plans_[t].staging) + " ";
      for (size_t i = 0; i < additions[t].size(); ++i) sql += (i ? ", " : "") + additions[t][i];
      if (db_.try_exec(sql) != 0)
        throw InputError(locate(metadata_.tables[t].name) + ": cannot create its indexes on " +
                         db_.where() + ": " + server_message());
    }
  }

  // "(`a`, `b`(255))": text and blob columns are indexed by a prefix.
  std::string index_columns(size_t t, const std::vector<std::string>& columns) const {
    const TableMeta& table = metadata_.tables[t];
    std::string out = "(";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i) out += ", ";
      out += quote_identifier(columns[i]);
      const int c = table.column_index(columns[i]);
      if (c < 0) continue;
      const std::string& type = plans_[t].columns[static_cast<size_t>(c)].type;
      if (type.find("text") != std::string::npos || type.find("blob") != std::string::npos)
        out += "(255)";
    }
    return out + ")";
  }

  std::string action(const std::string& text, const std::string& table) const {
    std::string upper;
    for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.empty() || upper == "NO ACTION" || upper == "RESTRICT" || upper == "CASCADE" ||
        upper == "SET NULL")
      return upper;
    warn(locate(table) + ": foreign key action " + text +
         " is not supported by InnoDB and is left out");
    return {};
  }

  void add_foreign_keys() {
    for (size_t t = 0; t < metadata_.tables.size(); ++t) {
      const TableMeta& table = metadata_.tables[t];
      for (const ForeignKey& key : table.foreign_keys) {
        auto parent = table_indexes_.find(key.parent_table);
        if (parent == table_indexes_.end())
          throw InputError(locate(table.name) + ": foreign key " + names_for_message(key.columns) +
                           " refers to table " + quote_name(key.parent_table) +
                           ", which is not written");
        std::string sql = "ALTER TABLE " + mysql::qualified(url_.database, plans_[t].staging) +
                          " ADD FOREIGN KEY " + column_list(key.columns) + " REFERENCES " +
                          mysql::qualified(url_.database, plans_[parent->second].staging) + " " +
                          column_list(key.parent_columns);
        if (std::string a = action(key.on_delete, table.name); !a.empty()) sql += " ON DELETE " + a;
        if (std::string a = action(key.on_update, table.name); !a.empty()) sql += " ON UPDATE " + a;
        if (db_.try_exec(sql) != 0)
          throw InputError(locate(table.name) + ": cannot declare the foreign key " +
                           names_for_message(key.columns) + " -> " + key.parent_table + " " +
                           names_for_message(key.parent_columns) + " on " + db_.where() + ": " +
                           server_message());
      }
    }
  }

  // The keys were added without checking the rows (foreign_key_checks = 0, which also lets
  // tables load in any order and cycles exist): every row is checked here.
  void verify_foreign_keys() {
    for (size_t t = 0; t < metadata_.tables.size(); ++t) {
      const TableMeta& table = metadata_.tables[t];
      for (const ForeignKey& key : table.foreign_keys) {
        const size_t parent = table_indexes_.at(key.parent_table);
        std::string select, where, match;
        for (size_t k = 0; k < key.columns.size(); ++k) {
          const std::string child = "c." + quote_identifier(key.columns[k]);
          select += (k ? ", " : "") + child;
          where += (k ? " AND " : "") + child + " IS NOT NULL";
          match += (k ? " AND " : "") + std::string("p.") +
                   quote_identifier(key.parent_columns[k]) + " = " + child;
        }
        const std::string from = " FROM " + mysql::qualified(url_.database, plans_[t].staging) +
                                 " c WHERE " + where + " AND NOT EXISTS (SELECT 1 FROM " +
                                 mysql::qualified(url_.database, plans_[parent].staging) +
                                 " p WHERE " + match + ")";
        std::vector<Row> example;
        try {
          example = db_.query("SELECT " + select + from + " LIMIT 1");
        } catch (const IoError&) {
          throw IoError("cannot check the foreign key " + names_for_message(key.columns) + " of " +
                        locate(table.name) + " on " + db_.where() + ": " + server_message());
        }
        if (example.empty()) continue;
        const auto count = db_.query_value("SELECT COUNT(*)" + from);
        std::string values;
        for (size_t k = 0; k < key.columns.size(); ++k)
          values += (k ? ", " : "") + key.columns[k] + "=" + example[0][k].value_or("NULL");
        throw InputError(locate(table.name) + ": " + count.value_or("some") +
                         " rows break the foreign key " + names_for_message(key.columns) + " -> " +
                         key.parent_table + " " + names_for_message(key.parent_columns) +
                         ", e.g. " + values + " has no parent row");
      }
    }
  }

  // A CHECK written for another engine: "..." and [...] names become `...`; PostgreSQL casts
  // make it non-portable (nullopt).
  static std::optional<std::string> translate_check(std::string_view check) {
    std::string out;
    for (const sql::Token& token : sql::tokenize(check)) {
      if (token.kind == sql::Token::Operator && token.text == "::") return std::nullopt;
      if (token.kind == sql::Token::Identifier) {
        out += quote_identifier(token.value);
      } else if (token.kind == sql::Token::String) {
        for (char c : token.text) {
          if (c == '\\') out += '\\';  // a backslash is literal in standard SQL
          out += c;
        }
      } else {
        out += token.text;
      }
    }
    return out;
  }

  void add_checks() {
    const bool native = metadata_is_native();
    for (size_t t = 0; t < metadata_.tables.size(); ++t) {
      const TableMeta& table = metadata_.tables[t];
      for (const std::string& check : table.checks) {
        std::optional<std::string> expression =
            native ? std::optional<std::string>(check) : translate_check(check);
        if (!expression) {
          warn(locate(table.name) + ": CHECK (" + check +
               ") is not portable to MySQL/MariaDB and is left out");
          continue;
        }
        const std::string sql = "ALTER TABLE " +
                                mysql::qualified(url_.database, plans_[t].staging) +
                                " ADD CHECK (" + *expression + ")";
        if (db_.try_exec(sql) == 0) continue;
        const unsigned code = db_.error_number();
        if (code == ER_CONSTRAINT_FAILED || code == 3819 /* MySQL: check violated */)
          throw InputError(locate(table.name) + ": rows break CHECK (" + check +
                           "): " + server_message());
        if (code >= 2000 && code < 3000)
          throw IoError("cannot add CHECK (" + check + ") to " + locate(table.name) + " on " +
                        db_.where() + ": " + server_message());
        warn(locate(table.name) + ": CHECK (" + check + ") is left out, " +
             db_.server_description() + " does not take it: " + server_message());
      }
    }
  }

  // Every staging table takes its name in one RENAME TABLE (atomic); with overwrite, the
  // tables and views there before are renamed away in the same statement, then dropped.
  void publish() {
    std::vector<std::pair<std::string, bool>> old;
    if (overwrite_) {
      old = existing_objects();
    } else {
      refuse_if_not_empty();
    }
    std::string sql = "RENAME TABLE ";
    std::vector<std::string> retired;
    for (size_t i = 0; i < old.size(); ++i) {
      const std::string name = "__relsynth_" + tag_ + "_old_" + std::to_string(i);
      sql += mysql::qualified(url_.database, old[i].first) + " TO " +
             mysql::qualified(url_.database, name) + ", ";
      retired.push_back(name);
    }
    for (size_t t = 0; t < plans_.size(); ++t)
      sql += (t ? ", " : "") + mysql::qualified(url_.database, plans_[t].staging) + " TO " +
             mysql::qualified(url_.database, metadata_.tables[t].name);
    if (plans_.empty()) {
      state_ = State::Committed;
      return;
    }
    if (db_.try_exec(sql) != 0)
      throw IoError("cannot move the loaded tables to their names in " +
                    quote_identifier(url_.database) + " on " + db_.where() + ": " +
                    server_message());
    state_ = State::Committed;
    // From here on the new tables are in place: leftovers only warn.
    for (size_t i = 0; i < old.size(); ++i) {
      const std::string drop = std::string(old[i].second ? "DROP VIEW " : "DROP TABLE ") +
                               mysql::qualified(url_.database, retired[i]);
      if (db_.try_exec(drop) != 0)
        warn("could not drop the replaced " + std::string(old[i].second ? "view " : "table ") +
             old[i].first + " (now " + retired[i] + ") on " + db_.where() + ": " + db_.error());
    }
  }

  void warn(const std::string& message) const { warn_about(options_, message); }

  mysql::Url url_;
  bool overwrite_;
  DestinationOptions options_;  // for its on_warning
  Connection db_;
  std::string tag_;
  std::string collation_ = "utf8mb4_bin";
  size_t max_packet_ = 16 << 20;
  State state_ = State::Created;
  bool created_database_ = false;
  Metadata metadata_;
  std::vector<TablePlan> plans_;
  std::map<std::string, size_t> table_indexes_;
};

}  // namespace

std::unique_ptr<Destination> make_mysql_destination(const std::string& url,
                                                    const DestinationOptions& options) {
  return std::make_unique<MysqlDestination>(url, options);
}

}  // namespace relsynth

// Reads a SQLite database: its declared schema (tables, columns, keys, constraints, indexes)
// and its rows, into relsynth's Metadata and columnar Tables.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <unordered_set>

#include "io/connectors.h"
#include "io/row_selection.h"
#include "io/sqlite_common.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

using sqlite::Affinity;
using sqlite::Connection;
using sqlite::quote_identifier;
using sqlite::Statement;

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Storage types. SQLite is dynamically typed: the declared type only gives an affinity, and
// one column may hold INTEGER, REAL, TEXT and BLOB values side by side. The storage type is
// therefore decided from the values actually stored, so that reading and writing back gives
// the very same values and storage classes:
//   - any BLOB                                   -> Binary
//   - TEXT only                                  -> Date / DateTime / Time when every value
//     (none empty) round-trips through detect_temporal_format, with `format` set; else String
//   - TEXT mixed with numbers                    -> String (numbers as SQLite's text)
//   - INTEGER only                               -> Int64
//   - REAL only                                  -> Float64
//   - INTEGER and REAL mixed                     -> Float64 where the affinity is INTEGER,
//     NUMERIC or REAL (such a column stores a whole REAL as INTEGER, so writing 3.0 back
//     gives INTEGER 3 as before); otherwise String
//   - no non-NULL value at all                   -> from the declared type's affinity:
//     INTEGER -> Int64, REAL -> Float64, a declared BLOB -> Binary, anything else -> String
struct ColumnScan {
  int64_t integers = 0, reals = 0, texts = 0, blobs = 0;
  bool temporal_candidate = true;            // every value so far is non-empty, short TEXT
  std::unordered_set<std::string> distinct;  // the candidate's distinct values
};

constexpr size_t kTemporalSample = 64;     // distinct values checked before collecting all
constexpr size_t kMaxTemporalLength = 40;  // longer text is never a date or time

std::optional<TemporalFormat> detect(const std::unordered_set<std::string>& values) {
  std::vector<std::string_view> samples(values.begin(), values.end());
  return detect_temporal_format(samples);
}

void observe(ColumnScan& scan, const Statement& stmt, int column) {
  switch (stmt.type(column)) {
    case SQLITE_NULL:
      return;
    case SQLITE_INTEGER:
      ++scan.integers;
      break;
    case SQLITE_FLOAT:
      ++scan.reals;
      break;
    case SQLITE_BLOB:
      ++scan.blobs;
      break;
    case SQLITE_TEXT: {
      ++scan.texts;
      if (!scan.temporal_candidate) return;
      std::string_view text = stmt.text(column);
      if (text.empty() || text.size() > kMaxTemporalLength) {
        scan.temporal_candidate = false;
        scan.distinct.clear();
        return;
      }
      if (scan.distinct.emplace(text).second && scan.distinct.size() == kTemporalSample &&
          !detect(scan.distinct)) {
        scan.temporal_candidate = false;
        scan.distinct.clear();
      }
      return;
    }
  }
  if (scan.temporal_candidate) {
    scan.temporal_candidate = false;
    scan.distinct.clear();
  }
}

void decide_type(ColumnMeta& column, const ColumnScan& scan) {
  const Affinity affinity = sqlite::affinity_of(column.sql_type);
  column.format.clear();
  if (scan.integers + scan.reals + scan.texts + scan.blobs == 0) {
    if (affinity == Affinity::Integer)
      column.type = DataType::Int64;
    else if (affinity == Affinity::Real)
      column.type = DataType::Float64;
    else if (affinity == Affinity::Blob && !column.sql_type.empty())
      column.type = DataType::Binary;
    else
      column.type = DataType::String;
  } else if (scan.blobs > 0) {
    column.type = DataType::Binary;
  } else if (scan.texts > 0) {
    column.type = DataType::String;
    if (scan.integers + scan.reals == 0 && scan.temporal_candidate) {
      if (auto temporal = detect(scan.distinct)) {
        column.type = temporal->type;
        column.format = temporal->format;
      }
    }
  } else if (scan.reals == 0) {
    column.type = DataType::Int64;
  } else if (scan.integers == 0) {
    column.type = DataType::Float64;
  } else {
    column.type =
        affinity == Affinity::Integer || affinity == Affinity::Numeric || affinity == Affinity::Real
            ? DataType::Float64
            : DataType::String;
  }
}

// ISO layouts tried for a temporal column that has no format.
std::optional<int64_t> parse_iso(std::string_view text, DataType type) {
  static constexpr std::string_view kDate[] = {"%Y-%m-%d"};
  static constexpr std::string_view kDateTime[] = {"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f",
                                                   "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f",
                                                   "%Y-%m-%d %H:%M",    "%Y-%m-%d"};
  static constexpr std::string_view kTime[] = {"%H:%M:%S", "%H:%M:%S.%f", "%H:%M"};
  auto try_all = [&](auto& formats) -> std::optional<int64_t> {
    for (std::string_view format : formats) {
      // "%f" reads exactly six digits; allow 1-6 by trying each width.
      if (format.ends_with("%f")) {
        for (char digits = '1'; digits <= '6'; ++digits) {
          std::string fixed(format.substr(0, format.size() - 1));
          fixed += digits;
          fixed += 'f';
          if (auto value = parse_temporal(text, type, fixed)) return value;
        }
      } else if (auto value = parse_temporal(text, type, format)) {
        return value;
      }
    }
    return std::nullopt;
  };
  if (type == DataType::Date) return try_all(kDate);
  if (type == DataType::DateTime) return try_all(kDateTime);
  return try_all(kTime);
}

// The shadow tables (`<vtab>_<suffix>`) that SQLite's own modules keep their data in.
std::vector<std::string_view> shadow_suffixes(std::string_view module) {
  if (module == "fts3" || module == "fts4")
    return {"content", "segments", "segdir", "docsize", "stat"};
  if (module == "fts5") return {"data", "idx", "content", "docsize", "config"};
  if (module == "rtree" || module == "rtree_i32" || module == "geopoly")
    return {"node", "rowid", "parent"};
  return {};
}

bool is_fts(std::string_view module) {
  return module == "fts3" || module == "fts4" || module == "fts5";
}

std::string preview(std::string_view text) {
  constexpr size_t kMax = 60;
  std::string out(text.substr(0, kMax));
  if (text.size() > kMax) out += "...";
  return "'" + out + "'";
}

class SqliteSource final : public Source {
 public:
  SqliteSource(const std::string& path, const SourceOptions& options) : options_(options) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec))
      throw IoError("cannot open SQLite database " + path + ": no such file");
    if (!fs::is_regular_file(path, ec))
      throw IoError("cannot open SQLite database " + path + ": not a regular file");
    db_ = Connection(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    // The header is only read by the first query: make a bad file fail here, naming the path.
    try {
      Statement probe(db_, "SELECT count(*) FROM sqlite_master");
      probe.step();
    } catch (const IoError&) {
      throw IoError("cannot read SQLite database " + path + ": " + db_.message());
    }
  }

  std::string kind() const override { return "sqlite"; }

  Metadata describe() override {
    Metadata metadata;
    metadata.keys_declared = true;

    load_schema();
    for (const std::string& warning : schema_warnings_) warn(warning);
    for (const SchemaTable& table : tables_) {
      metadata.tables.push_back(describe_table(table.name, table.sql));
      metadata.tables.back().virtual_module = table.module;
    }
    return metadata;
  }

  Table read_table(const TableMeta& meta) override { return read_where(meta, {}); }

  Table read_rows(const TableMeta& meta, const RowSelection& selection) override {
    return read_selected_rows(meta, selection, SelectionDialect{},
                              [&](const std::string& where) { return read_where(meta, where); });
  }

  Table read_page(const TableMeta& meta, size_t offset, size_t limit) override {
    return read_where(meta, {}, Page{offset, limit});
  }

 private:
  struct SchemaTable {
    std::string name, sql;
    std::string module;  // a full-text table's declaration after USING; empty for others
  };

  void warn(const std::string& message) const {
    if (options_.on_warning)
      options_.on_warning(message);
    else
      std::fprintf(stderr, "warning: %s\n", message.c_str());
  }

  // Sorts the tables of sqlite_master (internal sqlite_* ones aside) once: ordinary tables and
  // full-text tables whose rows can be read are described; the shadow tables a virtual table
  // keeps its data in (an FTS index holds every word of the text) are never read; any other
  // virtual table is skipped, with a warning naming it.
  void load_schema() {
    if (schema_loaded_) return;
    schema_loaded_ = true;
    std::vector<std::pair<std::string, std::string>> all;  // name, CREATE sql
    {
      Statement stmt(db_,
                     "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' "
                     "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
      while (stmt.step()) all.emplace_back(stmt.string(0), stmt.string(1));
    }
    std::map<std::string, sqlite::VirtualTableDeclaration> virtuals;  // by lower-case name
    for (const auto& [name, sql] : all)
      if (ascii_lower(sql.substr(0, 20)).starts_with("create virtual"))
        virtuals[ascii_lower(name)] = sqlite::virtual_table_declaration(sql);

    // Shadow tables: as SQLite names them (3.37+), and by name for the modules it ships.
    try {
      Statement stmt(db_, "SELECT name FROM pragma_table_list WHERE type = 'shadow'");
      while (stmt.step()) skipped_[ascii_lower(stmt.string(0))] = "a shadow table";
    } catch (const IoError&) {
      // An older SQLite: the names below still find the shadow tables of its modules.
    }
    std::map<std::string, std::vector<std::string>> unknown_shadows;  // by virtual table
    for (const auto& [name, sql] : all) {
      const std::string lower = ascii_lower(name);
      if (virtuals.count(lower)) continue;
      for (const auto& [owner, declaration] : virtuals) {
        if (!lower.starts_with(owner + "_")) continue;
        const std::string module = ascii_lower(declaration.module);
        const std::vector<std::string_view> suffixes = shadow_suffixes(module);
        const std::string suffix = lower.substr(owner.size() + 1);
        // A module SQLite does not ship may keep its data in any `<vtab>_...` table.
        if (suffixes.empty()) unknown_shadows[owner].push_back(name);
        if (suffixes.empty() ||
            std::find(suffixes.begin(), suffixes.end(), suffix) != suffixes.end())
          skipped_[lower] = "a shadow table of the virtual table " + quote_name(owner);
      }
    }

    for (const auto& [name, sql] : all) {
      const std::string lower = ascii_lower(name);
      if (skipped_.count(lower)) continue;
      auto v = virtuals.find(lower);
      if (v == virtuals.end()) {
        tables_.push_back({name, sql, {}});
        continue;
      }
      const std::string module = ascii_lower(v->second.module);
      std::string why;
      if (!is_fts(module)) {
        why = "relsynth synthesizes ordinary and full-text (FTS3/4/5) tables only";
        if (auto shadows = unknown_shadows.find(lower); shadows != unknown_shadows.end()) {
          why += "; left out with it, as its likely shadow tables:";
          for (const std::string& shadow : shadows->second) why += " " + quote_name(shadow);
        }
      } else if (auto content = sqlite::module_option(v->second.declaration, "content")) {
        why = content->empty()
                  ? "it is contentless (content=''): its index holds no readable rows"
                  : "it indexes the table " + quote_name(*content) +
                        ", which is synthesized as itself; to search the synthetic rows, create "
                        "the table again and run INSERT INTO " +
                        quote_identifier(name) + "(" + quote_identifier(name) +
                        ") VALUES('rebuild')";
      } else {
        try {  // the module may be missing from this SQLite
          Statement probe(db_, "SELECT * FROM " + quote_identifier(name) + " LIMIT 0");
        } catch (const IoError&) {
          why = db_.message();
        }
      }
      if (why.empty()) {
        tables_.push_back({name, sql, v->second.declaration});
      } else {
        skipped_[lower] = "a virtual table relsynth skips";
        schema_warnings_.push_back("skipped the virtual table " + quote_name(name) + " (" +
                                   v->second.module + "): " + why);
      }
    }
    for (const SchemaTable& table : tables_) table_names_[ascii_lower(table.name)] = table.name;
  }

  struct Page {
    size_t offset, limit;
  };

  // The rows of a table (those meeting `where`, an SQL condition, unless it is empty), or one
  // page of them.
  Table read_where(const TableMeta& meta, const std::string& where,
                   std::optional<Page> page = std::nullopt) {
    load_schema();
    if (auto skipped = skipped_.find(ascii_lower(meta.name)); skipped != skipped_.end())
      throw InputError(locate(meta.name) + " in " + db_.path() + " is " + skipped->second +
                       ", which relsynth never reads: leave it out of the metadata");
    if (meta.columns.empty()) throw InputError(locate(meta.name) + ": the table has no columns");
    std::string sql = "SELECT ";
    for (size_t i = 0; i < meta.columns.size(); ++i) {
      if (i) sql += ", ";
      sql += quote_identifier(meta.columns[i].name);
    }
    sql += " FROM " + quote_identifier(meta.name);
    // NOT INDEXED reads a whole table in its stored order; a selection may use the key's index.
    sql += where.empty() ? " NOT INDEXED" : " WHERE " + where;
    // OFFSET steps over the rows before the page without reading their values.
    constexpr size_t kMaxSql = static_cast<size_t>(std::numeric_limits<int64_t>::max());
    if (page)
      sql += " LIMIT " + std::to_string(std::min(page->limit, kMaxSql)) + " OFFSET " +
             std::to_string(std::min(page->offset, kMaxSql));
    Statement stmt = prepare_for(meta.name, sql);

    int64_t rows = where.empty() ? meta.row_count : 0;
    if (page) rows = static_cast<int64_t>(std::min<size_t>(page->limit, 1 << 16));
    if (rows < 0) {
      Statement count =
          prepare_for(meta.name, "SELECT count(*) FROM " + quote_identifier(meta.name));
      count.step();
      rows = count.int64(0);
    }

    Table table(meta.name);
    for (const ColumnMeta& column : meta.columns) {
      Column& out = table.add_column(Column(column.name, column.type, column.format));
      out.reserve(static_cast<size_t>(rows));
    }
    std::vector<Column*> columns;
    for (Column& column : table.columns()) columns.push_back(&column);

    const int width = static_cast<int>(columns.size());
    int64_t row = page ? static_cast<int64_t>(std::min(page->offset, kMaxSql)) : 0;
    while (stmt.step()) {
      for (int j = 0; j < width; ++j) append_value(*columns[j], stmt, j, meta, row);
      ++row;
    }
    return table;
  }

  Statement prepare_for(const std::string& table, const std::string& sql) {
    try {
      return Statement(db_, sql);
    } catch (const IoError&) {
      // "no such table" / "no such column": the metadata does not match the database.
      if (sqlite3_errcode(db_.get()) == SQLITE_ERROR)
        throw InputError(locate(table) + ": " + db_.message() + " in " + db_.path());
      throw;
    }
  }

  [[noreturn]] static void bad_value(const TableMeta& meta, const Column& column, int64_t row,
                                     const std::string& what) {
    throw InputError(locate(meta.name, column.name(), row) + ": " + what);
  }

  static std::string kind_of(int sqlite_type) {
    switch (sqlite_type) {
      case SQLITE_INTEGER:
        return "INTEGER";
      case SQLITE_FLOAT:
        return "REAL";
      case SQLITE_TEXT:
        return "TEXT";
      case SQLITE_BLOB:
        return "BLOB";
    }
    return "NULL";
  }

  static void append_value(Column& out, const Statement& stmt, int j, const TableMeta& meta,
                           int64_t row) {
    const int type = stmt.type(j);
    if (type == SQLITE_NULL) return out.append_null();
    switch (out.type()) {
      case DataType::Int64: {
        if (type == SQLITE_INTEGER) return out.append_int(stmt.int64(j));
        if (type == SQLITE_FLOAT) {
          double value = stmt.real(j);
          if (std::nearbyint(value) == value && std::fabs(value) < 9.2e18)
            return out.append_int(static_cast<int64_t>(value));
        } else if (type == SQLITE_TEXT) {
          std::string_view text = stmt.text(j);
          int64_t value = 0;
          auto result = std::from_chars(text.data(), text.data() + text.size(), value);
          if (result.ec == std::errc() && result.ptr == text.data() + text.size())
            return out.append_int(value);
        }
        bad_value(meta, out, row,
                  kind_of(type) + " value " + preview(stmt.text(j)) + " is not an integer");
      }
      case DataType::Bool: {
        if (type == SQLITE_INTEGER) return out.append_int(stmt.int64(j) != 0);
        if (type == SQLITE_FLOAT) return out.append_int(stmt.real(j) != 0.0);
        if (type == SQLITE_TEXT) {
          std::string text = ascii_lower(stmt.text(j));
          if (text == "1" || text == "true" || text == "t" || text == "yes" || text == "y")
            return out.append_int(1);
          if (text == "0" || text == "false" || text == "f" || text == "no" || text == "n")
            return out.append_int(0);
        }
        bad_value(meta, out, row,
                  kind_of(type) + " value " + preview(stmt.text(j)) + " is not a boolean");
      }
      case DataType::Float64: {
        if (type == SQLITE_INTEGER) return out.append_double(static_cast<double>(stmt.int64(j)));
        if (type == SQLITE_FLOAT) return out.append_double(stmt.real(j));
        if (type == SQLITE_TEXT) {
          std::string_view text = stmt.text(j);
          double value = 0;
          auto result = std::from_chars(text.data(), text.data() + text.size(), value);
          if (result.ec == std::errc() && result.ptr == text.data() + text.size())
            return out.append_double(value);
        }
        bad_value(meta, out, row,
                  kind_of(type) + " value " + preview(stmt.text(j)) + " is not a number");
      }
      case DataType::Decimal:
      case DataType::String:
        if (type == SQLITE_FLOAT) return out.append_string(sqlite::real_to_text(stmt.real(j)));
        if (type == SQLITE_BLOB) return out.append_string(stmt.blob(j));
        return out.append_string(stmt.text(j));
      case DataType::Binary:
        return out.append_string(stmt.blob(j));
      case DataType::Date:
      case DataType::DateTime:
      case DataType::Time: {
        if (type == SQLITE_TEXT) {
          std::string_view text = stmt.text(j);
          auto value = out.format().empty() ? parse_iso(text, out.type())
                                            : parse_temporal(text, out.type(), out.format());
          if (value) return out.append_int(*value);
          bad_value(meta, out, row,
                    "value " + preview(text) + " is not a " + std::string(to_string(out.type())) +
                        (out.format().empty() ? std::string(" in ISO layout")
                                              : " in the format \"" + out.format() + "\""));
        }
        bad_value(meta, out, row,
                  kind_of(type) + " value " + preview(stmt.text(j)) + " is not a " +
                      std::string(to_string(out.type())) + " (dates and times must be TEXT)");
      }
    }
    bad_value(meta, out, row, "unsupported storage type");
  }

  std::vector<std::string> primary_key_of(const std::string& table) {
    std::vector<std::pair<int64_t, std::string>> keyed;
    Statement stmt(db_, "SELECT name, pk FROM pragma_table_info(?1) WHERE pk > 0");
    stmt.bind_text(1, table);
    while (stmt.step()) keyed.emplace_back(stmt.int64(1), stmt.string(0));
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> key;
    for (auto& [position, name] : keyed) key.push_back(std::move(name));
    return key;
  }

  // The table's real name for a name written in a REFERENCES clause (SQLite names are
  // case-insensitive for ASCII letters).
  std::string canonical_table(const std::string& name) const {
    auto it = table_names_.find(ascii_lower(name));
    return it == table_names_.end() ? name : it->second;
  }

  std::string canonical_column(const std::string& table, const std::string& name) {
    auto& columns = column_names_[table];
    if (columns.empty()) {
      Statement stmt(db_, "SELECT name FROM pragma_table_info(?1)");
      stmt.bind_text(1, table);
      while (stmt.step()) {
        std::string column = stmt.string(0);
        columns[ascii_lower(column)] = column;
      }
    }
    auto it = columns.find(ascii_lower(name));
    return it == columns.end() ? name : it->second;
  }

  TableMeta describe_table(const std::string& name, const std::string& create_sql) {
    TableMeta table;
    table.name = name;

    // Columns. table_xinfo also lists generated columns (hidden 2: VIRTUAL, 3: STORED), which
    // table_info leaves out; hidden 1 is a virtual table's hidden column (an FTS rank).
    std::vector<std::pair<int64_t, std::string>> keyed;
    const std::vector<sqlite::GeneratedColumn> generated = sqlite::generated_columns(create_sql);
    {
      Statement stmt(db_,
                     "SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                     "FROM pragma_table_xinfo(?1) ORDER BY cid");
      stmt.bind_text(1, name);
      while (stmt.step()) {
        const int64_t hidden = stmt.int64(5);
        if (hidden == 1) continue;
        ColumnMeta column;
        column.name = stmt.string(0);
        column.sql_type = stmt.string(1);
        column.nullable = stmt.int64(2) == 0;
        if (!stmt.is_null(3)) column.default_value = stmt.string(3);
        if (stmt.int64(4) > 0) keyed.emplace_back(stmt.int64(4), column.name);
        if (hidden == 2 || hidden == 3) {
          auto it = std::find_if(generated.begin(), generated.end(), [&](const auto& g) {
            return sqlite::iequals(g.name, column.name);
          });
          if (it == generated.end()) {
            warn(locate(name, column.name) + ": a generated column whose expression relsynth " +
                 "cannot read from the CREATE TABLE statement; left out");
            continue;
          }
          column.generated = it->expression;
          column.generated_stored = hidden == 3;
        }
        table.columns.push_back(std::move(column));
      }
    }
    std::sort(keyed.begin(), keyed.end());
    for (auto& [position, column] : keyed) table.primary_key.push_back(column);
    if (!table.primary_key.empty()) table.primary_key_reason = "declared";
    if (table.primary_key.size() == 1 && sqlite::has_autoincrement(create_sql))
      table.find_column(table.primary_key.front())->auto_increment = true;

    scan_values(table);

    // Foreign keys: the pragma lists them last-declared first (id 0 is the last one).
    {
      Statement stmt(db_,
                     "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                     "FROM pragma_foreign_key_list(?1) ORDER BY id DESC, seq");
      stmt.bind_text(1, name);
      int64_t current = -1;
      bool implicit_parent_columns = false;
      auto finish = [&] {
        if (current < 0) return;
        ForeignKey& key = table.foreign_keys.back();
        if (implicit_parent_columns) key.parent_columns = primary_key_of(key.parent_table);
      };
      while (stmt.step()) {
        if (stmt.int64(0) != current) {
          finish();
          current = stmt.int64(0);
          implicit_parent_columns = false;
          ForeignKey key;
          key.parent_table = canonical_table(stmt.string(1));
          std::string on_update = stmt.string(4), on_delete = stmt.string(5);
          if (on_update != "NO ACTION") key.on_update = on_update;
          if (on_delete != "NO ACTION") key.on_delete = on_delete;
          key.reason = "declared";
          table.foreign_keys.push_back(std::move(key));
        }
        ForeignKey& key = table.foreign_keys.back();
        key.columns.push_back(canonical_column(name, stmt.string(2)));
        if (stmt.is_null(3))
          implicit_parent_columns = true;
        else
          key.parent_columns.push_back(canonical_column(key.parent_table, stmt.string(3)));
      }
      finish();
    }

    // UNIQUE constraints and indexes, in creation order.
    {
      Statement stmt(db_,
                     "SELECT il.name, il.\"unique\", il.origin, il.partial "
                     "FROM pragma_index_list(?1) AS il "
                     "LEFT JOIN sqlite_master AS m ON m.type = 'index' AND m.name = il.name "
                     "ORDER BY m.rowid");
      stmt.bind_text(1, name);
      struct Entry {
        std::string name, origin;
        bool unique, partial;
      };
      std::vector<Entry> entries;
      while (stmt.step())
        entries.push_back({stmt.string(0), stmt.string(2), stmt.int64(1) != 0, stmt.int64(3) != 0});
      for (const Entry& entry : entries) {
        if (entry.origin == "pk") continue;
        std::vector<std::string> columns;
        bool plain = true;  // every key part is a named column (no expression, no rowid)
        Statement info(db_, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno");
        info.bind_text(1, entry.name);
        while (info.step()) {
          if (info.is_null(0))
            plain = false;
          else
            columns.push_back(info.string(0));
        }
        if (!plain || columns.empty()) continue;  // expression indexes cannot be described
        if (entry.origin == "u") {
          if (columns.size() > 1)
            table.unique_constraints.push_back({columns});
          else if (ColumnMeta* column = table.find_column(columns.front()))
            column->unique = true;
        } else {
          // A partial UNIQUE index would become a full one: left out rather than tightened.
          if (entry.partial && entry.unique) continue;
          table.indexes.push_back({entry.name, columns, entry.unique});
        }
      }
    }

    table.checks = sqlite::extract_checks(create_sql);
    return table;
  }

  // One pass over the table: row count and each column's storage type.
  void scan_values(TableMeta& table) {
    std::string sql = "SELECT ";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (i) sql += ", ";
      sql += quote_identifier(table.columns[i].name);
    }
    sql += " FROM " + quote_identifier(table.name) + " NOT INDEXED";
    Statement stmt(db_, sql);
    std::vector<ColumnScan> scans(table.columns.size());
    const int width = static_cast<int>(scans.size());
    int64_t rows = 0;
    while (stmt.step()) {
      for (int j = 0; j < width; ++j) observe(scans[j], stmt, j);
      ++rows;
    }
    table.row_count = rows;
    for (size_t j = 0; j < scans.size(); ++j) decide_type(table.columns[j], scans[j]);
  }

  SourceOptions options_;
  Connection db_;
  bool schema_loaded_ = false;
  std::vector<SchemaTable> tables_;                 // described, in creation order
  std::map<std::string, std::string> skipped_;      // lower-case name -> what it is
  std::vector<std::string> schema_warnings_;        // the virtual tables skipped, and why
  std::map<std::string, std::string> table_names_;  // lower-case name -> name
  std::map<std::string, std::map<std::string, std::string>> column_names_;
};

}  // namespace

std::unique_ptr<Source> make_sqlite_source(const std::string& path, const SourceOptions& options) {
  return std::make_unique<SqliteSource>(path, options);
}

}  // namespace relsynth

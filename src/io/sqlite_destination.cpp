// Writes a database to a SQLite file: schema from the Metadata, rows from columnar Tables.
// Everything goes to a temporary file beside the destination, renamed over it by commit(),
// so a failed or abandoned write leaves the destination as it was.
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/temp_files.h"
#include "io/connectors.h"
#include "io/sqlite_common.h"
#include "relsynth/error.h"

namespace relsynth {

namespace {

namespace fs = std::filesystem;
using sqlite::Connection;
using sqlite::iequals;
using sqlite::quote_identifier;
using sqlite::Statement;

std::string column_list(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out += quote_identifier(columns[i]);
  }
  return out + ")";
}

// A declared type SQLite can parse: words, numbers, parentheses, commas, signs.
bool plausible_sql_type(std::string_view type) {
  for (char c : type) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || c == ' ' || c == '(' || c == ')' || c == ',' || c == '+' ||
          c == '-'))
      return false;
  }
  return true;
}

std::string declared_type(const ColumnMeta& column) {
  if (!column.sql_type.empty() && plausible_sql_type(column.sql_type)) return column.sql_type;
  return sqlite::default_sql_type(column.type, column.format);
}

// True when the table's key is written inline as INTEGER PRIMARY KEY AUTOINCREMENT, which
// SQLite only allows on a single column declared exactly INTEGER.
bool inline_autoincrement(const TableMeta& table, const ColumnMeta& column) {
  return column.auto_increment && table.primary_key.size() == 1 &&
         table.primary_key.front() == column.name && iequals(declared_type(column), "INTEGER");
}

std::string create_table_sql(const TableMeta& table) {
  // Index columns are checked here: CREATE INDEX would index a double-quoted name that matches
  // no column as a string constant.
  for (const IndexMeta& index : table.indexes)
    for (const std::string& column : index.columns)
      if (!table.find_column(column))
        throw InputError(locate(table.name, column) + ": index " + quote_name(index.name) +
                         " names a column the table does not have");
  // A full-text table as the source declared it: its index then holds the synthetic words.
  if (!table.virtual_module.empty())
    return "CREATE VIRTUAL TABLE " + quote_identifier(table.name) + " USING " +
           table.virtual_module;
  std::vector<std::string> parts;
  bool key_inline = false;
  for (const ColumnMeta& column : table.columns) {
    std::string part = quote_identifier(column.name);
    if (!column.generated.empty()) {
      if (!column.sql_type.empty()) part += " " + declared_type(column);
      part += " GENERATED ALWAYS AS (" + column.generated + ")";
      part += column.generated_stored ? " STORED" : " VIRTUAL";
      if (!column.nullable) part += " NOT NULL";
      if (column.unique) part += " UNIQUE";
      parts.push_back(std::move(part));
      continue;
    }
    part += " " + declared_type(column);
    if (!column.nullable) part += " NOT NULL";
    if (inline_autoincrement(table, column)) {
      part += " PRIMARY KEY AUTOINCREMENT";
      key_inline = true;
    }
    if (column.default_value) {
      // table_info reports `DEFAULT (1 + 2)` as `1 + 2`: anything but a literal gets its
      // parentheses back.
      const bool literal = sqlite::is_default_literal(*column.default_value);
      part += literal ? " DEFAULT " : " DEFAULT (";
      part += *column.default_value;
      if (!literal) part += ')';
    }
    if (column.unique) part += " UNIQUE";
    parts.push_back(std::move(part));
  }
  if (!table.primary_key.empty() && !key_inline)
    parts.push_back("PRIMARY KEY " + column_list(table.primary_key));
  for (const UniqueConstraint& unique : table.unique_constraints)
    parts.push_back("UNIQUE " + column_list(unique.columns));
  for (const std::string& check : table.checks) parts.push_back("CHECK (" + check + ")");
  for (const ForeignKey& key : table.foreign_keys) {
    std::string part = "FOREIGN KEY " + column_list(key.columns) + " REFERENCES " +
                       quote_identifier(key.parent_table);
    if (!key.parent_columns.empty()) {
      part += ' ';
      part += column_list(key.parent_columns);
    }
    if (!key.on_delete.empty()) part += " ON DELETE " + key.on_delete;
    if (!key.on_update.empty()) part += " ON UPDATE " + key.on_update;
    parts.push_back(std::move(part));
  }
  std::string sql = "CREATE TABLE " + quote_identifier(table.name) + " (\n  ";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) sql += ",\n  ";
    sql += parts[i];
  }
  return sql + "\n)";
}

// Marks the databases relsynth writes (SQLite's application_id, "RSNT"), so that --overwrite
// replaces one of them and never a database of the user's.
constexpr uint32_t kApplicationId = 0x52534E54;

// Why --overwrite may not replace `path`; empty when it may: an empty file, a database relsynth
// wrote, or one without a table.
std::string why_not_replaceable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char header[100] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  if (in.gcount() == 0) return {};
  if (in.gcount() < 100 || std::memcmp(header, "SQLite format 3", 16) != 0)
    return "is not a SQLite database";
  const uint32_t application_id = uint32_t{header[68]} << 24 | uint32_t{header[69]} << 16 |
                                  uint32_t{header[70]} << 8 | uint32_t{header[71]};
  if (application_id == kApplicationId) return {};
  try {
    Connection db(path, SQLITE_OPEN_READONLY);
    Statement count(db, "SELECT count(*) FROM sqlite_master");
    if (sqlite3_step(count.get()) == SQLITE_ROW && sqlite3_column_int64(count.get(), 0) == 0)
      return {};
  } catch (const Error&) {
    return "cannot be read as a SQLite database";
  }
  return "is a database relsynth did not write";
}

class SqliteDestination final : public Destination {
 public:
  SqliteDestination(const std::string& path, const DestinationOptions& options)
      : path_(path), overwrite_(options.overwrite) {
    prepare_output_file("destination", path);
    remove_stale_temporaries(path,
                             [&options](const std::string& text) { warn_about(options, text); });
    std::error_code ec;
    if (fs::exists(path, ec)) {
      if (!overwrite_) throw UsageError("destination " + path + " exists; pass --overwrite");
      // --overwrite replaces relsynth's own output, never a file or database of the user's.
      if (const std::string why = why_not_replaceable(path); !why.empty())
        throw UsageError("destination " + path + " exists and " + why +
                         "; --overwrite only replaces a database relsynth wrote: move it or "
                         "choose another file");
    }
  }

  ~SqliteDestination() override {
    try {
      abort();
    } catch (...) {
      // A destructor must not throw; the temporary file is best-effort cleanup here.
    }
  }

  std::string kind() const override { return "sqlite"; }

  // The schema created in a database in memory: whatever SQLite refuses is said now.
  void check(const Metadata& metadata) const override {
    Connection db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
    create_tables(db, metadata);
  }

  void begin(const Metadata& metadata) override {
    if (state_ != State::Created)
      throw Error(ErrorCode::Internal, "SQLite destination " + path_ + ": begin() called twice");
    staged_ = std::make_unique<StagedPath>(path_);
    temp_path_ = staged_->path().string();
    state_ = State::Begun;
    try {
      db_ =
          Connection(temp_path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
      // The file is private until renamed, so durability and the rollback journal buy nothing:
      // a failed write is undone by deleting the file.
      db_.exec(
          "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; "
          "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA application_id=" +
          std::to_string(kApplicationId) + "; BEGIN");
      metadata_ = metadata;
      create_tables(db_, metadata_);
    } catch (...) {
      abort();
      throw;
    }
  }

  void append(const TableMeta& table, const Table& rows) override {
    if (state_ != State::Begun)
      throw Error(ErrorCode::Internal,
                  "SQLite destination " + path_ + ": append() outside begin()/commit()");
    if (rows.num_columns() != table.columns.size())
      throw InputError(locate(table.name) + ": " + std::to_string(rows.num_columns()) +
                       " columns given for " + std::to_string(table.columns.size()) +
                       " in the metadata");
    Insert& insert = insert_for(table);
    sqlite3_stmt* stmt = insert.stmt.get();
    const size_t width = rows.num_columns();
    const size_t count = rows.num_rows();

    // Per column: the text layout for temporal values, and a buffer that outlives the step.
    std::vector<std::string> formats(width), buffers(width);
    for (size_t j = 0; j < width; ++j) {
      formats[j] = rows.column(j).format();
      if (formats[j].empty()) formats[j] = table.columns[j].format;
    }

    for (size_t r = 0; r < count; ++r) {
      for (size_t j = 0; j < width; ++j) {
        const Column& column = rows.column(j);
        const int index = insert.parameters[j];
        if (index == 0) continue;  // a generated column
        if (column.is_null(r)) {
          sqlite3_bind_null(stmt, index);
          continue;
        }
        switch (column.type()) {
          case DataType::Int64:
          case DataType::Bool:
            sqlite3_bind_int64(stmt, index, column.int_at(r));
            break;
          case DataType::Float64:
            sqlite3_bind_double(stmt, index, column.double_at(r));
            break;
          case DataType::Decimal:
          case DataType::String: {
            const std::string& text = column.string_at(r);
            sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()),
                              SQLITE_STATIC);
            break;
          }
          case DataType::Binary: {
            const std::string& bytes = column.string_at(r);
            sqlite3_bind_blob(stmt, index, bytes.data(), static_cast<int>(bytes.size()),
                              SQLITE_STATIC);
            break;
          }
          case DataType::Date:
          case DataType::DateTime:
          case DataType::Time:
            buffers[j] = format_temporal(column.int_at(r), column.type(), formats[j]);
            sqlite3_bind_text(stmt, index, buffers[j].data(), static_cast<int>(buffers[j].size()),
                              SQLITE_STATIC);
            break;
        }
      }
      const int rc = sqlite3_step(stmt);
      if (rc != SQLITE_DONE) fail_insert(table, rc, insert.rows_written + static_cast<int64_t>(r));
      sqlite3_reset(stmt);
    }
    insert.rows_written += static_cast<int64_t>(count);
  }

  void commit() override {
    if (state_ != State::Begun)
      throw Error(ErrorCode::Internal,
                  "SQLite destination " + path_ + ": commit() without a matching begin()");
    try {
      inserts_.clear();
      for (const TableMeta& table : metadata_.tables) {
        for (const IndexMeta& index : table.indexes) {
          std::string name = index.name;
          if (name.empty()) {
            name = "idx_" + table.name;
            for (const std::string& column : index.columns) name += "_" + column;
          }
          const std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") +
                                  "INDEX " + quote_identifier(name) + " ON " +
                                  quote_identifier(table.name) + " " + column_list(index.columns);
          char* error = nullptr;
          if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::string message = error ? error : db_.message();
            sqlite3_free(error);
            throw InputError(locate(table.name) + ": cannot create index " +
                             quote_identifier(name) + ": " + message);
          }
        }
      }
      db_.exec("COMMIT");
      db_.close();
      std::error_code ec;
      if (!overwrite_ && fs::exists(path_, ec))
        throw UsageError("destination " + path_ + " exists; pass --overwrite");
      staged_->commit();
      staged_.reset();
      temp_path_.clear();
      state_ = State::Committed;
    } catch (...) {
      abort();
      throw;
    }
  }

  void abort() override {
    if (state_ == State::Committed) return;
    inserts_.clear();
    db_.close();      // the transaction dies with the file: nothing to roll back
    staged_.reset();  // removes the temporary file
    temp_path_.clear();
    state_ = State::Aborted;
  }

 private:
  void create_tables(const Connection& db, const Metadata& metadata) const {
    for (const TableMeta& table : metadata.tables) {
      const std::string sql = create_table_sql(table);
      char* error = nullptr;
      if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : db.message();
        sqlite3_free(error);
        throw InputError(locate(table.name) + ": cannot create the table in " + path_ + ": " +
                         message);
      }
    }
  }

  struct Insert {
    Statement stmt;
    int64_t rows_written = 0;
    std::vector<int> parameters;  // per column its parameter's index; 0: not written
  };

  Insert& insert_for(const TableMeta& table) {
    auto it = inserts_.find(table.name);
    if (it != inserts_.end()) return it->second;
    std::vector<std::string> names;
    std::string placeholders;
    std::vector<int> parameters;
    for (const ColumnMeta& column : table.columns) {
      parameters.push_back(column.generated.empty() ? static_cast<int>(names.size()) + 1 : 0);
      if (!column.generated.empty()) continue;  // SQLite computes it
      placeholders += names.empty() ? "?" : ", ?";
      names.push_back(column.name);
    }
    const std::string sql = "INSERT INTO " + quote_identifier(table.name) + " " +
                            column_list(names) + " VALUES (" + placeholders + ")";
    Statement stmt;
    try {
      stmt = Statement(db_, sql);
    } catch (const IoError&) {
      throw InputError(locate(table.name) + ": cannot write to " + path_ + ": " + db_.message());
    }
    return inserts_.emplace(table.name, Insert{std::move(stmt), 0, std::move(parameters)})
        .first->second;
  }

  [[noreturn]] void fail_insert(const TableMeta& table, int rc, int64_t row) {
    const std::string message = db_.message();
    const int extended = sqlite3_extended_errcode(db_.get());
    sqlite3_reset(inserts_.at(table.name).stmt.get());
    if ((rc & 0xff) == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_MISMATCH) {
      // "NOT NULL constraint failed: table.column" names one column; find which.
      std::string column;
      if (extended == SQLITE_CONSTRAINT_NOTNULL) {
        for (const ColumnMeta& candidate : table.columns) {
          const std::string suffix = "." + candidate.name;
          if (message.ends_with(suffix) && candidate.name.size() > column.size())
            column = candidate.name;
        }
      }
      throw InputError(locate(table.name, column, row) + ": " + message);
    }
    throw IoError("cannot write " + locate(table.name, {}, row) + " to " + path_ + ": " + message);
  }

  enum class State { Created, Begun, Committed, Aborted };

  std::string path_;
  bool overwrite_;
  std::unique_ptr<StagedPath> staged_;
  std::string temp_path_;  // staged_'s path while writing
  State state_ = State::Created;
  Connection db_;
  Metadata metadata_;
  std::map<std::string, Insert> inserts_;
};

}  // namespace

std::unique_ptr<Destination> make_sqlite_destination(const std::string& path,
                                                     const DestinationOptions& options) {
  return std::make_unique<SqliteDestination>(path, options);
}

}  // namespace relsynth

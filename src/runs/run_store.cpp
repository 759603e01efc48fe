#include "runs/run_store.h"

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/sqlite_common.h"
#include "relsynth/error.h"
#include "relsynth/io.h"
#include "runs/fingerprint.h"

namespace relsynth::runs {

namespace fs = std::filesystem;

namespace {

constexpr int kSchemaVersion = 1;
constexpr const char* kApplication = "relsynth run store";
constexpr int kBusyTimeoutMs = 15000;

// The schema of version 1. Times are UTC ISO 8601 text; paths inside the store are relative to
// its folder, so a project folder can move.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS store_info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS executions(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  plan_hash TEXT NOT NULL DEFAULT '',
  plan_text TEXT NOT NULL DEFAULT '',
  user TEXT NOT NULL DEFAULT '',
  host TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL,
  started TEXT,
  ended TEXT,
  updated TEXT,
  seed INTEGER NOT NULL DEFAULT 0,
  scale REAL NOT NULL DEFAULT 1,
  root_rows TEXT NOT NULL DEFAULT '{}',
  source TEXT NOT NULL DEFAULT '',
  destination TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  failed_table TEXT NOT NULL DEFAULT '',
  model_file TEXT NOT NULL DEFAULT '',
  model_from INTEGER NOT NULL DEFAULT 0,
  report_html TEXT NOT NULL DEFAULT '',
  report_json TEXT NOT NULL DEFAULT '',
  output TEXT NOT NULL DEFAULT '',
  rows_written INTEGER NOT NULL DEFAULT -1,
  training_key TEXT NOT NULL DEFAULT '',
  pid INTEGER NOT NULL DEFAULT 0,
  process_start TEXT NOT NULL DEFAULT '',
  folder TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS executions_training_key ON executions(training_key, status);
CREATE TABLE IF NOT EXISTS steps(
  execution INTEGER NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  table_name TEXT NOT NULL DEFAULT '',
  started TEXT NOT NULL,
  ended TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  PRIMARY KEY(execution, seq));
CREATE TABLE IF NOT EXISTS warnings(
  execution INTEGER NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  step INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  time TEXT NOT NULL,
  PRIMARY KEY(execution, seq));
CREATE TABLE IF NOT EXISTS locks(
  place TEXT PRIMARY KEY,
  shown TEXT NOT NULL,
  execution INTEGER NOT NULL,
  pid INTEGER NOT NULL,
  process_start TEXT NOT NULL,
  host TEXT NOT NULL,
  acquired TEXT NOT NULL);
)sql";

constexpr const char* kColumns =
    "id, name, status, plan_hash, plan_text, user, host, created, started, ended, updated, seed, "
    "scale, root_rows, source, destination, error, failed_table, model_file, model_from, "
    "report_html, report_json, output, rows_written, training_key, pid, process_start, folder";

const char* kStatusNames[] = {"queued", "running", "succeeded", "failed", "cancelled"};

Status parse_status(std::string_view text) {
  for (int s = 0; s < 5; ++s)
    if (text == kStatusNames[s]) return static_cast<Status>(s);
  return Status::Failed;  // unknown text from a newer writer: shown as ended
}

void bind(sqlite::Statement& statement, int index, std::string_view text) {
  statement.bind_text(index, text);
}
void bind(sqlite::Statement& statement, int index, int64_t value) {
  sqlite3_bind_int64(statement.get(), index, value);
}
void bind(sqlite::Statement& statement, int index, double value) {
  sqlite3_bind_double(statement.get(), index, value);
}

// Binds every argument in order (1, 2, ...) and runs the statement to its end.
template <typename... Args>
sqlite::Statement prepare(const sqlite::Connection& db, std::string_view sql, const Args&... args) {
  sqlite::Statement statement(db, sql);
  [[maybe_unused]] int index = 0;
  (bind(statement, ++index, args), ...);
  return statement;
}

template <typename... Args>
void run(const sqlite::Connection& db, std::string_view sql, const Args&... args) {
  sqlite::Statement statement = prepare(db, sql, args...);
  while (statement.step()) {
  }
}

std::string login_name() {
  if (const passwd* entry = getpwuid(geteuid()); entry && entry->pw_name) return entry->pw_name;
  if (const char* user = std::getenv("USER")) return user;
  return std::to_string(geteuid());
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0) return "localhost";
  return name;
}

std::string process_start_of(int64_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // "pid (comm) state ppid ..." where comm may hold spaces and parentheses: fields after the
  // last ')'; the start time is field 22, the state field 3.
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream fields(text.substr(close + 1));
  std::string field;
  for (int number = 3; number <= 22 && fields >> field; ++number) {
    if (number == 3 && (field == "Z" || field == "X")) return "gone";
    if (number == 22) return field;
  }
  return {};
}

std::string json_of(const std::map<std::string, int64_t>& rows) {
  return nlohmann::json(rows).dump();
}

std::map<std::string, int64_t> rows_of(const std::string& text) {
  try {
    return nlohmann::json::parse(text).get<std::map<std::string, int64_t>>();
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace

struct RunStore::Database {
  sqlite::Connection connection;
};

std::string to_string(Status status) { return kStatusNames[static_cast<int>(status)]; }

bool is_finished(Status status) {
  return status == Status::Succeeded || status == Status::Failed || status == Status::Cancelled;
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis % 1000));
  return text;
}

namespace {
// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SS[.mmm]Z"; NaN when it is not that.
double epoch_seconds(const std::string& time) {
  std::tm utc{};
  int millis = 0;
  if (std::sscanf(time.c_str(), "%d-%d-%dT%d:%d:%d", &utc.tm_year, &utc.tm_mon, &utc.tm_mday,
                  &utc.tm_hour, &utc.tm_min, &utc.tm_sec) != 6)
    return std::nan("");
  const size_t dot = time.find('.');
  if (dot != std::string::npos) millis = std::atoi(time.substr(dot + 1, 3).c_str());
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return static_cast<double>(timegm(&utc)) + millis / 1000.0;
}
}  // namespace

double seconds_between(const std::string& from, const std::string& to) {
  const double a = epoch_seconds(from), b = epoch_seconds(to);
  if (std::isnan(a) || std::isnan(b)) return -1;
  return b - a;
}

ProcessIdentity this_process() {
  // Asked afresh each time: a forked child (Python's multiprocessing) is another process.
  const int64_t pid = getpid();
  return {pid, process_start_of(pid), host_name()};
}

bool process_alive(int64_t pid, const std::string& start) {
  if (pid <= 0) return false;
  if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return false;
  const std::string now = process_start_of(pid);
  if (now == "gone") return false;
  return start.empty() || now.empty() || now == start;
}

// ---- DestinationLock ----

DestinationLock::DestinationLock(DestinationLock&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)),
      place_(std::move(other.place_)),
      holder_(other.holder_) {}

DestinationLock& DestinationLock::operator=(DestinationLock&& other) noexcept {
  if (this != &other) {
    release();
    store_ = std::exchange(other.store_, nullptr);
    place_ = std::move(other.place_);
    holder_ = other.holder_;
  }
  return *this;
}

DestinationLock::~DestinationLock() { release(); }

void DestinationLock::release() {
  if (!store_) return;
  try {
    store_->unlock(place_, holder_);
  } catch (const std::exception&) {
    // the lock's process is this one: once it ends, the next taker finds the lock stale
  }
  store_ = nullptr;
}

// ---- RunStore ----

std::string RunStore::default_folder() {
  const char* folder = std::getenv("RELSYNTH_STORE");
  return folder && *folder ? folder : ".relsynth";
}

RunStore::RunStore(const std::string& folder, bool create)
    : folder_(folder), file_((fs::path(folder) / "runs.sqlite").string()) {
  std::error_code ec;
  absolute_folder_ = fs::weakly_canonical(fs::absolute(folder, ec), ec).string();
  open_existing(create);
}

RunStore::~RunStore() = default;

bool RunStore::exists() const { return db_ != nullptr; }

std::string RunStore::no_execution(int64_t id) const {
  return "no execution " + std::to_string(id) + " in " + file_ +
         "; `relsynth runs list` shows them";
}

void RunStore::open_existing(bool create) {
  std::error_code ec;
  if (!fs::exists(file_, ec)) {
    if (!create) return;
    fs::create_directories(folder_, ec);
    if (ec) throw IoError("cannot create the run store folder " + folder_ + ": " + ec.message());
  } else if (fs::is_directory(file_, ec)) {
    throw InputError(file_ + " is a folder, not a run store file");
  }
  db_ = std::make_unique<Database>();
  db_->connection =
      sqlite::Connection(file_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX);
  sqlite3_busy_timeout(db_->connection.get(), kBusyTimeoutMs);
  try {
    initialise();
  } catch (const IoError& e) {
    // SQLITE_NOTADB, SQLITE_CORRUPT and the like: the file is not one we can read.
    const int code = sqlite3_errcode(db_->connection.get()) & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_READONLY ||
        code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_FULL)
      throw;
    throw InputError(file_ + " is not a relsynth run store (damaged or another file: " + e.what() +
                     "); move it away or pass another --store");
  }
}

void RunStore::initialise() {
  sqlite::Connection& db = db_->connection;
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("BEGIN IMMEDIATE");  // two processes creating the store at once: one does it
  try {
    int64_t tables = 0;
    bool has_info = false;
    {
      sqlite::Statement statement(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
      while (statement.step()) {
        ++tables;
        has_info = has_info || statement.text(0) == "store_info";
      }
    }
    if (tables > 0 && !has_info)
      throw InputError(file_ +
                       " is not a relsynth run store (it holds other tables); move it away or "
                       "pass another --store");
    if (has_info) {
      std::string application, version;
      sqlite::Statement statement(db, "SELECT key, value FROM store_info");
      while (statement.step()) {
        if (statement.text(0) == "application") application = statement.string(1);
        if (statement.text(0) == "schema_version") version = statement.string(1);
      }
      if (application != kApplication)
        throw InputError(file_ + " is not a relsynth run store (its store_info names \"" +
                         application + "\"); move it away or pass another --store");
      if (std::atoi(version.c_str()) > kSchemaVersion)
        throw InputError(file_ + " was written by a newer relsynth (run store schema version " +
                         version + "; this one reads up to " + std::to_string(kSchemaVersion) +
                         ")");
    } else {
      db.exec(kSchema);
      run(db, "INSERT INTO store_info(key, value) VALUES ('application', ?), ('schema_version', ?)",
          std::string_view(kApplication), std::string_view(std::to_string(kSchemaVersion)));
    }
    db.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  // Readers never wait for the writer; once set, the file keeps it. In WAL mode NORMAL loses no
  // commit when a process dies, only (on power loss) the last ones: a history can afford that,
  // and a step's record then costs no fsync.
  sqlite3_exec(db.get(), "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
  sqlite3_exec(db.get(), "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
}

std::string RunStore::resolve(const std::string& stored) const {
  if (stored.empty() || fs::path(stored).is_absolute()) return stored;
  return (fs::path(absolute_folder_) / stored).lexically_normal().string();
}

std::string RunStore::relative(const std::string& path) const {
  if (path.empty()) return path;
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path inside = absolute.lexically_relative(absolute_folder_);
  if (!inside.empty() && *inside.begin() != "..") return inside.string();
  return absolute.string();
}

std::string RunStore::model_file(int64_t id) const {
  return (fs::path(absolute_folder_) / "runs" / std::to_string(id) / "model.rsm").string();
}
std::string RunStore::report_html_file(int64_t id) const {
  return (fs::path(absolute_folder_) / "runs" / std::to_string(id) / "report.html").string();
}
std::string RunStore::report_json_file(int64_t id) const {
  return (fs::path(absolute_folder_) / "runs" / std::to_string(id) / "report.json").string();
}

int64_t RunStore::create(const ExecutionRequest& request) {
  std::lock_guard lock(mutex_);
  if (!db_) open_existing(true);
  sqlite::Connection& db = db_->connection;
  const std::string now = utc_now();
  const ProcessIdentity process = this_process();
  db.exec("BEGIN IMMEDIATE");
  int64_t id = 0;
  try {
    run(db,
        "INSERT INTO executions(name, status, plan_hash, plan_text, user, host, created, updated, "
        "seed, scale, root_rows, source, destination, training_key, pid, process_start) "
        "VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        std::string_view(request.name),
        std::string_view(request.plan_hash.empty() && !request.plan_text.empty()
                             ? content_hash(request.plan_text)
                             : request.plan_hash),
        std::string_view(request.plan_text), std::string_view(login_name()),
        std::string_view(process.host), std::string_view(now), std::string_view(now),
        static_cast<int64_t>(request.seed), request.scale,
        std::string_view(json_of(request.root_rows)), std::string_view(request.source),
        std::string_view(request.destination), std::string_view(request.training_key), process.pid,
        std::string_view(process.start));
    id = sqlite3_last_insert_rowid(db.get());
    const std::string folder = "runs/" + std::to_string(id);
    run(db,
        "UPDATE executions SET folder = ?, name = CASE name WHEN '' THEN ? ELSE name END "
        "WHERE id = ?",
        std::string_view(folder), std::string_view("run " + std::to_string(id)), id);
    db.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  std::error_code ec;
  const fs::path folder = fs::path(absolute_folder_) / "runs" / std::to_string(id);
  fs::remove_all(folder, ec);  // left by an execution of a store that was reset
  fs::create_directories(folder, ec);
  if (ec) throw IoError("cannot create " + folder.string() + ": " + ec.message());
  return id;
}

void RunStore::start(int64_t id) {
  std::lock_guard lock(mutex_);
  get(id);
  const ProcessIdentity process = this_process();
  const std::string now = utc_now();
  run(db_->connection,
      "UPDATE executions SET status = 'running', started = ?, updated = ?, pid = ?, "
      "process_start = ?, host = ? WHERE id = ? AND status = 'queued'",
      std::string_view(now), std::string_view(now), process.pid, std::string_view(process.start),
      std::string_view(process.host), id);
  if (sqlite3_changes(db_->connection.get()) == 0)
    throw UsageError("execution " + std::to_string(id) + " is " + to_string(get(id).status) +
                     "; only a queued execution can start");
}

std::vector<Execution> RunStore::select(const std::string& where, int64_t id) {
  std::vector<Execution> out;
  if (!db_) return out;
  sqlite::Statement statement(db_->connection,
                              std::string("SELECT ") + kColumns + " FROM executions " + where);
  if (!where.empty() && where.find('?') != std::string::npos) bind(statement, 1, id);
  while (statement.step()) {
    Execution e;
    int c = 0;
    e.id = statement.int64(c++);
    e.name = statement.string(c++);
    e.status = parse_status(statement.text(c++));
    e.plan_hash = statement.string(c++);
    e.plan_text = statement.string(c++);
    e.user = statement.string(c++);
    e.host = statement.string(c++);
    e.created = statement.string(c++);
    e.started = statement.string(c++);
    e.ended = statement.string(c++);
    e.updated = statement.string(c++);
    e.seed = static_cast<uint64_t>(statement.int64(c++));
    e.scale = statement.real(c++);
    e.root_rows = rows_of(statement.string(c++));
    e.source = statement.string(c++);
    e.destination = statement.string(c++);
    e.error = statement.string(c++);
    e.failed_table = statement.string(c++);
    e.model_file = resolve(statement.string(c++));
    e.model_from = statement.int64(c++);
    e.report_html = resolve(statement.string(c++));
    e.report_json = resolve(statement.string(c++));
    e.output = statement.string(c++);
    e.rows_written = statement.int64(c++);
    e.training_key = statement.string(c++);
    e.pid = statement.int64(c++);
    e.process_start = statement.string(c++);
    e.folder = resolve(statement.string(c++));
    out.push_back(std::move(e));
  }
  statement.finalize();
  const std::string host = host_name();  // another host's processes cannot be checked from here
  for (Execution& e : out)
    if ((e.status == Status::Running || e.status == Status::Queued) && e.host == host &&
        !process_alive(e.pid, e.process_start))
      mark_if_crashed(e);
  return out;
}

// A running execution whose process is gone ended without saying so (killed, crashed, the
// machine restarted): it failed, at the last thing it recorded. So did a queued one whose process
// ended before starting it (a `run` refused a busy destination): executions are started by the
// process that created them.
void RunStore::mark_if_crashed(Execution& execution) {
  const bool started = execution.status == Status::Running;
  const std::string message =
      started ? "the process ended without finishing" : "the process ended before it started";
  const std::string ended = execution.updated.empty() ? utc_now() : execution.updated;
  try {
    sqlite::Connection& db = db_->connection;
    db.exec("BEGIN IMMEDIATE");
    try {
      run(db,
          "UPDATE executions SET status = 'failed', ended = ?, error = ? "
          "WHERE id = ? AND status = ? AND pid = ?",
          std::string_view(ended), std::string_view(message), execution.id,
          std::string_view(to_string(execution.status)), execution.pid);
      const bool changed = sqlite3_changes(db.get()) > 0;
      if (changed) {
        run(db,
            "UPDATE steps SET status = 'failed', ended = ? WHERE execution = ? AND ended IS NULL",
            std::string_view(ended), execution.id);
        run(db, "DELETE FROM locks WHERE execution = ?", execution.id);
      }
      db.exec("COMMIT");
      if (!changed) return;  // it ended by itself meanwhile: shown as read
    } catch (...) {
      sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  } catch (const IoError&) {
    // a read-only store: shown as failed all the same
  }
  execution.status = Status::Failed;
  execution.ended = ended;
  execution.error = message;
}

std::optional<Execution> RunStore::find(int64_t id) {
  std::lock_guard lock(mutex_);
  std::vector<Execution> found = select("WHERE id = ?", id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

Execution RunStore::get(int64_t id) {
  std::optional<Execution> execution = find(id);
  if (!execution) throw UsageError(no_execution(id));
  return std::move(*execution);
}

std::vector<Execution> RunStore::list() {
  std::lock_guard lock(mutex_);
  return select("ORDER BY id", 0);
}

std::vector<Step> RunStore::steps(int64_t id) {
  std::lock_guard lock(mutex_);
  std::vector<Step> out;
  if (!db_) return out;
  sqlite::Statement statement = prepare(db_->connection,
                                        "SELECT seq, name, table_name, started, ended, done, "
                                        "total, note, status FROM steps WHERE execution = ? "
                                        "ORDER BY seq",
                                        id);
  while (statement.step()) {
    Step step;
    step.seq = statement.int64(0);
    step.name = statement.string(1);
    step.table = statement.string(2);
    step.started = statement.string(3);
    step.ended = statement.string(4);
    step.done = static_cast<uint64_t>(statement.int64(5));
    step.total = static_cast<uint64_t>(statement.int64(6));
    step.note = statement.string(7);
    step.status = statement.string(8);
    out.push_back(std::move(step));
  }
  return out;
}

std::vector<Warning> RunStore::warnings(int64_t id) {
  std::lock_guard lock(mutex_);
  std::vector<Warning> out;
  if (!db_) return out;
  sqlite::Statement statement =
      prepare(db_->connection,
              "SELECT seq, step, text, time FROM warnings WHERE execution = ? ORDER BY seq", id);
  while (statement.step())
    out.push_back(
        {statement.int64(0), statement.int64(1), statement.string(2), statement.string(3)});
  return out;
}

void RunStore::record_model(int64_t id, const std::string& path, int64_t from) {
  std::lock_guard lock(mutex_);
  get(id);
  run(db_->connection,
      "UPDATE executions SET model_file = ?, model_from = ?, updated = ? WHERE id = ?",
      std::string_view(relative(path)), from, std::string_view(utc_now()), id);
}

void RunStore::record_report(int64_t id, const std::string& html, const std::string& json) {
  std::lock_guard lock(mutex_);
  get(id);
  run(db_->connection,
      "UPDATE executions SET report_html = ?, report_json = ?, updated = ? WHERE id = ?",
      std::string_view(relative(html)), std::string_view(relative(json)),
      std::string_view(utc_now()), id);
}

void RunStore::record_output(int64_t id, const std::string& shown, int64_t rows) {
  std::lock_guard lock(mutex_);
  get(id);
  run(db_->connection,
      "UPDATE executions SET output = ?, rows_written = ?, updated = ? WHERE id = ?",
      std::string_view(shown), rows, std::string_view(utc_now()), id);
}

void RunStore::record_training_key(int64_t id, const std::string& training_key) {
  std::lock_guard lock(mutex_);
  get(id);
  run(db_->connection, "UPDATE executions SET training_key = ?, updated = ? WHERE id = ?",
      std::string_view(training_key), std::string_view(utc_now()), id);
}

std::string RunStore::adopt_model(int64_t id, const Execution& from) {
  const std::string target = model_file(id);
  std::error_code ec;
  fs::create_directories(fs::path(target).parent_path(), ec);
  fs::remove(target, ec);
  fs::create_hard_link(from.model_file, target, ec);
  if (ec) {
    ec.clear();
    fs::copy_file(from.model_file, target, fs::copy_options::overwrite_existing, ec);
    if (ec)
      throw IoError("cannot take the model of execution " + std::to_string(from.id) + " (" +
                    from.model_file + "): " + ec.message());
  }
  record_model(id, target, from.model_from > 0 ? from.model_from : from.id);
  return target;
}

bool RunStore::finish(int64_t id, Status status, const std::string& error,
                      const std::string& failed_table) {
  std::lock_guard lock(mutex_);
  get(id);
  sqlite::Connection& db = db_->connection;
  const std::string now = utc_now();
  db.exec("BEGIN IMMEDIATE");
  try {
    run(db,
        "UPDATE executions SET status = ?, ended = ?, updated = ?, error = ?, failed_table = ? "
        "WHERE id = ? AND status IN ('queued', 'running')",
        std::string_view(to_string(status)), std::string_view(now), std::string_view(now),
        std::string_view(error), std::string_view(failed_table), id);
    const bool changed = sqlite3_changes(db.get()) > 0;
    if (changed) {
      const std::string step_status = status == Status::Succeeded ? "done" : to_string(status);
      run(db, "UPDATE steps SET status = ?, ended = ? WHERE execution = ? AND ended IS NULL",
          std::string_view(step_status), std::string_view(now), id);
      run(db, "DELETE FROM locks WHERE execution = ?", id);
    }
    db.exec("COMMIT");
    return changed;
  } catch (...) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void RunStore::rename(int64_t id, const std::string& name) {
  std::lock_guard lock(mutex_);
  get(id);
  if (name.empty()) throw UsageError("an execution's name cannot be empty");
  run(db_->connection, "UPDATE executions SET name = ? WHERE id = ?", std::string_view(name), id);
}

void RunStore::remove(int64_t id) {
  std::lock_guard lock(mutex_);
  const Execution execution = get(id);
  if (execution.status == Status::Running)
    throw UsageError("execution " + std::to_string(id) + " (" + execution.name +
                     ") is running (pid " + std::to_string(execution.pid) +
                     "); cancel it first: `relsynth runs cancel " + std::to_string(id) + "`");
  run(db_->connection, "DELETE FROM executions WHERE id = ? AND status <> 'running'", id);
  if (sqlite3_changes(db_->connection.get()) == 0)  // it started meanwhile
    throw UsageError("execution " + std::to_string(id) + " started meanwhile; cancel it first");
  std::error_code ec;
  if (!execution.folder.empty()) fs::remove_all(execution.folder, ec);
  if (ec)
    throw IoError("execution " + std::to_string(id) + " is deleted but its folder " +
                  execution.folder + " could not be removed: " + ec.message());
}

std::optional<Execution> RunStore::reusable_model(const std::string& training_key) {
  std::lock_guard lock(mutex_);
  if (training_key.empty()) return std::nullopt;
  std::vector<Execution> candidates;
  {
    sqlite::Statement statement =
        prepare(db_->connection,
                "SELECT id FROM executions WHERE training_key = ? AND status = 'succeeded' AND "
                "model_file <> '' ORDER BY id DESC",
                std::string_view(training_key));
    std::vector<int64_t> ids;
    while (statement.step()) ids.push_back(statement.int64(0));
    statement.finalize();
    for (int64_t id : ids) {
      std::optional<Execution> execution = find(id);
      std::error_code ec;
      if (execution && fs::is_regular_file(execution->model_file, ec)) return execution;
    }
  }
  return std::nullopt;
}

DestinationLock RunStore::lock_destination(int64_t holder, const std::string& destination_uri) {
  std::lock_guard lock(mutex_);
  if (!db_) open_existing(true);
  const std::string place = place_identity(destination_uri);
  const std::string shown = display_uri(destination_uri);
  const ProcessIdentity process = this_process();
  sqlite::Connection& db = db_->connection;
  db.exec("BEGIN IMMEDIATE");  // the check and the take are one step for every process
  try {
    sqlite::Statement held =
        prepare(db, "SELECT execution, pid, process_start, host FROM locks WHERE place = ?",
                std::string_view(place));
    if (held.step()) {
      const int64_t other = held.int64(0);
      const int64_t pid = held.int64(1);
      const std::string start = held.string(2), host = held.string(3);
      held.finalize();
      const bool alive = host != process.host || process_alive(pid, start);
      if (alive && other != holder)
        throw UsageError("destination " + shown + " is being written by execution " +
                         std::to_string(other) + " (pid " + std::to_string(pid) + " on " + host +
                         "); wait for it to end, or stop it with `relsynth runs cancel " +
                         std::to_string(other) + "`");
      run(db, "DELETE FROM locks WHERE place = ?", std::string_view(place));  // stale: taken over
    }
    held.finalize();
    run(db,
        "INSERT INTO locks(place, shown, execution, pid, process_start, host, acquired) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        std::string_view(place), std::string_view(shown), holder, process.pid,
        std::string_view(process.start), std::string_view(process.host),
        std::string_view(utc_now()));
    db.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  DestinationLock out;
  out.store_ = this;
  out.place_ = place;
  out.holder_ = holder;
  return out;
}

void RunStore::unlock(const std::string& place, int64_t holder) {
  std::lock_guard lock(mutex_);
  if (!db_) return;
  run(db_->connection, "DELETE FROM locks WHERE place = ? AND execution = ?",
      std::string_view(place), holder);
}

int64_t RunStore::add_step(int64_t id, const std::string& name, const std::string& table) {
  std::lock_guard lock(mutex_);
  sqlite::Connection& db = db_->connection;
  const std::string now = utc_now();
  db.exec("BEGIN IMMEDIATE");
  try {
    int64_t seq = 1;
    {
      sqlite::Statement last =
          prepare(db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM steps WHERE execution = ?", id);
      if (last.step()) seq = last.int64(0);
    }
    run(db,
        "INSERT INTO steps(execution, seq, name, table_name, started, status) "
        "VALUES (?, ?, ?, ?, ?, 'running')",
        id, seq, std::string_view(name), std::string_view(table), std::string_view(now));
    run(db, "UPDATE executions SET updated = ? WHERE id = ?", std::string_view(now), id);
    db.exec("COMMIT");
    return seq;
  } catch (...) {
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void RunStore::update_step(int64_t id, int64_t seq, uint64_t done, uint64_t total) {
  std::lock_guard lock(mutex_);
  const std::string now = utc_now();
  run(db_->connection,
      "UPDATE steps SET done = ?, total = ? WHERE execution = ? AND seq = ? AND ended IS NULL",
      static_cast<int64_t>(done), static_cast<int64_t>(total), id, seq);
  run(db_->connection, "UPDATE executions SET updated = ? WHERE id = ?", std::string_view(now), id);
}

void RunStore::end_step(int64_t id, int64_t seq, const std::string& status, const std::string& note,
                        uint64_t done, uint64_t total) {
  std::lock_guard lock(mutex_);
  const std::string now = utc_now();
  run(db_->connection,
      "UPDATE steps SET status = ?, ended = ?, note = ?, done = ?, total = ? "
      "WHERE execution = ? AND seq = ? AND ended IS NULL",
      std::string_view(status), std::string_view(now), std::string_view(note),
      static_cast<int64_t>(done), static_cast<int64_t>(total), id, seq);
  run(db_->connection, "UPDATE executions SET updated = ? WHERE id = ?", std::string_view(now), id);
}

void RunStore::add_warning(int64_t id, int64_t step, const std::string& text) {
  std::lock_guard lock(mutex_);
  run(db_->connection,
      "INSERT INTO warnings(execution, seq, step, text, time) SELECT ?, "
      "COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM warnings WHERE execution = ?",
      id, step, std::string_view(text), std::string_view(utc_now()), id);
}

}  // namespace relsynth::runs

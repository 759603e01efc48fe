// The run store: a history of executions (runs of a plan) in one SQLite file of a project folder
// (.relsynth/runs.sqlite), each with its timeline of steps, its warnings and a folder of its own
// for files (.relsynth/runs/<id>/: model.rsm, report.html, report.json). Several processes may
// use one store at once (WAL, a busy timeout); a destination is written by one execution at a
// time (DestinationLock). See docs/ARCHITECTURE.md, "Executions".
//
// How `relsynth run` uses it:
//   RunStore store(RunStore::default_folder());       // or --store DIR; created on first use
//   const int64_t id = store.create(request);          // queued, with its folder
//   DestinationLock lock = store.lock_destination(id, destination_uri);  // or UsageError
//   store.start(id);                                   // running, this process's pid
//   ExecutionRecorder recorder(store, id, progress);   // the timeline (runs/recorder.h)
//   ... train into store.model_file(id) or reuse store.reusable_model(training_key) ...
//   store.record_model(id, path, from); store.record_report(id, html, json);
//   store.record_output(id, display_uri(destination), rows);
//   recorder.succeeded();          // or recorder.failed(message) in a catch
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace relsynth::runs {

enum class Status { Queued, Running, Succeeded, Failed, Cancelled };
std::string to_string(Status status);  // "queued", "running", ...
bool is_finished(Status status);       // succeeded, failed or cancelled

// What a new execution is: everything known before it runs.
struct ExecutionRequest {
  std::string name;       // empty: "run <id>"
  std::string plan_text;  // a copy of the plan as run
  std::string plan_hash;  // empty: content_hash(plan_text)
  uint64_t seed = 0;
  double scale = 1;
  std::map<std::string, int64_t> root_rows;  // --rows TABLE=N instead of the scale
  std::string source;                        // as shown: display_uri (passwords masked)
  std::string destination;                   // as shown
  std::string training_key;                  // training_key() of the plan's training part
};

struct Execution {
  int64_t id = 0;
  std::string name;
  Status status = Status::Queued;
  std::string plan_hash, plan_text;
  std::string user, host;               // who ran it, where
  std::string created, started, ended;  // UTC ISO 8601 ("2025-03-01T10:04:05.123Z"); empty: not yet
  std::string updated;                  // the last thing recorded
  uint64_t seed = 0;
  double scale = 1;
  std::map<std::string, int64_t> root_rows;
  std::string source, destination;
  std::string error, failed_table;       // when failed (or cancelled: why)
  std::string model_file;                // absolute path; empty: none yet
  int64_t model_from = 0;                // the execution that trained the model (0: this one)
  std::string report_html, report_json;  // absolute paths; empty: none
  std::string output;                    // where the output was committed, as shown
  int64_t rows_written = -1;             // -1: nothing written
  std::string training_key;
  int64_t pid = 0;            // the process running it
  std::string process_start;  // its start time (see ProcessIdentity)
  std::string folder;         // absolute path of .relsynth/runs/<id>
};

// One step of the timeline ("training orders"), its table when it is about one.
struct Step {
  int64_t seq = 0;  // 1, 2, ... in order
  std::string name, table;
  std::string started, ended;  // ended empty while it runs
  uint64_t done = 0, total = 0;
  std::string note;    // "1,234 rows"
  std::string status;  // running, done, failed, cancelled
};

struct Warning {
  int64_t seq = 0;
  int64_t step = 0;  // the step it came in (0: before any)
  std::string text;  // without the "warning: " prefix
  std::string time;
};

class RunStore;

// A destination held by one execution; released on destruction (and when the execution ends).
class DestinationLock {
 public:
  DestinationLock() = default;
  DestinationLock(DestinationLock&& other) noexcept;
  DestinationLock& operator=(DestinationLock&& other) noexcept;
  ~DestinationLock();
  void release();

 private:
  friend class RunStore;
  RunStore* store_ = nullptr;
  std::string place_;
  int64_t holder_ = 0;
};

class RunStore {
 public:
  // $RELSYNTH_STORE when set, else ".relsynth" (in the current directory).
  static std::string default_folder();
  // Opens the store in `folder`, creating the folder and the file when `create` (else an absent
  // store opens empty: exists() is false and nothing is written). A file that is not a run store
  // (another database, a damaged or newer one) is an InputError naming it.
  explicit RunStore(const std::string& folder, bool create = true);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  const std::string& folder() const { return folder_; }
  const std::string& file() const { return file_; }  // <folder>/runs.sqlite, as given
  const std::string& absolute_folder() const { return absolute_folder_; }
  bool exists() const;

  // A new execution, queued, with its folder created; returns its id.
  int64_t create(const ExecutionRequest& request);
  // queued -> running in this process (pid, started).
  void start(int64_t id);
  // The execution; UsageError "no execution 7 in .relsynth/runs.sqlite; ..." when absent.
  // A running execution whose process is gone is recorded as failed ("the process ended
  // without finishing") as it is read; so is a queued one whose creating process is gone ("the
  // process ended before it started"): the process that creates an execution starts it.
  Execution get(int64_t id);
  std::optional<Execution> find(int64_t id);
  std::vector<Execution> list();  // oldest first
  std::vector<Step> steps(int64_t id);
  std::vector<Warning> warnings(int64_t id);

  // Where this execution's files go: <folder>/runs/<id>/model.rsm etc.
  std::string model_file(int64_t id) const;
  std::string report_html_file(int64_t id) const;
  std::string report_json_file(int64_t id) const;

  // `from`: the execution whose model this one reuses (0: trained by this one).
  void record_model(int64_t id, const std::string& path, int64_t from = 0);
  void record_report(int64_t id, const std::string& html, const std::string& json);
  void record_output(int64_t id, const std::string& shown, int64_t rows);
  // The key of its training, once the source is read (see fingerprint.h).
  void record_training_key(int64_t id, const std::string& training_key);
  // Reuses execution `from`'s model: hard-linked (or copied) into this execution's folder, so
  // deleting `from` keeps it; recorded as record_model(id, ..., from).
  std::string adopt_model(int64_t id, const Execution& from);

  // Ends a queued or running execution (an ended one stays as it is: a late "succeeded" never
  // overwrites "cancelled"). Releases its destination locks, ends its open step with the status.
  // Returns false when it had already ended.
  bool finish(int64_t id, Status status, const std::string& error = {},
              const std::string& failed_table = {});

  void rename(int64_t id, const std::string& name);
  // Removes the execution, its timeline and its folder; refuses a running one.
  void remove(int64_t id);

  // The newest succeeded execution with this training key whose model file still exists.
  std::optional<Execution> reusable_model(const std::string& training_key);

  // Takes the destination for execution `holder` (place: a URI or path, compared as
  // place_identity); a lock whose process is gone is taken over. UsageError naming the holder
  // when another live execution has it.
  DestinationLock lock_destination(int64_t holder, const std::string& destination_uri);

  // Timeline writes (runs/recorder.h uses these).
  int64_t add_step(int64_t id, const std::string& name, const std::string& table);
  void update_step(int64_t id, int64_t seq, uint64_t done, uint64_t total);
  void end_step(int64_t id, int64_t seq, const std::string& status, const std::string& note,
                uint64_t done, uint64_t total);
  void add_warning(int64_t id, int64_t step, const std::string& text);

  // The message for an absent execution.
  std::string no_execution(int64_t id) const;

 private:
  friend class DestinationLock;
  struct Database;
  void open_existing(bool create);
  void initialise();
  std::vector<Execution> select(const std::string& where, int64_t id);
  void mark_if_crashed(Execution& execution);
  void unlock(const std::string& place, int64_t holder);
  std::string resolve(const std::string& stored) const;
  std::string relative(const std::string& path) const;

  std::string folder_;
  std::string file_;
  std::string absolute_folder_;
  std::recursive_mutex mutex_;  // one connection shared by the recorder's and the run's threads
  std::unique_ptr<Database> db_;
};

// This process as the store records it: its pid and its start time (so a reused pid does not
// pass for the process that wrote a record).
struct ProcessIdentity {
  int64_t pid = 0;
  std::string start;  // /proc/<pid>/stat start time; empty when unknown
  std::string host;
};
ProcessIdentity this_process();
// False when the process is gone (or a zombie, or another process with the same pid).
bool process_alive(int64_t pid, const std::string& start);

// UTC now in ISO 8601 with milliseconds; and seconds between two such times (-1: unknown).
std::string utc_now();
double seconds_between(const std::string& from, const std::string& to);

}  // namespace relsynth::runs

// A timeline of steps with progress on stderr; silent when quiet. On a terminal a step is one
// line redrawn with a bar; elsewhere (a log, CI) each step starts and ends with a line of its
// own, and a running step prints a plain line at least every heartbeat (10 s).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace relsynth {

// Told of every event of a Progress, quiet or not, on the thread that caused it (a run store
// records the timeline this way). Calls come outside the Progress's lock, one event at a time.
class ProgressListener {
 public:
  virtual ~ProgressListener() = default;
  virtual void step_started(const std::string& name) = 0;
  virtual void step_updated(uint64_t done, uint64_t total, const std::string& detail) = 0;
  virtual void step_done(const std::string& note) = 0;
  virtual void message(const std::string& text) = 0;
};

class Progress {
 public:
  explicit Progress(bool quiet = false);
  // `terminal`: draw bars (else plain lines, with a line every `heartbeat` while a step runs).
  Progress(bool quiet, bool terminal,
           std::chrono::milliseconds heartbeat = std::chrono::seconds(10));
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Starts a named step ("reading", "training orders"), ending the previous one.
  void step(const std::string& name);
  // Updates the current step's count; cheap to call often (redraws at most ~10 times a second).
  // `detail` names what the step works on now ("column HR"), shown after the count.
  void update(uint64_t done, uint64_t total, const std::string& detail = {});
  // Ends the current step, with an optional note ("336,776 rows").
  void done(const std::string& note = {});
  // A line of its own (a warning, a result), kept apart from the bars.
  void message(const std::string& text);
  bool quiet() const { return quiet_; }
  // Adds or removes a listener (not owned: remove it before it goes).
  void add_listener(ProgressListener* listener);
  void remove_listener(ProgressListener* listener);

 private:
  template <typename Event>
  void notify(const Event& event);

  void draw(uint64_t done, uint64_t total);
  void line(std::unique_lock<std::mutex>& held);
  void tick();

  bool quiet_;
  bool tty_;
  std::chrono::milliseconds heartbeat_{10000};
  bool open_ = false;
  std::string name_;
  uint64_t done_ = 0, total_ = 0;
  std::string detail_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point step_start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread ticker_;
  std::recursive_mutex listeners_mutex_;  // held while telling them, so removal waits
  std::vector<ProgressListener*> listeners_;
};

}  // namespace relsynth

// A timeline of steps with progress bars on stderr; silent when quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace relsynth {

class Progress {
 public:
  explicit Progress(bool quiet = false);
  ~Progress();

  // Starts a named step ("reading", "training orders"), ending the previous one.
  void step(const std::string& name);
  // Updates the current step's bar; cheap to call often (redraws at most ~10 times a second).
  void update(uint64_t done, uint64_t total);
  // Ends the current step, with an optional note ("336,776 rows").
  void done(const std::string& note = {});
  // A line of its own (a warning, a result), kept apart from the bars.
  void message(const std::string& text);
  bool quiet() const { return quiet_; }

 private:
  void draw(uint64_t done, uint64_t total);

  bool quiet_;
  bool tty_;
  bool open_ = false;
  std::string name_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point step_start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace relsynth

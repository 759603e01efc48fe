// Progress and Ctrl-C for the Python package: a core call runs with the GIL released, its
// progress events reach a Python callable (a tqdm bar), and Ctrl-C stops it at its next event.
#pragma once

#include <nanobind/nanobind.h>

#include <atomic>
#include <csignal>
#include <string>

#include "relsynth/progress.h"

namespace relsynth::python {

// Thrown from a progress event after Ctrl-C; the binding turns it into KeyboardInterrupt once
// the core has unwound (destinations aborted, temporary files gone).
struct Interrupted {};

// Forwards a Progress's events to `callback(kind, done, total, text)` (kind: "step", "update",
// "done", "message"), taking the GIL for each; none is None. Every event first checks for Ctrl-C.
class ProgressBridge : public ProgressListener {
 public:
  ProgressBridge(Progress& progress, nanobind::object callback);
  ~ProgressBridge() override;

  void step_started(const std::string& name) override;
  void step_updated(uint64_t done, uint64_t total, const std::string& detail) override;
  void step_done(const std::string& note) override;
  void message(const std::string& text) override;

 private:
  void send(const char* kind, uint64_t done, uint64_t total, const std::string& text);

  Progress& progress_;
  nanobind::object callback_;
};

// While alive (on the main thread), SIGINT sets a flag instead of raising KeyboardInterrupt in
// the middle of the core; the previous handler comes back at the end.
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  static bool interrupted() { return hit_.load(); }

 private:
  static void on_signal(int);
  static std::atomic<bool> hit_;
  void (*previous_)(int) = nullptr;
  bool installed_ = false;
};

// Runs `work` with the GIL released, progress forwarded to `callback` and Ctrl-C honoured;
// raises KeyboardInterrupt when interrupted.
template <typename Work>
auto run_released(nanobind::object callback, Work&& work) {
  Progress progress(/*quiet=*/true);
  ProgressBridge bridge(progress, std::move(callback));
  InterruptScope interrupts;
  try {
    nanobind::gil_scoped_release released;
    return work(progress);
  } catch (const Interrupted&) {
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw nanobind::python_error();
  }
}

}  // namespace relsynth::python

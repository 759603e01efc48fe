#include "python/progress_bridge.h"

#include <nanobind/stl/string.h>

namespace nb = nanobind;

namespace relsynth::python {

std::atomic<bool> InterruptScope::hit_{false};

InterruptScope::InterruptScope() {
  hit_ = false;
  // Python handles signals on its main thread only; a call from another thread keeps them.
  nb::module_ threading = nb::module_::import_("threading");
  if (threading.attr("current_thread")().is(threading.attr("main_thread")())) {
    previous_ = std::signal(SIGINT, &InterruptScope::on_signal);
    installed_ = previous_ != SIG_ERR;
  }
}

InterruptScope::~InterruptScope() {
  if (installed_) std::signal(SIGINT, previous_);
}

void InterruptScope::on_signal(int) { hit_ = true; }

ProgressBridge::ProgressBridge(Progress& progress, nb::object callback)
    : progress_(progress), callback_(std::move(callback)) {
  progress_.add_listener(this);
}

ProgressBridge::~ProgressBridge() { progress_.remove_listener(this); }

void ProgressBridge::send(const char* kind, uint64_t done, uint64_t total,
                          const std::string& text) {
  if (InterruptScope::interrupted()) throw Interrupted{};
  if (!callback_.is_valid() || callback_.is_none()) return;
  nb::gil_scoped_acquire acquired;
  try {
    callback_(kind, done, total, text);
  } catch (nb::python_error& e) {
    // A failing progress bar must not fail the synthesis; it is said once and dropped.
    e.discard_as_unraisable("relsynth progress callback");
    callback_ = nb::none();
  }
}

void ProgressBridge::step_started(const std::string& name) { send("step", 0, 0, name); }
void ProgressBridge::step_updated(uint64_t done, uint64_t total, const std::string& detail) {
  send("update", done, total, detail);
}
void ProgressBridge::step_done(const std::string& note) { send("done", 0, 0, note); }
void ProgressBridge::message(const std::string& text) { send("message", 0, 0, text); }

}  // namespace relsynth::python

#include "relsynth/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace relsynth {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Progress::Progress(bool quiet) : Progress(quiet, isatty(STDERR_FILENO) != 0) {}

Progress::Progress(bool quiet, bool terminal, std::chrono::milliseconds heartbeat)
    : quiet_(quiet),
      tty_(terminal),
      heartbeat_(heartbeat),
      start_(std::chrono::steady_clock::now()),
      step_start_(start_),
      last_draw_(start_) {
  // Without a terminal (CI, a log file, nohup) a long step still shows it is alive.
  if (!quiet_ && !tty_) ticker_ = std::thread([this] { tick(); });
}

Progress::~Progress() {
  if (open_) done();
  if (ticker_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    ticker_.join();
  }
}

void Progress::tick() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, heartbeat_);
    if (stopping_ || !open_) continue;
    if (std::chrono::steady_clock::now() - last_draw_ < heartbeat_) continue;
    line(lock);
  }
}

// One plain line: the step, its count when known, and how long it has run.
void Progress::line(std::unique_lock<std::mutex>&) {
  last_draw_ = std::chrono::steady_clock::now();
  std::string count;
  if (total_ > 0)
    count = " " + std::to_string(done_) + "/" + std::to_string(total_) + " (" +
            std::to_string(100 * done_ / total_) + "%)";
  if (!detail_.empty()) count += " " + detail_;
  std::fprintf(stderr, "[%7.2fs] %s ...%s, %.0fs so far\n", seconds_since(start_), name_.c_str(),
               count.c_str(), seconds_since(step_start_));
  std::fflush(stderr);
}

void Progress::add_listener(ProgressListener* listener) {
  std::lock_guard lock(listeners_mutex_);
  listeners_.push_back(listener);
}

void Progress::remove_listener(ProgressListener* listener) {
  std::lock_guard lock(listeners_mutex_);
  std::erase(listeners_, listener);
}

template <typename Event>
void Progress::notify(const Event& event) {
  std::lock_guard lock(listeners_mutex_);
  for (ProgressListener* listener : listeners_) event(*listener);
}

void Progress::step(const std::string& name) {
  if (open_) done();
  notify([&](ProgressListener& listener) { listener.step_started(name); });
  std::lock_guard lock(mutex_);
  name_ = name;
  open_ = true;
  done_ = total_ = 0;
  detail_.clear();
  step_start_ = last_draw_ = std::chrono::steady_clock::now();
  if (quiet_) return;
  if (tty_)
    std::fprintf(stderr, "[%7.2fs] %s ...", seconds_since(start_), name.c_str());
  else
    std::fprintf(stderr, "[%7.2fs] %s ...\n", seconds_since(start_), name.c_str());
  std::fflush(stderr);
}

void Progress::update(uint64_t done, uint64_t total, const std::string& detail) {
  if (!open_) return;
  notify([&](ProgressListener& listener) { listener.step_updated(done, total, detail); });
  if (quiet_) return;
  std::unique_lock lock(mutex_);
  done_ = done;
  total_ = total;
  detail_ = detail;
  auto now = std::chrono::steady_clock::now();
  if (!tty_) {
    if (now - last_draw_ >= heartbeat_) line(lock);
    return;
  }
  if (now - last_draw_ < std::chrono::milliseconds(100) && done < total) return;
  last_draw_ = now;
  draw(done, total);
}

void Progress::draw(uint64_t done, uint64_t total) {
  constexpr int kWidth = 30;
  int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r\033[K[%7.2fs] %s [%s] %llu/%llu%s%s", seconds_since(start_),
               name_.c_str(), bar.c_str(), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total), detail_.empty() ? "" : " ", detail_.c_str());
}

void Progress::done(const std::string& note) {
  {
    std::lock_guard lock(mutex_);
    if (!open_) return;
    open_ = false;
  }
  notify([&](ProgressListener& listener) { listener.step_done(note); });
  if (quiet_) return;
  std::lock_guard lock(mutex_);
  std::string tail = note.empty() ? "" : " (" + note + ")";
  if (tty_)
    std::fprintf(stderr, "\r\033[K[%7.2fs] %s done in %.2fs%s\n", seconds_since(start_),
                 name_.c_str(), seconds_since(step_start_), tail.c_str());
  else
    std::fprintf(stderr, "[%7.2fs] %s: %.2fs%s\n", seconds_since(start_), name_.c_str(),
                 seconds_since(step_start_), tail.c_str());
  std::fflush(stderr);
}

void Progress::message(const std::string& text) {
  notify([&](ProgressListener& listener) { listener.message(text); });
  if (quiet_) return;
  std::lock_guard lock(mutex_);
  if (open_ && tty_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "%s\n", text.c_str());
  if (open_ && tty_) std::fprintf(stderr, "[%7.2fs] %s ...", seconds_since(start_), name_.c_str());
  std::fflush(stderr);
}

}  // namespace relsynth

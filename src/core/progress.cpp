#include "relsynth/progress.h"

#include <unistd.h>

#include <cstdio>

namespace relsynth {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Progress::Progress(bool quiet)
    : quiet_(quiet),
      tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      step_start_(start_),
      last_draw_(start_) {}

Progress::~Progress() {
  if (open_) done();
}

void Progress::step(const std::string& name) {
  if (open_) done();
  name_ = name;
  open_ = true;
  step_start_ = std::chrono::steady_clock::now();
  if (!quiet_ && tty_) std::fprintf(stderr, "[%7.2fs] %s ...", seconds_since(start_), name.c_str());
}

void Progress::update(uint64_t done, uint64_t total) {
  if (quiet_ || !tty_ || !open_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done < total) return;
  last_draw_ = now;
  draw(done, total);
}

void Progress::draw(uint64_t done, uint64_t total) {
  constexpr int kWidth = 30;
  int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r\033[K[%7.2fs] %s [%s] %llu/%llu", seconds_since(start_), name_.c_str(),
               bar.c_str(), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total));
}

void Progress::done(const std::string& note) {
  if (!open_) return;
  open_ = false;
  if (quiet_) return;
  std::string tail = note.empty() ? "" : " (" + note + ")";
  if (tty_)
    std::fprintf(stderr, "\r\033[K[%7.2fs] %s done in %.2fs%s\n", seconds_since(start_),
                 name_.c_str(), seconds_since(step_start_), tail.c_str());
  else
    std::fprintf(stderr, "[%7.2fs] %s: %.2fs%s\n", seconds_since(start_), name_.c_str(),
                 seconds_since(step_start_), tail.c_str());
}

void Progress::message(const std::string& text) {
  if (quiet_) return;
  if (open_ && tty_) std::fprintf(stderr, "\r\033[K");
  std::fprintf(stderr, "%s\n", text.c_str());
  if (open_ && tty_) std::fprintf(stderr, "[%7.2fs] %s ...", seconds_since(start_), name_.c_str());
}

}  // namespace relsynth

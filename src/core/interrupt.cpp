#include "core/interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

namespace relsynth {

namespace {

struct Registry {
  std::recursive_mutex mutex;  // uninterrupted() may forget an action
  std::map<uint64_t, std::function<void()>> actions;
  uint64_t next = 1;
};

Registry& registry() {
  static Registry* instance = new Registry;  // never destroyed: the signal thread may outlive main
  return *instance;
}

[[noreturn]] void clean_up_and_exit(int signal) {
  Registry& r = registry();
  r.mutex.lock();  // held until exit: no commit can start now
  const size_t count = r.actions.size();
  for (auto& [id, undo] : r.actions) {
    try {
      undo();
    } catch (...) {
      // best effort: the next run to the same destination removes what is left
    }
  }
  std::fprintf(stderr, "\nrelsynth: %s: stopped%s\n",
               signal == SIGINT ? "interrupted" : "terminated",
               count ? ", temporary files removed" : "");
  std::fflush(stderr);
  _exit(128 + signal);
}

}  // namespace

void handle_interrupts() {
  static std::once_flag once;
  std::call_once(once, [] {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread([signals] {
      int signal = 0;
      while (sigwait(&signals, &signal) != 0) {
      }
      clean_up_and_exit(signal);
    }).detach();
  });
}

uint64_t on_interrupt(std::function<void()> undo) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const uint64_t id = r.next++;
  r.actions.emplace(id, std::move(undo));
  return id;
}

void forget_on_interrupt(uint64_t id) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.actions.erase(id);
}

void uninterrupted(const std::function<void()>& critical) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  critical();
}

}  // namespace relsynth

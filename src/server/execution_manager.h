// The web app's executions: each a plan run by a worker thread (pipeline/execution.h) and
// recorded in the run store, queued while the workers are busy, cancellable. One destination is
// written by one execution of this server at a time: a second is refused while the first is
// queued or running (and the run store's lock keeps other processes out).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/execution.h"
#include "relsynth/plan.h"
#include "runs/run_store.h"
#include "server/secrets.h"

namespace relsynth::server {

class ExecutionManager {
 public:
  // `workers` executions run at once; `store` and `secrets` must outlive the manager.
  ExecutionManager(runs::RunStore& store, const SecretStore& secrets, int workers);
  // Cancels what runs and waits for it to end; queued executions are cancelled.
  ~ExecutionManager();
  ExecutionManager(const ExecutionManager&) = delete;
  ExecutionManager& operator=(const ExecutionManager&) = delete;

  // A new execution of `plan` (checked by the caller), queued; its id. HttpError 409 naming the
  // execution when one of this server's queued or running executions writes its destination.
  int64_t submit(const Plan& plan, const ExecutionOptions& options);
  // Asks a queued or running execution to stop: a queued one ends at once, a running one at its
  // next progress event. False when it is not queued or running here.
  bool cancel(int64_t id);
  bool active(int64_t id) const;

 private:
  struct Job;
  void work();
  void run(Job& job);

  runs::RunStore& store_;
  const SecretStore& secrets_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::map<int64_t, std::shared_ptr<Job>> active_;  // queued or running
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace relsynth::server

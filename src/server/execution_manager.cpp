#include "server/execution_manager.h"

#include <exception>

#include "relsynth/error.h"
#include "relsynth/io.h"
#include "server/http_util.h"

namespace relsynth::server {

struct ExecutionManager::Job {
  int64_t id = 0;
  Plan plan;
  ExecutionOptions options;
  std::string place;  // place_identity of the destination
  std::atomic<bool> cancelled{false};
  std::string why;  // why it was cancelled
};

namespace {

// Stops the pipeline at its next step or count once its execution is cancelled: the exception
// unwinds the run (destinations abort, nothing half-written stays) and is recorded as cancelled.
// Never from a step's end or a message, nor while another exception unwinds: those may come from
// cleanup code, where a second exception would end the process.
class CancelListener : public ProgressListener {
 public:
  explicit CancelListener(const std::atomic<bool>& cancelled) : cancelled_(cancelled) {}
  void step_started(const std::string&) override { check(); }
  void step_updated(uint64_t, uint64_t, const std::string&) override { check(); }
  void step_done(const std::string&) override {}
  void message(const std::string&) override {}

 private:
  void check() const {
    if (cancelled_ && std::uncaught_exceptions() == 0)
      throw ExecutionCancelled("cancelled from the web app");
  }
  const std::atomic<bool>& cancelled_;
};

}  // namespace

ExecutionManager::ExecutionManager(runs::RunStore& store, const SecretStore& secrets, int workers)
    : store_(store), secrets_(secrets) {
  for (int i = 0; i < std::max(1, workers); ++i) workers_.emplace_back([this] { work(); });
}

ExecutionManager::~ExecutionManager() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : active_) job->cancelled = true;
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) worker.join();
  for (const std::shared_ptr<Job>& job : queue_)
    store_.finish(job->id, runs::Status::Cancelled, "the server stopped before it started");
}

int64_t ExecutionManager::submit(const Plan& plan, const ExecutionOptions& options) {
  auto job = std::make_shared<Job>();
  job->plan = plan;
  job->options = options;
  job->place = place_identity(plan.destination);
  std::lock_guard lock(mutex_);
  for (const auto& [id, other] : active_)
    if (other->place == job->place)
      throw HttpError(409, "conflict",
                      "the destination " + display_uri(plan.destination) +
                          " is being written by execution " + std::to_string(id) + " (" +
                          runs::to_string(store_.get(id).status) +
                          "); wait for it, cancel it or choose another destination");
  job->id = store_.create(execution_request(plan));
  active_[job->id] = job;
  queue_.push_back(job);
  wake_.notify_one();
  return job->id;
}

bool ExecutionManager::cancel(int64_t id) {
  std::shared_ptr<Job> queued;
  {
    std::lock_guard lock(mutex_);
    const auto found = active_.find(id);
    if (found == active_.end()) return false;
    found->second->cancelled = true;
    for (auto at = queue_.begin(); at != queue_.end(); ++at)
      if ((*at)->id == id) {
        queued = *at;
        queue_.erase(at);
        active_.erase(id);
        break;
      }
  }
  if (queued) store_.finish(id, runs::Status::Cancelled, "cancelled before it started");
  return true;
}

bool ExecutionManager::active(int64_t id) const {
  std::lock_guard lock(mutex_);
  return active_.count(id) > 0;
}

void ExecutionManager::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
    }
    run(*job);
    std::lock_guard lock(mutex_);
    active_.erase(job->id);
  }
}

void ExecutionManager::run(Job& job) {
  Plan plan = job.plan;
  // The passwords only now, in memory: the store and the plan text have the URLs without them.
  plan.source = secrets_.with_password(plan.source);
  plan.destination = secrets_.with_password(plan.destination);
  runs::DestinationLock lock;
  try {
    lock = store_.lock_destination(job.id, plan.destination);
  } catch (const std::exception& e) {
    store_.finish(job.id, runs::Status::Failed, secrets_.scrub(e.what()));
    return;
  }
  job.options.scrub = [this](const std::string& text) { return secrets_.scrub(text); };
  Progress progress(true);
  CancelListener cancel(job.cancelled);
  progress.add_listener(&cancel);
  try {
    run_execution(store_, job.id, plan, job.options, progress);
  } catch (const std::exception&) {
    // Recorded by run_execution (failed, or cancelled) with the message the user sees.
  }
  progress.remove_listener(&cancel);
}

}  // namespace relsynth::server

// Files and directories written beside their final place and moved there whole: a reader never
// sees half an output, and an interrupted run leaves nothing behind (see core/interrupt.h).
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace relsynth {

// A temporary path beside `target`, named "<target>.tmp-<pid>-<hex>" so that a later run can
// tell it from the user's files and know whether its writer still runs. It is not created here;
// whatever the caller creates there is removed on destruction or on an interrupt, unless
// moved onto the target by commit().
class StagedPath {
 public:
  explicit StagedPath(const std::filesystem::path& target);
  ~StagedPath();
  StagedPath(const StagedPath&) = delete;
  StagedPath& operator=(const StagedPath&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& target() const { return target_; }
  // Moves the temporary onto the target; an existing target is replaced (a directory is moved
  // aside first and removed after). Throws IoError with the OS's reason.
  void commit();
  // Removes the temporary now.
  void discard();

 private:
  std::filesystem::path target_;
  std::filesystem::path path_;
  uint64_t interrupt_id_ = 0;
};

// Removes temporaries of `target` that relsynth left when it was killed (their process no longer
// runs), saying so through `say`.
void remove_stale_temporaries(const std::filesystem::path& target,
                              const std::function<void(const std::string&)>& say);

// Writes `content` to `path` through a StagedPath, first removing what a killed run left there
// (with a warning on stderr). `what` names the file in errors ("model file").
void write_file_atomically(const std::string& path, std::string_view content,
                           const std::string& what);
// The same, the content written by `write` (a model file, a table at a time).
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           const std::string& what);

// Before any work: an output file can be written at `path`: it is not a directory, and the
// folder it goes in is a writable directory (missing folders are created). `what` names the
// option in errors ("--save-model"); errors carry the OS's reason (IoError).
void prepare_output_file(const std::string& what, const std::string& path);
// Before any work: an existing file at `path` is one relsynth wrote (a model file, metadata, a
// plan, a report) or empty, so writing an output file there loses nothing of the user's (`train
// -o notes.txt` replaced the notes). Throws UsageError naming `what` otherwise.
void check_replaceable_output_file(const std::string& what, const std::string& path);
// The same for an output directory (CSV files): `path` is not a file.
void prepare_output_directory(const std::string& what, const std::string& path);

// Bytes free for an unprivileged user on the file system of `folder` (or its nearest existing
// parent); -1 when unknown.
double free_space(const std::string& folder);

// `digits` (at most 16) random hex digits from the system's entropy: names no other run picks.
std::string random_hex(size_t digits);

// "Permission denied": the OS's words for an errno value.
std::string os_reason(int error_number);

}  // namespace relsynth

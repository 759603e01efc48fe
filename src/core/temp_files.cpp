#include "core/temp_files.h"

#include <signal.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include "core/interrupt.h"
#include "relsynth/error.h"

namespace relsynth {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMarker = ".tmp-";
constexpr size_t kHexDigits = 12;

}  // namespace

std::string random_hex(size_t digits) {
  std::random_device device;
  std::mt19937_64 engine((uint64_t{device()} << 32) ^ device());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  uint64_t bits = engine();
  for (size_t i = 0; i < digits && i < 16; ++i, bits >>= 4) out += kHex[bits & 15];
  return out;
}

namespace {

// The destination path without a trailing separator, so that "out/" stages in "out.tmp-...".
fs::path normalized(const fs::path& target) {
  fs::path path = target.lexically_normal();
  if (path.filename().empty() && path.has_parent_path()) path = path.parent_path();
  return path;
}

fs::path sibling(const fs::path& target) {
  fs::path path = target;
  path += std::string(kMarker) + std::to_string(getpid()) + "-" + random_hex(kHexDigits);
  return path;
}

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

void remove_quietly(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

// The writer's pid when `name` is "<base>.tmp-<pid>-<12 hex digits>", else 0.
pid_t temporary_owner(const std::string& name, const std::string& base) {
  const std::string prefix = base + std::string(kMarker);
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return 0;
  const std::string rest = name.substr(prefix.size());
  const size_t dash = rest.find('-');
  if (dash == std::string::npos || dash == 0 || dash > 9 || rest.size() - dash - 1 != kHexDigits)
    return 0;
  for (size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    if (i < dash ? !(c >= '0' && c <= '9')
                 : i > dash && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return 0;
  }
  return static_cast<pid_t>(std::stol(rest.substr(0, dash)));
}

bool still_running(pid_t pid) {
  if (pid == getpid()) return true;
  return kill(pid, 0) == 0 || errno == EPERM;
}

// The nearest folder of `path` that exists (`path`'s own folder, or "." for a bare name).
fs::path folder_of(const fs::path& path) {
  fs::path folder = path.parent_path();
  return folder.empty() ? fs::path(".") : folder;
}

}  // namespace

std::string os_reason(int error_number) { return std::strerror(error_number); }

double free_space(const std::string& folder) {
  fs::path path = folder.empty() ? fs::path(".") : fs::path(folder);
  std::error_code ec;
  while (!fs::exists(path, ec) && path.has_parent_path() && path != path.parent_path())
    path = path.parent_path();
  struct statvfs info;
  if (statvfs(path.c_str(), &info) != 0) return -1;
  return static_cast<double>(info.f_bavail) * static_cast<double>(info.f_frsize);
}

StagedPath::StagedPath(const fs::path& target) : target_(normalized(target)) {
  do {
    path_ = sibling(target_);
  } while (path_exists(path_));
  interrupt_id_ = on_interrupt([path = path_] { remove_quietly(path); });
}

StagedPath::~StagedPath() { discard(); }

void StagedPath::discard() {
  if (path_.empty()) return;
  remove_quietly(path_);
  path_.clear();
  forget_on_interrupt(interrupt_id_);
}

void StagedPath::commit() {
  fs::path old;
  uint64_t old_id = 0;
  std::error_code ec;
  uninterrupted([&] {
    if (fs::is_directory(fs::symlink_status(target_, ec))) {
      // A directory cannot be renamed over another: move the old one aside, so a failed swap
      // can put it back.
      old = sibling(target_);
      fs::rename(target_, old, ec);
      if (ec) return;
      old_id = on_interrupt([old] { remove_quietly(old); });
    }
    fs::rename(path_, target_, ec);
    if (ec) {
      std::error_code ignored;
      if (!old.empty()) fs::rename(old, target_, ignored);
      return;
    }
    forget_on_interrupt(interrupt_id_);
    path_.clear();
  });
  if (ec)
    throw IoError("cannot move " + path_.string() + " to " + target_.string() + ": " +
                  ec.message());
  if (old.empty()) return;
  remove_quietly(old);
  forget_on_interrupt(old_id);
}

void remove_stale_temporaries(const fs::path& target,
                              const std::function<void(const std::string&)>& say) {
  const fs::path clean = normalized(target);
  const std::string base = clean.filename().string();
  if (base.empty()) return;
  std::error_code ec;
  for (fs::directory_iterator it(folder_of(clean), ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const pid_t owner = temporary_owner(name, base);
    if (owner <= 0 || still_running(owner)) continue;
    std::error_code removed;
    fs::remove_all(it->path(), removed);
    if (!removed && say)
      say("removed " + it->path().string() + ", left by an interrupted run (process " +
          std::to_string(owner) + ")");
  }
}

void write_file_atomically(const std::string& path, std::string_view content,
                           const std::string& what) {
  write_file_atomically(
      path,
      [&](std::ostream& out) {
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
      },
      what);
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           const std::string& what) {
  remove_stale_temporaries(
      path, [](const std::string& text) { std::fprintf(stderr, "warning: %s\n", text.c_str()); });
  StagedPath staged(path);
  {
    std::ofstream out(staged.path(), std::ios::binary | std::ios::trunc);
    if (!out)
      throw IoError("cannot write " + what + " " + quote_name(path) + ": " + os_reason(errno));
    write(out);
    out.flush();
    if (!out)
      throw IoError("cannot write " + what + " " + quote_name(path) + ": " + os_reason(errno));
  }
  staged.commit();
}

namespace {

// The folder that will hold `path` is a writable directory; missing folders are created.
void prepare_folder(const std::string& what, const fs::path& path) {
  const fs::path folder = folder_of(path);
  std::error_code ec;
  if (!fs::exists(folder, ec)) {
    fs::create_directories(folder, ec);
    if (ec)
      throw IoError(what + ": cannot create the folder " + quote_name(folder.string()) + ": " +
                    ec.message());
  } else if (!fs::is_directory(folder, ec)) {
    throw IoError(what + ": " + quote_name(folder.string()) +
                  " is not a folder: " + os_reason(ENOTDIR));
  }
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw IoError(what + ": cannot write in " + quote_name(folder.string()) + ": " +
                  os_reason(errno));
}

}  // namespace

void prepare_output_file(const std::string& what, const std::string& path) {
  if (path.empty()) throw UsageError(what + ": an empty path");
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw IoError(what + ": " + quote_name(path) + " is a folder: " + os_reason(EISDIR));
  // A file is written beside its place and renamed onto it: onto /dev/null (as root) that
  // replaced the device with a regular file, and onto a named pipe the pipe.
  const fs::file_status status = fs::status(path, ec);
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw UsageError(what + ": " + quote_name(path) +
                     " is not a regular file (a device, pipe or socket); relsynth writes a file "
                     "whole and renames it into place, which would replace it: give a file path");
  prepare_folder(what, normalized(path));
}

namespace {

// What the files relsynth writes besides databases begin with: a model file's magic, the first
// key of metadata (and of an SDV metadata file), of a plan and of a report's summary, a report
// page's title.
constexpr std::string_view kOwnFileMarks[] = {"RSYNMODL",
                                              "\"relsynth_metadata_version\"",
                                              "\"METADATA_SPEC_VERSION\"",
                                              "relsynth_plan_version",
                                              "\"detection_auc_max\"",
                                              "<title>relsynth report</title>"};

bool own_or_empty_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.empty()) return true;
  for (std::string_view mark : kOwnFileMarks)
    if (head.find(mark) != std::string::npos) return true;
  return false;
}

}  // namespace

void check_replaceable_output_file(const std::string& what, const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec) || own_or_empty_file(path)) return;
  throw UsageError(what + ": " + quote_name(path) +
                   " exists and is not a file relsynth wrote (a model, metadata, plan or "
                   "report): relsynth replaces only its own files; move it or choose another "
                   "name");
}

void prepare_output_directory(const std::string& what, const std::string& path) {
  if (path.empty()) throw UsageError(what + ": an empty path");
  const fs::path clean = normalized(path);
  std::error_code ec;
  if (fs::exists(clean, ec) && !fs::is_directory(clean, ec))
    throw IoError(what + ": " + quote_name(path) +
                  " is a file, not a folder: " + os_reason(ENOTDIR));
  prepare_folder(what, clean);
}

}  // namespace relsynth

// One exception tree for the whole project; each kind carries the CLI's exit code.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace relsynth {

enum class ErrorCode : int {
  Internal = 1,  // a bug: should never happen
  Usage = 2,     // bad command line or configuration
  Input = 3,     // bad data, schema or metadata in a source or model file
  Io = 4,        // a file, database or network operation failed
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }
  int exit_code() const noexcept { return static_cast<int>(code_); }

 private:
  ErrorCode code_;
};

class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ErrorCode::Usage, message) {}
};

class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(ErrorCode::Input, message) {}
};

class IoError : public Error {
 public:
  explicit IoError(const std::string& message) : Error(ErrorCode::Io, message) {}
};

// "table \"orders\", column \"total\", row 17": the standard way to point at bad input.
// Empty parts are left out; row < 0 means no row.
std::string locate(std::string_view table, std::string_view column = {}, int64_t row = -1);

// The place a message names with locate(): its first table, the column and row after it (row
// 0-based, -1 when none); empty parts when the message names none. For front ends that give
// errors structured fields (the Python package's InputError.table/.column/.row).
struct ErrorPlace {
  std::string table, column;
  int64_t row = -1;
};
ErrorPlace find_location(std::string_view message);
// Quotes a name for messages: "my \"table\"".
std::string quote_name(std::string_view name);

}  // namespace relsynth

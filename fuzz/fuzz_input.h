// What the fuzz targets share: a private scratch folder for inputs that relsynth reads from
// files, and the one rule of every target: bad input may only end in relsynth::Error.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace relsynth::fuzz {

// A folder of this process's own, emptied for each input.
inline std::filesystem::path scratch() {
  static const std::filesystem::path folder = [] {
    std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
    base /= "relsynth-fuzz-" + std::to_string(getpid());
    std::filesystem::create_directories(base);
    return base;
  }();
  return folder;
}

inline std::string write_input(const std::string& name, const uint8_t* data, size_t size) {
  const std::filesystem::path path = scratch() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path.string();
}

}  // namespace relsynth::fuzz

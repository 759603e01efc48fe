#include "synth/fit_cache.h"

#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/binary_io.h"
#include "core/temp_files.h"

namespace relsynth {

namespace {

constexpr uint32_t kFitCacheVersion = 1;

uint64_t scramble(uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

void FitKey::mix(uint64_t word) {
  ++count_;
  a_ = scramble(a_ ^ word ^ count_);
  b_ = scramble(b_ + std::rotl(word, 17) + a_);
}

void FitKey::add(std::span<const uint16_t> values) {
  add(static_cast<uint64_t>(values.size()));
  uint64_t word = 0;
  size_t filled = 0;
  for (uint16_t value : values) {
    word = (word << 16) | value;
    if (++filled == 4) {
      mix(word);
      word = 0;
      filled = 0;
    }
  }
  if (filled) mix(word);
}

void FitKey::add(std::span<const uint32_t> values) {
  add(static_cast<uint64_t>(values.size()));
  for (uint32_t value : values) mix(value);
}

void FitKey::add(uint64_t value) { mix(value); }

void FitKey::add(double value) { mix(std::bit_cast<uint64_t>(value)); }

std::string FitKey::hex() const {
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(scramble(a_)),
                static_cast<unsigned long long>(scramble(b_ ^ count_)));
  return out;
}

FitCache::FitCache(std::string folder) : folder_(std::move(folder)) {}

std::string FitCache::path(const std::string& key) const {
  return folder_ + "/" + key.substr(0, 2) + "/" + key + ".fit";
}

std::unique_ptr<Classifier> FitCache::find(const std::string& key) const {
  if (!enabled()) return nullptr;
  std::ifstream in(path(key), std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream read;
  read << in.rdbuf();
  const std::string bytes = read.str();  // the reader only views it
  try {
    BinaryReader reader(bytes, "fit cache entry");
    reader.begin_section("FIT", kFitCacheVersion);
    if (reader.str() != key) return nullptr;
    std::unique_ptr<Classifier> classifier = load_classifier(reader);
    reader.end_section();
    return classifier;
  } catch (const std::exception&) {
    return nullptr;  // damaged or from another version: fitted again, and rewritten
  }
}

void FitCache::store(const std::string& key, const Classifier& classifier) const {
  if (!enabled()) return;
  try {
    std::filesystem::create_directories(std::filesystem::path(path(key)).parent_path());
    BinaryWriter writer;
    writer.begin_section("FIT", kFitCacheVersion);
    writer.str(key);
    save_classifier(classifier, writer);
    writer.end_section();
    write_file_atomically(path(key), writer.data(), "fit cache entry");
  } catch (const std::exception&) {
    // A full disk or a read-only folder costs the reuse, never the training.
  }
}

}  // namespace relsynth

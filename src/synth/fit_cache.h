// Fitted classifiers kept on disk by what they were fitted on, so a training that meets the same
// inputs again (a re-run after a failure, a retrain where only some tables changed) reuses them
// instead of fitting anew. A fit is a pure function of its tokens and parameters, so a reused
// classifier is the one a fresh fit would give: the model is byte-identical either way.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "model/tree_classifier.h"

namespace relsynth {

// Identifies one fit: feed it everything the fit reads, in order.
class FitKey {
 public:
  void add(std::span<const uint16_t> values);
  void add(std::span<const uint32_t> values);
  void add(uint64_t value);
  void add(double value);
  std::string hex() const;  // 32 hex digits

 private:
  void mix(uint64_t word);
  uint64_t a_ = 0x9e3779b97f4a7c15ULL, b_ = 0xc2b2ae3d27d4eb4fULL;
  uint64_t count_ = 0;
};

class FitCache {
 public:
  // `folder` is created on first store; empty: a cache that keeps nothing.
  explicit FitCache(std::string folder = {});
  bool enabled() const { return !folder_.empty(); }
  // The classifier fitted for `key`, or null (none, or an unreadable file: fitted again).
  std::unique_ptr<Classifier> find(const std::string& key) const;
  // Keeps it (written atomically; a failure to write only loses the reuse).
  void store(const std::string& key, const Classifier& classifier) const;

 private:
  std::string path(const std::string& key) const;
  std::string folder_;
};

}  // namespace relsynth

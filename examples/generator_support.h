// What the stand-alone database generators (relsynth_demo_db, relsynth_wide_db) share: a
// seeded random generator with our own distributions and a thin SQLite writer. They link only
// SQLite, not relsynth, so the databases they write are what an application would write.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace generator {

// ---------------------------------------------------------------------------------------------
// Randomness: our own generator and distributions, so the same seed gives the same bytes with any
// standard library (std::*_distribution outputs are implementation-defined).

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// xoshiro256**, one independent stream per table so that changing one table's generation does not
// reshuffle all the others.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t sm = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    for (auto& word : s_) word = splitmix64(sm);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [lo, hi], unbiased (rejection on the top of the range).
  int64_t range(int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    if (span == 0) return static_cast<int64_t>(next());
    const uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    uint64_t x = next();
    while (x >= limit) x = next();
    return lo + static_cast<int64_t>(x % span);
  }

  bool chance(double p) { return uniform() < p; }

  // Standard normal by Box-Muller (one value per call; simplicity beats speed here).
  double normal() {
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

  // Poisson by multiplying uniforms (Knuth); lambdas here are small. Large ones are split.
  int poisson(double lambda) {
    int total = 0;
    while (lambda > 20.0) {
      total += poisson(20.0);
      lambda -= 20.0;
    }
    const double limit = std::exp(-lambda);
    double p = uniform();
    while (p > limit) {
      ++total;
      p *= uniform();
    }
    return total;
  }

  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(range(0, static_cast<int64_t>(items.size()) - 1))];
  }

  // Index drawn with probability proportional to weights[i].
  size_t weighted(const std::vector<double>& weights) {
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    double x = uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_{};
};

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw std::runtime_error("cannot create " + path + ": " + msg);
    }
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw std::runtime_error("SQL failed: " + msg);
    }
  }

  void close() {
    if (sqlite3_close(db_) != SQLITE_OK) throw std::runtime_error("cannot close the database");
    db_ = nullptr;
  }

  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// A prepared INSERT; values are bound in order with add() and written by run().
class Insert {
 public:
  Insert(Db& db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("cannot prepare: ") + sqlite3_errmsg(db.handle()));
    }
  }
  ~Insert() { sqlite3_finalize(stmt_); }
  Insert(const Insert&) = delete;
  Insert& operator=(const Insert&) = delete;

  Insert& add(int64_t v) { return check(sqlite3_bind_int64(stmt_, ++slot_, v)); }
  Insert& add(int v) { return add(static_cast<int64_t>(v)); }
  Insert& add(double v) { return check(sqlite3_bind_double(stmt_, ++slot_, v)); }
  Insert& add(const std::string& v) {
    return check(
        sqlite3_bind_text(stmt_, ++slot_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  Insert& null() { return check(sqlite3_bind_null(stmt_, ++slot_)); }
  // Id 0, an empty string and a negative day stand for NULL.
  Insert& id_or_null(int64_t v) { return v > 0 ? add(v) : null(); }
  Insert& text_or_null(const std::string& v) { return v.empty() ? null() : add(v); }

  void run() {
    if (sqlite3_step(stmt_) != SQLITE_DONE) {
      throw std::runtime_error(std::string("insert failed: ") + sqlite3_errmsg(db_.handle()));
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    slot_ = 0;
  }

 private:
  Insert& check(int rc) {
    if (rc != SQLITE_OK) throw std::runtime_error("cannot bind a value");
    return *this;
  }
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
  int slot_ = 0;
};

struct UsageFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline uint64_t parse_number(const std::string& flag, const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 19) {
    throw UsageFailure(flag + " needs a non-negative integer, got \"" + text + "\"");
  }
  return std::stoull(text);
}

// A numeric option of a generator's command line: its flag, range and where it goes.
struct NumberOption {
  const char* flag;
  uint64_t min, max;
  uint64_t* value;  // keeps its default when the option is absent
};

// A generator's command line: one output file (returned), --overwrite, --help (prints `usage`
// and exits), and the numeric options, each checked against its range.
inline std::string parse_arguments(int argc, char** argv, const char* usage, bool& overwrite,
                                   std::initializer_list<NumberOption> numbers) {
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const NumberOption* number = nullptr;
    for (const NumberOption& option : numbers)
      if (arg == option.flag) number = &option;
    if (number) {
      if (i + 1 >= argc) throw UsageFailure(arg + " needs a value");
      const uint64_t value = parse_number(arg, argv[++i]);
      if (value < number->min || value > number->max)
        throw UsageFailure(arg + " must be within " + std::to_string(number->min) + ".." +
                           std::to_string(number->max));
      *number->value = value;
    } else if (arg == "--overwrite") {
      overwrite = true;
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(usage, stdout);
      std::exit(0);
    } else if (!arg.empty() && arg[0] == '-') {
      throw UsageFailure("unknown option " + arg);
    } else if (out.empty()) {
      out = arg;
    } else {
      throw UsageFailure("only one output file, got \"" + out + "\" and \"" + arg + "\"");
    }
  }
  if (out.empty()) throw UsageFailure("missing the output file");
  return out;
}

// Writes the database beside `out`, then renames it into place: a reader never sees a
// half-written file, and an existing file is replaced only with `overwrite`.
inline void write_beside_then_rename(const std::string& out, bool overwrite,
                                     const std::function<void(const std::string&)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(out, ec) && !overwrite) {
    throw UsageFailure(out + " exists; pass --overwrite to replace it");
  }
  const fs::path tmp = out + ".tmp-" + std::to_string(getpid());
  try {
    fs::remove(tmp);
    write(tmp.string());
    if (fs::exists(out) && !overwrite) {
      throw std::runtime_error(out + " appeared while writing; not replacing it");
    }
    fs::rename(tmp, out);
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
}

}  // namespace generator

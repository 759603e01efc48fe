// Throughput of the modelling primitives on synthetic data:
//   encoders: fit / encode / decode of 300k-row numeric and categorical columns;
//   classifier: TreeClassifier fit on 300k rows x 15 token features x 32 classes
//   (10 trees, depth 10, 2 threads), batch prediction, and held-out log-likelihood against
//   the marginal baseline (so speed is never bought with a model that learned nothing).
// Usage: bench_model [rows] [threads] [split_penalty] [min_samples_leaf]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "core/random.h"
#include "model/encoder.h"
#include "model/tree_classifier.h"

using namespace relsynth;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void bench_encoder(const char* name, const Column& column, ColumnEncoder& encoder) {
  auto t0 = std::chrono::steady_clock::now();
  encoder.fit(column, EncoderOptions{});
  const double fit = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  const std::vector<uint16_t> tokens = encoder.encode(column);
  const double encode = seconds_since(t0);
  Column out("out", column.type());
  out.reserve(tokens.size());
  Rng rng(1);
  t0 = std::chrono::steady_clock::now();
  for (uint16_t t : tokens) encoder.decode(t, rng, out);
  const double decode = seconds_since(t0);
  const double rows = static_cast<double>(column.size());
  std::printf("%-28s tokens %5zu  fit %6.3f s  encode %7.1f M rows/s  decode %7.1f M rows/s\n",
              name, encoder.num_tokens(), fit, rows / encode / 1e6, rows / decode / 1e6);
}

uint16_t quantize(double v, int levels) {
  const double u = 0.5 * (1 + std::erf(v / std::sqrt(2.0)));  // to [0, 1] via the normal CDF
  return static_cast<uint16_t>(std::min(levels - 1, static_cast<int>(u * levels)));
}

}  // namespace

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 300000;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  std::printf("bench_model: %zu rows, %d threads\n\n", rows, threads);

  // Encoders.
  Rng rng(42);
  Column lognormal("amount", DataType::Float64);
  Column cents("price", DataType::Decimal);
  Column stamps("created_at", DataType::DateTime);
  Column cities("city", DataType::String);
  for (size_t i = 0; i < rows; ++i) {
    lognormal.append_double(std::exp(3 + rng.normal()));
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", 20 + 5 * rng.normal());
    cents.append_string(std::string(buffer));
    stamps.append_int(1'600'000'000'000'000LL +
                      static_cast<int64_t>(rng.uniform_int(86400 * 365)) * 1'000'000);
    // Zipf-like over 5000 names: many rare ones.
    const double u = rng.uniform();
    cities.append_string("city_" + std::to_string(static_cast<int>(std::pow(5000.0, u * u))));
  }
  {
    auto e1 = make_numeric_encoder();
    bench_encoder("numeric Float64 lognormal", lognormal, *e1);
    auto e2 = make_numeric_encoder();
    bench_encoder("numeric Decimal 2 places", cents, *e2);
    auto e3 = make_numeric_encoder();
    bench_encoder("numeric DateTime seconds", stamps, *e3);
    auto e4 = make_categorical_encoder();
    bench_encoder("categorical String zipf", cities, *e4);
  }

  // Classifier: a latent z drives 10 informative features and the target; 5 are noise.
  const size_t num_features = 15;
  const int classes = 32;
  const size_t test_rows = std::min<size_t>(20000, rows / 5);
  std::vector<std::vector<uint16_t>> columns(num_features);
  std::vector<uint16_t> target;
  for (size_t i = 0; i < rows + test_rows; ++i) {
    const double z = rng.normal();
    for (size_t f = 0; f < num_features; ++f) {
      const double v = f < 10 ? z + (0.5 + 0.2 * f) * rng.normal() : rng.normal();
      columns[f].push_back(
          quantize(v / std::sqrt(1 + (f < 10 ? std::pow(0.5 + 0.2 * f, 2) : 0.0)), 32));
    }
    target.push_back(quantize(z + 0.5 * rng.normal(), classes));
  }
  TokenMatrix train, test;
  train.num_rows = rows;
  test.num_rows = test_rows;
  for (size_t f = 0; f < num_features; ++f) {
    train.columns.emplace_back(columns[f].data(), rows);
    test.columns.emplace_back(columns[f].data() + rows, test_rows);
    train.cardinalities.push_back(32);
    test.cardinalities.push_back(32);
  }
  const std::span<const uint16_t> train_y(target.data(), rows);
  const std::span<const uint16_t> test_y(target.data() + rows, test_rows);

  TreeParams params;
  params.num_trees = 10;
  params.max_depth = 10;
  params.threads = threads;
  params.seed = 7;
  if (argc > 3) params.split_penalty = std::atof(argv[3]);
  if (argc > 4) params.min_samples_leaf = std::atoi(argv[4]);
  TreeClassifier forest;
  auto t0 = std::chrono::steady_clock::now();
  const std::clock_t cpu0 = std::clock();
  forest.fit(train, train_y, classes, params);
  const double fit = seconds_since(t0);
  const double fit_cpu = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;

  std::vector<float> probs(test_rows * classes);
  t0 = std::chrono::steady_clock::now();
  forest.predict_proba_batch(test, 0, test_rows, probs);
  const double predict = seconds_since(t0);

  MarginalClassifier marginal;
  marginal.fit(train_y, classes, num_features, 1.0);
  std::vector<float> base(classes);
  marginal.predict_proba({}, base);
  double ll_forest = 0, ll_marginal = 0;
  size_t correct = 0;
  for (size_t i = 0; i < test_rows; ++i) {
    const float* p = probs.data() + i * classes;
    ll_forest += std::log(std::max(p[test_y[i]], 1e-9f));
    ll_marginal += std::log(std::max(base[test_y[i]], 1e-9f));
    correct += static_cast<size_t>(std::max_element(p, p + classes) - p) == test_y[i];
  }
  BinaryWriter w;
  save_classifier(forest, w);
  std::printf(
      "\nTreeClassifier %zu rows x %zu features x %d classes, %d trees depth %d, %d threads:\n"
      "  fit %.2f s wall, %.2f s CPU (split_penalty %.1f, min_samples_leaf %d), %zu nodes, model "
      "%.1f KB\n"
      "  predict %.2f M rows/s (batch, 1 thread)\n"
      "  held-out mean log-likelihood %.3f (marginal baseline %.3f), accuracy %.3f\n",
      rows, num_features, classes, params.num_trees, params.max_depth, threads, fit, fit_cpu,
      params.split_penalty, params.min_samples_leaf, forest.num_nodes(), w.data().size() / 1024.0,
      test_rows / predict / 1e6, ll_forest / test_rows, ll_marginal / test_rows,
      static_cast<double>(correct) / test_rows);
  return 0;
}

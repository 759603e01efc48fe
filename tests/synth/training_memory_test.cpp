// Training on data the caller gives up (train(metadata, std::move(data))) frees each table's
// rows once nothing still to train reads them, and gives the same model.
#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "relsynth/progress.h"
#include "synth/synth_support.h"
#include "test_support.h"

namespace relsynth::testing {
namespace {

// The bytes malloc has handed out and not had back (heap and mmapped chunks).
size_t heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// The heap in use as each training step starts.
class HeapAtSteps : public ProgressListener {
 public:
  std::map<std::string, size_t> at;
  std::vector<std::string> order;
  std::map<std::string, size_t> first_fit;  // as each step fits its first column
  void step_started(const std::string& name) override {
    at[name] = heap_in_use();
    order.push_back(name);
  }
  void step_updated(uint64_t, uint64_t, const std::string& detail) override {
    if (detail.rfind("column ", 0) == 0 && !order.empty())
      first_fit.emplace(order.back(), heap_in_use());
  }
  void step_done(const std::string&) override {}
  void message(const std::string&) override {}
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(TrainingMemory, TablesNothingStillReadsAreFreedAndTheModelIsTheSame) {
  TempDir dir;
  // 150,000 rows of 6 numbers (about 7 MB as read), trained before a small table.
  const std::string source = dir.file("source.sqlite");
  create_sqlite(source,
                "CREATE TABLE a_big (id INTEGER PRIMARY KEY, p INTEGER, q INTEGER, r INTEGER,"
                " s INTEGER, t INTEGER);\n"
                "CREATE TABLE b_tail (id INTEGER PRIMARY KEY, x INTEGER, y TEXT);\n"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                "150000)\n"
                "INSERT INTO a_big SELECT i, i % 7, (i * 31) % 5, (i * 17) % 3, i % 4, "
                "(i * 13) % 6 FROM n;\n"
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)\n"
                "INSERT INTO b_tail SELECT i, i % 9, 'k' || (i % 4) FROM n;\n");
  const SourceData loaded = load(source);
  TrainOptions options;
  options.threads = 1;  // every allocation on this thread's heap
  options.num_trees = 2;
  Progress quiet(true);
  train(loaded.metadata, loaded.data, options, quiet).save(dir.file("kept.rsm"));

  Database given = loaded.data;
  HeapAtSteps heap;
  Progress watched(true);
  watched.add_listener(&heap);
  train(loaded.metadata, std::move(given), options, watched).save(dir.file("given.rsm"));
  watched.remove_listener(&heap);

  EXPECT_EQ(file_bytes(dir.file("given.rsm")), file_bytes(dir.file("kept.rsm")));
  ASSERT_TRUE(heap.at.count("training a_big") && heap.at.count("training b_tail"));
  ASSERT_LT(std::find(heap.order.begin(), heap.order.end(), "training a_big"),
            std::find(heap.order.begin(), heap.order.end(), "training b_tail"));
  // a_big's 150,000 rows x 6 columns (7.2 MB of numbers) are gone once it is trained; held,
  // the heap would have grown by its model instead. Nothing refers to a_big, so they go
  // before its fits already (its tokens, 1.5 MB, stay).
  EXPECT_LT(heap.at["training b_tail"] + 5'000'000, heap.at["training a_big"]);
  ASSERT_TRUE(heap.first_fit.count("training a_big"));
  EXPECT_LT(heap.first_fit["training a_big"] + 4'000'000, heap.at["training a_big"]);
}

}  // namespace
}  // namespace relsynth::testing

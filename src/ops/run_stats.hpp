// RunStats: the counts su-stats reports, as subunit-stats counts them
// (spec/reference-tools.md §5) but for one thing: `exists` is not a test;
// failed = every failing result by the one rule (ops/outcome.hpp: fail,
// uxsuccess, never completed), where subunit-stats counts uxsuccess as
// passed; xfail counts as passed; seen tags are the union of every test's
// final tags.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <unordered_set>

#include "base/hash.hpp"

#include "ops/result_aggregator.hpp"

namespace su {

struct RunStats {
  std::uint64_t total = 0, failed = 0, skipped = 0;
  std::uint64_t success = 0, xfail = 0, uxsuccess = 0, incomplete = 0;
  std::set<std::string> tags;
  std::optional<Timestamp> first, last;  // earliest and latest test times
  double test_seconds = 0;               // sum of known durations

  std::uint64_t passed() const { return total - failed - skipped; }
  void add(const TestResult& result);

 private:
  std::int64_t first_us_ = 0, last_us_ = 0;  // first and last, in µs
  // Tags already in `tags`: a hash lookup per tag instead of a tree walk.
  std::unordered_set<std::string, StringHash, StringEqual> seen_tags_;
};

// Collects RunStats, handing non-test events to an optional passthrough.
class StatsCollector : public ResultHandler {
 public:
  explicit StatsCollector(ResultHandler* passthrough = nullptr) : passthrough_(passthrough) {}
  void on_result(const TestResult& r) override { stats.add(r); }
  void on_non_test(const Event& e) override {
    if (passthrough_) passthrough_->on_non_test(e);
  }
  RunStats stats;

 private:
  ResultHandler* passthrough_;
};

}  // namespace su

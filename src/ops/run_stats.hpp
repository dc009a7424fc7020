// RunStats: the counts su-stats reports, as subunit-stats counts them
// (spec/reference-tools.md §5) but for one thing: `exists` is not a test;
// failed = every failing result by the one rule (ops/outcome.hpp: fail,
// uxsuccess, never completed), where subunit-stats counts uxsuccess as
// passed; xfail counts as passed; seen tags are the union of every test's
// final tags.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/hash.hpp"
#include "base/hash_index.hpp"

#include "ops/result_aggregator.hpp"

namespace su {

struct RunStats {
  std::uint64_t total = 0, failed = 0, skipped = 0;
  std::uint64_t success = 0, xfail = 0, uxsuccess = 0, incomplete = 0;
  std::set<std::string> tags;
  std::optional<Timestamp> first, last;  // earliest and latest test times
  // The sum of known durations, exact: summed as µs, where adding up
  // seconds as doubles gathered a rounding error that a long enough run
  // shows in the sixth decimal su-stats prints.
  std::int64_t test_micros = 0;

  std::uint64_t passed() const { return total - failed - skipped; }
  double test_seconds() const { return static_cast<double>(test_micros) / 1e6; }
  void add(const TestResult& result);
  // One test counted as add() counts a TestResult with these fields, for a
  // counter that keeps no TestResult (StatsCounter): `tags` is its last tag
  // list (strings or views), null if it never had one.
  template <typename Tags>
  void add_test(bool complete, Status status, const Tags* tags,
                const std::optional<Timestamp>& start, const std::optional<Timestamp>& stop) {
    count(complete, status);
    if (tags)
      for (const auto& t : *tags)
        if (!recently_seen(t)) note_tag(t);
    note_times(start, stop);
  }

 private:
  void count(bool complete, Status status);
  void note_tag(std::string_view tag);
  void note_times(const std::optional<Timestamp>& start, const std::optional<Timestamp>& stop);

  std::int64_t first_us_ = 0, last_us_ = 0;  // first and last, in µs
  // Tags already in `tags` (views of its strings, which a set never moves)
  // with their hashes, found through a HashIndex: one short hash and one
  // probe per tag of every test, where a tree walk or a node-based hash
  // set cost several times that.
  std::vector<std::string_view> seen_tags_;
  std::vector<std::uint64_t> seen_hashes_;
  HashIndex seen_index_;
  // The tags of 8 to 16 bytes seen last, by their last byte: a parallel
  // run tags each test with its worker ("worker-0", ...), and such a tag is
  // whole in its size and first and last eight bytes, so it is found again
  // by comparing two words, without hashing it.
  struct ShortTag {
    std::uint64_t head = 0, tail = 0;
    std::size_t size = 0;  // 0: no tag here yet
  };
  std::array<ShortTag, 16> recent_tags_;
  bool recently_seen(std::string_view t) const {
    if (t.size() < 8 || t.size() > 16) return false;
    const ShortTag& r = recent_tags_[static_cast<unsigned char>(t.back()) % recent_tags_.size()];
    return r.size == t.size() && r.head == hash_detail::load64(t.data()) &&
           r.tail == hash_detail::load64(t.data() + t.size() - 8);
  }
};

// count and note_times are inline: they run for every test, and a call
// cost as much as their work.
inline void RunStats::count(bool complete, Status status) {
  ++total;
  if (is_failing(outcome_of(status, complete))) ++failed;
  if (!complete) {
    ++incomplete;
  } else {
    switch (status) {
      case Status::skip: ++skipped; break;
      case Status::success: ++success; break;
      case Status::xfail: ++xfail; break;
      case Status::uxsuccess: ++uxsuccess; break;
      default: break;
    }
  }
}

inline void RunStats::note_times(const std::optional<Timestamp>& start,
                                 const std::optional<Timestamp>& stop) {
  std::int64_t start_us = start ? start->micros() : 0;
  std::int64_t stop_us = stop ? stop->micros() : 0;
  if (start) {
    if (!first || start_us < first_us_) { first = start; first_us_ = start_us; }
    if (!last || start_us > last_us_) { last = start; last_us_ = start_us; }
  }
  if (stop) {
    if (!first || stop_us < first_us_) { first = stop; first_us_ = stop_us; }
    if (!last || stop_us > last_us_) { last = stop; last_us_ = stop_us; }
  }
  if (start && stop) test_micros += stop_us - start_us;
}

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

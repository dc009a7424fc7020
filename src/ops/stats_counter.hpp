// StatsCounter: RunStats straight from events, counted exactly as a
// ResultAggregator (dropping `exists` events) feeding a StatsCollector
// counts them, without building a TestResult per test.
//
// su-stats needs of a test only its outcome, its last tag list and its
// first and last timestamps. A test whose final event opens and closes it
// (or whose tags come with the final event, as runners send them) is
// counted from that event's own views; only a test still open between
// events is held: its key, first timestamp and, if an earlier event had
// them, its tags. Building and handing on a TestResult (the id and tags
// copied into strings, a virtual call per test) took more of su-stats'
// time on the 1M-test stream than decoding it did;
// tests/unit/stats_counter_test.cpp holds the two ways to the same counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/record_pool.hpp"
#include "event/open_test_index.hpp"
#include "event/sink.hpp"
#include "ops/run_stats.hpp"

namespace su {

class StatsCounter : public EventSink {
 public:
  // Events without a test id go to `passthrough`, if any (on_non_test).
  explicit StatsCounter(ResultHandler* passthrough = nullptr) : passthrough_(passthrough) {}

  void on_event(const Event& event) override;
  // Counts the tests still open as incomplete, newest first, as the
  // aggregator hands them on.
  void finish() override;

  RunStats stats;

 private:
  struct Open {
    std::string id;
    std::optional<std::string> route_code;
    std::optional<Timestamp> start;  // the first event's timestamp
    bool has_tags = false;
    std::vector<std::string> tags;  // the last tag list seen, when has_tags
    std::uint64_t sequence = 0;
    bool in_use = false;
  };

  std::uint32_t insert(const Event& e);
  void close(std::uint32_t index);

  ResultHandler* passthrough_;
  RecordPool<Open> records_;
  OpenTestIndex open_;
  std::uint64_t sequence_ = 0;
};

}  // namespace su

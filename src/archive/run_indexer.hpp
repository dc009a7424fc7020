// SPDX-License-Identifier: Apache-2.0
// RunIndexer: the sink that turns a run's events into its RunIndex. It
// aggregates tests as every su- tool does (ResultAggregator; `exists` is not
// a test), counts them as su-stats does, and keeps one small row per test:
// memory is the rows, never attachments or the stream.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <unordered_map>
#include <string>
#include <vector>

#include "archive/id_table.hpp"
#include "archive/run_index.hpp"
#include "event/sink.hpp"
#include "ops/run_stats.hpp"
#include "ops/result_aggregator.hpp"

namespace su {

class RunIndexer : public EventSink, private ResultHandler {
 public:
  RunIndexer();
  void on_event(const Event& event) override;
  void finish() override { aggregator_.finish(); }

  // After finish(): numbers the tests through `ids` (interning new ones)
  // and returns the index with its rows sorted and the header's counts and
  // times filled in. The caller sets id, source, metadata and stream facts.
  RunIndex take(IdTable& ids);

 private:
  void on_result(const TestResult& result) override;
  std::uint32_t intern(std::map<std::string, std::uint32_t, std::less<>>& table,
                       std::string_view name);

  struct Pending {
    std::string id;
    TestRow row;
  };
  ResultAggregator aggregator_;
  RunStats stats_;
  std::deque<Pending> pending_;  // no reallocation peaks on big runs
  std::map<std::string, std::uint32_t, std::less<>> workers_, routes_, tag_sets_;
  std::vector<std::vector<std::string>> tag_set_list_;
  std::string key_;
  // File content bytes of each open test, by aggregation key.
  std::unordered_map<std::string, std::uint64_t> attachment_bytes_;
  std::optional<std::int64_t> first_ns_, last_ns_;
  std::uint64_t test_ns_ = 0;
};

}  // namespace su

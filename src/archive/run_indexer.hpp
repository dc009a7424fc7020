// SPDX-License-Identifier: Apache-2.0
// RunIndexer: the sink that turns a run's events into its RunIndex. It
// aggregates tests as every su- tool does (ResultAggregator; `exists` is not
// a test), counts them as su-stats counts them, and keeps one small row per
// test: never attachments or the stream.
//
// Given a spill prefix, it keeps no more than that in memory either: rows
// and test ids go to files (`prefix`.rows, `prefix`.ids; removed when done)
// and are sorted back from there (RowSorter), so indexing a run of a
// million tests takes a few megabytes. Without one, everything stays in
// memory (check, tests), with the same result.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "archive/id_table.hpp"
#include "archive/row_sorter.hpp"
#include "archive/run_index.hpp"
#include "event/sink.hpp"
#include "ops/result_aggregator.hpp"
#include "ops/run_stats.hpp"

namespace su {

class RunIndexer : public EventSink, private ResultHandler {
 public:
  RunIndexer() : RunIndexer(std::string()) {}
  // Throws IoError if a spill file cannot be written.
  explicit RunIndexer(std::string spill_prefix);
  ~RunIndexer() override;
  void on_event(const Event& event) override;
  void finish() override { aggregator_.finish(); }

  // After finish(): numbers the tests through `ids` (interning new ones)
  // and returns the index with its rows sorted and the header's counts and
  // times filled in. The caller sets id, source, metadata and stream facts.
  RunIndex take(IdTable& ids);

  // The streaming form of take(), in three steps. After finish():
  // number_tests() calls `number` with every result's test id, in the
  // order the results completed, and fills in the header's counts, times
  // and id_count; the caller then sets the rest of header(); write_index()
  // writes the index file to `path` (not synced) through `blocks_path`, a
  // scratch file for the row blocks. Throws IoError.
  void number_tests(const std::function<std::uint32_t(std::string_view)>& number);
  archive::pb::RunHeader& header() { return header_; }
  // Test results seen (rows of the index).
  std::uint32_t results() const { return results_; }
  void write_index(const std::string& path, const std::string& blocks_path);

 private:
  void on_result(const TestResult& result) override;
  std::uint32_t intern(std::map<std::string, std::uint32_t, std::less<>>& table,
                       std::string_view name);
  void put_id(std::string_view id);
  // Drains the rows in (test, offset) order, positions and numbers set.
  void sorted_rows(const std::function<void(const TestRow&)>& each);
  // The header, worker, route and tag tables, without rows.
  RunIndex tables() const;

  std::string prefix_;
  ResultAggregator aggregator_;
  RunStats stats_;
  RowSorter by_offset_;              // rows as they complete, for positions
  std::vector<std::string> ids_;     // in memory: test ids by seq
  int ids_fd_ = -1;                  // spilled: u32 length + bytes, by seq
  std::string ids_buf_;
  std::uint32_t results_ = 0;
  std::vector<std::uint32_t> numbers_;  // test number by seq
  std::map<std::string, std::uint32_t, std::less<>> workers_, routes_, tag_sets_;
  std::vector<std::vector<std::string>> tag_set_list_;
  std::string key_;
  // File content bytes of each open test, by aggregation key.
  std::unordered_map<std::string, std::uint64_t> attachment_bytes_;
  std::optional<std::int64_t> first_ns_, last_ns_;
  bool micros_ = true;  // every time is whole microseconds
  std::uint64_t test_ns_ = 0;
  archive::pb::RunHeader header_;
};

}  // namespace su

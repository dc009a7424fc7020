// SPDX-License-Identifier: Apache-2.0
// RunPage: su-report's page of one run (su-report(1)). Feed it a
// ResultAggregator's results (with attachments kept), then write() it.
//
// The page: a summary (the counts su-stats prints, computed by the same
// RunStats, plus duration, workers and tags), every failure with its
// attachments (text escaped, binary ones listed with their size), its
// worker and its position there, a timeline with one lane per worker, the
// slowest tests, and a table of every test. Stable hooks for scripts and
// tests: <tr data-test-id data-status> per test, <span data-count> per
// outcome and "total", <svg data-timeline> with <g data-worker> per lane.
//
// A test counts as failed as su-stats counts it (TestResult::failed(): a
// fail, or a test that never completed). Its row's data-status is "fail"
// whatever its outcome (a never-completed test shows "incomplete" as its
// status text), so the rows with data-status="fail" are exactly su-stats's
// "Failed tests".
//
// Memory: results are rendered as they arrive; what is kept is what the
// page needs and cannot write before the summary: per test its id and
// about 64 bytes (status, times, worker, offset), and per failure its
// attachments' text, each cut to `attachment_limit` bytes, and as much of
// the output outside tests. Passing tests' attachments are not kept.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/output.hpp"
#include "ops/result_aggregator.hpp"
#include "ops/run_stats.hpp"
#include "report/html_writer.hpp"
#include "report/svg_charts.hpp"

namespace su {

struct RunPageOptions {
  std::string title = "Test run";
  std::string subtitle;  // e.g. the stream's name
  // Shown in the summary (an archived run's metadata).
  std::vector<std::pair<std::string, std::string>> facts;
  std::size_t slowest = 10;
  std::size_t attachment_limit = 256 * 1024;
};

class RunPage : public ResultHandler {
 public:
  explicit RunPage(RunPageOptions options) : options_(std::move(options)) {}

  void on_result(const TestResult& result) override;
  // Output outside any test (stray bytes, stream-level attachments): its
  // first `attachment_limit` bytes are shown in a section of their own.
  void on_non_test(const Event& event) override;
  void write(Output& out) const;

  const RunStats& stats() const { return stats_; }

 private:
  enum Outcome : std::uint8_t { success, fail, skip, xfail, uxsuccess, incomplete };
  struct Row {
    std::string id;
    Outcome outcome = success;
    bool failing = false;  // TestResult::failed(): its data-status is "fail"
    bool timed_start = false, timed_stop = false;
    std::uint32_t worker = 0;  // index into workers_
    std::int64_t start = 0, stop = 0;  // µs since the epoch
    std::uint64_t offset = 0;          // of its first event: order on its worker
    std::optional<double> seconds() const;
  };
  struct Failure {
    std::size_t row = 0;
    std::string route;        // route code, when the test had one
    std::string attachments;  // rendered HTML
  };

  // Timeline lanes in natural worker order, and each row's place there.
  struct WorkerLayout {
    std::vector<TimelineLane> lanes;
    std::vector<std::uint32_t> lane_of;   // by worker index
    std::vector<std::uint32_t> position;  // by row: 1 + order on its worker
  };

  std::uint32_t worker_index(std::string_view tag);
  WorkerLayout worker_layout() const;
  void write_summary(HtmlWriter& out, const WorkerLayout& w) const;
  void write_failures(HtmlWriter& out, const WorkerLayout& w) const;
  void write_other_output(HtmlWriter& out) const;
  void write_timeline_section(HtmlWriter& out, const WorkerLayout& w) const;
  void write_slowest(HtmlWriter& out) const;
  void write_table(HtmlWriter& out) const;
  static std::string render_attachments(const TestResult& result, std::size_t limit);

  RunPageOptions options_;
  RunStats stats_;
  std::vector<Row> rows_;
  std::vector<Failure> failures_;
  std::string other_output_;           // the first attachment_limit bytes
  std::uint64_t other_output_size_ = 0;
  std::vector<std::string> workers_;
  std::unordered_map<std::string, std::uint32_t> worker_of_;
};

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// HistoryPage: su-report's page of an archive's recent history
// (su-report(1)): the last N runs, and a grid of the tests that failed
// (TestRow::failed(), what su-stats and su-archive failing count) in at
// least one of them, after su-archive flaky's ranking of the same runs
// (archive/flake_stats.hpp: classes and Wilson intervals), with
// one row per test and one cell per run, coloured by outcome, with the
// test's duration across those runs as a sparkline.
//
// Stable hooks: each cell of a run the test has results in is
// <td data-test-id="ID" data-run="RUN" data-status="STATUS">, STATUS as
// su-archive history prints it (row_status). A test with several results
// in one run (retries) gets one cell: the first failing result's status,
// else the last result's; its title lists them all.
//
// It reads the runs' indexes, never their streams, one index at a time,
// twice: first to find the tests that failed, then for their cells (and
// flake_stats() reads them once more). Memory is one run's index plus the
// grid (tests that failed x N runs) and a few dozen bytes per test.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "archive/flake_stats.hpp"
#include "archive/run_index.hpp"
#include "archive/run_store.hpp"
#include "base/output.hpp"

namespace su {

struct HistoryPageOptions {
  std::string title = "Test history";
  std::string subtitle;
  std::size_t last = 20;  // runs shown, most recent
};

class HistoryPage {
 public:
  explicit HistoryPage(HistoryPageOptions options) : options_(std::move(options)) {}

  // Reads the last runs of `store`. A run whose index is damaged is left
  // out and named on the page; `damaged` is told "'PATH': what".
  void read(RunStore& store, const std::function<void(const std::string&)>& damaged);
  void write(Output& out) const;

  std::size_t tests_shown() const { return tests_.size(); }

 private:
  struct Cell {
    std::string status;  // empty: no result in that run
    std::string all;     // every result's status, when there were several
    bool failing = false;  // `status` is a failing result's (TestRow::failed())
    std::optional<double> seconds;  // mean of the timed results
  };
  struct Test {
    std::string id;
    std::vector<Cell> cells;  // one per run in runs_
    std::size_t failures = 0, last_failure = 0;
  };
  struct Run {
    archive::pb::RunHeader header;
  };

  HistoryPageOptions options_;
  std::vector<Run> runs_;
  std::vector<Test> tests_;
  std::vector<std::string> damaged_;
  FlakeReport flakes_;  // su-archive flaky's ranking over the same runs
  std::uint64_t distinct_tests_ = 0;
  std::size_t total_runs_ = 0;
};

}  // namespace su

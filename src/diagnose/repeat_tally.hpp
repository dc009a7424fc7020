// SPDX-License-Identifier: Apache-2.0
// RepeatTally: how each test fared across repeated runs of the same suite
// (su-repeat(1)). It is a ResultHandler, so a run's stream goes through a
// ResultAggregator into it between begin_run() and end_run().
//
// - A test counts once per run it ran in, keyed by its id alone (route
//   codes differ from run to run when workers are assigned afresh). Within
//   one run, a test reported several times failed if any report failed.
// - A run "ran" a test when the test reached a final status other than
//   skip (and `exists`, which lists tests without running them); a skipped
//   test is counted apart, as neither a pass nor a failure.
// - Failed means what it means to su-bisect (counts_as_failure): fail,
//   uxsuccess (an expected failure that passed is a change of behaviour),
//   or never completed: a test the process died in.
// - Runs in the original order are counted apart, so order-dependence can be
//   told from flakiness (see order_verdict.hpp).
//
// Memory: one record per distinct test id, plus the run numbers each test
// failed in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/statistics.hpp"
#include "ops/result_aggregator.hpp"

namespace su {

struct TestTally {
  std::string id;
  std::uint64_t runs = 0;      // runs it ran in (skips not counted)
  std::uint64_t failures = 0;  // runs it failed in
  std::uint64_t skips = 0;     // runs it was skipped in
  std::uint64_t original_runs = 0;      // of `runs`, those in the original order
  std::uint64_t original_failures = 0;  // of `failures`, those in the original order
  std::vector<std::uint64_t> failed_runs;  // run numbers, ascending

  double rate() const { return runs ? static_cast<double>(failures) / runs : 0.0; }
  // Wilson 95% interval of the failure rate.
  Interval interval() const { return wilson_interval(failures, runs); }
};

class RepeatTally : public ResultHandler {
 public:
  // Starts run `number` (1-based, increasing); `original_order` says whether
  // the tests ran in their original order (always true for a fixed command).
  void begin_run(std::uint64_t number, bool original_order = true);
  void on_result(const TestResult& result) override;
  // Ends the current run. Returns the ids that failed in it, each once, in
  // the order the tests were first reported.
  std::vector<std::string> end_run();
  // Forgets the current run, as if it had never begun (a run cut short by
  // --max-time says nothing about the tests it did not reach).
  void abandon_run();

  // Tests seen in the current run so far (including skipped ones).
  std::uint64_t tests_in_run() const { return run_tests_.size(); }

  // Every test seen, in the order first seen.
  const std::vector<TestTally>& tests() const { return tests_; }
  const TestTally* find(std::string_view id) const;
  std::uint64_t runs() const { return runs_; }
  std::uint64_t failed_runs() const { return failed_runs_; }
  // Tests that failed at least once.
  std::uint64_t failing_tests() const;

 private:
  // Per test, what the current run said: an index into run_tests_.
  struct Seen {
    std::size_t test;
    bool ran = false, failed = false, skipped = false;
  };

  std::size_t test_index(std::string_view id);

  std::vector<TestTally> tests_;
  std::unordered_map<std::string, std::size_t> index_;
  std::uint64_t runs_ = 0, failed_runs_ = 0;
  std::uint64_t current_ = 0;
  bool original_ = true;
  bool in_run_ = false;
  std::vector<Seen> run_tests_;
  std::unordered_map<std::size_t, std::size_t> run_index_;  // test -> run_tests_
};

}  // namespace su

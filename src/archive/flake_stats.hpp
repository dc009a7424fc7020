// SPDX-License-Identifier: Apache-2.0
// Flake statistics over a run history: per test, in how many runs it ran
// and failed, its failure rate with a Wilson 95% interval, how often it
// flipped between passing and failing (and how often on the same code),
// and a class (su-archive(1), *flaky*):
//
// - broken: its last runs all failed, and that streak is too long to be
//   the test's old failure rate at work (chance below kStreakChance), and
//   began on a new commit: "failing since run X".
// - fixed: the same for a streak of passes after failures.
// - flaky: both outcomes with no such streak to explain them; a flip on the
//   same commit (a pass and a fail in consecutive runs of the test with
//   equal `commit=` metadata) is the strongest evidence and is counted
//   apart, and a streak that began on the same commit is not a fix or a
//   break.
// - passing: never failed (listed only on request).
//
// A test's outcome in a run is failing if any of its results there failed
// (ops/outcome.hpp), passing if any passed and none failed; a test that was
// only skipped or enumerated did not run. Runs that are infrastructure
// failures (run_selection.hpp) are left out and counted.
//
// flake_stats() reads any RunStore (a directory archive, a .stestr or
// .testrepository read in place, or another backend) one run's rows at a
// time; memory is a few dozen bytes per distinct test, whatever the number
// of runs. su-archive flaky and su-report's flaky table both call it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/run_selection.hpp"
#include "archive/run_store.hpp"
#include "base/statistics.hpp"

namespace su {

enum class FlakeClass : std::uint8_t { flaky, broken, fixed, passing };
// "flaky", "broken", "fixed", "passing".
std::string_view flake_class_name(FlakeClass c);

// A streak is a fix or a break when the test's earlier failure rate would
// produce it by chance less often than this.
inline constexpr double kStreakChance = 0.01;

inline constexpr std::uint64_t kNoRun = UINT64_MAX;

// One test's history, as FlakeCounter accumulates it run by run.
struct TestFlakes {
  std::uint32_t runs = 0, failures = 0;
  std::uint32_t flips = 0, same_commit_flips = 0;
  std::uint32_t streak = 0;         // runs in the current streak of equal outcomes
  bool last_failed = false;         // the outcome of the streak (when runs > 0)
  bool streak_same_commit = false;  // the flip into the streak was on one commit
  bool has_commit = false;          // the last run had commit= metadata
  std::uint64_t commit = 0;         // its hash
  std::uint64_t first_failure = kNoRun, last_failure = kNoRun;
  std::uint64_t streak_start = kNoRun;  // the run where the current streak began
};

// The class of a history, as the header describes.
FlakeClass classify(const TestFlakes& t);

// One line of the flaky report.
struct FlakeRecord {
  std::string id;
  std::uint64_t runs = 0, failures = 0;
  double rate = 0;    // failures / runs
  Interval interval;  // Wilson 95%
  std::uint64_t flips = 0, same_commit_flips = 0;
  FlakeClass kind = FlakeClass::passing;
  std::optional<std::uint64_t> first_failure, last_failure;
  // broken: the first run of the failing streak; fixed: of the passing one.
  std::optional<std::uint64_t> since;
};

// Accumulates outcomes run by run, oldest first. Tests are numbers (an
// IdTable's); call add() at most once per test per run.
class FlakeCounter {
 public:
  void begin_run(std::uint64_t run, std::optional<std::string_view> commit);
  void add(std::uint32_t test, bool failed);
  std::uint64_t runs() const { return runs_; }
  std::size_t size() const { return tests_.size(); }
  const TestFlakes& test(std::uint32_t number) const { return tests_[number]; }

 private:
  std::vector<TestFlakes> tests_;  // by test number
  std::uint64_t run_ = 0, runs_ = 0;
  bool has_commit_ = false;
  std::uint64_t commit_ = 0;
};

// The record of one accumulated test.
FlakeRecord flake_record(std::string id, const TestFlakes& t);

struct FlakeOptions {
  RunSelection selection;
  std::uint64_t min_runs = 1;             // leave out tests that ran fewer times
  double max_run_failure_ratio = 0.5;     // infrastructure failure above this
  bool all = false;                       // also list tests that never failed
};

struct FlakeReport {
  // Sorted by the interval's lower bound, highest first (then failures,
  // then id): a test that failed 30 of 100 runs before one that failed 1
  // of 2.
  std::vector<FlakeRecord> tests;
  std::uint64_t runs = 0;  // runs counted
  std::vector<std::uint64_t> infrastructure_runs;  // selected, left out
};

// Reads the selected runs of `store` and ranks its tests. `damaged` is told
// about each run that cannot be read; the query goes on without it.
FlakeReport flake_stats(RunStore& store, const FlakeOptions& options,
                        const std::function<void(std::uint64_t run, const std::string& error)>&
                            damaged);

}  // namespace su

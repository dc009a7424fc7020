// SPDX-License-Identifier: Apache-2.0
// RepeatSession: su-repeat's loop (su-repeat(1)). It runs a command again
// and again, tallies each test across the runs, and stops when the runs
// are done, at the first failure (--until-failure), when time is up, or
// when the command wrote no subunit at all.
//
// Two modes:
// - fixed: the same shell command every run;
// - orders: a --runner template ({ids}, {list}; command_template.hpp) and a
//   list of tests, run in a new order each time (test_order.hpp), with the
//   original order interleaved (every `original_every` runs, starting with
//   the first) so order-dependence can be told from flakiness
//   (order_verdict.hpp). A run in which a test failed keeps its order
//   (`run-K.txt`, one id per line) and its stream (`run-K.subunit`) in
//   `keep_dir`, where su-bisect can be pointed at them.
//
// The command is run through an injected function, so the loop is
// unit-tested without processes; su-repeat gives it run_shell_command.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnose/command_run.hpp"
#include "diagnose/repeat_tally.hpp"
#include "diagnose/run_recorder.hpp"
#include "diagnose/test_order.hpp"

namespace su {

using CommandRunner = std::function<CommandRun(const std::string&, const CommandOptions&)>;

struct RepeatPlan {
  std::string command;             // fixed mode: a shell command line
  std::string runner;              // orders mode when not empty: a template
  std::vector<std::string> tests;  // orders mode: the original order
  OrderKind order = OrderKind::shuffle;
  std::uint64_t seed = 0;
  std::uint64_t original_every = 2;
  std::uint64_t runs = 10;         // 0: no limit (--until-failure)
  bool until_failure = false;
  std::optional<std::string> watch;  // --test: only its failures stop
  double max_seconds = 0;            // 0: no limit
  std::string list_path;             // orders mode: the file {list} names
  std::string keep_dir;              // orders mode: failing runs go here
  double run_timeout = 0;            // seconds per run; 0: none
  // Set (from a signal handler, say) to stop: no run starts after it, and
  // the run it cut short (the caller kills it) is not counted.
  const std::atomic<bool>* interrupted = nullptr;

  bool orders() const { return !runner.empty(); }
};

enum class StopReason { running, runs_done, failure, time_limit, no_subunit, interrupted };

struct RepeatRun {
  std::uint64_t number = 0;
  bool original = true;  // in the original order (always, in fixed mode)
  std::string command;   // as run
  std::vector<std::string> failed;  // ids, once each
  std::size_t tests = 0;            // tests it reported
  CommandRun outcome;               // ending, stderr, seconds (results cleared)
  // Why it was cut short and not counted ("max-time", "interrupted"), or "".
  std::string cut;
  std::string kept_order, kept_stream;  // paths, when kept
};

class RepeatSession {
 public:
  RepeatSession(RepeatPlan plan, CommandRunner run, RunRecorder* recorder = nullptr);

  // Makes the next run and returns true, or returns false, making none,
  // when the session is over (see stop_reason()). A run cut short by the
  // time limit or an interruption, or one that wrote no subunit, ends the
  // session: next() returns false, and last() is that run.
  bool next();
  // The run made last (number 0 before the first).
  const RepeatRun& last() const { return last_; }
  // The run number the next call to next() would make.
  std::uint64_t upcoming() const { return made_ + 1; }
  StopReason stop_reason() const { return stop_; }

  const RepeatTally& tally() const { return tally_; }
  const RepeatPlan& plan() const { return plan_; }
  // Seconds since the session was made.
  double elapsed() const;
  // Runs in which a test failed, kept (orders mode), by run number.
  const std::map<std::uint64_t, RepeatRun>& kept() const { return kept_; }

  // The order run `number` used (orders mode; the plan's tests otherwise).
  std::vector<std::string> order_of(std::uint64_t number) const;

 private:
  void keep(RepeatRun& run, const std::vector<std::string>& order, const std::string& stream);
  MetaPairs meta_for(const RepeatRun& run) const;
  bool interrupted() const;

  RepeatPlan plan_;
  CommandRunner run_;
  RunRecorder* recorder_;
  std::chrono::steady_clock::time_point started_;
  RepeatTally tally_;
  RepeatRun last_;
  std::uint64_t made_ = 0;
  StopReason stop_ = StopReason::running;
  std::map<std::uint64_t, RepeatRun> kept_;
};

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// Suspects: which tests a victim's failures follow, from the run history
// alone (su-archive(1), *suspects*). Test runners reshuffle tests between
// workers from run to run, so over many runs a test T sometimes runs before
// the victim on the victim's worker and sometimes not. Over the runs where
// the victim ran, each T gets a 2x2 table:
//
//                        victim failed   victim passed
//     T ran before it         a               b
//     T did not               c               d
//
// ranked by the one-sided Fisher exact p-value that the victim fails more
// often after T, with the sample odds ratio and Benjamini-Hochberg q-values
// over all candidates (10,000 candidates would otherwise turn chance into a
// suspect). The verdict says when the history cannot tell: the victim never
// failed, always failed, or too few runs for even a perfect association to
// survive the correction.
//
// Reads one run's rows at a time; memory is a few counters per test.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/run_selection.hpp"
#include "archive/run_store.hpp"
#include "base/statistics.hpp"

namespace su {

struct Suspect {
  std::string id;
  Table2x2 table;  // a: before and failed, b: before and passed, c, d: absent
  double p_value = 1, q_value = 1;
  double odds_ratio = 0;  // +inf when b*c is 0; NaN when a*d is 0 too
};

enum class SuspectVerdict : std::uint8_t {
  not_found,      // the victim ran in none of the runs
  never_failed,   // nothing to explain
  always_failed,  // no contrast: every candidate's table has an empty column
  too_short,      // even a perfect association could not reach q < alpha
  inconclusive,   // could have, did not
  found,          // the first suspect's q-value is below alpha
};
// "not-found", "never-failed", "always-failed", "too-short", "inconclusive", "found".
std::string_view suspect_verdict_name(SuspectVerdict v);

struct SuspectOptions {
  RunSelection selection;
  double max_run_failure_ratio = 0.5;  // infrastructure failures are left out
  double alpha = 0.05;                 // the q-value a suspect must beat
};

struct SuspectReport {
  std::uint64_t runs = 0;             // runs read (selected, not infrastructure)
  std::uint64_t victim_runs = 0;      // runs where the victim passed or failed
  std::uint64_t victim_failures = 0;
  std::vector<std::uint64_t> infrastructure_runs;
  // Best first: by p-value, then odds ratio (higher first), then id.
  std::vector<Suspect> suspects;
  // The smallest p-value any candidate could have reached with these runs
  // (a perfect association).
  double best_possible_p = 1;
  SuspectVerdict verdict = SuspectVerdict::not_found;
};

// Counts the tables run by run; tests are numbers (an IdTable's). For each
// run where the victim ran: begin_run(), before() for each test that ran
// before it on its worker (once per test), end_run(victim failed).
class SuspectCounter {
 public:
  void before(std::uint32_t test);
  void end_run(bool victim_failed);
  std::uint64_t runs() const { return runs_; }
  std::uint64_t failures() const { return failures_; }
  // Calls `found` with each candidate's number and table.
  void for_each(const std::function<void(std::uint32_t, const Table2x2&)>& found) const;

 private:
  struct Counts {
    std::uint32_t failed = 0, passed = 0;
    std::uint32_t marked = 0;  // 1 + the run it was last marked in
  };
  std::vector<Counts> tests_;
  std::vector<std::uint32_t> pending_;  // marked in the current run
  std::uint64_t runs_ = 0, failures_ = 0;
};

// Ranks the candidates and decides the verdict. `names` gives a number's id.
SuspectReport rank_suspects(const SuspectCounter& counter,
                            const std::function<std::string(std::uint32_t)>& names,
                            double alpha);

// Reads the selected runs of `store` for `victim`. `damaged` is told about
// each run that cannot be read; the query goes on without it.
SuspectReport find_suspects(RunStore& store, std::string_view victim, const SuspectOptions& options,
                            const std::function<void(std::uint64_t run, const std::string& error)>&
                                damaged);

}  // namespace su

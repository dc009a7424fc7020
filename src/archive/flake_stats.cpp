// SPDX-License-Identifier: Apache-2.0
#include "archive/flake_stats.hpp"

#include <algorithm>
#include <cmath>

#include "archive/archive_error.hpp"
#include "ops/outcome.hpp"

namespace su {

std::string_view flake_class_name(FlakeClass c) {
  switch (c) {
    case FlakeClass::flaky: return "flaky";
    case FlakeClass::broken: return "broken";
    case FlakeClass::fixed: return "fixed";
    case FlakeClass::passing: return "passing";
  }
  return "";
}

FlakeClass classify(const TestFlakes& t) {
  if (t.failures == 0) return FlakeClass::passing;
  if (t.failures == t.runs) return FlakeClass::broken;  // since its first run
  // Both outcomes. Before the current streak the test failed f0 of n0 runs;
  // a streak of L equal outcomes at that rate has chance p0^L (failures)
  // or (1 - p0)^L (passes). Only a streak too unlikely for the old rate,
  // begun on new code, is a break or a fix.
  double n0 = t.runs - t.streak;
  double f0 = t.failures - (t.last_failed ? t.streak : 0);
  double p0 = f0 / n0;  // n0 > 0: the other outcome happened before the streak
  double chance = std::pow(t.last_failed ? p0 : 1 - p0, static_cast<double>(t.streak));
  if (chance < kStreakChance && !t.streak_same_commit)
    return t.last_failed ? FlakeClass::broken : FlakeClass::fixed;
  return FlakeClass::flaky;
}

void FlakeCounter::begin_run(std::uint64_t run, std::optional<std::string_view> commit) {
  run_ = run;
  ++runs_;
  has_commit_ = commit.has_value();
  commit_ = commit ? std::hash<std::string_view>{}(*commit) : 0;
}

void FlakeCounter::add(std::uint32_t test, bool failed) {
  if (test >= tests_.size()) tests_.resize(std::size_t{test} + 1);
  TestFlakes& t = tests_[test];
  if (t.runs > 0 && t.last_failed != failed) {
    bool same = t.has_commit && has_commit_ && t.commit == commit_;
    ++t.flips;
    if (same) ++t.same_commit_flips;
    t.streak = 0;
    t.streak_same_commit = same;
  }
  if (t.streak == 0) t.streak_start = run_;
  ++t.streak;
  ++t.runs;
  t.last_failed = failed;
  t.has_commit = has_commit_;
  t.commit = commit_;
  if (failed) {
    ++t.failures;
    if (t.first_failure == kNoRun) t.first_failure = run_;
    t.last_failure = run_;
  }
}

FlakeRecord flake_record(std::string id, const TestFlakes& t) {
  FlakeRecord r;
  r.id = std::move(id);
  r.runs = t.runs;
  r.failures = t.failures;
  r.rate = t.runs ? static_cast<double>(t.failures) / t.runs : 0;
  r.interval = wilson_interval(t.failures, t.runs);
  r.flips = t.flips;
  r.same_commit_flips = t.same_commit_flips;
  r.kind = classify(t);
  if (t.first_failure != kNoRun) r.first_failure = t.first_failure;
  if (t.last_failure != kNoRun) r.last_failure = t.last_failure;
  if (r.kind == FlakeClass::broken || r.kind == FlakeClass::fixed) r.since = t.streak_start;
  return r;
}

FlakeReport flake_stats(RunStore& store, const FlakeOptions& options,
                        const std::function<void(std::uint64_t, const std::string&)>& damaged) {
  FlakeReport report;
  FlakeCounter counter;
  select_outcomes(
      store, options.selection, options.max_run_failure_ratio, report.infrastructure_runs,
      [&](std::uint64_t run, const archive::pb::RunHeader& h, const RunIndex& index) {
        counter.begin_run(run, run_meta(h, "commit"));
        // Rows are sorted by test: a test's results in the run are adjacent.
        const auto& rows = index.rows;
        for (std::size_t i = 0; i < rows.size();) {
          std::uint32_t test = rows[i].test;
          bool ran = false, failed = false;
          for (; i < rows.size() && rows[i].test == test; ++i) {
            Outcome o = rows[i].outcome();
            failed = failed || is_failing(o);
            ran = ran || is_failing(o) || is_passing(o);
          }
          if (ran) counter.add(test, failed);
        }
      },
      damaged);
  report.runs = counter.runs();
  const IdTable& ids = store.ids();
  for (std::uint32_t n = 0; n < counter.size(); ++n) {
    const TestFlakes& t = counter.test(n);
    if (t.runs == 0 || t.runs < options.min_runs) continue;
    if (t.failures == 0 && !options.all) continue;
    report.tests.push_back(flake_record(std::string(ids.at(n)), t));
  }
  std::sort(report.tests.begin(), report.tests.end(),
            [](const FlakeRecord& a, const FlakeRecord& b) {
              if (a.interval.low != b.interval.low) return a.interval.low > b.interval.low;
              if (a.failures != b.failures) return a.failures > b.failures;
              return a.id < b.id;
            });
  return report;
}

}  // namespace su

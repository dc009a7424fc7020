// SPDX-License-Identifier: Apache-2.0
#include "archive/suspects.hpp"

#include <algorithm>
#include <cmath>

#include "archive/archive_error.hpp"
#include "ops/outcome.hpp"

namespace su {

std::string_view suspect_verdict_name(SuspectVerdict v) {
  switch (v) {
    case SuspectVerdict::not_found: return "not-found";
    case SuspectVerdict::never_failed: return "never-failed";
    case SuspectVerdict::always_failed: return "always-failed";
    case SuspectVerdict::too_short: return "too-short";
    case SuspectVerdict::inconclusive: return "inconclusive";
    case SuspectVerdict::found: return "found";
  }
  return "";
}

void SuspectCounter::before(std::uint32_t test) {
  if (test >= tests_.size()) tests_.resize(std::size_t{test} + 1);
  Counts& c = tests_[test];
  auto stamp = static_cast<std::uint32_t>(runs_ + 1);
  if (c.marked == stamp) return;  // ran twice before the victim: once is enough
  c.marked = stamp;
  pending_.push_back(test);
}

void SuspectCounter::end_run(bool victim_failed) {
  for (std::uint32_t t : pending_) ++(victim_failed ? tests_[t].failed : tests_[t].passed);
  pending_.clear();
  ++runs_;
  if (victim_failed) ++failures_;
}

void SuspectCounter::for_each(
    const std::function<void(std::uint32_t, const Table2x2&)>& found) const {
  for (std::uint32_t n = 0; n < tests_.size(); ++n) {
    const Counts& c = tests_[n];
    if (c.failed + c.passed == 0) continue;
    found(n, Table2x2{c.failed, c.passed, failures_ - c.failed, (runs_ - failures_) - c.passed});
  }
}

SuspectReport rank_suspects(const SuspectCounter& counter,
                            const std::function<std::string(std::uint32_t)>& names,
                            double alpha) {
  SuspectReport report;
  report.victim_runs = counter.runs();
  report.victim_failures = counter.failures();
  counter.for_each([&](std::uint32_t n, const Table2x2& t) {
    Suspect s;
    s.id = names(n);
    s.table = t;
    s.p_value = fisher_greater(t);
    s.odds_ratio = odds_ratio(t);
    report.suspects.push_back(std::move(s));
  });
  std::vector<double> p;
  p.reserve(report.suspects.size());
  for (const auto& s : report.suspects) p.push_back(s.p_value);
  std::vector<double> q = benjamini_hochberg(p);
  for (std::size_t i = 0; i < q.size(); ++i) report.suspects[i].q_value = q[i];
  auto odds_key = [](double o) { return std::isnan(o) ? -1.0 : o; };
  std::sort(report.suspects.begin(), report.suspects.end(),
            [&](const Suspect& a, const Suspect& b) {
              if (a.p_value != b.p_value) return a.p_value < b.p_value;
              if (odds_key(a.odds_ratio) != odds_key(b.odds_ratio))
                return odds_key(a.odds_ratio) > odds_key(b.odds_ratio);
              return a.id < b.id;
            });

  std::uint64_t n = counter.runs(), f = counter.failures();
  report.best_possible_p = fisher_greater(Table2x2{f, 0, 0, n - f});
  double m = static_cast<double>(std::max<std::size_t>(report.suspects.size(), 1));
  if (n == 0)
    report.verdict = SuspectVerdict::not_found;
  else if (f == 0)
    report.verdict = SuspectVerdict::never_failed;
  else if (f == n)
    report.verdict = SuspectVerdict::always_failed;
  else if (!report.suspects.empty() && report.suspects.front().q_value < alpha)
    report.verdict = SuspectVerdict::found;
  else if (report.best_possible_p * m >= alpha)
    report.verdict = SuspectVerdict::too_short;
  else
    report.verdict = SuspectVerdict::inconclusive;
  return report;
}

SuspectReport find_suspects(RunStore& store, std::string_view victim, const SuspectOptions& options,
                            const std::function<void(std::uint64_t, const std::string&)>& damaged) {
  SuspectCounter counter;
  std::uint64_t runs = 0;
  std::vector<std::uint64_t> infrastructure;
  select_outcomes(
      store, options.selection, options.max_run_failure_ratio, infrastructure,
      [&](std::uint64_t, const archive::pb::RunHeader&, const RunIndex& index) {
        ++runs;
        // A repository's ids table grows as its runs are read: look the
        // victim up after reading the run.
        auto number = store.ids().find(victim);
        if (!number) return;
        auto [lo, hi] = index.rows_of(*number);
        // The victim's outcome in the run (failing if any result failed),
        // and where it ran: its failing result's place, else its first
        // passing result's.
        const TestRow* at = nullptr;
        bool failed = false;
        for (auto i = lo; i < hi; ++i) {
          Outcome o = index.rows[i].outcome();
          if (is_failing(o) && !failed) {
            failed = true;
            at = &index.rows[i];
          } else if (is_passing(o) && !at) {
            at = &index.rows[i];
          }
        }
        if (!at) return;  // skipped or only listed: it did not run
        for (const TestRow& r : index.rows)
          if (r.worker == at->worker && r.position < at->position && r.test != *number &&
              r.outcome() != Outcome::exists)
            counter.before(r.test);
        counter.end_run(failed);
      },
      damaged);
  const IdTable& ids = store.ids();
  SuspectReport report = rank_suspects(
      counter, [&](std::uint32_t n) { return std::string(ids.at(n)); }, options.alpha);
  report.runs = runs;
  report.infrastructure_runs = std::move(infrastructure);
  return report;
}

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
#include "diagnose/bisection_search.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>
#include <thread>

namespace su {

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::culprit: return "culprit";
    case Verdict::culprits: return "culprits";
    case Verdict::alone: return "alone";
    case Verdict::not_reproduced: return "not-reproduced";
    case Verdict::inconclusive: return "inconclusive";
    case Verdict::runner_failed: return "runner-failed";
  }
  return "";
}

namespace {

using Clock = std::chrono::steady_clock;
using Members = std::vector<std::uint32_t>;

class Search {
 public:
  Search(ProbeRunner& runner, const std::vector<std::string>& candidates,
         const std::string& victim, const BisectOptions& options, const ProgressCallback& progress)
      : runner_(runner),
        candidates_(candidates),
        victim_(victim),
        options_(options),
        progress_(progress),
        posterior_(candidates.size(), options.posterior),
        started_(Clock::now()) {
    all_.resize(candidates.size());
    std::iota(all_.begin(), all_.end(), 0);
  }

  BisectResult run() {
    if (!reproduce()) return finish();
    if (candidates_.empty()) {
      // Nothing ran before the victim: it fails on its own.
      result_.verdict = Verdict::alone;
      return finish();
    }
    if (!alone_phase()) return finish();
    search();
    return finish();
  }

 private:
  // Runs `probes` (at once when there are several) and feeds the outcomes
  // to the posterior. False if the runner failed (the result says why).
  bool run_batch(const std::vector<Members>& probes, std::string_view phase) {
    std::vector<ProbeResult> results(probes.size());
    auto one = [&](std::size_t k) {
      std::vector<std::string> ids;
      ids.reserve(probes[k].size() + 1);
      for (auto i : probes[k]) ids.push_back(candidates_[i]);
      ids.push_back(victim_);
      // An exception must not cross a thread: it becomes a runner error.
      try {
        results[k] = runner_.run(ids);
      } catch (const std::exception& e) {
        results[k] = {ProbeResult::Kind::runner_error, e.what(), 0};
      }
    };
    if (probes.size() == 1) {
      one(0);
    } else {
      std::vector<std::thread> threads;
      for (std::size_t k = 0; k < probes.size(); ++k) threads.emplace_back(one, k);
      for (auto& t : threads) t.join();
    }
    for (std::size_t k = 0; k < probes.size(); ++k) {
      ++result_.runs;
      const ProbeResult& r = results[k];
      if (!r.ran()) {
        result_.verdict = Verdict::runner_failed;
        result_.runner_failure = r;
        return false;
      }
      bool failed = r.kind == ProbeResult::Kind::failed;
      failures_ += failed;
      posterior_.observe(probes[k], failed);
      if (probes[k].size() == candidates_.size()) {
        ++result_.with_candidates.runs;
        result_.with_candidates.failures += failed;
      }
      if (probes[k].empty()) {
        ++result_.alone.runs;
        result_.alone.failures += failed;
      }
      if (failed) failed_sets_.insert(probes[k]);
    }
    report(phase);
    return true;
  }

  void report(std::string_view phase) {
    if (!progress_) return;
    BisectProgress p;
    p.phase = phase;
    p.runs = result_.runs;
    p.failures = failures_;
    if (!candidates_.empty()) {
      std::uint32_t best = 0;
      for (std::uint32_t i = 1; i < candidates_.size(); ++i)
        if (posterior_.involvement(i) > posterior_.involvement(best)) best = i;
      p.leader = best;
      p.leader_posterior = posterior_.involvement(best);
    }
    p.plausible = posterior_.plausible();
    progress_(p);
  }

  // How many more runs the budget allows now (0: stop), at most `want`.
  std::size_t room(std::size_t want) {
    if (options_.max_seconds > 0 &&
        std::chrono::duration<double>(Clock::now() - started_).count() >= options_.max_seconds) {
      result_.reason = "out of time";
      return 0;
    }
    if (options_.max_runs > 0) {
      if (result_.runs >= options_.max_runs) {
        result_.reason = "out of runs";
        return 0;
      }
      want = std::min(want, options_.max_runs - result_.runs);
    }
    return want;
  }

  std::size_t jobs() const { return std::max<std::size_t>(1, options_.jobs); }

  bool reproduce() {
    while (failures_ == 0) {
      std::size_t left = options_.reproduce_runs - std::min(options_.reproduce_runs, result_.runs);
      std::size_t k = room(std::min(jobs(), left));
      if (k == 0) {
        result_.verdict = left == 0 ? Verdict::not_reproduced : Verdict::inconclusive;
        return false;
      }
      if (!run_batch(std::vector<Members>(k, all_), "reproduce")) return false;
    }
    return true;
  }

  // Decides whether the victim fails on its own. False when the search
  // ends here (verdict alone, out of budget, runner failure).
  bool alone_phase() {
    double half = 1 / options_.posterior.min_rate_ratio;
    for (;;) {
      double dependent =
          probability_rate_at_most(result_.alone, result_.with_candidates, half);
      if (result_.alone.runs > 0 && dependent >= options_.confidence) return true;
      if (result_.alone.failures > 0 && 1 - dependent >= options_.confidence) {
        result_.verdict = Verdict::alone;
        return false;
      }
      std::size_t k = room(jobs());
      if (k == 0) {
        result_.verdict = Verdict::inconclusive;
        return false;
      }
      // Mostly the victim alone; every third run all candidates again, so
      // the rate they are compared with is not one lucky failure.
      std::vector<Members> batch;
      std::size_t alone = result_.alone.runs, all = result_.with_candidates.runs;
      for (std::size_t j = 0; j < k; ++j) {
        if (alone >= 2 * all) {
          batch.push_back(all_);
          ++all;
        } else {
          batch.emplace_back();
          ++alone;
        }
      }
      if (!run_batch(batch, "alone")) return false;
    }
  }

  // A batch of probes for the search: the best one, then the best one
  // assuming the ones before came out as they most likely will.
  std::vector<Members> plan(std::size_t k) {
    std::vector<Members> batch{posterior_.best_probe()};
    if (k == 1) return batch;
    CulpritPosterior believed = posterior_;
    for (std::size_t j = 1; j < k; ++j) {
      const Members& last = batch.back();
      // The most likely outcome of `last`, from its information content:
      // a set holding most of the mass is believed to fail.
      double mass = 0;
      for (auto i : last) mass += believed.involvement(i);
      believed.observe(last, mass >= 0.5);
      batch.push_back(believed.best_probe());
    }
    return batch;
  }

  void search() {
    next_halves_check_ = stall_runs();
    const double bar = options_.confidence;
    // A pair must clear a higher bar: confirming a single leader runs it
    // alone, and every chance pass of a culprit that fails one time in two
    // is evidence for "it and whatever ran with it" (in simulations the
    // plain bar named a pair instead of its one culprit about once in 60).
    const double pair_bar = 1 - (1 - bar) * options_.pair_doubt;
    for (;;) {
      if (posterior_.alone() >= bar) {
        result_.verdict = Verdict::alone;
        return;
      }
      std::uint32_t leader = posterior_.best_single();
      auto pair = posterior_.best_pair();
      // Delta debugging trusts every failure, so it is tried only while the
      // victim has never failed alone, and only when no single test or pair
      // is even the likelier explanation.
      if (search_runs_ >= next_halves_check_ && result_.alone.failures == 0 &&
          posterior_.single(leader) < 0.5 && pair.posterior < 0.5) {
        bool stop = false;
        if (halves_pass(stop)) {
          delta_debug(smallest_failing());
          return;
        }
        if (stop) return;
        next_halves_check_ = search_runs_ + stall_runs();
      }
      Members confirm;
      if (posterior_.single(leader) >= bar) {
        confirm = {leader};
      } else if (pair.posterior >= pair_bar) {
        confirm = {pair.first, pair.second};
      }
      if (!confirm.empty() && failed_sets_.count(confirm)) {
        result_.verdict = confirm.size() == 1 ? Verdict::culprit : Verdict::culprits;
        result_.culprits = confirm;
        result_.confidence =
            confirm.size() == 1 ? posterior_.single(leader) : pair.posterior;
        return;
      }
      std::size_t k = room(jobs());
      if (k == 0) {
        result_.verdict = Verdict::inconclusive;
        return;
      }
      bool ok = confirm.empty() ? run_batch(plan(k), "search")
                                : run_batch(std::vector<Members>(k, confirm), "confirm");
      if (!ok) return;
      search_runs_ += k;
    }
  }

  // The rate the victim fails at with every candidate (posterior mean).
  double full_rate() const {
    const RateCounts& all = result_.with_candidates;
    return (1.0 + all.failures) / (2.0 + all.runs);
  }

  // Runs before the search counts as stalled: what a single culprit takes
  // at p = 1 (2 log2 n + 10), scaled by 1 / p.
  std::size_t stall_runs() const {
    double n = static_cast<double>(std::max<std::size_t>(candidates_.size(), 2));
    return static_cast<std::size_t>(std::ceil((2 * std::log2(n) + 10) / full_rate()));
  }

  // How many runs tell "fails at the full rate" from "never fails" with an
  // error of at most (1 - confidence) / 50.
  std::size_t tries() const {
    return static_cast<std::size_t>(
        std::clamp(std::ceil(std::log((1 - options_.confidence) / 50) /
                             std::log1p(-std::min(full_rate(), 0.999))),
                   1.0, 200.0));
  }

  Members smallest_failing() const {
    Members current = all_;
    for (const auto& s : failed_sets_)
      if (!s.empty() && s.size() < current.size()) current = s;
    return current;
  }

  // Runs `set` up to tries() times; true at its first failure. `stop` when
  // the budget or the runner ended the search.
  bool fails(const Members& set, bool& stop) {
    std::size_t done = 0, want = tries();
    while (done < want) {
      std::size_t k = room(std::min(jobs(), want - done));
      if (k == 0 || !run_batch(std::vector<Members>(k, set), "delta")) {
        if (k == 0) result_.verdict = Verdict::inconclusive;
        stop = true;
        return false;
      }
      done += k;
      if (failed_sets_.count(set)) return true;
    }
    missed_ += std::pow(1 - full_rate(), static_cast<double>(want));
    return false;
  }

  // A search that stalls may be chasing a victim that needs several
  // candidates together: then both halves of the smallest failing set
  // pass. The half the posterior favours is tried first: for a single
  // culprit it fails quickly, and the search goes on with one more datum.
  bool halves_pass(bool& stop) {
    Members set = smallest_failing();
    if (set.size() < 2) return false;
    Members first(set.begin(), set.begin() + static_cast<std::ptrdiff_t>(set.size() / 2));
    Members second(set.begin() + static_cast<std::ptrdiff_t>(set.size() / 2), set.end());
    double mass_first = 0, mass_second = 0;
    for (auto i : first) mass_first += posterior_.involvement(i);
    for (auto i : second) mass_second += posterior_.involvement(i);
    if (mass_second > mass_first) std::swap(first, second);
    double before = missed_;
    bool both = !fails(first, stop) && !stop && !fails(second, stop) && !stop;
    if (!both) missed_ = before;
    return both;
  }

  // Delta debugging (Zeller's ddmin) for a victim that needs several
  // candidates together: start from the smallest set that made it fail,
  // and keep removing chunks while what is left still fails. "Still fails"
  // is judged by running a set up to `tries` times, enough that a set
  // failing at the rate seen with every candidate fails to show it at most
  // once in 50 / (1 - confidence) judgements. The set is named only if the
  // chance that some judgement missed a failure (a union bound) stays
  // under 1 - confidence.
  void delta_debug(Members current) {
    std::size_t chunks = 2;
    bool stop = false;
    while (current.size() >= 2 && !stop) {
      std::size_t size = current.size();
      chunks = std::min(chunks, size);
      std::vector<Members> parts(chunks), rests(chunks);
      for (std::size_t i = 0; i < size; ++i) {
        std::size_t part = i * chunks / size;
        for (std::size_t c = 0; c < chunks; ++c) (c == part ? parts[c] : rests[c]).push_back(current[i]);
      }
      bool reduced = false;
      for (std::size_t c = 0; c < chunks && !reduced && !stop; ++c) {
        if (fails(parts[c], stop)) {
          current = parts[c];
          chunks = 2;
          reduced = true;
        }
      }
      for (std::size_t c = 0; c < chunks && !reduced && !stop && chunks > 2; ++c) {
        if (fails(rests[c], stop)) {
          current = rests[c];
          chunks = std::max<std::size_t>(chunks - 1, 2);
          reduced = true;
        }
      }
      if (stop) break;
      if (!reduced) {
        if (chunks >= size) break;  // 1-minimal: no single test can go
        chunks = std::min(size, chunks * 2);
      }
    }
    if (stop) return;  // the verdict says why
    if (1 - missed_ < options_.confidence) {
      result_.verdict = Verdict::inconclusive;
      result_.reason = "delta debugging could not rule out a missed failure";
      return;
    }
    result_.verdict = current.size() == 1 ? Verdict::culprit : Verdict::culprits;
    result_.culprits = current;
    result_.confidence = 1 - missed_;
  }

  BisectResult finish() {
    result_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    result_.alone_posterior = posterior_.alone();
    for (std::uint32_t i = 0; i < candidates_.size(); ++i)
      result_.ranking.emplace_back(i, posterior_.involvement(i));
    std::stable_sort(result_.ranking.begin(), result_.ranking.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return result_;
  }

  ProbeRunner& runner_;
  const std::vector<std::string>& candidates_;
  const std::string& victim_;
  const BisectOptions& options_;
  const ProgressCallback& progress_;
  CulpritPosterior posterior_;
  Clock::time_point started_;
  Members all_;
  std::size_t failures_ = 0;
  std::set<Members> failed_sets_;
  std::size_t search_runs_ = 0, next_halves_check_ = 0;
  double missed_ = 0;  // chance that a delta-debugging "passes" missed a failure
  BisectResult result_;
};

}  // namespace

BisectResult bisect(ProbeRunner& runner, const std::vector<std::string>& candidates,
                    const std::string& victim, const BisectOptions& options,
                    const ProgressCallback& progress) {
  Search search{runner, candidates, victim, options, progress};
  return search.run();
}

}  // namespace su

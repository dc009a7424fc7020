// SPDX-License-Identifier: Apache-2.0
// CulpritPosterior: what su-bisect believes about why a victim fails, given
// every probe so far (which candidates ran before the victim, and whether
// the victim failed).
//
// The hypotheses:
//   - "candidate i is the culprit": the victim fails at rate rho when i ran
//     before it, at rate f otherwise;
//   - "candidates i and j together" (for up to max_pair_candidates
//     candidates): rate rho when both ran, f otherwise;
//   - "alone": the victim fails at one rate whatever ran before it.
// The prior: "alone" gets alone_prior, the pairs together pair_prior, and
// the singles the rest, evenly, or in proportion to `weights` when given
// (su-bisect --suspects-from: the run history's opinion, see
// history_prior.hpp). The pairs stay alike whatever the weights: a pair
// made of a favoured test and the true culprit explains every failure the
// culprit does, so weighting pairs by their members let a misleading
// history name such a pair (in simulations at p = 0.2 with one wrong test
// weighted 300, 2 searches in 40 named a wrong pair, one of them that
// one; 0 in 40 with pairs alike). Weights move only the starting point;
// every hypothesis keeps a prior above zero, so probes can still overturn a
// misleading history.
//
// rho and f are unknown. Each has a uniform prior, restricted to
// rho >= min_rate_ratio * f (a culprit at least doubles the rate), and is
// integrated out: a hypothesis's evidence depends only on how many probes
// with and without its tests failed, which has a closed form (Beta
// functions) times the posterior probability of the restriction
// (rate_comparison.hpp). So a test that failed once in ten probes is not
// ruled out by one pass, at any rate, and rates need no point estimate.
//
// best_probe() picks, among the sets made of the most likely candidates
// (prefixes of the candidates ordered by posterior), the one whose outcome
// is expected to tell the most about which hypothesis holds (expected
// information gain). For p = 1 that is half of the remaining mass: plain
// bisection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "diagnose/rate_comparison.hpp"

namespace su {

struct PosteriorOptions {
  double alone_prior = 0.1;  // prior of "alone"
  double pair_prior = 0.1;   // prior of all the pair hypotheses together
  std::size_t max_pair_candidates = 400;  // beyond this, no pair hypotheses
  double min_rate_ratio = 2;
  // Relative prior weights of the candidates (indexed like them; each
  // finite and above 0). Empty: every candidate alike.
  std::vector<double> weights{};
};

class CulpritPosterior {
 public:
  explicit CulpritPosterior(std::size_t candidates, PosteriorOptions options = {});

  // A probe ran the candidates `members` (indices, any order) before the
  // victim, and the victim failed or not.
  void observe(const std::vector<std::uint32_t>& members, bool failed);

  std::size_t candidates() const { return n_; }
  std::size_t probes() const { return total_.runs; }
  bool has_pairs() const { return pairs_enabled_; }

  double alone() const { return alone_; }
  double single(std::uint32_t i) const { return single_[i]; }
  // P(i is the culprit or one of a culprit pair).
  double involvement(std::uint32_t i) const { return involvement_[i]; }

  std::uint32_t best_single() const;
  struct Pair {
    std::uint32_t first = 0, second = 0;
    double posterior = 0;
  };
  Pair best_pair() const;  // posterior 0 when there are no pair hypotheses

  // Candidates whose involvement is at least `floor`.
  std::size_t plausible(double floor = 1e-3) const;

  // The most informative next probe (sorted indices; may be empty: the
  // victim alone).
  std::vector<std::uint32_t> best_probe() const;
  // Expected information gain (bits) about the hypothesis of a probe.
  double expected_information(const std::vector<std::uint32_t>& members) const;

 private:
  struct Counts {
    std::uint32_t runs = 0, failures = 0;  // of probes that contained the hypothesis's tests
  };
  double log_evidence(const Counts& with) const;
  void recompute();
  std::size_t pair_index(std::uint32_t i, std::uint32_t j) const;  // i < j
  // Predicted failure rate under a hypothesis, with and without its tests.
  double rate_with(const Counts& c) const;
  double rate_without(const Counts& c) const;

  std::size_t n_;
  PosteriorOptions options_;
  bool pairs_enabled_ = false;
  RateCounts total_;
  std::vector<Counts> single_counts_, pair_counts_;
  std::vector<double> single_, pair_, involvement_;
  double alone_ = 0;
  double log_prior_single_ = 0, log_prior_pair_ = 0, log_prior_alone_ = 0;
  // log(weight) per candidate, added to the priors above; empty: all 0.
  std::vector<double> log_weight_;
  // Evidence by (with-failures, with-runs, without-failures, without-runs);
  // shared by copies (the search copies the posterior to plan a batch of
  // probes), which is safe because the key holds everything it depends on.
  std::shared_ptr<std::unordered_map<std::uint64_t, double>> evidence_cache_ =
      std::make_shared<std::unordered_map<std::uint64_t, double>>();
};

}  // namespace su

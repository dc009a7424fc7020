// SPDX-License-Identifier: Apache-2.0
// The search su-bisect runs: which of the candidates (the tests that ran
// before the victim on its worker, in their order) makes the victim fail,
// when it fails only sometimes.
//
// 1. Reproduce: run every candidate, then the victim, until the victim
//    fails (at most reproduce_runs times; else "not reproduced").
// 2. Alone: run the victim by itself, alternating with more runs of every
//    candidate, until its rate alone is confidently at least half its rate
//    after the candidates (verdict "alone": it fails on its own, nothing to
//    bisect) or confidently below half of it (go on).
// 3. Search: keep a CulpritPosterior over "candidate i", "candidates i and
//    j together" and "alone"; run the most informative probe (a subset of
//    the candidates in their original order, then the victim), update,
//    repeat. When one hypothesis reaches the requested confidence, confirm
//    it: run its tests alone before the victim until the victim fails (each
//    run updates the posterior, so passes pull the leader back under the
//    bar and the search goes on). A single culprit is verdict "culprit", a
//    pair "culprits" (held to a higher bar: see pair_doubt).
// 4. Delta debugging: when the search stalls (it has run what a single
//    culprit would need at p = 1, 2 log2 n + 10, divided by the rate seen
//    with every candidate) with no single test or pair at even odds, and
//    the victim never failed alone (ddmin trusts every failure), both halves of the smallest failing set are
//    run, each until it fails or enough times to say it does not. If both
//    pass, no single test (or pair the posterior could find) explains the
//    failures: ddmin reduces that set to one from which no test can be
//    removed, judging each subset the same way, and names it ("culprits")
//    if the chance that some "passes" judgement missed a failure stays
//    under 1 - confidence.
// Out of runs or time: "inconclusive", with the posterior. The search
// never names a culprit whose posterior is below the confidence asked for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnose/culprit_posterior.hpp"
#include "diagnose/probe_runner.hpp"
#include "diagnose/rate_comparison.hpp"

namespace su {

struct BisectOptions {
  double confidence = 0.95;
  std::size_t max_runs = 1000;  // runner calls in all; 0: no limit
  double max_seconds = 0;       // 0: no limit
  std::size_t jobs = 1;         // probes run at once
  std::size_t reproduce_runs = 50;
  // A pair is named at posterior 1 - (1 - confidence) * pair_doubt.
  double pair_doubt = 0.1;
  PosteriorOptions posterior;
};

enum class Verdict { culprit, culprits, alone, not_reproduced, inconclusive, runner_failed };
std::string_view verdict_name(Verdict v);  // as in the JSON: "not-reproduced", ...

struct BisectProgress {
  std::string_view phase;  // "reproduce", "alone", "search", "confirm"
  std::size_t runs = 0;
  std::size_t failures = 0;
  std::uint32_t leader = 0;     // the most likely candidate (if any)
  double leader_posterior = 0;  // its involvement
  std::size_t plausible = 0;    // candidates still plausible
};

struct BisectResult {
  Verdict verdict = Verdict::inconclusive;
  std::vector<std::uint32_t> culprits;  // candidate indices, in order
  double confidence = 0;                // posterior of the named culprit(s)
  std::size_t runs = 0;
  double seconds = 0;
  RateCounts with_candidates;  // probes that ran every candidate
  RateCounts alone;            // probes that ran the victim by itself
  double alone_posterior = 0;  // P("alone") at the end of the search
  // Every candidate with its involvement, most likely first.
  std::vector<std::pair<std::uint32_t, double>> ranking;
  std::string reason;           // why it stopped, for inconclusive verdicts
  ProbeResult runner_failure;   // with runner_failed
};

using ProgressCallback = std::function<void(const BisectProgress&)>;

BisectResult bisect(ProbeRunner& runner, const std::vector<std::string>& candidates,
                    const std::string& victim, const BisectOptions& options,
                    const ProgressCallback& progress = {});

}  // namespace su

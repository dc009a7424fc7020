// SPDX-License-Identifier: Apache-2.0
// The prior su-bisect starts from when the run history has an opinion
// (su-bisect --suspects-from, from su-archive suspects' tables). For a
// candidate T the history gives a 2x2 table over the runs where the victim
// ran: T ran before it on its worker or not, the victim failed or not.
// That table is the same kind of evidence as su-bisect's own probes (a set
// of tests ran before the victim, which failed or passed), so it is
// weighed the same way: the Bayes factor of "T is the culprit" (the victim
// fails at rate rho after T, f otherwise, rho >= min_rate_ratio * f, both
// integrated out over uniform priors) against "the victim fails at one
// rate whatever ran before it", the posterior's "alone".
//
// The history is not the present: the code changed since, failures may
// have had other causes, and with thousands of candidates some table looks
// damning by chance. So the factor is a prior weight only, clamped to
// [1, cap]: a candidate the history exonerates or never saw keeps the
// baseline 1 (never 0, so probes can always find it), and a misleading
// history costs at most log2(cap) bits the probes must win back, a few
// probes at p = 1 (more at lower p), not a wrong verdict: the search
// still names a culprit only at the confidence asked for and after it
// failed alone with the victim.
#pragma once

#include "base/statistics.hpp"

namespace su {

struct HistoryPriorOptions {
  double cap = 100;  // the largest weight; the baseline is 1
  double min_rate_ratio = 2;  // as PosteriorOptions::min_rate_ratio
};

// log of the Bayes factor described above, from a table whose a, b are the
// runs with T before the victim (failed, passed) and c, d those without.
double log_history_bayes_factor(const Table2x2& table, double min_rate_ratio);

// The prior weight of a candidate with this table: the factor, in [1, cap].
double history_weight(const Table2x2& table, const HistoryPriorOptions& options = {});

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// The statistics the diagnosis tools report, kept to plain maths so that
// su-archive's flaky and suspects queries, su-repeat and su-bisect state
// their confidence the same way:
//
// - wilson_interval: a binomial proportion's 95% (or other) score interval.
//   Unlike the normal approximation it stays inside [0, 1] and is honest
//   for few runs and for rates near 0 or 1 (1 failure in 2 runs is
//   [0.09, 0.91], not "50%").
// - fisher_greater: the one-sided Fisher exact test that, in a 2x2 table,
//   the first row fails more often than the second.
// - benjamini_hochberg: q-values for many such tests at once, so ranking
//   10,000 candidate tests does not turn chance into a suspect.
#pragma once

#include <cstdint>
#include <vector>

namespace su {

// z for a two-sided 95% interval.
inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
  double low = 0;
  double high = 1;
};

// Wilson score interval for `successes` out of `trials`. With no trials the
// interval is [0, 1]: nothing is known.
Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double z = kZ95);

// A 2x2 contingency table:
//                 outcome yes   outcome no
//   exposed            a             b
//   not exposed        c             d
struct Table2x2 {
  std::uint64_t a = 0, b = 0, c = 0, d = 0;
};

// One-sided Fisher exact p-value for "exposed rows have the outcome more
// often": P(X >= a) under the hypergeometric law with all margins fixed.
// 1 for a table with an empty row or column.
double fisher_greater(const Table2x2& t);

// The sample odds ratio (a*d)/(b*c); +infinity when b*c is 0 and a*d is not,
// NaN when both are 0.
double odds_ratio(const Table2x2& t);

// Benjamini-Hochberg adjusted p-values (q-values), in the order given.
std::vector<double> benjamini_hochberg(const std::vector<double>& p_values);

}  // namespace su

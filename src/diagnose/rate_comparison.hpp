// SPDX-License-Identifier: Apache-2.0
// Comparing two failure rates known only through counts, the Bayesian way:
// each rate has a uniform prior, so after k failures in n runs it is
// Beta(1 + k, 1 + n - k). su-bisect uses this twice: to decide whether the
// victim fails on its own (its rate alone against its rate after every
// candidate), and, inside the posterior, to hold every culprit hypothesis
// to "the culprit at least doubles the victim's failure rate".
#pragma once

#include <cstdint>

namespace su {

struct RateCounts {
  std::uint64_t failures = 0;
  std::uint64_t runs = 0;
};

// P(low_rate <= fraction * high_rate | counts), the two rates independent
// with uniform priors. Computed on a grid (error well under 1e-3).
double probability_rate_at_most(const RateCounts& low, const RateCounts& high, double fraction);

// log of the Beta function B(a, b).
double log_beta(double a, double b);

}  // namespace su

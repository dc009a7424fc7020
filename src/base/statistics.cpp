// SPDX-License-Identifier: Apache-2.0
#include "base/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace su {

Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double z) {
  if (trials == 0) return {0, 1};
  double n = static_cast<double>(trials);
  double p = static_cast<double>(std::min(successes, trials)) / n;
  double z2 = z * z;
  double denominator = 1 + z2 / n;
  double centre = (p + z2 / (2 * n)) / denominator;
  double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  // At p = 0 or 1 the bound is exactly 0 or 1; rounding must not say otherwise.
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half),
          successes >= trials ? 1.0 : std::min(1.0, centre + half)};
}

namespace {

double log_choose(double n, double k) {
  return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
}

}  // namespace

double fisher_greater(const Table2x2& t) {
  double row1 = static_cast<double>(t.a + t.b);   // exposed
  double row2 = static_cast<double>(t.c + t.d);   // not exposed
  double col1 = static_cast<double>(t.a + t.c);   // outcome yes
  double n = row1 + row2;
  if (row1 == 0 || row2 == 0 || col1 == 0 || col1 == n) return 1.0;
  double denominator = log_choose(n, col1);
  std::uint64_t top = std::min(t.a + t.b, t.a + t.c);
  // Summed from the far tail inwards, where terms are smallest, so that
  // small probabilities keep their precision.
  double p = 0;
  for (std::uint64_t x = top + 1; x-- > t.a;) {
    double xd = static_cast<double>(x);
    p += std::exp(log_choose(row1, xd) + log_choose(row2, col1 - xd) - denominator);
  }
  return std::min(1.0, p);
}

double odds_ratio(const Table2x2& t) {
  double ad = static_cast<double>(t.a) * static_cast<double>(t.d);
  double bc = static_cast<double>(t.b) * static_cast<double>(t.c);
  if (bc == 0) return ad == 0 ? std::numeric_limits<double>::quiet_NaN()
                              : std::numeric_limits<double>::infinity();
  return ad / bc;
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p_values) {
  std::size_t m = p_values.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return p_values[x] < p_values[y]; });
  std::vector<double> q(m);
  double running = 1.0;
  for (std::size_t rank = m; rank-- > 0;) {
    std::size_t i = order[rank];
    running = std::min(running, p_values[i] * static_cast<double>(m) / static_cast<double>(rank + 1));
    q[i] = running;
  }
  return q;
}

}  // namespace su

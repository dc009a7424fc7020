// SPDX-License-Identifier: Apache-2.0
#include "diagnose/rate_comparison.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace su {
namespace {

constexpr int kGrid = 256;

// The Beta(1 + k, 1 + n - k) density at the grid's midpoints, normalised
// to sum to 1 (computed in logs: n may be in the hundreds).
std::array<double, kGrid> beta_masses(const RateCounts& c) {
  double a = static_cast<double>(c.failures);
  double b = static_cast<double>(c.runs - std::min(c.runs, c.failures));
  std::array<double, kGrid> out{};
  double top = -INFINITY;
  for (int g = 0; g < kGrid; ++g) {
    double x = (g + 0.5) / kGrid;
    out[g] = a * std::log(x) + b * std::log1p(-x);
    top = std::max(top, out[g]);
  }
  double sum = 0;
  for (auto& v : out) sum += (v = std::exp(v - top));
  for (auto& v : out) v /= sum;
  return out;
}

}  // namespace

double log_beta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

double probability_rate_at_most(const RateCounts& low, const RateCounts& high, double fraction) {
  auto low_mass = beta_masses(low);
  auto high_mass = beta_masses(high);
  // cdf[g]: P(low < g / kGrid), each cell's mass spread evenly over it.
  std::array<double, kGrid + 1> cdf{};
  for (int g = 0; g < kGrid; ++g) cdf[g + 1] = cdf[g] + low_mass[g];
  double p = 0;
  for (int g = 0; g < kGrid; ++g) {
    double x = fraction * (g + 0.5) / kGrid * kGrid;  // in cells
    x = std::clamp(x, 0.0, static_cast<double>(kGrid));
    int cell = std::min(static_cast<int>(x), kGrid - 1);
    double below = cdf[cell] + (x - cell) * low_mass[cell];
    p += high_mass[g] * std::min(1.0, below);
  }
  return std::clamp(p, 0.0, 1.0);
}

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
#include "diagnose/history_prior.hpp"

#include <algorithm>
#include <cmath>

#include "diagnose/rate_comparison.hpp"

namespace su {

double log_history_bayes_factor(const Table2x2& t, double min_rate_ratio) {
  auto d = [](std::uint64_t x) { return static_cast<double>(x); };
  double r = 1 / min_rate_ratio;
  // The evidence CulpritPosterior gives a hypothesis whose tests ran in
  // a + b of the runs (a failed), against the one it gives "alone".
  double culprit = log_beta(1 + d(t.a), 1 + d(t.b)) + log_beta(1 + d(t.c), 1 + d(t.d));
  double keep = probability_rate_at_most({t.c, t.c + t.d}, {t.a, t.a + t.b}, r);
  culprit += std::log(std::max(keep, 1e-300)) - std::log(r / 2);
  double alone = log_beta(1 + d(t.a + t.c), 1 + d(t.b + t.d));
  return culprit - alone;
}

double history_weight(const Table2x2& table, const HistoryPriorOptions& options) {
  double cap = std::max(options.cap, 1.0);
  double log_factor = log_history_bayes_factor(table, options.min_rate_ratio);
  if (std::isnan(log_factor) || log_factor <= 0) return 1;
  if (log_factor >= std::log(cap)) return cap;
  return std::clamp(std::exp(log_factor), 1.0, cap);
}

}  // namespace su

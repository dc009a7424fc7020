// SPDX-License-Identifier: Apache-2.0
#include "diagnose/culprit_posterior.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace su {
namespace {

double entropy(double p) {
  if (p <= 0 || p >= 1) return 0;
  return -(p * std::log2(p) + (1 - p) * std::log2(1 - p));
}

}  // namespace

CulpritPosterior::CulpritPosterior(std::size_t candidates, PosteriorOptions options)
    : n_(candidates), options_(options) {
  pairs_enabled_ = n_ >= 2 && n_ <= options_.max_pair_candidates && options_.pair_prior > 0;
  double pair_prior = pairs_enabled_ ? options_.pair_prior : 0;
  double alone_prior = n_ == 0 ? 1 : options_.alone_prior;
  log_prior_alone_ = std::log(alone_prior);
  if (!options_.weights.empty()) {
    if (options_.weights.size() != n_)
      throw std::invalid_argument("prior weights: one per candidate is needed");
    // log_prior_single_ + log_weight_[i] is log(mass * w_i / sum w).
    double sum = 0;
    for (double w : options_.weights) {
      if (!(w > 0) || !std::isfinite(w))
        throw std::invalid_argument("prior weights must be finite and above 0");
      sum += w;
    }
    log_weight_.reserve(n_);
    for (double w : options_.weights) log_weight_.push_back(std::log(w));
    log_prior_single_ = std::log((1 - alone_prior - pair_prior) / sum);
  } else if (n_ > 0) {
    log_prior_single_ = std::log((1 - alone_prior - pair_prior) / static_cast<double>(n_));
  }
  if (pairs_enabled_)
    log_prior_pair_ = std::log(pair_prior / (static_cast<double>(n_) * (n_ - 1) / 2));
  single_counts_.resize(n_);
  single_.resize(n_);
  involvement_.resize(n_);
  if (pairs_enabled_) {
    pair_counts_.resize(n_ * (n_ - 1) / 2);
    pair_.resize(pair_counts_.size());
  }
  recompute();
}

std::size_t CulpritPosterior::pair_index(std::uint32_t i, std::uint32_t j) const {
  // Row i holds pairs (i, i+1) .. (i, n-1).
  return static_cast<std::size_t>(i) * (2 * n_ - i - 1) / 2 + (j - i - 1);
}

void CulpritPosterior::observe(const std::vector<std::uint32_t>& members, bool failed) {
  std::vector<std::uint32_t> sorted = members;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::uint32_t f = failed ? 1 : 0;
  ++total_.runs;
  total_.failures += f;
  for (std::uint32_t i : sorted) {
    single_counts_[i].runs += 1;
    single_counts_[i].failures += f;
  }
  if (pairs_enabled_) {
    for (std::size_t a = 0; a < sorted.size(); ++a) {
      std::size_t row = pair_index(sorted[a], sorted[a] + 1) - (sorted[a] + 1);
      for (std::size_t b = a + 1; b < sorted.size(); ++b) {
        Counts& c = pair_counts_[row + sorted[b]];
        c.runs += 1;
        c.failures += f;
      }
    }
  }
  recompute();
}

double CulpritPosterior::log_evidence(const Counts& with) const {
  std::uint64_t k1 = with.failures, n1 = with.runs;
  std::uint64_t k0 = total_.failures - k1, n0 = total_.runs - n1;
  bool cacheable = n1 < 65536 && n0 < 65536;
  std::uint64_t key = (k1 << 48) | (n1 << 32) | (k0 << 16) | n0;
  if (cacheable) {
    auto it = evidence_cache_->find(key);
    if (it != evidence_cache_->end()) return it->second;
  }
  double r = 1 / options_.min_rate_ratio;
  // The unrestricted evidence, then the share of the posterior that keeps
  // the restriction, over the share of the prior that does (r / 2).
  double e = log_beta(1.0 + k1, 1.0 + (n1 - k1)) + log_beta(1.0 + k0, 1.0 + (n0 - k0));
  double keep = probability_rate_at_most({k0, n0}, {k1, n1}, r);
  e += std::log(std::max(keep, 1e-300)) - std::log(r / 2);
  if (cacheable) evidence_cache_->emplace(key, e);
  return e;
}

void CulpritPosterior::recompute() {
  double alone_log = log_prior_alone_ + log_beta(1.0 + total_.failures,
                                                 1.0 + (total_.runs - total_.failures));
  std::vector<double> single_log(n_), pair_log(pair_counts_.size());
  double top = alone_log;
  bool weighted = !log_weight_.empty();
  for (std::size_t i = 0; i < n_; ++i) {
    single_log[i] = log_prior_single_ + log_evidence(single_counts_[i]);
    if (weighted) single_log[i] += log_weight_[i];
    top = std::max(top, single_log[i]);
  }
  for (std::size_t p = 0; p < pair_counts_.size(); ++p) {
    pair_log[p] = log_prior_pair_ + log_evidence(pair_counts_[p]);
    top = std::max(top, pair_log[p]);
  }
  double sum = std::exp(alone_log - top);
  for (double v : single_log) sum += std::exp(v - top);
  for (double v : pair_log) sum += std::exp(v - top);
  alone_ = std::exp(alone_log - top) / sum;
  for (std::size_t i = 0; i < n_; ++i) involvement_[i] = single_[i] = std::exp(single_log[i] - top) / sum;
  if (pairs_enabled_) {
    std::size_t p = 0;
    for (std::uint32_t i = 0; i < n_; ++i)
      for (std::uint32_t j = i + 1; j < n_; ++j, ++p) {
        pair_[p] = std::exp(pair_log[p] - top) / sum;
        involvement_[i] += pair_[p];
        involvement_[j] += pair_[p];
      }
  }
}

std::uint32_t CulpritPosterior::best_single() const {
  if (n_ == 0) return 0;
  return static_cast<std::uint32_t>(std::max_element(single_.begin(), single_.end()) - single_.begin());
}

CulpritPosterior::Pair CulpritPosterior::best_pair() const {
  Pair best;
  if (!pairs_enabled_) return best;
  std::size_t p = 0;
  for (std::uint32_t i = 0; i < n_; ++i)
    for (std::uint32_t j = i + 1; j < n_; ++j, ++p)
      if (pair_[p] > best.posterior) best = {i, j, pair_[p]};
  return best;
}

std::size_t CulpritPosterior::plausible(double floor) const {
  return static_cast<std::size_t>(
      std::count_if(involvement_.begin(), involvement_.end(), [&](double v) { return v >= floor; }));
}

double CulpritPosterior::rate_with(const Counts& c) const {
  return (1.0 + c.failures) / (2.0 + c.runs);
}

double CulpritPosterior::rate_without(const Counts& c) const {
  double k0 = static_cast<double>(total_.failures - c.failures);
  double n0 = static_cast<double>(total_.runs - c.runs);
  return std::min((1 + k0) / (2 + n0), rate_with(c) / options_.min_rate_ratio);
}

double CulpritPosterior::expected_information(const std::vector<std::uint32_t>& members) const {
  std::vector<bool> in(n_, false);
  for (auto i : members) in[i] = true;
  double q0 = (1.0 + total_.failures) / (2.0 + total_.runs);
  double fail = alone_ * q0, conditional = alone_ * entropy(q0);
  for (std::uint32_t i = 0; i < n_; ++i) {
    double q = in[i] ? rate_with(single_counts_[i]) : rate_without(single_counts_[i]);
    fail += single_[i] * q;
    conditional += single_[i] * entropy(q);
  }
  std::size_t p = 0;
  if (pairs_enabled_)
    for (std::uint32_t i = 0; i < n_; ++i)
      for (std::uint32_t j = i + 1; j < n_; ++j, ++p) {
        const Counts& c = pair_counts_[p];
        double q = in[i] && in[j] ? rate_with(c) : rate_without(c);
        fail += pair_[p] * q;
        conditional += pair_[p] * entropy(q);
      }
  return entropy(fail) - conditional;
}

std::vector<std::uint32_t> CulpritPosterior::best_probe() const {
  // Candidates by decreasing involvement (ties: original order); probe k
  // is the first k of them. Each hypothesis switches from "without" to
  // "with" at the rank of its last member, so one pass over the
  // hypotheses gives every prefix's predicted failure rate and
  // conditional entropy.
  std::vector<std::uint32_t> order(n_);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return involvement_[a] > involvement_[b];
  });
  std::vector<std::uint32_t> rank(n_);
  for (std::uint32_t r = 0; r < n_; ++r) rank[order[r]] = r;

  double q0 = (1.0 + total_.failures) / (2.0 + total_.runs);
  double fail = alone_ * q0, conditional = alone_ * entropy(q0);
  std::vector<double> d_fail(n_ + 1, 0), d_cond(n_ + 1, 0);
  auto add = [&](double w, const Counts& c, std::uint32_t last_rank) {
    double in = rate_with(c), out = rate_without(c);
    fail += w * out;
    conditional += w * entropy(out);
    d_fail[last_rank] += w * (in - out);
    d_cond[last_rank] += w * (entropy(in) - entropy(out));
  };
  for (std::uint32_t i = 0; i < n_; ++i) add(single_[i], single_counts_[i], rank[i]);
  std::size_t p = 0;
  if (pairs_enabled_)
    for (std::uint32_t i = 0; i < n_; ++i)
      for (std::uint32_t j = i + 1; j < n_; ++j, ++p)
        add(pair_[p], pair_counts_[p], std::max(rank[i], rank[j]));

  std::size_t best_k = 0;
  double best = entropy(fail) - conditional;
  for (std::size_t k = 1; k <= n_; ++k) {
    fail += d_fail[k - 1];
    conditional += d_cond[k - 1];
    double gain = entropy(fail) - conditional;
    if (gain > best + 1e-12) {
      best = gain;
      best_k = k;
    }
  }
  std::vector<std::uint32_t> probe(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(best_k));
  std::sort(probe.begin(), probe.end());
  return probe;
}

}  // namespace su

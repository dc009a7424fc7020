// SPDX-License-Identifier: Apache-2.0
#include "diagnose/order_verdict.hpp"

#include "base/statistics.hpp"

namespace su {

std::string_view failure_kind_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::none: return "none";
    case FailureKind::order_dependent: return "order-dependent";
    case FailureKind::maybe_order_dependent: return "maybe-order-dependent";
    case FailureKind::flaky: return "flaky";
    case FailureKind::always_fails: return "always-fails";
    case FailureKind::undetermined: return "undetermined";
  }
  return "none";
}

OrderVerdict classify_order(const TestTally& t, double alpha) {
  OrderVerdict v;
  v.original_runs = t.original_runs;
  v.original_failures = t.original_failures;
  v.other_runs = t.runs - t.original_runs;
  v.other_failures = t.failures - t.original_failures;
  std::uint64_t original_passes = v.original_runs - v.original_failures;
  std::uint64_t other_passes = v.other_runs - v.other_failures;
  if (t.failures == 0) {
    v.kind = FailureKind::none;
  } else if (t.failures == t.runs) {
    v.kind = FailureKind::always_fails;
  } else if (v.original_runs == 0) {
    v.kind = FailureKind::undetermined;
  } else if (v.original_failures == 0) {
    v.kind = FailureKind::order_dependent;  // it failed, so in changed orders
  } else if (original_passes == 0) {
    v.kind = FailureKind::order_dependent;  // it passed, so in changed orders
    v.fails_in_original = true;
  } else {
    v.kind = FailureKind::flaky;
  }
  v.p_value = v.fails_in_original
                  ? fisher_greater({v.original_failures, original_passes, v.other_failures, other_passes})
                  : fisher_greater({v.other_failures, other_passes, v.original_failures, original_passes});
  v.q_value = v.p_value;
  if (v.follows_order() && v.p_value > alpha) v.kind = FailureKind::maybe_order_dependent;
  return v;
}

std::vector<OrderVerdict> classify_orders(const std::vector<TestTally>& tests, double alpha) {
  std::vector<OrderVerdict> out;
  std::vector<std::size_t> patterned;
  std::vector<double> p;
  for (const auto& t : tests) {
    out.push_back(classify_order(t, alpha));
    if (out.back().follows_order()) {
      patterned.push_back(out.size() - 1);
      p.push_back(out.back().p_value);
    }
  }
  std::vector<double> q = benjamini_hochberg(p);
  for (std::size_t i = 0; i < patterned.size(); ++i) {
    OrderVerdict& v = out[patterned[i]];
    v.q_value = q[i];
    v.kind = q[i] <= alpha ? FailureKind::order_dependent : FailureKind::maybe_order_dependent;
  }
  return out;
}

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
#include "diagnose/order_verdict.hpp"

#include "base/statistics.hpp"

namespace su {

std::string_view failure_kind_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::none: return "none";
    case FailureKind::order_dependent: return "order-dependent";
    case FailureKind::flaky: return "flaky";
    case FailureKind::always_fails: return "always-fails";
    case FailureKind::undetermined: return "undetermined";
  }
  return "none";
}

OrderVerdict classify_order(const TestTally& t) {
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
  return v;
}

}  // namespace su

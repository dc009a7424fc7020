// SPDX-License-Identifier: Apache-2.0
#include "diagnose/order_verdict.hpp"

#include "base/statistics.hpp"

namespace su {

std::string_view failure_kind_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::none: return "none";
    case FailureKind::flaky: return "flaky";
    case FailureKind::order_dependent: return "order-dependent";
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
  v.p_value = fisher_greater({v.other_failures, v.other_runs - v.other_failures,
                              v.original_failures, v.original_runs - v.original_failures});
  if (t.failures == 0) {
    v.kind = FailureKind::none;
  } else if (v.original_failures > 0) {
    v.kind = FailureKind::flaky;
  } else if (v.original_runs == 0) {
    v.kind = FailureKind::undetermined;
  } else {
    v.kind = FailureKind::order_dependent;
  }
  return v;
}

}  // namespace su

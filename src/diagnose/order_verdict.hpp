// SPDX-License-Identifier: Apache-2.0
// OrderVerdict: whether a test that failed across repeated runs in changing
// orders is order-dependent or flaky (su-repeat(1), --runner mode).
//
// - order-dependent: it failed in some of the changed orders and passed
//   every time it ran in the original order (at least once);
// - flaky: it failed in the original order too;
// - undetermined: it failed, but never ran in the original order, so
//   nothing tells the two apart.
//
// "Passed every time" in a few original runs is weak evidence on its own:
// a test failing 1 time in 2 passes 3 runs in a row 1 time in 8. So the
// verdict carries Fisher's one-sided exact p-value for "it fails more often
// in the changed orders than in the original one", and reports say it.
#pragma once

#include <cstdint>
#include <string_view>

#include "diagnose/repeat_tally.hpp"

namespace su {

enum class FailureKind { none, flaky, order_dependent, undetermined };

// "none", "flaky", "order-dependent", "undetermined".
std::string_view failure_kind_name(FailureKind kind);

struct OrderVerdict {
  FailureKind kind = FailureKind::none;
  std::uint64_t original_runs = 0, original_failures = 0;
  std::uint64_t other_runs = 0, other_failures = 0;  // in changed orders
  // Fisher one-sided p that changed orders fail more often than the
  // original; 1 when either kind of run is missing.
  double p_value = 1;
};

OrderVerdict classify_order(const TestTally& tally);

}  // namespace su

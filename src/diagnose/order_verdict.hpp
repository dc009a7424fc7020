// SPDX-License-Identifier: Apache-2.0
// OrderVerdict: what a test that failed across repeated runs in changing
// orders is (su-repeat(1), --runner mode):
//
// - order-dependent: its outcome follows the order. Either it passed every
//   time it ran in the original order and failed in some changed orders
//   (a victim whose polluter the shuffle put before it), or it failed every
//   time in the original order and passed in some changed orders (a victim
//   whose polluter comes before it in the original order, or a test that
//   needs a state-setter);
// - always-fails: it failed in every run, whatever the order;
// - flaky: it both passed and failed in the original order;
// - undetermined: it failed, but never ran in the original order, so
//   nothing tells these apart.
//
// "Every time" in a few original runs is weak evidence on its own: a test
// failing 1 time in 2 passes 3 runs in a row 1 time in 8. So the verdict
// carries Fisher's one-sided exact p-value for the difference it rests on
// (changed orders fail more often than the original, or the other way
// round), and reports say when it is weak.
#pragma once

#include <cstdint>
#include <string_view>

#include "diagnose/repeat_tally.hpp"

namespace su {

enum class FailureKind { none, order_dependent, flaky, always_fails, undetermined };

// "none", "order-dependent", "flaky", "always-fails", "undetermined".
std::string_view failure_kind_name(FailureKind kind);

struct OrderVerdict {
  FailureKind kind = FailureKind::none;
  std::uint64_t original_runs = 0, original_failures = 0;
  std::uint64_t other_runs = 0, other_failures = 0;  // in changed orders
  // For order-dependent: true when it fails in the original order (and
  // passes in some changed ones).
  bool fails_in_original = false;
  // Fisher one-sided p of the difference between original and changed
  // orders, in the direction the verdict rests on (changed orders failing
  // more, unless fails_in_original); 1 when either kind of run is missing.
  double p_value = 1;
};

OrderVerdict classify_order(const TestTally& tally);

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// OrderVerdict: what a test that failed across repeated runs in changing
// orders is (su-repeat(1), --runner mode):
//
// - order-dependent: its outcome follows the order. Either it passed every
//   time it ran in the original order and failed in some changed orders
//   (a victim whose polluter the shuffle put before it), or it failed every
//   time in the original order and passed in some changed orders (a victim
//   whose polluter comes before it in the original order, or a test that
//   needs a state-setter); and chance does not explain that (below);
// - maybe-order-dependent: the same pattern, but a flaky test shows it too
//   often to tell: more runs would;
// - always-fails: it failed in every run, whatever the order;
// - flaky: it both passed and failed in the original order;
// - undetermined: it failed, but never ran in the original order, so
//   nothing tells these apart.
//
// "Every time" in a few original runs is weak evidence on its own: a test
// failing 1 time in 2 passes 3 runs in a row 1 time in 8. So each pattern
// gets Fisher's one-sided exact p-value for the difference it rests on
// (changed orders fail more often than the original, or the other way
// round), the p-values of all the tests showing a pattern are corrected
// for their number (Benjamini-Hochberg), and only a q-value at or below
// the threshold makes a test order-dependent.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "diagnose/repeat_tally.hpp"

namespace su {

enum class FailureKind {
  none,
  order_dependent,
  maybe_order_dependent,
  flaky,
  always_fails,
  undetermined,
};

// "none", "order-dependent", "maybe-order-dependent", "flaky",
// "always-fails", "undetermined".
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
  // p_value corrected over every test showing a pattern (classify_orders).
  double q_value = 1;

  // Order-dependent or maybe: the outcome followed the order in these runs.
  bool follows_order() const {
    return kind == FailureKind::order_dependent || kind == FailureKind::maybe_order_dependent;
  }
};

// One test on its own: a test whose outcome followed the order is
// order_dependent when its p-value alone is at most `alpha`, else
// maybe_order_dependent (q_value is p_value).
OrderVerdict classify_order(const TestTally& tally, double alpha = 0.05);

// Every test (RepeatTally::tests()), in order, with q-values over the tests
// whose outcome followed the order: order_dependent needs q <= alpha.
std::vector<OrderVerdict> classify_orders(const std::vector<TestTally>& tests, double alpha = 0.05);

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// Order-dependent or flaky: the verdict on a test that failed in changing orders.
#include <doctest/doctest.h>

#include "base/statistics.hpp"
#include "diagnose/order_verdict.hpp"

using su::FailureKind;

namespace {

su::TestTally tally(std::uint64_t original_runs, std::uint64_t original_failures,
                    std::uint64_t other_runs, std::uint64_t other_failures) {
  su::TestTally t;
  t.id.push_back('t');  // (not = "t": GCC 12 warns falsely of overlap)
  t.runs = original_runs + other_runs;
  t.failures = original_failures + other_failures;
  t.original_runs = original_runs;
  t.original_failures = original_failures;
  return t;
}

}  // namespace

TEST_SUITE("order verdict") {
  TEST_CASE("failing only in changed orders and passing every original run is order-dependent") {
    auto v = su::classify_order(tally(3, 0, 7, 4));
    CHECK(v.kind == FailureKind::order_dependent);
    CHECK(v.original_runs == 3);
    CHECK(v.other_runs == 7);
    CHECK(v.other_failures == 4);
    CHECK_FALSE(v.fails_in_original);
  }

  TEST_CASE("passing and failing in the original order is flaky, however rarely it fails there") {
    CHECK(su::classify_order(tally(3, 1, 7, 6)).kind == FailureKind::flaky);
  }

  TEST_CASE("failing every original run and passing in some changed orders is order-dependent too") {
    // The polluter comes before it in the original order; a shuffle that
    // puts it after lets the test pass.
    auto v = su::classify_order(tally(3, 3, 9, 5));
    CHECK(v.kind == FailureKind::order_dependent);
    CHECK(v.fails_in_original);
    // 3 of 3 original failures against 5 of 9 changed: the p-value is for
    // the original failing more often.
    CHECK(v.p_value == doctest::Approx(su::fisher_greater({3, 0, 5, 4})));
  }

  TEST_CASE("failing every run in every order always fails: neither flaky nor order-dependent") {
    CHECK(su::classify_order(tally(3, 3, 7, 7)).kind == FailureKind::always_fails);
  }

  TEST_CASE("failing in every changed order still counts as order-dependent") {
    CHECK(su::classify_order(tally(2, 0, 2, 2)).kind == FailureKind::order_dependent);
  }

  TEST_CASE("a failing test never run in the original order is undetermined, not guessed") {
    CHECK(su::classify_order(tally(0, 0, 5, 2)).kind == FailureKind::undetermined);
  }

  TEST_CASE("a test that never failed has no verdict") {
    CHECK(su::classify_order(tally(3, 0, 7, 0)).kind == FailureKind::none);
  }

  TEST_CASE("the p-value says how strong 'passed every original run' is") {
    // 4 of 4 changed orders failed, 4 of 4 originals passed: 1/C(8,4) = 1/70.
    CHECK(su::classify_order(tally(4, 0, 4, 4)).p_value == doctest::Approx(1.0 / 70));
    // 1 failure in 7 changed orders against 3 clean originals proves little.
    CHECK(su::classify_order(tally(3, 0, 7, 1)).p_value > 0.5);
  }
}

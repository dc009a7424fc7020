// SPDX-License-Identifier: Apache-2.0
// Order-dependent, flaky or always failing: the verdict on a test that
// failed across runs in changing orders.
#include <doctest/doctest.h>

#include "base/statistics.hpp"
#include "diagnose/order_verdict.hpp"

using doctest::Approx;
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
  TEST_CASE("passing every original run and failing in many changed orders is order-dependent") {
    auto v = su::classify_order(tally(5, 0, 10, 8));
    CHECK(v.kind == FailureKind::order_dependent);
    CHECK(v.original_runs == 5);
    CHECK(v.other_runs == 10);
    CHECK(v.other_failures == 8);
    CHECK_FALSE(v.fails_in_original);
    // 8 failures, all in the 10 changed runs: C(10,8) / C(15,8).
    CHECK(v.p_value == Approx(45.0 / 6435));
  }

  TEST_CASE("the same pattern in too few runs is only maybe order-dependent") {
    // 4 of 7 changed orders failed, 3 originals passed: a flaky test failing
    // 4 times in 10 lands all its failures outside the originals 1 time in 6.
    auto v = su::classify_order(tally(3, 0, 7, 4));
    CHECK(v.kind == FailureKind::maybe_order_dependent);
    CHECK(v.p_value == Approx(35.0 / 210));
    CHECK(v.follows_order());
  }

  TEST_CASE("failing in every changed order is order-dependent once the runs are enough") {
    CHECK(su::classify_order(tally(4, 0, 4, 4)).kind == FailureKind::order_dependent);  // p = 1/70
    CHECK(su::classify_order(tally(2, 0, 2, 2)).kind == FailureKind::maybe_order_dependent);  // 1/6
  }

  TEST_CASE("failing every original run and passing in some changed orders is order-dependent too") {
    // The polluter comes before it in the original order; a shuffle that
    // puts it after lets the test pass.
    auto v = su::classify_order(tally(10, 10, 30, 15));
    CHECK(v.kind == FailureKind::order_dependent);
    CHECK(v.fails_in_original);
    // The p-value is for the original order failing more often.
    CHECK(v.p_value == Approx(su::fisher_greater({10, 0, 15, 15})));
    CHECK(v.p_value < 0.01);
    auto weak = su::classify_order(tally(3, 3, 9, 5));
    CHECK(weak.kind == FailureKind::maybe_order_dependent);
    CHECK(weak.fails_in_original);
  }

  TEST_CASE("passing and failing in the original order is flaky, however rarely it fails there") {
    CHECK(su::classify_order(tally(3, 1, 7, 6)).kind == FailureKind::flaky);
  }

  TEST_CASE("failing every run in every order always fails: neither flaky nor order-dependent") {
    CHECK(su::classify_order(tally(3, 3, 7, 7)).kind == FailureKind::always_fails);
  }

  TEST_CASE("a failing test never run in the original order is undetermined, not guessed") {
    CHECK(su::classify_order(tally(0, 0, 5, 2)).kind == FailureKind::undetermined);
  }

  TEST_CASE("a test that never failed has no verdict") {
    CHECK(su::classify_order(tally(3, 0, 7, 0)).kind == FailureKind::none);
  }

  TEST_CASE("many tests showing the pattern are corrected for their number") {
    // Alone, p = 15/495 = 0.030 is order-dependent; beside a second test
    // showing the pattern by chance (p = 0.7), its q-value is 0.061.
    auto alone = su::classify_order(tally(6, 0, 6, 4));
    CHECK(alone.kind == FailureKind::order_dependent);
    auto both = su::classify_orders({tally(6, 0, 6, 4), tally(3, 0, 7, 1), tally(3, 1, 7, 1)});
    REQUIRE(both.size() == 3);
    CHECK(both[0].q_value == Approx(2 * 15.0 / 495));
    CHECK(both[0].kind == FailureKind::maybe_order_dependent);
    CHECK(both[1].kind == FailureKind::maybe_order_dependent);
    CHECK(both[2].kind == FailureKind::flaky);  // not counted in the correction
    // A strong pattern survives the correction.
    auto strong = su::classify_orders({tally(5, 0, 10, 8), tally(3, 0, 7, 1)});
    CHECK(strong[0].kind == FailureKind::order_dependent);
  }
}

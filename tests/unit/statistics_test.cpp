#include <doctest/doctest.h>

#include <cmath>

#include "base/statistics.hpp"

using doctest::Approx;

TEST_SUITE("statistics") {
  TEST_CASE("Wilson intervals match Newcombe's published examples (Stat Med 1998, table II)") {
    struct { std::uint64_t x, n; double low, high; } cases[] = {
        {81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605},
        {0, 20, 0.0, 0.1611},      {1, 29, 0.0061, 0.1718}};
    for (const auto& c : cases) {
      su::Interval i = su::wilson_interval(c.x, c.n);
      CHECK(i.low == Approx(c.low).epsilon(0.0006));
      CHECK(i.high == Approx(c.high).epsilon(0.0006));
    }
  }

  TEST_CASE("a Wilson interval with no trials is everything, and all-or-nothing ends exactly") {
    CHECK(su::wilson_interval(0, 0).low == 0.0);
    CHECK(su::wilson_interval(0, 0).high == 1.0);
    CHECK(su::wilson_interval(7, 7).high == 1.0);
    CHECK(su::wilson_interval(0, 7).low == 0.0);
  }

  TEST_CASE("one failure in two runs is far less certain than 30 in 100") {
    su::Interval few = su::wilson_interval(1, 2), many = su::wilson_interval(30, 100);
    CHECK(few.low < many.low);
    CHECK(few.high - few.low > 0.8);
  }

  TEST_CASE("Fisher's one-sided p matches the lady tasting tea (17/70)") {
    CHECK(su::fisher_greater({3, 1, 1, 3}) == Approx(17.0 / 70.0));
  }

  TEST_CASE("Fisher's one-sided p matches Wikipedia's dieting example (0.001346)") {
    CHECK(su::fisher_greater({11, 3, 1, 9}) == Approx(0.001346).epsilon(0.001));
  }

  TEST_CASE("Fisher's p of a perfect separation is one over the number of tables") {
    CHECK(su::fisher_greater({10, 0, 0, 10}) == Approx(1.0 / 184756.0));
  }

  TEST_CASE("Fisher's p is 1 when a row or a column is empty, or the association is the other way") {
    CHECK(su::fisher_greater({0, 0, 3, 4}) == 1.0);
    CHECK(su::fisher_greater({0, 5, 0, 4}) == 1.0);
    CHECK(su::fisher_greater({0, 10, 10, 0}) == Approx(1.0));
  }

  TEST_CASE("odds ratios are infinite when nothing exposed passed") {
    CHECK(su::odds_ratio({3, 1, 1, 3}) == Approx(9.0));
    CHECK(std::isinf(su::odds_ratio({3, 0, 1, 3})));
    CHECK(std::isnan(su::odds_ratio({0, 0, 1, 3})));
  }

  TEST_CASE("Benjamini-Hochberg q-values are those of R's p.adjust, in input order") {
    auto q = su::benjamini_hochberg({0.01, 0.04, 0.03, 0.005});
    REQUIRE(q.size() == 4);
    CHECK(q[0] == Approx(0.02));
    CHECK(q[1] == Approx(0.04));
    CHECK(q[2] == Approx(0.04));
    CHECK(q[3] == Approx(0.02));
    CHECK(su::benjamini_hochberg({}).empty());
    CHECK(su::benjamini_hochberg({0.9, 0.95})[0] == Approx(0.95));
  }
}

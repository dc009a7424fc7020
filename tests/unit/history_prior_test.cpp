// Unit tests for the prior su-bisect takes from the run history
// (src/diagnose/history_prior.*).
#include <doctest/doctest.h>

#include <cmath>

#include "diagnose/culprit_posterior.hpp"
#include "diagnose/history_prior.hpp"

TEST_CASE("a victim that failed exactly after the test gives it the largest weight") {
  CHECK(su::history_weight({10, 0, 0, 29}) == 100);
  CHECK(su::history_weight({10, 0, 0, 29}, {.cap = 8}) == 8);
  CHECK(su::log_history_bayes_factor({10, 0, 0, 29}, 2) > std::log(1e6));
}

TEST_CASE("no association, or evidence against, keeps the baseline weight 1") {
  CHECK(su::history_weight({3, 3, 3, 3}) == 1);
  CHECK(su::history_weight({4, 11, 3, 12}) == 1);
  CHECK(su::history_weight({0, 15, 10, 5}) == 1);  // failed only without it
  CHECK(su::history_weight({0, 20, 0, 20}) == 1);  // never failed
  CHECK(su::history_weight({20, 0, 20, 0}) == 1);  // always failed
  CHECK(su::history_weight({0, 0, 0, 0}) == 1);
}

TEST_CASE("one failure after the test is some evidence, far from the cap") {
  double w = su::history_weight({1, 0, 0, 5});
  CHECK(w > 2);
  CHECK(w < 30);
  // More runs that say the same say it louder.
  CHECK(su::history_weight({3, 0, 0, 15}) > w);
}

TEST_CASE("the factor is what the posterior makes of the same counts as probes") {
  // Probes running candidate 0 (and not 1) stand for the runs where the
  // test ran before the victim; empty probes for the others.
  su::Table2x2 t{7, 8, 0, 15};
  su::CulpritPosterior post{2, {.pair_prior = 0}};
  for (std::uint64_t k = 0; k < t.a; ++k) post.observe({0}, true);
  for (std::uint64_t k = 0; k < t.b; ++k) post.observe({0}, false);
  for (std::uint64_t k = 0; k < t.c; ++k) post.observe({}, true);
  for (std::uint64_t k = 0; k < t.d; ++k) post.observe({}, false);
  // Prior odds of candidate 0 against alone: 0.45 / 0.1.
  double factor = post.single(0) / post.alone() / 4.5;
  CHECK(std::log(factor) == doctest::Approx(su::log_history_bayes_factor(t, 2)).epsilon(1e-6));
  CHECK(su::history_weight(t) == 100);
}

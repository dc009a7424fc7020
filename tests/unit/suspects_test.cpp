// SPDX-License-Identifier: Apache-2.0
// The suspects tables and verdicts (src/archive/suspects.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "archive/suspects.hpp"

namespace {

std::string name(std::uint32_t n) { return "t" + std::to_string(n); }

// One run: the tests that ran before the victim on its worker, and whether
// it failed.
void run(su::SuspectCounter& c, std::vector<std::uint32_t> before, bool failed) {
  for (auto t : before) c.before(t);
  c.end_run(failed);
}

}  // namespace

TEST_SUITE("suspects") {
  TEST_CASE("each candidate's 2x2 table counts the runs it preceded the victim, and the rest") {
    su::SuspectCounter c;
    run(c, {1, 2}, true);
    run(c, {1, 1}, true);  // twice before it in one run: one run
    run(c, {2}, false);
    run(c, {}, false);
    auto r = su::rank_suspects(c, name, 0.05);
    REQUIRE(r.suspects.size() == 2);
    const su::Suspect& t1 = r.suspects[0];
    CHECK(t1.id == "t1");
    CHECK(t1.table.a == 2);  // before, failed
    CHECK(t1.table.b == 0);  // before, passed
    CHECK(t1.table.c == 0);  // absent, failed
    CHECK(t1.table.d == 2);  // absent, passed
    CHECK(t1.p_value == doctest::Approx(1.0 / 6));  // one table in C(4, 2)
    CHECK(std::isinf(t1.odds_ratio));
    const su::Suspect& t2 = r.suspects[1];
    CHECK(t2.table.a == 1);
    CHECK(t2.table.b == 1);
    CHECK(t2.table.c == 1);
    CHECK(t2.table.d == 1);
    CHECK(r.victim_runs == 4);
    CHECK(r.victim_failures == 2);
  }

  TEST_CASE("q-values are Benjamini-Hochberg over every candidate") {
    su::SuspectCounter c;
    for (int i = 0; i < 40; ++i) run(c, i % 2 ? std::vector<std::uint32_t>{1, 2} : std::vector<std::uint32_t>{2}, i % 2);
    auto r = su::rank_suspects(c, name, 0.05);
    std::vector<double> p;
    for (const auto& s : r.suspects) p.push_back(s.p_value);
    auto q = su::benjamini_hochberg(p);
    for (std::size_t i = 0; i < q.size(); ++i) CHECK(r.suspects[i].q_value == doctest::Approx(q[i]));
  }

  TEST_CASE("a test that always precedes the failures is found, first") {
    su::SuspectCounter c;
    for (int i = 0; i < 60; ++i) {
      bool polluter = i % 3 == 0;
      std::vector<std::uint32_t> before = {static_cast<std::uint32_t>(10 + i % 5)};
      if (polluter) before.push_back(1);
      run(c, before, polluter);
    }
    auto r = su::rank_suspects(c, name, 0.05);
    CHECK(r.verdict == su::SuspectVerdict::found);
    CHECK(r.suspects.front().id == "t1");
    CHECK(r.suspects.front().q_value < 0.05);
  }

  TEST_CASE("too few runs is said to be too short, not a suspect") {
    su::SuspectCounter c;
    run(c, {1}, true);
    run(c, {2}, false);
    run(c, {3}, false);
    auto r = su::rank_suspects(c, name, 0.05);
    // A perfect association has p = 1/3 here: nothing could be significant.
    CHECK(r.best_possible_p == doctest::Approx(1.0 / 3));
    CHECK(r.verdict == su::SuspectVerdict::too_short);
  }

  TEST_CASE("a victim that never failed or always failed leaves nothing to rank") {
    su::SuspectCounter never, always;
    for (int i = 0; i < 10; ++i) run(never, {1}, false);
    for (int i = 0; i < 10; ++i) run(always, {1}, true);
    CHECK(su::rank_suspects(never, name, 0.05).verdict == su::SuspectVerdict::never_failed);
    CHECK(su::rank_suspects(always, name, 0.05).verdict == su::SuspectVerdict::always_failed);
    su::SuspectCounter none;
    CHECK(su::rank_suspects(none, name, 0.05).verdict == su::SuspectVerdict::not_found);
  }

  TEST_CASE("enough runs with no association are inconclusive") {
    su::SuspectCounter c;
    for (int i = 0; i < 80; ++i) run(c, {static_cast<std::uint32_t>(1 + i % 2)}, i % 5 == 0);
    auto r = su::rank_suspects(c, name, 0.05);
    CHECK(r.verdict == su::SuspectVerdict::inconclusive);
  }
}

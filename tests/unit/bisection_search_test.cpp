// Unit tests for su-bisect's statistics and search (src/diagnose/
// rate_comparison.*, culprit_posterior.*, bisection_search.*), with an
// in-process fake runner: no processes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "diagnose/bisection_search.hpp"
#include "diagnose/culprit_posterior.hpp"
#include "diagnose/rate_comparison.hpp"

namespace {

using Members = std::vector<std::uint32_t>;

// Makes the victim fail with probability p when every culprit ran before
// it, and with probability f otherwise. Counts its calls.
struct FakeRunner : su::ProbeRunner {
  std::set<std::string> culprits;
  double p = 1, f = 0;
  std::mt19937_64 rng{12345};
  std::size_t calls = 0;
  su::ProbeResult run(const std::vector<std::string>& ids) override {
    ++calls;
    std::size_t present = 0;
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) present += culprits.count(ids[i]);
    bool all = !culprits.empty() && present == culprits.size();
    double rate = all ? 1 - (1 - p) * (1 - f) : f;
    su::ProbeResult r;
    r.kind = std::uniform_real_distribution<>(0, 1)(rng) < rate ? su::ProbeResult::Kind::failed
                                                                : su::ProbeResult::Kind::passed;
    return r;
  }
};

std::vector<std::string> names(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(std::to_string(i).insert(0, 1, 't'));
  return out;
}

Members range(std::uint32_t from, std::uint32_t to) {
  Members m;
  for (auto i = from; i < to; ++i) m.push_back(i);
  return m;
}

double total(const su::CulpritPosterior& post) {
  double sum = post.alone();
  for (std::uint32_t i = 0; i < post.candidates(); ++i) sum += post.single(i);
  // pairs: involvement counts each pair twice
  double pairs = 0;
  for (std::uint32_t i = 0; i < post.candidates(); ++i) pairs += post.involvement(i) - post.single(i);
  return sum + pairs / 2;
}

}  // namespace

TEST_CASE("rate comparison: clear cases are near 0 or 1, and identical counts are not") {
  // 0 failures in 30 alone against 10 in 10 after the candidates.
  CHECK(su::probability_rate_at_most({0, 30}, {10, 10}, 0.5) > 0.99);
  // 15 in 30 alone against 15 in 30: the alone rate is not below half.
  CHECK(su::probability_rate_at_most({15, 30}, {15, 30}, 0.5) < 0.05);
  double even = su::probability_rate_at_most({5, 10}, {5, 10}, 1.0);
  CHECK(even == doctest::Approx(0.5).epsilon(0.02));
  // With no data, P(a <= r/2) for two uniforms is 1/4.
  CHECK(su::probability_rate_at_most({0, 0}, {0, 0}, 0.5) == doctest::Approx(0.25).epsilon(0.01));
}

TEST_CASE("the prior spreads over the candidates, pairs and alone, and sums to one") {
  su::CulpritPosterior post{10};
  CHECK(post.has_pairs());
  CHECK(post.alone() == doctest::Approx(0.1));
  CHECK(post.single(3) == doctest::Approx(0.08));
  CHECK(total(post) == doctest::Approx(1.0));
}

TEST_CASE("a failing probe raises its members and a passing one lowers them, at p = 1") {
  su::CulpritPosterior post{8};
  post.observe(range(0, 8), true);  // reproduce
  for (int k = 0; k < 4; ++k) post.observe({}, false);  // alone passes
  post.observe(range(0, 4), true);
  CHECK(post.single(0) > post.single(5));
  post.observe(range(0, 2), false);
  CHECK(post.single(2) > post.single(0));
  post.observe({2}, true);
  CHECK(post.best_single() == 2);
  CHECK(total(post) == doctest::Approx(1.0));
}

TEST_CASE("one pass of a candidate that failed with probability 0.2 does not rule it out") {
  su::CulpritPosterior post{4, {.pair_prior = 0}};
  for (int k = 0; k < 10; ++k) post.observe(range(0, 4), k < 2);  // 2 failures in 10
  for (int k = 0; k < 20; ++k) post.observe({}, false);
  post.observe({0, 1}, false);
  // Still about as likely as the candidates that were not in the probe.
  CHECK(post.single(0) > 0.4 * post.single(2));
}

TEST_CASE("at p = 1 the most informative probe is half of the plausible candidates") {
  su::CulpritPosterior post{16, {.pair_prior = 0}};
  post.observe(range(0, 16), true);
  for (int k = 0; k < 6; ++k) post.observe({}, false);
  CHECK(post.best_probe().size() == 8);
  post.observe(range(0, 8), false);  // the culprit is in 8..15
  Members next = post.best_probe();
  // Half of the likely ones, give or take the little mass left on 0..7.
  CHECK(next.size() >= 4);
  CHECK(next.size() <= 5);
  CHECK(std::all_of(next.begin(), next.end(), [](std::uint32_t i) { return i >= 8; }));
  CHECK(post.expected_information(next) > post.expected_information(range(0, 4)));
}

TEST_CASE("at a low failure rate the best probe holds less than half the mass") {
  // A failure is rare and so worth more: the probe puts fewer candidates
  // in, so that a failure says more.
  su::CulpritPosterior post{64, {.pair_prior = 0}};
  post.observe(range(0, 64), true);
  for (int k = 0; k < 4; ++k) post.observe(range(0, 64), false);
  for (int k = 0; k < 30; ++k) post.observe({}, false);
  Members probe = post.best_probe();
  CHECK(probe.size() < 32);
  CHECK(probe.size() >= 8);
}

TEST_CASE("when only probes holding two candidates fail, the pair wins") {
  su::CulpritPosterior post{8};
  post.observe(range(0, 8), true);
  for (int k = 0; k < 5; ++k) post.observe({}, false);
  for (int k = 0; k < 5; ++k) {
    post.observe({1, 6}, true);
    post.observe({1}, false);
    post.observe({6}, false);
    post.observe(range(0, 4), false);
    post.observe(range(4, 8), false);
  }
  auto pair = post.best_pair();
  CHECK(pair.first == 1);
  CHECK(pair.second == 6);
  CHECK(pair.posterior > 0.9);
}

TEST_CASE("p = 1 finds the culprit by bisection in about log2(n) probes") {
  auto ids = names(300);
  FakeRunner fake;
  fake.culprits = {"t217"};
  su::BisectResult r = su::bisect(fake, ids, "victim", {});
  CHECK(r.verdict == su::Verdict::culprit);
  REQUIRE(r.culprits.size() == 1);
  CHECK(ids[r.culprits[0]] == "t217");
  CHECK(r.confidence >= 0.95);
  CHECK(r.runs <= 2 * std::log2(300.0) + 10);
  CHECK(r.runs == fake.calls);
  CHECK(r.with_candidates.failures == r.with_candidates.runs);
  CHECK(r.alone.failures == 0);
}

TEST_CASE("p = 0.5 finds the culprit, confirmed by a failure with it alone") {
  auto ids = names(60);
  FakeRunner fake;
  fake.culprits = {"t3"};
  fake.p = 0.5;
  su::BisectResult r = su::bisect(fake, ids, "victim", {});
  REQUIRE(r.verdict == su::Verdict::culprit);
  CHECK(ids[r.culprits[0]] == "t3");
  CHECK(r.ranking.front().first == r.culprits[0]);
}

TEST_CASE("two tests needed together are both named") {
  auto ids = names(40);
  FakeRunner fake;
  fake.culprits = {"t5", "t30"};
  su::BisectResult r = su::bisect(fake, ids, "victim", {});
  REQUIRE(r.verdict == su::Verdict::culprits);
  REQUIRE(r.culprits.size() == 2);
  CHECK(ids[r.culprits[0]] == "t5");
  CHECK(ids[r.culprits[1]] == "t30");
}

TEST_CASE("three tests needed together are found by delta debugging once both halves pass") {
  auto ids = names(24);
  FakeRunner fake;
  fake.culprits = {"t2", "t11", "t20"};
  su::BisectResult r = su::bisect(fake, ids, "victim", {});
  REQUIRE(r.verdict == su::Verdict::culprits);
  REQUIRE(r.culprits.size() == 3);
  CHECK(ids[r.culprits[0]] == "t2");
  CHECK(ids[r.culprits[1]] == "t11");
  CHECK(ids[r.culprits[2]] == "t20");
  CHECK(r.confidence >= 0.95);
}

TEST_CASE("a victim that fails on its own half the time is 'alone', never a culprit") {
  auto ids = names(50);
  FakeRunner fake;
  fake.p = 0;
  fake.f = 0.5;
  su::BisectResult r = su::bisect(fake, ids, "victim", {});
  CHECK(r.verdict == su::Verdict::alone);
  CHECK(r.culprits.empty());
  CHECK(r.alone.failures > 0);
}

TEST_CASE("a victim that never fails is 'not reproduced' after the reproduce budget") {
  auto ids = names(10);
  FakeRunner fake;
  fake.p = 0;
  su::BisectOptions options;
  options.reproduce_runs = 7;
  su::BisectResult r = su::bisect(fake, ids, "victim", options);
  CHECK(r.verdict == su::Verdict::not_reproduced);
  CHECK(r.runs == 7);
}

TEST_CASE("out of runs is 'inconclusive' and names nobody") {
  auto ids = names(100);
  FakeRunner fake;
  fake.culprits = {"t40"};
  fake.p = 0.2;
  su::BisectOptions options;
  options.max_runs = 40;
  su::BisectResult r = su::bisect(fake, ids, "victim", options);
  CHECK(r.verdict == su::Verdict::inconclusive);
  CHECK(r.culprits.empty());
  CHECK(r.runs == 40);
  CHECK(r.reason == "out of runs");
  CHECK(r.ranking.size() == 100);
}

TEST_CASE("no candidates: a failing victim fails alone") {
  FakeRunner fake;
  fake.f = 1;
  su::BisectResult r = su::bisect(fake, {}, "victim", {});
  CHECK(r.verdict == su::Verdict::alone);
  CHECK(r.runs == 1);
}

TEST_CASE("a runner failure stops the search with its message") {
  struct Broken : su::ProbeRunner {
    su::ProbeResult run(const std::vector<std::string>&) override {
      return {su::ProbeResult::Kind::victim_missing, "not 'victim'", 0};
    }
  } broken;
  su::BisectResult r = su::bisect(broken, names(3), "victim", {});
  CHECK(r.verdict == su::Verdict::runner_failed);
  CHECK(r.runner_failure.message == "not 'victim'");
  CHECK(r.runs == 1);
}

TEST_CASE("a runner that throws is a runner failure, in parallel probes too") {
  struct Throwing : su::ProbeRunner {
    su::ProbeResult run(const std::vector<std::string>&) override {
      throw std::runtime_error("cannot create a test list");
    }
  } throwing;
  su::BisectOptions options;
  options.jobs = 2;
  su::BisectResult r = su::bisect(throwing, names(3), "victim", options);
  CHECK(r.verdict == su::Verdict::runner_failed);
  CHECK(r.runner_failure.message == "cannot create a test list");
}

TEST_CASE("parallel probes find the same culprit") {
  auto ids = names(64);
  struct Locked : FakeRunner {
    std::mutex m;
    su::ProbeResult run(const std::vector<std::string>& ids) override {
      std::lock_guard<std::mutex> lock(m);
      return FakeRunner::run(ids);
    }
  } fake;
  fake.culprits = {"t20"};
  su::BisectOptions options;
  options.jobs = 3;
  std::size_t reports = 0;
  su::BisectResult r = su::bisect(fake, ids, "victim", options,
                                  [&](const su::BisectProgress&) { ++reports; });
  REQUIRE(r.verdict == su::Verdict::culprit);
  CHECK(ids[r.culprits[0]] == "t20");
  CHECK(reports > 0);
}

// Prior weights (su-bisect --suspects-from).

TEST_CASE("prior weights share the singles' mass in proportion; pairs and alone are kept") {
  su::CulpritPosterior post{4, {.weights = {1, 1, 1, 7}}};
  CHECK(post.alone() == doctest::Approx(0.1));
  CHECK(post.single(3) == doctest::Approx(0.8 * 7 / 10));
  CHECK(post.single(0) == doctest::Approx(0.8 * 1 / 10));
  // Six pairs, alike.
  CHECK(post.best_pair().posterior == doctest::Approx(0.1 / 6));
  CHECK(post.involvement(3) - post.single(3) == doctest::Approx(0.1 / 2));
  CHECK(total(post) == doctest::Approx(1.0));
  CHECK(post.best_single() == 3);
  CHECK(post.best_probe() == Members{3});  // half the mass, in one test
}

TEST_CASE("equal prior weights, of any size, are the uniform prior") {
  su::CulpritPosterior uniform{10}, fives{10, {.weights = std::vector<double>(10, 5.0)}};
  uniform.observe(range(0, 10), true);
  fives.observe(range(0, 10), true);
  uniform.observe(range(0, 5), false);
  fives.observe(range(0, 5), false);
  for (std::uint32_t i = 0; i < 10; ++i)
    CHECK(fives.involvement(i) == doctest::Approx(uniform.involvement(i)));
  CHECK(fives.best_probe() == uniform.best_probe());
}

TEST_CASE("prior weights must be one per candidate, finite and above zero") {
  CHECK_THROWS_AS(su::CulpritPosterior(3, {.weights = {1, 1}}), std::invalid_argument);
  CHECK_THROWS_AS(su::CulpritPosterior(2, {.weights = {1, 0}}), std::invalid_argument);
  CHECK_THROWS_AS(su::CulpritPosterior(2, {.weights = {1, -2}}), std::invalid_argument);
  CHECK_THROWS_AS(su::CulpritPosterior(2, {.weights = {1, NAN}}), std::invalid_argument);
  CHECK_THROWS_AS(su::CulpritPosterior(2, {.weights = {1, INFINITY}}), std::invalid_argument);
}

namespace {

// Runner calls su::bisect needs for `culprit` among n candidates at rate p,
// over `seeds` fake runners, with `favoured` given prior weight 100 (none
// when empty). Checks every search names the culprit.
std::size_t calls_to_find(std::size_t n, const std::string& culprit, double p,
                          const std::string& favoured, int seeds) {
  auto ids = names(n);
  su::BisectOptions options;
  if (!favoured.empty()) {
    options.posterior.weights.assign(n, 1.0);
    options.posterior.weights[std::stoul(favoured.substr(1))] = 100;
  }
  std::size_t calls = 0;
  for (int seed = 0; seed < seeds; ++seed) {
    FakeRunner fake;
    fake.rng.seed(1000 + static_cast<unsigned>(seed));
    fake.culprits = {culprit};
    fake.p = p;
    su::BisectResult r = su::bisect(fake, ids, "victim", options);
    CHECK(r.verdict == su::Verdict::culprit);
    REQUIRE(r.culprits.size() == 1);
    CHECK(ids[r.culprits[0]] == culprit);
    CHECK(r.confidence >= 0.95);
    calls += r.runs;
  }
  return calls;
}

}  // namespace

TEST_CASE("a prior favouring the culprit finds it in fewer runs") {
  std::size_t uniform = calls_to_find(300, "t217", 1, "", 1);
  std::size_t favoured = calls_to_find(300, "t217", 1, "t217", 1);
  CHECK(favoured + 5 <= uniform);
  uniform = calls_to_find(60, "t41", 0.5, "", 8);
  favoured = calls_to_find(60, "t41", 0.5, "t41", 8);
  CHECK(favoured < uniform);
}

TEST_CASE("a prior favouring the wrong candidate still finds the culprit") {
  std::size_t uniform = calls_to_find(300, "t217", 1, "", 1);
  std::size_t misled = calls_to_find(300, "t217", 1, "t5", 1);
  // log2(100) bits to win back: a few more probes at most.
  CHECK(misled <= uniform + 7);
  calls_to_find(60, "t41", 0.5, "t12", 8);
  calls_to_find(60, "t41", 0.2, "t12", 4);
}

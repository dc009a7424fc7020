// SPDX-License-Identifier: Apache-2.0
// RepeatTally: per-test counts across repeated runs.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "codec/open_reader.hpp"
#include "diagnose/repeat_tally.hpp"
#include "packets.hpp"

using doctest::Approx;
using su::Status;

namespace {

su::TestResult result(std::string id, Status status, bool complete = true) {
  su::TestResult r;
  r.id = std::move(id);
  r.status = status;
  r.complete = complete;
  return r;
}

// One run of (id, status) results; returns the ids that failed in it.
std::vector<std::string> run(su::RepeatTally& tally, std::uint64_t number,
                             std::vector<std::pair<std::string, Status>> results,
                             bool original = true) {
  tally.begin_run(number, original);
  for (auto& [id, status] : results) tally.on_result(result(id, status));
  return tally.end_run();
}

}  // namespace

TEST_SUITE("repeat tally") {
  TEST_CASE("counts the runs each test ran in and failed in, with a Wilson interval") {
    su::RepeatTally tally;
    for (std::uint64_t k = 1; k <= 10; ++k)
      run(tally, k, {{"a", Status::success}, {"b", k % 5 == 0 ? Status::fail : Status::success}});
    REQUIRE(tally.tests().size() == 2);
    const su::TestTally* b = tally.find("b");
    REQUIRE(b != nullptr);
    CHECK(b->runs == 10);
    CHECK(b->failures == 2);
    CHECK(b->rate() == Approx(0.2));
    // Wilson 95% for 2 of 10.
    CHECK(b->interval().low == Approx(0.0567).epsilon(0.001));
    CHECK(b->interval().high == Approx(0.5098).epsilon(0.001));
    CHECK(b->failed_runs == std::vector<std::uint64_t>{5, 10});
    CHECK(tally.find("a")->failures == 0);
    CHECK(tally.runs() == 10);
    CHECK(tally.failed_runs() == 2);
    CHECK(tally.failing_tests() == 1);
  }

  TEST_CASE("end_run lists the run's failures once each, in the order the tests were reported") {
    su::RepeatTally tally;
    auto failed = run(tally, 1,
                      {{"z", Status::fail}, {"a", Status::success}, {"m", Status::uxsuccess},
                       {"z", Status::fail}});
    CHECK(failed == std::vector<std::string>{"z", "m"});
    CHECK(tally.find("z")->runs == 1);
    CHECK(tally.find("z")->failures == 1);
  }

  TEST_CASE("a test reported twice in one run failed in it if either report failed") {
    su::RepeatTally tally;
    run(tally, 1, {{"t", Status::success}, {"t", Status::fail}});
    CHECK(tally.find("t")->runs == 1);
    CHECK(tally.find("t")->failures == 1);
  }

  TEST_CASE("uxsuccess and a test that never completed are failures; skips and xfails are not") {
    su::RepeatTally tally;
    tally.begin_run(1);
    tally.on_result(result("ux", Status::uxsuccess));
    tally.on_result(result("died", Status::inprogress, false));
    tally.on_result(result("skipped", Status::skip));
    tally.on_result(result("xfail", Status::xfail));
    tally.on_result(result("listed", Status::exists));
    CHECK(tally.end_run() == std::vector<std::string>{"ux", "died"});
    CHECK(tally.find("skipped")->runs == 0);
    CHECK(tally.find("skipped")->skips == 1);
    CHECK(tally.find("xfail")->runs == 1);
    CHECK(tally.find("xfail")->failures == 0);
    CHECK(tally.find("listed") == nullptr);
  }

  TEST_CASE("a test missing from some runs is counted only in the runs it ran in") {
    su::RepeatTally tally;
    run(tally, 1, {{"a", Status::success}, {"b", Status::fail}});
    run(tally, 2, {{"a", Status::success}});
    run(tally, 3, {{"a", Status::success}, {"b", Status::success}});
    CHECK(tally.find("b")->runs == 2);
    CHECK(tally.find("b")->failures == 1);
    CHECK(tally.find("b")->rate() == Approx(0.5));
  }

  TEST_CASE("runs in the original order are counted apart") {
    su::RepeatTally tally;
    run(tally, 1, {{"v", Status::success}}, true);
    run(tally, 2, {{"v", Status::fail}}, false);
    run(tally, 3, {{"v", Status::success}}, false);
    run(tally, 4, {{"v", Status::success}}, true);
    const su::TestTally* v = tally.find("v");
    CHECK(v->runs == 4);
    CHECK(v->failures == 1);
    CHECK(v->original_runs == 2);
    CHECK(v->original_failures == 0);
  }

  TEST_CASE("an abandoned run counts nothing") {
    su::RepeatTally tally;
    run(tally, 1, {{"a", Status::success}});
    tally.begin_run(2);
    tally.on_result(result("a", Status::fail));
    tally.abandon_run();
    CHECK(tally.runs() == 1);
    CHECK(tally.find("a")->runs == 1);
    CHECK(tally.find("a")->failures == 0);
  }

  TEST_CASE("a v1 stream aggregated into the tally counts like a v2 one") {
    su::RepeatTally tally;
    su::ResultAggregator aggregator{tally, {.keep_attachments = false, .drop_exists = true}};
    tally.begin_run(1);
    auto reader = su::open_memory_reader("test: a\nsuccess: a\ntest: b\nfailure: b\n");
    su::pump(*reader, aggregator);
    CHECK(tally.end_run() == std::vector<std::string>{"b"});
    CHECK(tally.find("a")->runs == 1);
  }
}

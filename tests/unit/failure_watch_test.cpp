#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "event/event.hpp"
#include "ops/failure_watch.hpp"
#include "ops/result_aggregator.hpp"

using su::Status;

namespace {

// su-ls' exit status as it was decided before FailureWatch: a whole
// ResultAggregator, counting results that failed or never completed.
struct AggregatedFailures : su::ResultHandler {
  void on_result(const su::TestResult& r) override {
    if (!r.complete || r.status == Status::fail) ++count;
  }
  std::size_t count = 0;
};

}  // namespace

TEST_SUITE("failure watch") {
  TEST_CASE("a failed test, or one left unfinished, makes the run unsuccessful") {
    auto event = [](std::string_view id, Status s) {
      su::Event e;
      e.test_id = id;
      e.status = s;
      return e;
    };
    su::FailureWatch passing;
    passing.on_event(event("a", Status::inprogress));
    passing.on_event(event("a", Status::success));
    passing.on_event(event("b", Status::uxsuccess));  // not a failure here
    passing.finish();
    CHECK_FALSE(passing.failed());

    su::FailureWatch unfinished;
    unfinished.on_event(event("a", Status::inprogress));
    unfinished.finish();
    CHECK(unfinished.failed());

    su::FailureWatch failing;
    failing.on_event(event("a", Status::fail));
    failing.finish();
    CHECK(failing.failed());
  }

  TEST_CASE("decides as the aggregator does on random streams: routes, exists, 60 open tests") {
    // Half the streams have no `fail` at all, so that only the open tests
    // decide; ids share their tails, and the same id runs on two routes.
    // (The aggregator closes a test at its first final status; the watch
    // must agree without holding results.)
    const Status with_fail[] = {Status::none,    Status::inprogress, Status::success,
                                Status::fail,    Status::skip,       Status::exists,
                                Status::xfail,   Status::uxsuccess};
    const Status without_fail[] = {Status::none, Status::inprogress, Status::inprogress,
                                   Status::success, Status::skip, Status::exists};
    int unsuccessful = 0;
    for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
      std::mt19937_64 rng(seed);
      bool fails = seed % 2;
      std::size_t pool = 1 + rng() % 60;
      std::vector<std::string> ids;
      for (std::size_t i = 0; i < pool; ++i)
        ids.push_back(std::string(1 + rng() % 3, static_cast<char>('a' + i % 26)) +
                      std::to_string(i / 26) + ".test_same_tail");
      const std::string routes[] = {"0", "1"};
      su::FailureWatch watch;
      AggregatedFailures counted;
      su::ResultAggregator aggregator{counted, {.keep_tags = false}};
      for (int n = 0, events = static_cast<int>(rng() % 300); n < events; ++n) {
        su::Event e;
        e.test_id = ids[rng() % pool];
        if (rng() % 4 == 0) e.route_code = routes[rng() % 2];
        e.status = fails ? with_fail[rng() % std::size(with_fail)]
                         : without_fail[rng() % std::size(without_fail)];
        watch.on_event(e);
        aggregator.on_event(e);
      }
      if (!fails) {
        // Most such runs finish every test; some leave one key unclosed.
        std::size_t spared = seed % 4 == 0 ? rng() % (3 * pool) : 3 * pool;
        for (std::size_t k = 0; k < 3 * pool; ++k) {
          if (k == spared) continue;
          su::Event e;
          e.test_id = ids[k / 3];
          if (k % 3) e.route_code = routes[k % 3 - 1];
          e.status = Status::success;
          watch.on_event(e);
          aggregator.on_event(e);
        }
      }
      watch.finish();
      aggregator.finish();
      REQUIRE(watch.failed() == (counted.count > 0));
      unsuccessful += watch.failed();
    }
    // Both answers must be common for the comparison to mean anything.
    CHECK(unsuccessful > 400);
    CHECK(unsuccessful < 1600);
  }
}

// StatsCounter must count every stream exactly as a ResultAggregator
// (dropping `exists`) feeding a StatsCollector does: each case runs both
// and compares every field of the two RunStats, and the non-test events
// each hands on.
#include <doctest/doctest.h>

#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "ops/result_aggregator.hpp"
#include "ops/run_stats.hpp"
#include "ops/stats_counter.hpp"

using su::Event;
using su::Status;

namespace {

// What a passthrough was handed: the file names of non-test events, in order.
struct NonTests : su::ResultHandler {
  std::vector<std::string> names;
  void on_result(const su::TestResult&) override {}
  void on_non_test(const Event& e) override { names.emplace_back(e.file_name.value_or("-")); }
};

// An event whose views stay valid while the test runs (they point into
// strings the case keeps).
struct Spec {
  std::string id;  // empty: a non-test event
  Status status = Status::none;
  std::optional<std::string> route;
  std::optional<std::vector<std::string>> tags;
  std::optional<su::Timestamp> timestamp;
};

struct Counted {
  su::RunStats stats;
  std::vector<std::string> non_tests;
};

void feed(su::EventSink& sink, const std::vector<Spec>& specs) {
  for (const Spec& s : specs) {
    std::vector<std::string_view> tag_views;
    Event e;
    if (!s.id.empty()) e.test_id = s.id;
    else e.file_name = "stdout";
    e.status = s.status;
    if (s.route) e.route_code = *s.route;
    if (s.tags) {
      tag_views.assign(s.tags->begin(), s.tags->end());
      e.tags = std::span<const std::string_view>(tag_views);
    }
    e.timestamp = s.timestamp;
    sink.on_event(e);
  }
  sink.finish();
}

Counted by_aggregator(const std::vector<Spec>& specs) {
  NonTests raw;
  su::StatsCollector collector{&raw};
  su::ResultAggregator aggregator{collector, {.keep_attachments = false, .drop_exists = true}};
  feed(aggregator, specs);
  return {collector.stats, raw.names};
}

Counted by_counter(const std::vector<Spec>& specs) {
  NonTests raw;
  su::StatsCounter counter{&raw};
  feed(counter, specs);
  return {counter.stats, raw.names};
}

bool same_time(const std::optional<su::Timestamp>& a, const std::optional<su::Timestamp>& b) {
  return a.has_value() == b.has_value() &&
         (!a || (a->seconds == b->seconds && a->nanos == b->nanos));
}

void check_same_counts(const std::vector<Spec>& specs) {
  Counted want = by_aggregator(specs);
  Counted got = by_counter(specs);
  CHECK(got.stats.total == want.stats.total);
  CHECK(got.stats.failed == want.stats.failed);
  CHECK(got.stats.skipped == want.stats.skipped);
  CHECK(got.stats.success == want.stats.success);
  CHECK(got.stats.xfail == want.stats.xfail);
  CHECK(got.stats.uxsuccess == want.stats.uxsuccess);
  CHECK(got.stats.incomplete == want.stats.incomplete);
  CHECK(got.stats.tags == want.stats.tags);
  CHECK(same_time(got.stats.first, want.stats.first));
  CHECK(same_time(got.stats.last, want.stats.last));
  CHECK(got.stats.test_micros == want.stats.test_micros);
  CHECK(got.non_tests == want.non_tests);
}

su::Timestamp at(std::uint32_t s, std::uint32_t ns = 0) { return {s, ns}; }

}  // namespace

TEST_SUITE("stats counter") {
  TEST_CASE("counts a test opened and completed by one event, and one by two") {
    std::vector<Spec> specs = {
        {"a", Status::success, {}, std::vector<std::string>{"worker-0"}, at(10)},
        {"b", Status::inprogress, {}, {}, at(11)},
        {"b", Status::fail, {}, std::vector<std::string>{"worker-1"}, at(14, 500000)},
    };
    check_same_counts(specs);
    Counted got = by_counter(specs);
    CHECK(got.stats.total == 2);
    CHECK(got.stats.failed == 1);
    CHECK(got.stats.test_micros == 3000500);
  }

  TEST_CASE("the tests' durations add up exactly, however many there are") {
    su::RunStats stats;
    std::optional<su::Timestamp> start = at(100), stop = at(100, 100001000);  // 0.100001 s
    for (int i = 0; i < 1000000; ++i)
      stats.add_test<std::vector<std::string>>(true, Status::success, nullptr, start, stop);
    char shown[64];
    std::snprintf(shown, sizeof shown, "%.6f", stats.test_seconds());
    // Added up as seconds in doubles, the same durations come to 100000.999999.
    CHECK(std::string(shown) == "100001.000000");
  }

  TEST_CASE("a test's tags are its last tag list, whichever event brought it") {
    std::vector<Spec> specs = {
        // Tags only before the final event: they are the test's.
        {"a", Status::inprogress, {}, std::vector<std::string>{"early"}, at(1)},
        {"a", Status::success, {}, {}, at(2)},
        // A later list replaces an earlier one, even an empty one.
        {"b", Status::inprogress, {}, std::vector<std::string>{"dropped"}, at(3)},
        {"b", Status::success, {}, std::vector<std::string>{}, at(4)},
    };
    CHECK(by_counter(specs).stats.tags == std::set<std::string>{"early"});
    specs.push_back({"c", Status::inprogress, {}, std::vector<std::string>{"dropped-too"}, at(5)});
    specs.push_back({"c", Status::none, {}, std::vector<std::string>{"kept"}, at(6)});
    specs.push_back({"c", Status::skip, {}, {}, at(7)});
    check_same_counts(specs);
  }

  TEST_CASE("keys tests by route code as well as id") {
    check_same_counts({
        {"a", Status::inprogress, "0", {}, at(1)},
        {"a", Status::inprogress, "1", {}, at(2)},
        {"a", Status::inprogress, {}, {}, at(3)},
        {"a", Status::fail, "1", {}, at(4)},
        {"a", Status::success, {}, {}, at(5)},
    });
  }

  TEST_CASE("drops exists events before keying and counts tests left open as incomplete") {
    std::vector<Spec> specs = {
        {"a", Status::exists, {}, {}, at(1)},
        {"a", Status::inprogress, {}, std::vector<std::string>{"t"}, {}},
        {"b", Status::inprogress, {}, {}, at(2)},
        {"b", Status::exists, {}, {}, at(3)},
        {"c", Status::none, {}, {}, at(9)},
    };
    check_same_counts(specs);
    Counted got = by_counter(specs);
    CHECK(got.stats.incomplete == 3);
    CHECK(got.stats.failed == 3);
  }

  TEST_CASE("a test's start is its first event's time, even when that event has none") {
    check_same_counts({
        {"a", Status::inprogress, {}, {}, {}},
        {"a", Status::success, {}, {}, at(5)},
        {"b", Status::inprogress, {}, {}, at(6, 999999999)},
        {"b", Status::uxsuccess, {}, {}, {}},
    });
  }

  TEST_CASE("hands non-test events on in order, between tests") {
    check_same_counts({
        {"", Status::none, {}, {}, {}},
        {"a", Status::inprogress, {}, {}, at(1)},
        {"", Status::none, {}, {}, {}},
        {"a", Status::xfail, {}, {}, at(2)},
    });
  }

  TEST_CASE("counts the same as the aggregator on random streams, past 16 open tests too") {
    // Few ids sharing their tails, routes, every status, tags on any event,
    // timestamps or none: 3,000 streams from a fixed seed.
    std::mt19937 rng(15);
    const std::vector<std::string> ids = {"a", "b", "x.test_00000001", "y.test_00000001",
                                          "pkg.Case.test_one", "pkg.Case.test_two"};
    const Status statuses[] = {Status::none, Status::exists,    Status::inprogress,
                               Status::success, Status::uxsuccess, Status::skip,
                               Status::fail, Status::xfail};
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    for (int stream = 0; stream < 3000; ++stream) {
      std::vector<Spec> specs;
      std::size_t events = 1 + pick(stream % 10 == 0 ? 200 : 40);
      std::size_t id_count = stream % 10 == 0 ? 40 : ids.size();
      for (std::size_t i = 0; i < events; ++i) {
        Spec s;
        std::size_t k = pick(id_count + 1);
        if (k == id_count) {
          specs.push_back(s);  // a non-test event
          continue;
        }
        s.id = k < ids.size() ? ids[k] : "many." + std::to_string(k) + ".same_tail_0001";
        s.status = statuses[pick(8)];
        if (pick(4) == 0) s.route = std::to_string(pick(2));
        if (pick(3) == 0) {
          s.tags.emplace();
          for (std::size_t t = pick(3); t > 0; --t) s.tags->push_back("worker-" + std::to_string(pick(3)));
        }
        if (pick(5) != 0)
          s.timestamp = at(static_cast<std::uint32_t>(1000 + pick(50)),
                           static_cast<std::uint32_t>(pick(4) * 250000));
        specs.push_back(s);
      }
      CAPTURE(stream);
      check_same_counts(specs);
    }
  }
}

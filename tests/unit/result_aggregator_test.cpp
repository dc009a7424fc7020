#include <doctest/doctest.h>

#include "ops/result_aggregator.hpp"
#include "packets.hpp"

using su::Event;
using su::Status;
using su::TestResult;

namespace {

struct Collect : su::ResultHandler {
  std::vector<TestResult> results;
  void on_result(const TestResult& r) override { results.push_back(r); }
};

Event ev(std::string_view id, Status s, std::uint32_t t = 0) {
  Event e;
  e.test_id = id;
  e.status = s;
  if (t) e.timestamp = su::Timestamp{t, 0};
  return e;
}

}  // namespace

TEST_SUITE("result aggregator") {
  TEST_CASE("completes a test at its final status with start and stop times") {
    Collect c;
    su::ResultAggregator agg{c};
    agg.on_event(ev("a", Status::inprogress, 10));
    agg.on_event(ev("a", Status::success, 13));
    agg.finish();
    REQUIRE(c.results.size() == 1);
    CHECK(c.results[0].complete);
    CHECK(*c.results[0].duration() == doctest::Approx(3.0));
  }

  TEST_CASE("keys tests by id and route code") {
    Collect c;
    su::ResultAggregator agg{c};
    Event a0 = ev("a", Status::inprogress);
    a0.route_code = "0";
    Event a1 = ev("a", Status::fail);
    a1.route_code = "1";
    agg.on_event(a0);
    agg.on_event(a1);
    agg.finish();
    REQUIRE(c.results.size() == 2);
    CHECK(c.results[0].status == Status::fail);
    CHECK(*c.results[0].route_code == "1");
    CHECK_FALSE(c.results[1].complete);
  }

  TEST_CASE("finds each open test whether a few or many are open at once") {
    // Up to 16 open tests are scanned, more are hashed; ids that share
    // their size and last eight bytes differ only at the front.
    Collect c;
    su::ResultAggregator agg{c};
    std::vector<std::string> ids;
    for (int i = 0; i < 40; ++i) ids.push_back(std::string(1, static_cast<char>('A' + i)) + ".same_tail");
    for (int round = 0; round < 2; ++round) {
      c.results.clear();
      for (int i = 0; i < 40; ++i) {
        agg.on_event(ev(ids[i], Status::inprogress, 100 + i));
        CHECK(agg.open_tests() == static_cast<std::size_t>(i + 1));
      }
      for (int k = 0; k < 40; ++k) {
        int i = (k * 7) % 40;  // close in a scrambled order
        agg.on_event(ev(ids[i], k % 2 ? Status::fail : Status::success, 200 + i));
      }
      CHECK(agg.open_tests() == 0);
      REQUIRE(c.results.size() == 40);
      for (int k = 0; k < 40; ++k) {
        int i = (k * 7) % 40;
        CHECK(c.results[k].id == ids[i]);
        CHECK(c.results[k].status == (k % 2 ? Status::fail : Status::success));
        CHECK(c.results[k].start->seconds == static_cast<std::uint32_t>(100 + i));
        CHECK(c.results[k].stop->seconds == static_cast<std::uint32_t>(200 + i));
      }
    }
    // Tests left open are handed on newest first, from either table.
    c.results.clear();
    for (int i = 0; i < 20; ++i) agg.on_event(ev(ids[i], Status::inprogress));
    agg.finish();
    REQUIRE(c.results.size() == 20);
    CHECK(c.results.front().id == ids[19]);
    CHECK(c.results.back().id == ids[0]);
  }

  TEST_CASE("leaves tag lists out when keep_tags is off") {
    Collect c;
    su::ResultAggregator agg{c, {.keep_tags = false}};
    std::array<std::string_view, 1> tags = {"x"};
    Event a = ev("a", Status::success);
    a.tags = std::span<const std::string_view>(tags);
    agg.on_event(a);
    REQUIRE(c.results.size() == 1);
    CHECK_FALSE(c.results[0].tags.has_value());
    CHECK(c.results[0].status == Status::success);
  }

  TEST_CASE("keeps the last tag list seen, not the union") {
    Collect c;
    su::ResultAggregator agg{c};
    std::array<std::string_view, 1> first = {"x"}, last = {"y"};
    Event a = ev("a", Status::inprogress);
    a.tags = std::span<const std::string_view>(first);
    Event b = ev("a", Status::success);
    b.tags = std::span<const std::string_view>(last);
    agg.on_event(a);
    agg.on_event(b);
    REQUIRE(c.results.size() == 1);
    CHECK(*c.results[0].tags == std::vector<std::string>{"y"});
  }

  TEST_CASE("reports tests still open at the end newest first, with no stop time") {
    Collect c;
    su::ResultAggregator agg{c};
    agg.on_event(ev("old", Status::inprogress, 1));
    agg.on_event(ev("new", Status::inprogress, 2));
    agg.finish();
    REQUIRE(c.results.size() == 2);
    CHECK(c.results[0].id == "new");
    CHECK(c.results[1].id == "old");
    CHECK_FALSE(c.results[0].stop.has_value());
    CHECK(c.results[0].failed());
  }

  TEST_CASE("collects attachments in chunks, ignoring empty ones") {
    Collect c;
    su::ResultAggregator agg{c, {.keep_attachments = true}};
    Event f1 = ev("a", Status::none);
    f1.file_name = "log";
    f1.mime_type = "text/plain";
    f1.file_bytes = "one ";
    Event f2 = f1;
    f2.file_bytes = "two";
    f2.mime_type.reset();
    agg.on_event(f1);
    agg.on_event(f2);
    agg.on_event(ev("a", Status::fail));
    REQUIRE(c.results.size() == 1);
    REQUIRE(c.results[0].attachments.size() == 1);
    CHECK(c.results[0].attachments[0].bytes == "one two");
    CHECK(c.results[0].attachments[0].mime_type == "text/plain");
  }

  TEST_CASE("lists attachment names and sizes without keeping their bytes when asked") {
    Collect c;
    su::ResultAggregator agg{c, {.attachment_sizes = true}};
    Event f1 = ev("a", Status::none);
    f1.file_name = "log";
    f1.file_bytes = "one ";
    Event f2 = f1;
    f2.file_bytes = "two";
    agg.on_event(f1);
    agg.on_event(f2);
    agg.on_event(ev("a", Status::fail));
    REQUIRE(c.results.size() == 1);
    REQUIRE(c.results[0].attachments.size() == 1);
    CHECK(c.results[0].attachments[0].name == "log");
    CHECK(c.results[0].attachments[0].size == 7);
    CHECK(c.results[0].attachments[0].bytes.empty());
  }

  TEST_CASE("starts a new test when an id reappears after its final status") {
    Collect c;
    su::ResultAggregator agg{c};
    agg.on_event(ev("a", Status::fail));
    agg.on_event(ev("a", Status::success));
    REQUIRE(c.results.size() == 2);
    CHECK(c.results[1].status == Status::success);
  }
}

TEST_SUITE("result aggregator") {
  TEST_CASE("keeps thousands of interleaved open tests apart and reports each once") {
    Collect c;
    su::ResultAggregator agg{c};
    std::vector<std::string> ids;
    for (int i = 0; i < 3000; ++i) ids.push_back("t" + std::to_string(i));
    for (auto& id : ids) agg.on_event(ev(id, Status::inprogress));
    CHECK(agg.open_tests() == 3000);
    for (std::size_t i = 0; i < ids.size(); i += 2) agg.on_event(ev(ids[i], Status::success));
    CHECK(agg.open_tests() == 1500);
    for (auto& id : ids) agg.on_event(ev(id, Status::fail));  // completes odd ones, reopens even
    agg.finish();
    std::size_t success = 0, fail = 0;
    for (auto& r : c.results) (r.status == Status::success ? success : fail)++;
    CHECK(success == 1500);
    CHECK(fail == 3000);  // 1500 odd failures + 1500 re-run even ones
    CHECK(c.results.size() == 4500);
  }

  TEST_CASE("finds every open test after long churn of opens and closes in random order") {
    // Closing removes a test from the middle of probe runs; every test
    // still open must stay reachable, or its final event would open a new
    // record (no start time) instead of completing the old one.
    Collect c;
    su::ResultAggregator agg{c};
    std::vector<std::pair<std::string, std::uint32_t>> open;  // id, start time
    std::uint64_t rng = 0x2545F4914F6CDD1Dull;
    auto next = [&] { return rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17; };
    std::uint32_t opened = 0;
    for (int step = 0; step < 40000; ++step) {
      if (open.size() < 2 || (open.size() < 200 && next() % 2)) {
        ++opened;
        open.emplace_back("test." + std::to_string(next() % 100000) + "." + std::to_string(opened),
                          opened);
        agg.on_event(ev(open.back().first, Status::inprogress, open.back().second));
      } else {
        std::size_t k = next() % open.size();
        agg.on_event(ev(open[k].first, Status::success, opened + 1));
        REQUIRE(!c.results.empty());
        CHECK(c.results.back().id == open[k].first);
        REQUIRE(c.results.back().start);
        CHECK(c.results.back().start->seconds == open[k].second);
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
      }
      REQUIRE(agg.open_tests() == open.size());
    }
  }

  TEST_CASE("tells apart a few open tests that share an id's tail or the id itself under other routes") {
    // At most 16 open: every lookup goes through the fingerprints of the
    // ids' last eight bytes, which these collide on; the route code and
    // the whole id decide.
    Collect c;
    su::ResultAggregator agg{c};
    const char* routes[] = {nullptr, "0", "1"};
    struct Open { std::string id; const char* route; std::uint32_t start; };
    std::vector<Open> open;
    std::uint64_t rng = 0x9E3779B97F4A7C15ull;
    auto next = [&] { return rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17; };
    auto event = [&](const Open& o, Status s, std::uint32_t t) {
      Event e = ev(o.id, s, t);
      if (o.route) e.route_code = std::string_view(o.route);
      return e;
    };
    for (std::uint32_t step = 1; step < 20000; ++step) {
      if (open.size() < 3 || (open.size() < 14 && next() % 2)) {
        Open o{std::string(1, static_cast<char>('a' + next() % 5)) + ".case_tail",
               routes[next() % 3], step};
        bool taken = false;
        for (auto& x : open) taken = taken || (x.id == o.id && x.route == o.route);
        if (taken) continue;
        open.push_back(o);
        agg.on_event(event(o, Status::inprogress, step));
      } else {
        std::size_t k = next() % open.size();
        agg.on_event(event(open[k], Status::success, step));
        REQUIRE(!c.results.empty());
        CHECK(c.results.back().id == open[k].id);
        CHECK(c.results.back().route_code.has_value() == (open[k].route != nullptr));
        REQUIRE(c.results.back().start);
        CHECK(c.results.back().start->seconds == open[k].start);
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
      }
      REQUIRE(agg.open_tests() == open.size());
    }
  }
}

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "captured_output.hpp"

#include "base/timestamp.hpp"
#include "event/event.hpp"
#include "ops/id_lister.hpp"

TEST_SUITE("id lister") {
  TEST_CASE("formats durations with the digits python's %0.3f prints") {
    CHECK(su::format_seconds_3(0) == "0.000");
    CHECK(su::format_seconds_3(250000) == "0.250");
    CHECK(su::format_seconds_3(1234) == "0.001");
    CHECK(su::format_seconds_3(1501) == "0.002");
    CHECK(su::format_seconds_3(999999) == "1.000");
    CHECK(su::format_seconds_3(500) == "0.001");   // 0.0005 is stored just above
    CHECK(su::format_seconds_3(1500) == "0.002");  // ties follow the stored double
    CHECK(su::format_seconds_3(2500) == "0.003");
    CHECK(su::format_seconds_3(-500000) == "-0.500");
  }

  TEST_CASE("agrees with printf of python's float sum over a sweep of microseconds") {
    for (std::int64_t us = 0; us < 3000000; us += 37) {
      double seconds = static_cast<double>(us / 1000000) + static_cast<double>(us % 1000000) / 1e6;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%0.3f", seconds);
      REQUIRE(su::format_seconds_3(us) == buf);
    }
  }

  TEST_CASE("integer seconds agree with printf of every float formula python uses, or defer") {
    for (std::int64_t us = 0; us < 3000000; us += 7) {
      std::string exact;
      if (!su::append_seconds_3(us, exact)) {
        CHECK(us % 1000 == 500);  // only ties are left to the float
        continue;
      }
      double whole = static_cast<double>(us / 1000000), frac = static_cast<double>(us % 1000000);
      for (double seconds : {whole + frac / 1e6, whole + 0.000001 * frac,
                             static_cast<double>(us) / 1e6}) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%0.3f", seconds);
        REQUIRE(exact == buf);
      }
    }
    std::string out;
    CHECK_FALSE(su::append_seconds_3(-1, out));
    CHECK_FALSE(su::append_seconds_3(1000000000LL * 1000000, out));
    CHECK(out.empty());
    // Every digit of the whole seconds, up to the limit.
    CHECK(su::append_seconds_3(999999999999499LL, out));
    CHECK(out == "999999999.999");
    out.clear();
    CHECK(su::append_seconds_3(123456789012501LL, out));
    CHECK(out == "123456789.013");
    out.clear();
    CHECK(su::append_seconds_3(10000999, out));
    CHECK(out == "10.001");
  }
}

namespace {

// subunit-ls' rules, written plainly: the model the lister must match.
struct ListerModel {
  struct Live {
    std::optional<std::int64_t> start;
    std::uint64_t sequence;
  };
  std::map<std::string, Live> live;
  std::optional<std::int64_t> now;
  std::uint64_t sequence = 0;
  std::string out;

  void report(const std::string& id, std::int64_t micros) {
    out += id + " " + su::format_seconds_3(micros) + "\n";
  }
  void end(const std::string& id) {
    auto at = live.find(id);
    std::optional<std::int64_t> start;
    if (at != live.end()) {
      start = at->second.start;
      live.erase(at);
    }
    report(id, start && now ? *now - *start : 0);
  }
  void on_event(const std::string& id, su::Status status, std::optional<std::int64_t> t) {
    if (t) now = t;
    if (status == su::Status::exists) {
      report(id, 0);
    } else if (status == su::Status::inprogress || status == su::Status::none) {
      auto [at, added] = live.try_emplace(id, Live{std::nullopt, sequence});
      if (added) ++sequence;
      at->second.start = now;
    } else {
      end(id);
    }
  }
  void finish() {
    std::vector<std::pair<std::uint64_t, std::string>> left;
    for (const auto& [id, l] : live) left.emplace_back(l.sequence, id);
    std::sort(left.begin(), left.end());
    for (const auto& [seq, id] : left) end(id);
  }
};

}  // namespace

TEST_SUITE("id lister") {
  TEST_CASE("lists as subunit-ls does however many tests are open at once, ids sharing tails") {
    // Up to 60 tests open at once (past the 16 found by their ids' tails),
    // ids that differ only at the front, re-opened ids, events without times.
    using su::Status;
    const Status statuses[] = {Status::none, Status::inprogress, Status::inprogress,
                               Status::success, Status::fail, Status::skip, Status::exists};
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
      std::mt19937_64 rng(seed);
      std::size_t pool = 1 + rng() % 60;
      std::vector<std::string> ids;
      for (std::size_t i = 0; i < pool; ++i)
        ids.push_back(std::string(1 + rng() % 3, static_cast<char>('a' + i % 26)) +
                      std::to_string(i / 26) + ".tests.test_module.TestCase.test_same_tail");
      su::test::CapturedOutput c;
      su::IdLister lister{c.out, {.times = true, .exists = true, .passthrough = true}};
      ListerModel model;
      std::int64_t t = 1700000000000000;
      for (int n = 0, events = static_cast<int>(rng() % 400); n < events; ++n) {
        const std::string& id = ids[rng() % pool];
        Status status = statuses[rng() % std::size(statuses)];
        std::optional<std::int64_t> time;
        if (rng() % 4) time = t += static_cast<std::int64_t>(rng() % 5000);
        su::Event e;
        e.test_id = id;
        e.status = status;
        if (time) e.timestamp = su::Timestamp::from_micros(*time);
        lister.on_event(e);
        model.on_event(id, status, time);
      }
      lister.finish();
      model.finish();
      REQUIRE(c.text() == model.out);
    }
  }
}

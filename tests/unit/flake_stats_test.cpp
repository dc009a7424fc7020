// SPDX-License-Identifier: Apache-2.0
// Flake classification (src/archive/flake_stats.hpp) and the index's
// outcome-only read it uses.
#include <doctest/doctest.h>

#include <string>

#include "archive/archive_error.hpp"
#include "archive/flake_stats.hpp"
#include "archive/frame.hpp"
#include "archive/run_index.hpp"

namespace {

// Feeds one test's outcomes ("PPFF": pass, pass, fail, fail), one run each,
// all on `commit` unless `commits` gives one per run.
su::TestFlakes history(std::string_view outcomes, std::string_view commits = {}) {
  su::FlakeCounter c;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    std::optional<std::string_view> commit;
    if (!commits.empty()) commit = commits.substr(i, 1);
    c.begin_run(100 + i, commit);
    c.add(0, outcomes[i] == 'F');
  }
  return c.test(0);
}

su::FlakeClass kind(std::string_view outcomes, std::string_view commits = {}) {
  return su::classify(history(outcomes, commits));
}

}  // namespace

TEST_SUITE("flake_stats") {
  TEST_CASE("a test that never failed is passing, one that always failed is broken") {
    CHECK(kind("PPPP") == su::FlakeClass::passing);
    CHECK(kind("FFF") == su::FlakeClass::broken);
  }

  TEST_CASE("passes then an unbroken run of failures on new code is broken since the first") {
    auto t = history("PPPPPPFFF", "aaaaaabbb");
    CHECK(su::classify(t) == su::FlakeClass::broken);
    auto r = su::flake_record("t", t);
    REQUIRE(r.since);
    CHECK(*r.since == 106);
    CHECK(*r.first_failure == 106);
    CHECK(*r.last_failure == 108);
    CHECK(r.flips == 1);
  }

  TEST_CASE("failures then passes on new code are fixed since the first pass") {
    auto t = history("FFFFPPPP", "aaaabbbb");
    CHECK(su::classify(t) == su::FlakeClass::fixed);
    CHECK(*su::flake_record("t", t).since == 104);
  }

  TEST_CASE("outcomes mixed through the history are flaky") {
    CHECK(kind("PFPPFPPPFP") == su::FlakeClass::flaky);
  }

  TEST_CASE("a short pass streak after a 30% failure rate is not yet a fix") {
    // 0.7^5 = 0.17: five passes in a row are likely for this test.
    CHECK(kind("FPPFPPPFPPPFPPFPPPFPPPPP") == su::FlakeClass::flaky);
    // 0.7^14 < 0.01: that many are not.
    CHECK(kind("FPPFPPPFPPPFPPFPPPFPPPPPPPPPPPPPPPP") == su::FlakeClass::fixed);
  }

  TEST_CASE("a streak that began on the same commit is flaky, not broken") {
    CHECK(kind("PPPPPPFFF", "aaaaaabbb") == su::FlakeClass::broken);
    CHECK(kind("PPPPPPFFF", "aaaaaaaaa") == su::FlakeClass::flaky);
  }

  TEST_CASE("flips on the same commit are counted apart from flips across commits") {
    auto t = history("PFPPFF", "aabbcd");
    CHECK(t.flips == 3);            // P>F (a a), F>P (a b), P>F (b c)
    CHECK(t.same_commit_flips == 1);  // only the first is on one commit
    auto none = history("PFPF");
    CHECK(none.flips == 3);
    CHECK(none.same_commit_flips == 0);  // no commit metadata: no claim
  }

  TEST_CASE("a record carries the Wilson interval of its failure rate") {
    auto r = su::flake_record("t", history("PFPPPPPPPP"));
    CHECK(r.runs == 10);
    CHECK(r.failures == 1);
    CHECK(r.rate == doctest::Approx(0.1));
    auto i = su::wilson_interval(1, 10);
    CHECK(r.interval.low == i.low);
    CHECK(r.interval.high == i.high);
    CHECK(r.interval.low < 0.1);
    CHECK(r.interval.high > 0.1);
  }

  TEST_CASE("infrastructure failures are runs of enough tests where most failed") {
    su::archive::pb::RunHeader h;
    h.set_tests(100);
    h.set_failures(40);
    h.set_uxsuccesses(20);  // uxsuccess fails too: 60 of 100
    CHECK(su::infrastructure_failure(h, 0.5));
    CHECK_FALSE(su::infrastructure_failure(h, 0.6));
    su::archive::pb::RunHeader small;
    small.set_tests(3);
    small.set_failures(3);
    CHECK_FALSE(su::infrastructure_failure(small, 0.5));
  }

  TEST_CASE("dates parse as midnight UTC or an exact UTC time") {
    CHECK(*su::parse_date("1970-01-02") == 86'400'000'000'000LL);
    CHECK(*su::parse_date("1970-01-01T00:00:01Z") == 1'000'000'000LL);
    CHECK_FALSE(su::parse_date("2026-02-30"));
    CHECK_FALSE(su::parse_date("yesterday"));
  }

  TEST_CASE("an outcome-only read of an index gives the same tests, statuses and places") {
    su::RunIndex index;
    index.header.set_id(3);
    index.header.set_id_count(3000);
    index.workers = {"worker-0", "worker-1"};
    for (std::uint32_t i = 0; i < 2500; ++i) {
      su::TestRow r;
      r.test = i;
      r.status = i % 7 == 0 ? su::Status::fail : su::Status::success;
      r.complete = i % 11 != 0;
      r.start_ns = 1'000'000'000LL * i;
      r.stop_ns = 1'000'000'000LL * i + 5000;
      r.worker = 1 + i % 2;
      r.position = i / 2;
      r.offset = 100 * i;
      index.rows.push_back(r);
    }
    std::string bytes = su::serialize_index(index);
    su::RunIndex full = su::parse_index("x.idx", bytes);
    su::RunIndex light = su::parse_index("x.idx", bytes, std::nullopt, su::RowDetail::outcomes);
    REQUIRE(light.rows.size() == full.rows.size());
    for (std::size_t i = 0; i < full.rows.size(); ++i) {
      CHECK(light.rows[i].test == full.rows[i].test);
      CHECK(light.rows[i].status == full.rows[i].status);
      CHECK(light.rows[i].complete == full.rows[i].complete);
      CHECK(light.rows[i].worker == full.rows[i].worker);
      CHECK(light.rows[i].position == full.rows[i].position);
      CHECK_FALSE(light.rows[i].start_ns);  // left out on purpose
    }
  }

  TEST_CASE("an outcome-only read refuses a checksummed block with columns of the wrong length") {
    su::RunIndex index;
    index.header.set_id_count(10);
    index.workers = {"worker-0"};
    for (std::uint32_t i = 0; i < 3; ++i) {
      su::TestRow r;
      r.test = i;
      r.status = su::Status::success;
      r.worker = 1;
      r.position = i;
      index.rows.push_back(r);
    }
    std::string good = su::serialize_index(index);
    // Rebuild the file with a block whose worker column has 2 values for 3 rows.
    std::size_t pos = su::kMagicSize;
    std::string error;
    su::archive::pb::RunHeader header;
    su::archive::pb::RunTests keys;
    su::archive::pb::RowBlock block;
    REQUIRE(su::read_frame(good, pos, header, error) == su::FrameResult::ok);
    REQUIRE(su::read_frame(good, pos, keys, error) == su::FrameResult::ok);
    REQUIRE(su::read_frame(good, pos, block, error) == su::FrameResult::ok);
    block.mutable_worker()->RemoveLast();
    std::string bad(su::kIndexMagic);
    su::append_frame(bad, header, false);
    su::append_frame(bad, keys, true);
    su::append_frame(bad, block, true);
    CHECK_THROWS_AS(su::parse_index("x.idx", bad, std::nullopt, su::RowDetail::outcomes),
                    su::ArchiveDamage);
    CHECK_THROWS_AS(su::parse_index("x.idx", bad), su::ArchiveDamage);
  }
}

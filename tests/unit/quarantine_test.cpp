// SPDX-License-Identifier: Apache-2.0
// Quarantine files (src/ops/quarantine.hpp) and what su-filter does with
// them (ResultFilter).
#include <doctest/doctest.h>

#include <string>

#include "base/civil_date.hpp"
#include "event/sink.hpp"
#include "ops/quarantine.hpp"
#include "ops/result_filter.hpp"

namespace {

const char* kFile = R"([[test]]
id = "pkg.test_x"
reason = "fails 1 in 30"
issue = "https://tracker.example/123"
expires = 2027-01-31

[[test]]
pattern = "^pkg\\.slow\\."
reason = "slow ones time out"
)";

std::string error_of(std::string_view text) {
  try {
    su::Quarantine::parse(text, "q.toml");
  } catch (const su::QuarantineError& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.what();
  }
  return "";
}

struct Collect : su::EventSink {
  std::vector<su::OwnedEvent> events;
  void on_event(const su::Event& e) override { events.emplace_back(e); }
};

}  // namespace

TEST_SUITE("quarantine") {
  TEST_CASE("entries name a test exactly or by a python regex, with reason, issue and expiry") {
    auto q = su::Quarantine::parse(kFile, "q.toml");
    REQUIRE(q.entries().size() == 2);
    CHECK(q.entries()[0].id == "pkg.test_x");
    CHECK(q.entries()[0].issue == "https://tracker.example/123");
    CHECK(su::civil_date(*q.entries()[0].expires) == "2027-01-31");
    CHECK(q.entries()[0].line == 1);
    CHECK(q.entries()[1].pattern == "^pkg\\.slow\\.");
    CHECK(q.match("pkg.test_x") == &q.entries()[0]);
    CHECK(q.match("pkg.test_x_y") == nullptr);  // an id is exact
    CHECK(q.match("pkg.slow.test_a") == &q.entries()[1]);
    CHECK(q.match("other.pkg.slow.test_a") == nullptr);
  }

  TEST_CASE("an entry applies through its expiry day and is expired the day after") {
    auto q = su::Quarantine::parse(kFile, "q.toml");
    const auto& e = q.entries()[0];
    q.set_today(su::days_from_civil(2027, 1, 31));
    CHECK_FALSE(q.expired(e));
    q.set_today(su::days_from_civil(2027, 2, 1));
    CHECK(q.expired(e));
    CHECK_FALSE(q.expired(q.entries()[1]));  // no expiry: never
  }

  TEST_CASE("malformed files are errors with line and column") {
    CHECK(error_of("[[test]]\nid = \"x\"\nreason = \"r\nexpires = 2027-01-31\n").rfind("3:", 0) == 0);
    CHECK(error_of("[[test]]\nid = \"x\"\nreason = \"r\"\nexpires = \"2027-01-31\"\n") ==
          "4:11: 'expires' must be a date, written like 2027-01-31 (no quotes)");
    CHECK(error_of("[[test]]\nreason = \"r\"\n") == "1:1: entry has neither 'id' nor 'pattern'");
    CHECK(error_of("[[test]]\nid = \"x\"\n") == "1:1: entry has no 'reason'");
    CHECK(error_of("[[test]]\nid = \"x\"\nreason = \"r\"\nowner = \"me\"\n").rfind("4:1: unknown key 'owner'", 0) == 0);
    CHECK(error_of("[[test]]\npattern = \"a(\"\nreason = \"r\"\n").rfind("2:11: ", 0) == 0);
  }

  TEST_CASE("written entries read back the same") {
    su::QuarantineEntry e;
    e.id = "pkg.test_\"quoted\"\\back";
    e.reason = "flaky: failed 3 of 10 runs\nsecond line";
    e.expires = su::days_from_civil(2026, 12, 31);
    auto q = su::Quarantine::parse(su::quarantine_toml(e), "out.toml");
    REQUIRE(q.entries().size() == 1);
    CHECK(q.entries()[0].id == e.id);
    CHECK(q.entries()[0].reason == e.reason);
    CHECK(q.entries()[0].expires == e.expires);
  }

  TEST_CASE("su-filter turns a quarantined failure into xfail with the reason attached") {
    su::FilterSpec spec;
    spec.quarantine = std::make_shared<su::Quarantine>(su::Quarantine::parse(kFile, "q.toml"));
    spec.quarantine->set_today(su::days_from_civil(2026, 1, 1));
    Collect out;
    su::ResultFilter filter{spec, out};
    auto status = [&](std::string_view id, su::Status s) {
      su::Event e;
      e.test_id = id;
      e.status = s;
      filter.on_event(e);
    };
    status("pkg.test_x", su::Status::inprogress);
    status("pkg.test_x", su::Status::fail);
    status("pkg.slow.test_a", su::Status::success);
    filter.finish();
    std::vector<std::string> seen;
    for (const auto& o : out.events) {
      su::Event e = o.view();
      seen.push_back(std::string(*e.test_id) + " " + std::string(su::status_name(e.status)) +
                     (e.file_name ? " " + std::string(*e.file_name) + "=" + std::string(e.file_bytes) : ""));
    }
    CHECK(seen == std::vector<std::string>{
                      "pkg.test_x inprogress",
                      "pkg.test_x  quarantine-reason=fails 1 in 30",
                      "pkg.test_x  quarantine-issue=https://tracker.example/123",
                      "pkg.test_x xfail",
                      "pkg.slow.test_a success"});
    CHECK(spec.quarantine->entries()[0].failures_quarantined == 1);
    CHECK(spec.quarantine->entries()[1].passes_seen == 1);
  }
}

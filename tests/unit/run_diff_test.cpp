#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ops/run_diff.hpp"
#include "ops/run_summary.hpp"
#include "ops/result_aggregator.hpp"

using su::Outcome;
using su::Section;
using su::TestSummary;

namespace {

TestSummary summary(std::initializer_list<Outcome> outcomes, std::optional<double> seconds = {}) {
  TestSummary t;
  for (Outcome o : outcomes) t.add(o, seconds);
  return t;
}

std::vector<Section> sections_of(const TestSummary* o, const TestSummary* n,
                                 const su::DiffOptions& options = {}) {
  su::SectionSet set = su::classify(o, n, options);
  std::vector<Section> out;
  for (std::size_t s = 0; s < su::kSectionCount; ++s)
    if (su::in_section(set, static_cast<Section>(s))) out.push_back(static_cast<Section>(s));
  return out;
}

std::vector<std::string> ids(const su::RunDiff& diff, Section s) {
  std::vector<std::string> out;
  for (const auto& e : diff.section(s)) out.emplace_back(e.key);
  return out;
}

su::TestResult result(std::string id, su::Status status, bool complete = true) {
  su::TestResult r;
  r.id = std::move(id);
  r.status = status;
  r.complete = complete;
  return r;
}

}  // namespace

TEST_SUITE("run summary") {
  TEST_CASE("counts every result of a test that ran several times") {
    TestSummary t = summary({Outcome::success, Outcome::fail, Outcome::success});
    CHECK(t.runs() == 3);
    CHECK(t.count(Outcome::success) == 2);
    CHECK(t.fails());
    CHECK(t.flaky());
    CHECK(t.status == Outcome::success);
  }

  TEST_CASE("fail, uxsuccess and incomplete results make a test fail") {
    for (Outcome o : {Outcome::fail, Outcome::uxsuccess, Outcome::incomplete})
      CHECK(summary({o}).fails());
    for (Outcome o : {Outcome::success, Outcome::skip, Outcome::xfail, Outcome::exists})
      CHECK_FALSE(summary({o}).fails());
  }

  TEST_CASE("a test failing every time it ran is not flaky") {
    CHECK_FALSE(summary({Outcome::fail, Outcome::fail}).flaky());
    CHECK_FALSE(summary({Outcome::skip, Outcome::fail}).flaky());
    CHECK(summary({Outcome::xfail, Outcome::incomplete}).flaky());
  }

  TEST_CASE("an exists result is not a run and does not hide the real status") {
    TestSummary listed = summary({Outcome::exists});
    CHECK(listed.runs() == 0);
    CHECK(listed.status == Outcome::exists);
    TestSummary ran = summary({Outcome::exists, Outcome::skip, Outcome::exists});
    CHECK(ran.runs() == 1);
    CHECK(ran.status == Outcome::skip);
  }

  TEST_CASE("duration is the mean of the timed runs, exists excluded") {
    TestSummary t;
    t.add(Outcome::exists, 0.0);
    t.add(Outcome::success, 1.0);
    t.add(Outcome::fail, 3.0);
    t.add(Outcome::incomplete, std::nullopt);
    CHECK(*t.duration() == doctest::Approx(2.0));
    CHECK_FALSE(summary({Outcome::success}).duration());
  }

  TEST_CASE("keys results by id, or by id and route code when asked") {
    su::RunSummary by_id, by_route{true};
    for (su::RunSummary* run : {&by_id, &by_route}) {
      su::TestResult a = result("a", su::Status::success);
      a.route_code = "0";
      su::TestResult b = result("a", su::Status::fail);
      b.route_code = "1";
      run->on_result(a);
      run->on_result(b);
      run->on_result(result("a", su::Status::success));
    }
    REQUIRE(by_id.size() == 1);
    CHECK(by_id.find("a")->runs() == 3);
    CHECK(by_id.find("a")->flaky());
    REQUIRE(by_route.size() == 3);
    CHECK(by_route.find(su::RunSummary::make_key("a", "1"))->fails());
    CHECK(su::RunSummary::id_of(by_route.key(1)) == "a");
    CHECK(*su::RunSummary::route_of(by_route.key(1)) == "1");
    CHECK_FALSE(su::RunSummary::route_of(by_route.key(2)));
  }

  TEST_CASE("an incomplete aggregator result counts as incomplete") {
    su::RunSummary run;
    run.on_result(result("a", su::Status::inprogress, false));
    CHECK(run.find("a")->status == Outcome::incomplete);
    CHECK(run.find("a")->fails());
  }

  TEST_CASE("finds every test again after the table has grown many times") {
    su::RunSummary run;
    for (int i = 0; i < 50000; ++i) run.add("test_" + std::to_string(i), Outcome::success);
    run.add(std::string(300000, 'x'), Outcome::fail);
    REQUIRE(run.size() == 50001);
    for (int i = 0; i < 50000; i += 997) CHECK(run.find("test_" + std::to_string(i)));
    CHECK(run.find(std::string(300000, 'x'))->fails());
    CHECK_FALSE(run.find("test_50000"));
    CHECK(run.key(12) == "test_12");
  }

  TEST_CASE("elapsed runs from the earliest to the latest timestamp") {
    su::RunSummary run;
    su::TestResult r = result("a", su::Status::success);
    r.start = su::Timestamp{100, 0};
    r.stop = su::Timestamp{101, 500000000};
    run.on_result(r);
    r.start = su::Timestamp{99, 0};
    r.stop = su::Timestamp{100, 0};
    run.on_result(r);
    CHECK(*run.elapsed() == doctest::Approx(2.5));
    CHECK(run.results() == 2);
    CHECK_FALSE(su::RunSummary{}.elapsed());
  }
}

TEST_SUITE("run diff") {
  const TestSummary pass = summary({Outcome::success});
  const TestSummary fail = summary({Outcome::fail});

  TEST_CASE("a test failing now that passed before is a new failure") {
    CHECK(sections_of(&pass, &fail) == std::vector{Section::new_failures});
  }

  TEST_CASE("an added failing test is both added and a new failure") {
    CHECK(sections_of(nullptr, &fail) == std::vector{Section::new_failures, Section::added});
    CHECK(sections_of(nullptr, &pass) == std::vector{Section::added});
  }

  TEST_CASE("a failure that now passes is fixed, one that still fails is still failing") {
    CHECK(sections_of(&fail, &pass) == std::vector{Section::fixed});
    CHECK(sections_of(&fail, &fail) == std::vector{Section::still_failing});
    TestSummary ux = summary({Outcome::uxsuccess});
    CHECK(sections_of(&fail, &ux) == std::vector{Section::still_failing});
  }

  TEST_CASE("a removed test is only removed, even when it failed") {
    CHECK(sections_of(&fail, nullptr) == std::vector{Section::removed});
  }

  TEST_CASE("other changes of final status are status changes") {
    TestSummary skip = summary({Outcome::skip}), listed = summary({Outcome::exists});
    CHECK(sections_of(&pass, &skip) == std::vector{Section::status_changes});
    CHECK(sections_of(&listed, &pass) == std::vector{Section::status_changes});
    CHECK(sections_of(&pass, &pass).empty());
  }

  TEST_CASE("a test flaky within the new run is in the flaky section") {
    TestSummary flaky = summary({Outcome::fail, Outcome::success});
    CHECK(sections_of(&pass, &flaky) == std::vector{Section::new_failures, Section::flaky});
    CHECK(sections_of(&flaky, &pass) == std::vector{Section::fixed});
  }

  TEST_CASE("durations must change by both the percentage and the floor") {
    su::DiffOptions options{.slower_percent = 50, .min_seconds = 0.1};
    TestSummary quick = summary({Outcome::success}, 1.0);
    TestSummary slow = summary({Outcome::success}, 1.6);
    TestSummary bit_slower = summary({Outcome::success}, 1.4);
    CHECK(sections_of(&quick, &slow, options) == std::vector{Section::slower});
    CHECK(sections_of(&slow, &quick, options) == std::vector{Section::faster});
    CHECK(sections_of(&quick, &bit_slower, options).empty());
    TestSummary tiny = summary({Outcome::success}, 0.01), tiny_slow = summary({Outcome::success}, 0.05);
    CHECK(sections_of(&tiny, &tiny_slow, options).empty());
    CHECK(sections_of(&quick, &pass, options).empty());  // no duration in NEW
  }

  TEST_CASE("sections list tests sorted by id and count failing tests per run") {
    su::RunSummary old_run, new_run;
    old_run.add("c", Outcome::success);
    old_run.add("a", Outcome::success);
    old_run.add("gone", Outcome::fail);
    new_run.add("c", Outcome::fail);
    new_run.add("a", Outcome::fail);
    new_run.add("b", Outcome::fail);
    su::RunDiff diff{old_run, new_run};
    CHECK(ids(diff, Section::new_failures) == std::vector<std::string>{"a", "b", "c"});
    CHECK(ids(diff, Section::added) == std::vector<std::string>{"b"});
    CHECK(ids(diff, Section::removed) == std::vector<std::string>{"gone"});
    CHECK(diff.old_failing() == 1);
    CHECK(diff.new_failing() == 3);
    CHECK(diff.any_change());
  }

  TEST_CASE("identical runs have no change, even with tests still failing") {
    su::RunSummary old_run, new_run;
    for (su::RunSummary* run : {&old_run, &new_run}) {
      run->add("a", Outcome::fail);
      run->add("b", Outcome::success);
    }
    su::RunDiff diff{old_run, new_run};
    CHECK_FALSE(diff.any_change());
    CHECK(ids(diff, Section::still_failing) == std::vector<std::string>{"a"});
  }

  TEST_CASE("section names round-trip") {
    for (std::size_t s = 0; s < su::kSectionCount; ++s) {
      Section parsed{};
      REQUIRE(su::parse_section(su::section_name(static_cast<Section>(s)), parsed));
      CHECK(parsed == static_cast<Section>(s));
    }
    Section unused{};
    CHECK_FALSE(su::parse_section("new_failures", unused));
  }
}

TEST_SUITE("run diff against a baseline") {
  TEST_CASE("a summary built against its baseline pairs tests and shares their keys") {
    su::RunSummary old_run;
    old_run.add("kept", Outcome::success);
    old_run.add("gone", Outcome::fail);
    su::RunSummary new_run{false, &old_run};
    new_run.add("new", Outcome::fail);
    new_run.add("kept", Outcome::fail);
    CHECK(new_run.baseline_index(0) == su::RunSummary::kAbsent);
    REQUIRE(new_run.baseline_index(1) == 0);
    CHECK(new_run.key(1).data() == old_run.key(0).data());

    su::RunSummary plain_new;
    plain_new.add("new", Outcome::fail);
    plain_new.add("kept", Outcome::fail);
    su::RunDiff paired{old_run, new_run}, looked_up{old_run, plain_new};
    for (std::size_t s = 0; s < su::kSectionCount; ++s)
      CHECK(ids(paired, static_cast<Section>(s)) == ids(looked_up, static_cast<Section>(s)));
    CHECK(ids(paired, Section::new_failures) == std::vector<std::string>{"kept", "new"});
    CHECK(ids(paired, Section::removed) == std::vector<std::string>{"gone"});
    CHECK(paired.old_failing() == 1);
    CHECK(paired.new_failing() == 2);
  }
}

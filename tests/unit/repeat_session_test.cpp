// SPDX-License-Identifier: Apache-2.0
// RepeatSession: su-repeat's loop, with an in-process fake in place of the
// child process (the CLI tests run real ones).
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "archive/file_ops.hpp"
#include "diagnose/order_verdict.hpp"
#include "diagnose/repeat_session.hpp"

using su::Status;

namespace {

su::TestResult result(std::string id, Status status) {
  su::TestResult r;
  r.id = std::move(id);
  r.status = status;
  r.complete = true;
  return r;
}

// A fake command: `outcome(run number, ids in the order the command named
// them)` says which ids fail. It counts its calls and remembers commands.
struct FakeCommand {
  using Failing = std::function<std::vector<std::string>(int, const std::vector<std::string>&)>;
  explicit FakeCommand(Failing f, std::vector<std::string> suite = {})
      : failing(std::move(f)), ids(std::move(suite)) {}

  Failing failing;
  std::vector<std::string> ids;  // fixed mode: the suite
  std::vector<std::string> commands;
  int calls = 0;
  bool silent = false;  // writes no subunit

  su::CommandRun operator()(const std::string& command, const su::CommandOptions&) {
    ++calls;
    commands.push_back(command);
    su::CommandRun run;
    run.command = command;
    run.ending = su::CommandRun::Ending::exited;
    run.exit_code = 0;
    if (silent) return run;
    // "run a b c": the ids, in order, after the first word.
    std::vector<std::string> order;
    std::istringstream words(command);
    std::string w;
    words >> w;
    while (words >> w) order.push_back(w);
    if (order.empty()) order = ids;
    auto failing_ids = failing(calls, order);
    for (const auto& id : order) {
      bool fails = std::find(failing_ids.begin(), failing_ids.end(), id) != failing_ids.end();
      run.results.push_back(result(id, fails ? Status::fail : Status::success));
      run.test_events += 2;
    }
    return run;
  }
};

su::CommandRunner wrap(FakeCommand& fake) {
  return [&fake](const std::string& c, const su::CommandOptions& o) { return fake(c, o); };
}

struct ScratchDir {
  std::string path;
  ScratchDir() {
    char tmpl[] = "/tmp/su-repeat-session-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~ScratchDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

std::size_t run_all(su::RepeatSession& s) {
  std::size_t made = 0;
  while (s.next()) ++made;
  return made;
}

}  // namespace

TEST_SUITE("repeat session") {
  TEST_CASE("runs a fixed command n times and tallies each test") {
    FakeCommand fake{[](int k, const auto&) {
      return k % 3 == 0 ? std::vector<std::string>{"b"} : std::vector<std::string>{};
    }, {"a", "b"}};
    su::RepeatPlan plan;
    plan.command = "./tests";
    plan.runs = 9;
    su::RepeatSession s{plan, wrap(fake)};
    CHECK(run_all(s) == 9);
    CHECK(s.stop_reason() == su::StopReason::runs_done);
    CHECK(s.tally().find("b")->failures == 3);
    CHECK(s.tally().find("b")->runs == 9);
    CHECK(fake.commands.front() == "./tests");
  }

  TEST_CASE("--until-failure stops at the first run in which a test fails") {
    FakeCommand fake{[](int k, const auto&) {
      return k == 4 ? std::vector<std::string>{"b", "a"} : std::vector<std::string>{};
    }, {"a", "b"}};
    su::RepeatPlan plan;
    plan.command = "./tests";
    plan.runs = 0;
    plan.until_failure = true;
    su::RepeatSession s{plan, wrap(fake)};
    CHECK(run_all(s) == 4);
    CHECK(s.stop_reason() == su::StopReason::failure);
    CHECK(s.last().number == 4);
    CHECK(s.last().failed == std::vector<std::string>{"a", "b"});
  }

  TEST_CASE("--until-failure with --test ignores other tests' failures") {
    FakeCommand fake{[](int k, const auto&) {
      return k == 6 ? std::vector<std::string>{"watched"} : std::vector<std::string>{"noisy"};
    }, {"noisy", "watched"}};
    su::RepeatPlan plan;
    plan.command = "./tests";
    plan.runs = 0;
    plan.until_failure = true;
    plan.watch = "watched";
    su::RepeatSession s{plan, wrap(fake)};
    CHECK(run_all(s) == 6);
    CHECK(s.stop_reason() == su::StopReason::failure);
  }

  TEST_CASE("-n caps --until-failure when nothing fails") {
    FakeCommand fake{[](int, const auto&) { return std::vector<std::string>{}; }, {"a"}};
    su::RepeatPlan plan;
    plan.command = "./tests";
    plan.runs = 5;
    plan.until_failure = true;
    su::RepeatSession s{plan, wrap(fake)};
    CHECK(run_all(s) == 5);
    CHECK(s.stop_reason() == su::StopReason::runs_done);
  }

  TEST_CASE("a command that writes no subunit ends the session at once, counting nothing") {
    FakeCommand fake{[](int, const auto&) { return std::vector<std::string>{}; }, {"a"}};
    fake.silent = true;
    su::RepeatPlan plan;
    plan.command = "./tests";
    su::RepeatSession s{plan, wrap(fake)};
    CHECK_FALSE(s.next());
    CHECK(s.stop_reason() == su::StopReason::no_subunit);
    CHECK(s.last().number == 1);
    CHECK(s.tally().runs() == 0);
    CHECK(fake.calls == 1);
  }

  TEST_CASE("orders mode finds an order-dependent pair, keeps its failing orders, and runs the original order too") {
    ScratchDir dir;
    std::vector<std::string> suite;
    for (int i = 0; i < 8; ++i) suite.push_back("pkg.T.test_" + std::to_string(i));
    // test_5 fails whenever test_2 ran before it: never in the original order.
    FakeCommand fake{[](int, const std::vector<std::string>& order) {
      auto polluter = std::find(order.begin(), order.end(), "pkg.T.test_2");
      auto victim = std::find(order.begin(), order.end(), "pkg.T.test_5");
      return polluter > victim ? std::vector<std::string>{"pkg.T.test_5"} : std::vector<std::string>{};
    }};
    su::RepeatPlan plan;
    plan.runner = "run {ids}";
    plan.tests = suite;
    plan.order = su::OrderKind::reverse;
    plan.original_every = 2;
    plan.runs = 8;
    plan.list_path = dir.path + "/list";
    plan.keep_dir = dir.path + "/orders";
    su::RepeatSession s{plan, wrap(fake)};
    CHECK(run_all(s) == 8);
    // Runs 1, 3, 5, 7 in the original order; 2, 4, 6, 8 reversed.
    CHECK(fake.commands[0] == "run pkg.T.test_0 pkg.T.test_1 pkg.T.test_2 pkg.T.test_3 pkg.T.test_4 "
                              "pkg.T.test_5 pkg.T.test_6 pkg.T.test_7");
    CHECK(fake.commands[1].rfind("run pkg.T.test_7 pkg.T.test_6", 0) == 0);
    const su::TestTally* victim = s.tally().find("pkg.T.test_5");
    REQUIRE(victim != nullptr);
    CHECK(victim->failed_runs == std::vector<std::uint64_t>{2, 4, 6, 8});
    su::OrderVerdict v = su::classify_order(*victim);
    CHECK(v.kind == su::FailureKind::order_dependent);
    CHECK(v.original_runs == 4);
    CHECK(v.p_value == doctest::Approx(1.0 / 70));
    REQUIRE(s.kept().size() == 4);
    const su::RepeatRun& kept = s.kept().at(2);
    CHECK(kept.kept_order == plan.keep_dir + "/run-2.txt");
    std::string order = su::read_file(kept.kept_order);
    CHECK(order.rfind("pkg.T.test_7\npkg.T.test_6\n", 0) == 0);
    CHECK(su::path_exists(kept.kept_stream));
    // The {list} file holds the last run's order.
    CHECK(su::read_file(plan.list_path).rfind("pkg.T.test_7\n", 0) == 0);
  }

  TEST_CASE("a test that passes and fails in the original order is flaky, not order-dependent") {
    ScratchDir dir;
    FakeCommand fake{[](int k, const std::vector<std::string>&) {
      return k <= 2 ? std::vector<std::string>{"a.x"} : std::vector<std::string>{};
    }};
    su::RepeatPlan plan;
    plan.runner = "run {ids}";
    plan.tests = {"a.x", "a.y", "b.z"};
    plan.order = su::OrderKind::shuffle;
    plan.seed = 1;
    plan.original_every = 2;
    plan.runs = 4;
    plan.list_path = dir.path + "/list";
    plan.keep_dir = dir.path + "/orders";
    su::RepeatSession s{plan, wrap(fake)};
    run_all(s);
    CHECK(su::classify_order(*s.tally().find("a.x")).kind == su::FailureKind::flaky);
    // Runs 1 (original) and 2 (shuffled) failed, 3 (original) and 4 passed:
    // failing runs are kept whatever their order.
    CHECK(s.kept().size() == 2);
    CHECK(s.kept().count(1) == 1);
    CHECK(s.kept().count(2) == 1);
  }

  TEST_CASE("the time limit stops the session before the next run") {
    FakeCommand fake{[](int, const auto&) { return std::vector<std::string>{}; }, {"a"}};
    su::RepeatPlan plan;
    plan.command = "./tests";
    plan.runs = 1000;
    plan.max_seconds = 0.05;
    su::RepeatSession s{plan, [&](const std::string& c, const su::CommandOptions& o) {
                          CHECK(o.timeout_seconds <= 0.05);
                          usleep(20000);
                          return fake(c, o);
                        }};
    std::size_t made = run_all(s);
    CHECK(made >= 1);
    CHECK(made <= 3);
    CHECK(s.stop_reason() == su::StopReason::time_limit);
  }

  TEST_CASE("an interruption during a run stops the session without counting that run") {
    std::atomic<bool> stop{false};
    FakeCommand fake{[&](int k, const auto&) {
      if (k == 3) stop = true;  // as a signal handler would, mid-run
      return std::vector<std::string>{"a"};
    }, {"a"}};
    su::RepeatPlan plan;
    plan.command = "./tests";
    plan.runs = 10;
    plan.interrupted = &stop;
    su::RepeatSession s{plan, wrap(fake)};
    CHECK(run_all(s) == 2);
    CHECK(s.stop_reason() == su::StopReason::interrupted);
    CHECK(s.last().number == 3);
    CHECK(s.last().cut == "interrupted");
    CHECK(s.tally().runs() == 2);
    CHECK(s.tally().find("a")->failures == 2);
    CHECK_FALSE(s.next());
    CHECK(fake.calls == 3);
  }
}

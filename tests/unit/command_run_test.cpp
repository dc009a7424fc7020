// Unit tests for running a runner command and reading its subunit
// (src/diagnose/command_run.*, command_template.*, command_probe_runner.*).
// These start real /bin/sh processes: each takes milliseconds.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "base/shell_quote.hpp"
#include "diagnose/command_probe_runner.hpp"
#include "diagnose/command_run.hpp"
#include "diagnose/command_template.hpp"

namespace {

// A v1 stream from printf: "a" passes, "b" fails.
const char* kTwoTests = "printf 'test: a\\nsuccess: a\\ntest: b\\nfailure: b\\n'";

}  // namespace

TEST_CASE("shell_quote leaves plain words alone and single-quotes the rest") {
  CHECK(su::shell_quote("pkg.mod.Test.test_x") == "pkg.mod.Test.test_x");
  CHECK(su::shell_quote("a b") == "'a b'");
  CHECK(su::shell_quote("it's") == "'it'\\''s'");
  CHECK(su::shell_quote("x[1]") == "'x[1]'");
  CHECK(su::shell_quote("") == "''");
}

TEST_CASE("a command template expands {ids} in order and {list} as a quoted path") {
  std::vector<std::string> ids = {"t.a", "t b", "victim"};
  CHECK(su::expand_command_template("run {ids}", ids, "/tmp/l") == "run t.a 't b' victim");
  CHECK(su::expand_command_template("run --load-list {list} # {ids}", ids, "/tmp/x y") ==
        "run --load-list '/tmp/x y' # t.a 't b' victim");
  CHECK(su::has_test_placeholder("run {list}"));
  CHECK_FALSE(su::has_test_placeholder("run {id}"));
}

TEST_CASE("a command's v1 stream is decoded into one result per test") {
  su::CommandRun run = su::run_shell_command(kTwoTests);
  CHECK(run.ending == su::CommandRun::Ending::exited);
  CHECK(run.exit_code == 0);
  CHECK(run.wrote_subunit());
  REQUIRE(run.results.size() == 2);
  REQUIRE(run.find("a"));
  CHECK(run.find("a")->status == su::Status::success);
  CHECK(run.find("b")->status == su::Status::fail);
  CHECK(run.find("c") == nullptr);
}

TEST_CASE("stderr is kept, up to the limit, with the exit status") {
  su::CommandOptions options;
  options.stderr_limit = 10;
  su::CommandRun run = su::run_shell_command("echo 'something went wrong' >&2; exit 3", options);
  CHECK(run.ending == su::CommandRun::Ending::exited);
  CHECK(run.exit_code == 3);
  CHECK(run.stderr_text == "something ");
  CHECK(run.stderr_truncated);
  CHECK_FALSE(run.wrote_subunit());
  CHECK(run.describe_ending() == "exited with status 3");
}

TEST_CASE("plain output is not subunit") {
  su::CommandRun run = su::run_shell_command("echo hello; echo world");
  CHECK(run.ending == su::CommandRun::Ending::exited);
  CHECK_FALSE(run.wrote_subunit());
  CHECK(run.results.empty());
}

TEST_CASE("a command that outlives its timeout is killed with its whole process group") {
  su::CommandOptions options;
  options.timeout_seconds = 0.3;
  // The background sleep holds the pipes open: only killing the group ends it.
  su::CommandRun run = su::run_shell_command("sleep 30 & sleep 30; echo never", options);
  CHECK(run.ending == su::CommandRun::Ending::timed_out);
  CHECK(run.seconds < 5);
}

TEST_CASE("a probe reads the victim's result; fail, uxsuccess and unfinished count as failures") {
  su::CommandProbeRunner failing{std::string(kTwoTests) + " # {ids}", 10};
  CHECK(failing.run({"a", "b"}).kind == su::ProbeResult::Kind::failed);
  CHECK(failing.run({"b", "a"}).kind == su::ProbeResult::Kind::passed);
  su::CommandProbeRunner unfinished{"printf 'test: v\\n' # {ids}", 10};
  CHECK(unfinished.run({"v"}).kind == su::ProbeResult::Kind::failed);
  su::CommandProbeRunner ux{"printf 'test: v\\nuxsuccess: v\\n' # {ids}", 10};
  CHECK(ux.run({"v"}).kind == su::ProbeResult::Kind::failed);
}

TEST_CASE("a probe's list file holds the ids one per line, in order") {
  su::CommandProbeRunner runner{
      "while read id; do printf 'test: %s\\nsuccess: %s\\n' \"$id\" \"$id\"; done < {list}", 10};
  CHECK(runner.run({"x", "y z", "v"}).kind == su::ProbeResult::Kind::passed);
}

TEST_CASE("a missing victim and a runner that writes no subunit are errors naming the command") {
  su::CommandProbeRunner runner{std::string(kTwoTests) + " # {ids}", 10};
  su::ProbeResult missing = runner.run({"a", "victim"});
  CHECK(missing.kind == su::ProbeResult::Kind::victim_missing);
  CHECK(missing.message.find("not 'victim'") != std::string::npos);
  CHECK(missing.message.find("command: printf") != std::string::npos);

  su::CommandProbeRunner broken{"echo 'no such module' >&2; exit 1 # {ids}", 10};
  su::ProbeResult error = broken.run({"victim"});
  CHECK(error.kind == su::ProbeResult::Kind::runner_error);
  CHECK(error.message.find("exited with status 1 and wrote no subunit") != std::string::npos);
  CHECK(error.message.find("no such module") != std::string::npos);
}

TEST_CASE("a long runner stderr is shown by its first and last lines") {
  su::CommandProbeRunner broken{"seq 1 100 >&2; exit 1 # {ids}", 10};
  su::ProbeResult error = broken.run({"victim"});
  CHECK(error.message.find("\n    1\n") != std::string::npos);
  CHECK(error.message.find("\n    10\n    [60 lines]\n    71\n") != std::string::npos);
  CHECK(error.message.find("\n    100") != std::string::npos);
  CHECK(error.message.find("\n    50\n") == std::string::npos);
}

// SPDX-License-Identifier: Apache-2.0
// su-repeat: run a test command again and again, and say how often each
// test fails; with --runner, in changing orders, to find order-dependent
// tests. See su-repeat(1).
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <optional>
#include <random>
#include <unistd.h>

#include <fmt/format.h>

#include "archive/archive_error.hpp"
#include "base/error.hpp"
#include "base/output.hpp"
#include "base/shell_quote.hpp"
#include "common/progress_line.hpp"
#include "common/tool.hpp"
#include "diagnose/command_template.hpp"
#include "diagnose/repeat_session.hpp"
#include "diagnose/test_list.hpp"
#include "su-repeat/report.hpp"

namespace {

using namespace su::repeat;

struct Options {
  std::vector<std::string> command;
  std::uint64_t runs = 10;
  bool runs_given = false;  // -n given: a cap on --until-failure
  bool until_failure = false;
  std::string test;
  double max_time = 0, timeout = 0;
  std::string output, archive, format = "text";
  bool all = false, quiet = false;
  std::string runner, tests, order = "shuffle", keep_dir = "su-repeat-orders";
  std::uint64_t seed = 0, original_every = 2;
  bool seed_given = false;
};

class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    path_ = std::string(base && *base ? base : "/tmp") + "/su-repeat-XXXXXX";
    if (!::mkdtemp(path_.data())) throw su::IoError("cannot make a directory in '" + path_ + "'");
  }
  ~TempDir() {
    ::unlink((path_ + "/list").c_str());
    ::rmdir(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// ^C (or SIGTERM, SIGHUP) stops the session: the run going on is killed
// (runners are in process groups of their own, out of the terminal's
// reach) and not counted, and the runs made are reported before su-repeat
// dies of the signal, as a shell expects. A second ^C kills at once.
std::atomic<bool> interrupted{false};
std::atomic<int> interrupt_signal{0};

extern "C" void on_stop_signal(int sig) {
  bool again = interrupted.exchange(true);
  su::kill_running_commands();
  if (again) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  interrupt_signal.store(sig);
}

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-repeat", "Run a test command repeatedly and report how often each test fails."};
  Options o;
  auto& app = tool.app;
  app.add_option("command", o.command, "the command (after --) that writes subunit on stdout");
  app.add_option("-n,--runs", o.runs, "how many runs (default 10; with --until-failure, no limit)");
  app.add_flag("--until-failure", o.until_failure, "stop at the first run in which a test fails");
  app.add_option("--test", o.test, "only this test's failures stop --until-failure and set the exit status");
  app.add_option("--max-time", o.max_time, "stop after this many seconds")->check(CLI::PositiveNumber);
  app.add_option("--timeout", o.timeout, "seconds each run may take before it is killed")->check(CLI::PositiveNumber);
  app.add_option("-o,--output", o.output, "write every run's stream, as v2 tagged repeat-K, to FILE");
  app.add_option("--archive", o.archive, "store each run in this su-archive, with metadata repeat=K");
  app.add_option("--format", o.format, "report as 'text' or 'json'")->check(CLI::IsMember({"text", "json"}));
  app.add_flag("--all", o.all, "list every test, not only those that failed");
  app.add_flag("-q,--quiet", o.quiet, "no progress on stderr");
  app.add_option("--runner", o.runner, "run --tests in changing orders with this template ({ids}, {list})");
  app.add_option("--tests", o.tests, "the tests to order: a file of ids or a subunit stream");
  app.add_option("--order", o.order, "shuffle (default), reverse or shuffle-classes")
      ->check(CLI::IsMember({"shuffle", "reverse", "shuffle-classes"}));
  app.add_option("--seed", o.seed, "seed of the random orders (default: a new one, printed)");
  app.add_option("--original-every", o.original_every, "run the original order every N runs (default 2)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1000000}));
  app.add_option("--keep-orders", o.keep_dir, "where failing runs are kept (default su-repeat-orders)");

  app.callback([&] {
    bool orders = !o.runner.empty() || !o.tests.empty();
    auto usage = [&](const std::string& what) { throw CLI::ValidationError(what); };
    if (orders && !o.command.empty()) usage("give a COMMAND or --runner and --tests, not both");
    if (!orders && o.command.empty()) usage("no COMMAND to run (su-repeat [OPTIONS] -- COMMAND...)");
    if (orders && (o.runner.empty() || o.tests.empty())) usage("--runner and --tests go together");
    if (orders && !su::has_test_placeholder(o.runner))
      usage("--runner '" + o.runner + "' has neither {ids} nor {list}: every run would run the same tests");
    if (o.runs == 0 && !o.until_failure) usage("-n must be at least 1");
    for (const char* only : {"--order", "--seed", "--original-every", "--keep-orders"})
      if (!orders && app.count(only) > 0) usage(std::string(only) + " needs --runner and --tests");
    if (!o.test.empty() && o.test.find('\n') != std::string::npos) usage("--test takes one test id");
  });

  return tool.run(argc, argv, [&]() -> su::Exit {
    o.runs_given = app.count("--runs") > 0;
    o.seed_given = app.count("--seed") > 0;
    su::RepeatPlan plan;
    plan.runs = o.until_failure && !o.runs_given ? 0 : o.runs;
    plan.until_failure = o.until_failure;
    if (!o.test.empty()) plan.watch = o.test;
    plan.max_seconds = o.max_time;
    plan.run_timeout = o.timeout;
    std::optional<TempDir> scratch;
    if (!o.runner.empty()) {
      plan.runner = o.runner;
      try {
        plan.tests = su::load_test_list(o.tests);
      } catch (const su::DecodeError& e) {
        tool.error(fmt::format("'{}': byte {}: {}", o.tests, e.offset(), e.what()));
        return su::Exit::undecodable;
      }
      if (plan.tests.empty()) {
        tool.error(fmt::format("'{}': no tests to run", o.tests));
        return su::Exit::usage;
      }
      su::parse_order_kind(o.order, plan.order);
      // A fresh seed is 32 bits: short enough to copy from a log.
      plan.seed = o.seed_given ? o.seed : std::random_device{}();
      plan.original_every = o.original_every;
      plan.keep_dir = o.keep_dir;
      scratch.emplace();
      plan.list_path = scratch->path() + "/list";
    } else {
      for (const auto& word : o.command) plan.command += (plan.command.empty() ? "" : " ") + su::shell_quote(word);
    }

    std::unique_ptr<su::Output> concatenated;
    if (!o.output.empty()) concatenated = su::create_output_file(o.output);
    std::unique_ptr<su::Archive> archive;
    try {
      if (!o.archive.empty()) archive = su::open_or_init_archive(o.archive);
    } catch (const su::ArchiveUsage& e) {
      tool.error(e.what());
      return su::Exit::usage;
    }
    std::string source = plan.orders() ? plan.runner : plan.command;
    su::RunRecorder recorder{concatenated.get(), archive.get(), source};
    plan.interrupted = &interrupted;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, on_stop_signal);
    su::RepeatSession session{plan, su::run_shell_command,
                              concatenated || archive ? &recorder : nullptr};

    su::ProgressLine progress{"su-repeat", o.quiet, su::ProgressLine::stderr_is_terminal()};
    if (plan.orders() && plan.order != su::OrderKind::reverse)
      progress.step(fmt::format("{} orders with seed {} (--seed {} repeats them)",
                                su::order_kind_name(plan.order), plan.seed, plan.seed));
    auto so_far = [&] {
      const su::RepeatTally& t = session.tally();
      if (t.failed_runs() == 0) return std::string("no failures so far");
      return fmt::format("failures so far: {} in {} of {}", plural(t.failing_tests(), "test"),
                         t.failed_runs(), plural(t.runs(), "run"));
    };
    for (;;) {
      std::uint64_t k = session.upcoming();
      std::string counts = so_far();
      if (plan.runs == 0 || k <= plan.runs) {
        progress.show([&, k, counts](double elapsed) {
          return fmt::format("{}, {} elapsed, {}", run_label(k, plan.runs), duration(elapsed), counts);
        });
      }
      if (!session.next()) break;
      const su::RepeatRun& run = session.last();
      if (!progress.live())
        progress.step(fmt::format(
            "{}: {}, {} failed ({}{}{}){}", run_label(run.number, plan.runs),
            plural(run.tests, "test"), run.failed.size(), duration(run.outcome.seconds),
            plan.orders() ? run.original ? ", original order" : ", changed order" : "",
            run.outcome.ending == su::CommandRun::Ending::timed_out ? ", timed out" : "",
            run.failed.empty() ? "" : ": " + run.failed.front() + (run.failed.size() > 1 ? ", ..." : "")));
    }
    progress.done();
    recorder.finish();
    if (concatenated) concatenated->flush();

    su::Output& out = su::standard_output();
    if (session.tally().runs() > 0)
      out.write(o.format == "json" ? json_report(session) : text_report(session, o.all));
    if (int sig = interrupt_signal.load(); sig != 0) {
      out.flush();
      std::signal(sig, SIG_DFL);
      std::raise(sig);
    }
    if (session.stop_reason() == su::StopReason::no_subunit) {
      out.flush();
      tool.error(no_subunit_message(session.last()));
      return su::Exit::io;
    }
    if (session.tally().runs() == 0) {
      out.flush();
      tool.error("no run finished within --max-time");
      return su::Exit::io;
    }
    const su::TestTally* watched = plan.watch ? session.tally().find(*plan.watch) : nullptr;
    bool failed = plan.watch ? watched && watched->failures > 0 : session.tally().failing_tests() > 0;
    return failed ? su::Exit::no : su::Exit::ok;
  });
}

// SPDX-License-Identifier: Apache-2.0
// su-repeat: run a test command again and again, and say how often each
// test fails; with --runner, in changing orders, to find order-dependent
// tests. See su-repeat(1).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <unistd.h>

#include <fmt/format.h>

#include "archive/archive_error.hpp"
#include "base/error.hpp"
#include "base/json.hpp"
#include "base/output.hpp"
#include "common/progress_line.hpp"
#include "common/tool.hpp"
#include "diagnose/command_template.hpp"
#include "diagnose/order_verdict.hpp"
#include "diagnose/repeat_session.hpp"
#include "diagnose/test_list.hpp"

namespace {

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

std::string percent(double x) { return fmt::format("{:.1f}%", 100 * x); }

std::string duration(double seconds) {
  auto s = static_cast<long long>(seconds);
  return s >= 60 ? fmt::format("{}:{:02}", s / 60, s % 60) : fmt::format("{:.1f} s", seconds);
}

std::string plural(std::uint64_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

std::string runs_of(std::uint64_t n) { return plural(n, "run"); }

// The su-bisect command line that finds what a kept failing order's victim
// depends on.
std::string bisect_command(const std::string& victim, const std::string& runner,
                           const std::string& stream) {
  return fmt::format("su-bisect --test {} --runner {} {}", su::shell_quote(victim),
                     su::shell_quote(runner), su::shell_quote(stream));
}

// Kept failing orders of `t`, oldest first.
std::vector<const su::RepeatRun*> kept_failures(const su::RepeatSession& s, const su::TestTally& t) {
  std::vector<const su::RepeatRun*> out;
  for (std::uint64_t run : t.failed_runs) {
    auto it = s.kept().find(run);
    if (it != s.kept().end()) out.push_back(&it->second);
  }
  return out;
}

// Every test's verdict (orders mode), found by its tally entry.
class Verdicts {
 public:
  explicit Verdicts(const su::RepeatTally& tally)
      : base_(tally.tests().data()), all_(su::classify_orders(tally.tests())) {}
  const su::OrderVerdict& of(const su::TestTally* t) const {
    return all_[static_cast<std::size_t>(t - base_)];
  }

 private:
  const su::TestTally* base_;
  std::vector<su::OrderVerdict> all_;
};

// Failing tests first, then the rest in the order first seen. Failing tests
// go by rate, and with orders by verdict first: order-dependent, maybe,
// flaky, undetermined, then those that always fail (no repeating needed).
std::vector<const su::TestTally*> rows(const su::RepeatTally& tally, bool all,
                                       const Verdicts* verdicts) {
  std::vector<const su::TestTally*> out;
  for (const auto& t : tally.tests())
    if (all || t.failures > 0) out.push_back(&t);
  auto rank = [verdicts](const su::TestTally* t) {
    if (t->failures == 0) return 9;
    if (!verdicts) return 0;
    switch (verdicts->of(t).kind) {
      case su::FailureKind::order_dependent: return 0;
      case su::FailureKind::maybe_order_dependent: return 1;
      case su::FailureKind::flaky: return 2;
      case su::FailureKind::undetermined: return 3;
      default: return 4;
    }
  };
  std::stable_sort(out.begin(), out.end(), [&](const auto* a, const auto* b) {
    int ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    return ra != 9 && a->rate() > b->rate();
  });
  return out;
}

std::string stop_name(su::StopReason r) {
  switch (r) {
    case su::StopReason::failure: return "failure";
    case su::StopReason::time_limit: return "max-time";
    case su::StopReason::no_subunit: return "no-subunit";
    default: return "runs";
  }
}

std::string text_report(const su::RepeatSession& s, const Options& o) {
  const su::RepeatTally& tally = s.tally();
  const su::RepeatPlan& plan = s.plan();
  std::string out;
  if (s.stop_reason() == su::StopReason::failure) {
    const su::RepeatRun& run = s.last();
    out += fmt::format("Run {} failed ({} of {} tests):\n", run.number, run.failed.size(), run.tests);
    for (const auto& id : run.failed) out += fmt::format("  {}\n", id);
    out += '\n';
  }
  out += fmt::format("{} in {}; {} of {} failed at least once.\n", runs_of(tally.runs()),
                     duration(s.elapsed()), tally.failing_tests(), plural(tally.tests().size(), "test"));
  if (s.stop_reason() == su::StopReason::time_limit)
    out += s.last().cut ? fmt::format("Stopped by --max-time: run {} was cut short and is not counted.\n",
                                      s.last().number)
                        : "Stopped by --max-time.\n";
  if (plan.orders()) {
    out += fmt::format("Orders: {}", su::order_kind_name(plan.order));
    if (plan.order != su::OrderKind::reverse)
      out += fmt::format(", seed {} (--seed {} gives the same orders)", plan.seed, plan.seed);
    std::uint64_t originals = 0;
    std::string which;
    for (std::uint64_t k = 1; k <= tally.runs(); ++k) {
      if (!su::is_original_run(k, plan.original_every)) continue;
      if (++originals <= 5) which += (which.empty() ? "" : ", ") + std::to_string(k);
    }
    if (originals > 5) which += ", ...";
    out += fmt::format("; the original order in {} ({}; --original-every {}).\n",
                       runs_of(originals), which, plan.original_every);
  }
  std::optional<Verdicts> verdicts;
  if (plan.orders()) verdicts.emplace(tally);
  auto shown = rows(tally, o.all, verdicts ? &*verdicts : nullptr);
  if (shown.empty()) return out;

  std::size_t width = 4;
  for (const auto* t : shown) width = std::max(width, t->id.size());
  out += '\n';
  out += fmt::format("{:<{}}  {:>5}  {:>6}  {:>6}  {}\n", "test", width, "runs", "failed",
                     "rate", plan.orders() ? "95% interval      verdict" : "95% interval");
  for (const auto* t : shown) {
    su::Interval i = t->interval();
    std::string interval = t->runs ? fmt::format("[{}, {}]", percent(i.low), percent(i.high)) : "-";
    out += fmt::format("{:<{}}  {:>5}  {:>6}  {:>6}  {:<16}", t->id, width, t->runs, t->failures,
                       t->runs ? percent(t->rate()) : "-", interval);
    if (plan.orders() && t->failures > 0)
      out += fmt::format("  {}", su::failure_kind_name(verdicts->of(t).kind));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }

  if (!plan.orders()) return out;
  for (const auto* t : shown) {
    const su::OrderVerdict& v = verdicts->of(t);
    if (!v.follows_order()) continue;
    std::string evidence = v.fails_in_original
        ? fmt::format("it failed in all {} in the original order and passed in {} of {} in changed orders",
                      runs_of(v.original_runs), v.other_runs - v.other_failures, runs_of(v.other_runs))
        : fmt::format("it failed in {} of {} in changed orders and passed in all {} in the original order",
                      v.other_failures, runs_of(v.other_runs), runs_of(v.original_runs));
    if (v.kind == su::FailureKind::order_dependent) {
      out += fmt::format("\n{} is order-dependent: {} (Fisher p = {:.2g}, q = {:.2g}).\n", t->id,
                         evidence, v.p_value, v.q_value);
    } else {
      out += fmt::format("\n{} may be order-dependent: {}; but a flaky test does that too often to "
                         "tell (Fisher p = {:.2g}, q = {:.2g}): more runs would tell.\n",
                         t->id, evidence, v.p_value, v.q_value);
    }
    auto kept = kept_failures(s, *t);
    if (kept.empty()) continue;
    out += "  Failing orders:";
    for (std::size_t k = 0; k < kept.size() && k < 5; ++k) out += " " + kept[k]->kept_order;
    if (kept.size() > 5) out += fmt::format(" (and {} more in {}/)", kept.size() - 5, plan.keep_dir);
    out += fmt::format("\n  Find the test it depends on:\n    {}\n",
                       bisect_command(t->id, plan.runner, kept.front()->kept_stream));
  }
  return out;
}

std::string json_number(double x) { return fmt::format("{:.6g}", x); }

std::string json_report(const su::RepeatSession& s) {
  const su::RepeatTally& tally = s.tally();
  const su::RepeatPlan& plan = s.plan();
  std::string out = fmt::format("{{\"runs\": {}, \"failed_runs\": {}, \"elapsed_seconds\": {:.3f}, "
                                "\"stopped\": \"{}\", \"command\": ",
                                tally.runs(), tally.failed_runs(), s.elapsed(), stop_name(s.stop_reason()));
  su::append_json_string(out, plan.orders() ? plan.runner : plan.command);
  out += ", \"order\": ";
  if (plan.orders()) {
    out += fmt::format("{{\"kind\": \"{}\", \"seed\": {}, \"original_every\": {}}}",
                       su::order_kind_name(plan.order),
                       plan.order == su::OrderKind::reverse ? "null" : std::to_string(plan.seed),
                       plan.original_every);
  } else {
    out += "null";
  }
  out += ", \"failed_run\": ";
  if (s.stop_reason() == su::StopReason::failure) {
    out += fmt::format("{{\"run\": {}, \"failed\": [", s.last().number);
    for (std::size_t i = 0; i < s.last().failed.size(); ++i) {
      if (i) out += ", ";
      su::append_json_string(out, s.last().failed[i]);
    }
    out += "]}";
  } else {
    out += "null";
  }
  out += ", \"tests\": [";
  bool first = true;
  std::optional<Verdicts> verdicts;
  if (plan.orders()) verdicts.emplace(tally);
  for (const auto* t : rows(tally, true, verdicts ? &*verdicts : nullptr)) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    su::Interval i = t->interval();
    out += "{\"id\": " + su::json_string(t->id);
    out += fmt::format(", \"runs\": {}, \"failures\": {}, \"skips\": {}, \"rate\": {}, "
                       "\"interval\": [{}, {}], \"failed_runs\": [",
                       t->runs, t->failures, t->skips, t->runs ? json_number(t->rate()) : "null",
                       json_number(i.low), json_number(i.high));
    for (std::size_t k = 0; k < t->failed_runs.size(); ++k)
      out += (k ? ", " : "") + std::to_string(t->failed_runs[k]);
    out += "]";
    if (plan.orders()) {
      const su::OrderVerdict& v = verdicts->of(t);
      out += fmt::format(", \"verdict\": {}, \"original_runs\": {}, \"original_failures\": {}, "
                         "\"p_value\": {}, \"q_value\": {}, \"failing_orders\": [",
                         v.kind == su::FailureKind::none ? "null" : su::json_string(su::failure_kind_name(v.kind)),
                         v.original_runs, v.original_failures, json_number(v.p_value),
                         v.follows_order() ? json_number(v.q_value) : "null");
      auto kept = kept_failures(s, *t);
      for (std::size_t k = 0; k < kept.size(); ++k) {
        if (k) out += ", ";
        out += fmt::format("{{\"run\": {}, \"order\": {}, \"stream\": {}}}", kept[k]->number,
                           su::json_string(kept[k]->kept_order), su::json_string(kept[k]->kept_stream));
      }
      out += "], \"bisect\": ";
      out += v.follows_order() && !kept.empty()
                 ? su::json_string(bisect_command(t->id, plan.runner, kept.front()->kept_stream))
                 : "null";
    }
    out += "}";
  }
  out += first ? "]}\n" : "\n]}\n";
  return out;
}

// "run 3 of 10" or "run 3" when there is no limit.
std::string run_label(std::uint64_t k, std::uint64_t n) {
  return n ? fmt::format("run {} of {}", k, n) : fmt::format("run {}", k);
}

// What a command that wrote no subunit said, for the error message.
std::string no_subunit_message(const su::RepeatRun& run) {
  const su::CommandRun& c = run.outcome;
  bool not_runnable = c.ending == su::CommandRun::Ending::not_started ||
                      (c.ending == su::CommandRun::Ending::exited &&
                       (c.exit_code == 126 || c.exit_code == 127));
  // The command goes last: it may hold quotes of its own.
  std::string msg = fmt::format("run {}: {} (it {}): {}", run.number,
                                not_runnable ? "could not run the command" : "the command wrote no subunit",
                                c.describe_ending(), run.command);
  // Its standard error follows, indented, as the likeliest explanation.
  if (!c.stderr_text.empty()) {
    std::string_view text = c.stderr_text;
    while (!text.empty()) {
      auto nl = text.find('\n');
      msg += fmt::format("\n  {}", text.substr(0, nl));
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    }
    if (c.stderr_truncated) msg += "\n  ...";
  }
  return msg;
}

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
  app.add_option("--keep-orders", o.keep_dir, "where failing orders are kept (default su-repeat-orders)");

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
      plan.tests = su::load_test_list(o.tests);
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
                         t.failed_runs(), runs_of(t.runs()));
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
      out.write(o.format == "json" ? json_report(session) : text_report(session, o));
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

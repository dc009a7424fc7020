// SPDX-License-Identifier: Apache-2.0
#include "su-repeat/report.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "base/json.hpp"
#include "base/shell_quote.hpp"
#include "diagnose/command_template.hpp"
#include "diagnose/order_verdict.hpp"

namespace su::repeat {

std::string duration(double seconds) {
  auto s = static_cast<long long>(seconds);
  return s >= 60 ? fmt::format("{}:{:02}", s / 60, s % 60) : fmt::format("{:.1f} s", seconds);
}

std::string plural(std::uint64_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

namespace {

std::string percent(double x) { return fmt::format("{:.1f}%", 100 * x); }

std::string runs_of(std::uint64_t n) { return plural(n, "run"); }

std::string json_number(double x) { return fmt::format("{:.6g}", x); }

// The su-bisect command line that finds what a kept failing order's victim
// depends on.
std::string bisect_command(const std::string& victim, const std::string& runner,
                           const std::string& stream) {
  return fmt::format("su-bisect --test {} --runner {} {}", shell_quote(victim),
                     shell_quote(runner), shell_quote(stream));
}

// Kept failing orders of `t`, oldest first.
std::vector<const RepeatRun*> kept_failures(const RepeatSession& s, const TestTally& t) {
  std::vector<const RepeatRun*> out;
  for (std::uint64_t run : t.failed_runs) {
    auto it = s.kept().find(run);
    if (it != s.kept().end()) out.push_back(&it->second);
  }
  return out;
}

// Every test's verdict (orders mode), found by its tally entry.
class Verdicts {
 public:
  explicit Verdicts(const RepeatTally& tally)
      : base_(tally.tests().data()), all_(classify_orders(tally.tests())) {}
  const OrderVerdict& of(const TestTally* t) const {
    return all_[static_cast<std::size_t>(t - base_)];
  }

 private:
  const TestTally* base_;
  std::vector<OrderVerdict> all_;
};

// Failing tests first, then the rest in the order first seen. Failing tests
// go by rate, and with orders by verdict first: order-dependent, maybe,
// flaky, undetermined, then those that always fail (no repeating needed).
std::vector<const TestTally*> rows(const RepeatTally& tally, bool all,
                                       const Verdicts* verdicts) {
  std::vector<const TestTally*> out;
  for (const auto& t : tally.tests())
    if (all || t.failures > 0) out.push_back(&t);
  auto rank = [verdicts](const TestTally* t) {
    if (t->failures == 0) return 9;
    if (!verdicts) return 0;
    switch (verdicts->of(t).kind) {
      case FailureKind::order_dependent: return 0;
      case FailureKind::maybe_order_dependent: return 1;
      case FailureKind::flaky: return 2;
      case FailureKind::undetermined: return 3;
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

std::string stop_name(StopReason r) {
  switch (r) {
    case StopReason::failure: return "failure";
    case StopReason::time_limit: return "max-time";
    case StopReason::no_subunit: return "no-subunit";
    case StopReason::interrupted: return "interrupted";
    default: return "runs";
  }
}

}  // namespace

std::string text_report(const RepeatSession& s, bool all) {
  const RepeatTally& tally = s.tally();
  const RepeatPlan& plan = s.plan();
  std::string out;
  if (s.stop_reason() == StopReason::failure) {
    const RepeatRun& run = s.last();
    out += fmt::format("Run {} failed ({} of {} tests):\n", run.number, run.failed.size(), run.tests);
    for (const auto& id : run.failed) out += fmt::format("  {}\n", id);
    out += '\n';
  }
  out += fmt::format("{} in {}; {} of {} failed at least once.\n", runs_of(tally.runs()),
                     duration(s.elapsed()), tally.failing_tests(), plural(tally.tests().size(), "test"));
  if (s.stop_reason() == StopReason::time_limit || s.stop_reason() == StopReason::interrupted) {
    const char* by = s.stop_reason() == StopReason::time_limit ? "Stopped by --max-time" : "Interrupted";
    out += s.last().cut.empty()
               ? fmt::format("{}.\n", by)
               : fmt::format("{}: run {} was cut short and is not counted.\n", by, s.last().number);
  }
  if (plan.orders()) {
    out += fmt::format("Orders: {}", order_kind_name(plan.order));
    if (plan.order != OrderKind::reverse)
      out += fmt::format(", seed {} (--seed {} gives the same orders)", plan.seed, plan.seed);
    std::uint64_t originals = 0;
    std::string which;
    for (std::uint64_t k = 1; k <= tally.runs(); ++k) {
      if (!is_original_run(k, plan.original_every)) continue;
      if (++originals <= 5) which += (which.empty() ? "" : ", ") + std::to_string(k);
    }
    if (originals > 5) which += ", ...";
    out += fmt::format("; the original order in {} ({}; --original-every {}).\n",
                       runs_of(originals), which, plan.original_every);
  }
  std::optional<Verdicts> verdicts;
  if (plan.orders()) verdicts.emplace(tally);
  auto shown = rows(tally, all, verdicts ? &*verdicts : nullptr);
  if (shown.empty()) return out;

  std::size_t width = 4;
  for (const auto* t : shown) width = std::max(width, t->id.size());
  out += '\n';
  out += fmt::format("{:<{}}  {:>5}  {:>6}  {:>6}  {}\n", "test", width, "runs", "failed",
                     "rate", plan.orders() ? "95% interval      verdict" : "95% interval");
  for (const auto* t : shown) {
    Interval i = t->interval();
    std::string interval = t->runs ? fmt::format("[{}, {}]", percent(i.low), percent(i.high)) : "-";
    out += fmt::format("{:<{}}  {:>5}  {:>6}  {:>6}  {:<16}", t->id, width, t->runs, t->failures,
                       t->runs ? percent(t->rate()) : "-", interval);
    if (plan.orders() && t->failures > 0)
      out += fmt::format("  {}", failure_kind_name(verdicts->of(t).kind));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }

  if (!plan.orders()) return out;
  for (const auto* t : shown) {
    const OrderVerdict& v = verdicts->of(t);
    if (!v.follows_order()) continue;
    std::string evidence = v.fails_in_original
        ? fmt::format("it failed in all {} in the original order and passed in {} of {} in changed orders",
                      runs_of(v.original_runs), v.other_runs - v.other_failures, runs_of(v.other_runs))
        : fmt::format("it failed in {} of {} in changed orders and passed in all {} in the original order",
                      v.other_failures, runs_of(v.other_runs), runs_of(v.original_runs));
    if (v.kind == FailureKind::order_dependent) {
      out += fmt::format("\n{} is order-dependent: {} (Fisher p = {:.2g}, q = {:.2g}).\n", t->id,
                         evidence, v.p_value, v.q_value);
    } else {
      out += fmt::format("\n{} may be order-dependent: {}; but a flaky test would do that too often "
                         "to be sure (Fisher p = {:.2g}, q = {:.2g}): more runs would tell.\n",
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

std::string json_report(const RepeatSession& s) {
  const RepeatTally& tally = s.tally();
  const RepeatPlan& plan = s.plan();
  std::string out = fmt::format("{{\"runs\": {}, \"failed_runs\": {}, \"elapsed_seconds\": {:.3f}, "
                                "\"stopped\": \"{}\", \"command\": ",
                                tally.runs(), tally.failed_runs(), s.elapsed(), stop_name(s.stop_reason()));
  append_json_string(out, plan.orders() ? plan.runner : plan.command);
  out += ", \"order\": ";
  if (plan.orders()) {
    out += fmt::format("{{\"kind\": \"{}\", \"seed\": {}, \"original_every\": {}}}",
                       order_kind_name(plan.order),
                       plan.order == OrderKind::reverse ? "null" : std::to_string(plan.seed),
                       plan.original_every);
  } else {
    out += "null";
  }
  out += ", \"failed_run\": ";
  if (s.stop_reason() == StopReason::failure) {
    out += fmt::format("{{\"run\": {}, \"failed\": [", s.last().number);
    for (std::size_t i = 0; i < s.last().failed.size(); ++i) {
      if (i) out += ", ";
      append_json_string(out, s.last().failed[i]);
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
    Interval i = t->interval();
    out += "{\"id\": " + json_string(t->id);
    out += fmt::format(", \"runs\": {}, \"failures\": {}, \"skips\": {}, \"rate\": {}, "
                       "\"interval\": [{}, {}], \"failed_runs\": [",
                       t->runs, t->failures, t->skips, t->runs ? json_number(t->rate()) : "null",
                       json_number(i.low), json_number(i.high));
    for (std::size_t k = 0; k < t->failed_runs.size(); ++k)
      out += (k ? ", " : "") + std::to_string(t->failed_runs[k]);
    out += "]";
    if (plan.orders()) {
      const OrderVerdict& v = verdicts->of(t);
      out += fmt::format(", \"verdict\": {}, \"original_runs\": {}, \"original_failures\": {}, "
                         "\"p_value\": {}, \"q_value\": {}, \"failing_orders\": [",
                         v.kind == FailureKind::none ? "null" : json_string(failure_kind_name(v.kind)),
                         v.original_runs, v.original_failures, json_number(v.p_value),
                         v.follows_order() ? json_number(v.q_value) : "null");
      auto kept = kept_failures(s, *t);
      for (std::size_t k = 0; k < kept.size(); ++k) {
        if (k) out += ", ";
        out += fmt::format("{{\"run\": {}, \"order\": {}, \"stream\": {}}}", kept[k]->number,
                           json_string(kept[k]->kept_order), json_string(kept[k]->kept_stream));
      }
      out += "], \"bisect\": ";
      out += v.follows_order() && !kept.empty()
                 ? json_string(bisect_command(t->id, plan.runner, kept.front()->kept_stream))
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
std::string no_subunit_message(const RepeatRun& run) {
  const CommandRun& c = run.outcome;
  bool not_runnable = c.ending == CommandRun::Ending::not_started ||
                      (c.ending == CommandRun::Ending::exited &&
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

}  // namespace su::repeat

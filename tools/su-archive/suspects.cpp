// SPDX-License-Identifier: Apache-2.0
// su-archive suspects: which tests a victim's failures follow on its
// worker, ranked by Fisher's exact test over the run history. The
// statistics are src/archive/suspects.hpp; this file prints them.
#include <cmath>

#include <fmt/format.h>

#include "archive/suspects.hpp"
#include "base/json.hpp"
#include "base/output.hpp"
#include "su-archive/subcommand.hpp"
#include "su-archive/text.hpp"

namespace su::archive_tool {

namespace {

struct SuspectsArgs {
  std::string victim;
  std::optional<std::uint64_t> last;
  std::size_t count = 10;
  double max_ratio = 0.5;
  std::string format;
};

// JSON has no infinity: an odds ratio that is infinite (T always ran
// before a failure, never before a pass) or undefined is null.
std::string json_number(double x) { return std::isfinite(x) ? fmt::format("{}", x) : "null"; }

std::string odds_text(double x) {
  if (std::isnan(x)) return "-";
  if (std::isinf(x)) return "inf";
  return fmt::format("{:.2f}", x);
}

std::string suspect_json(const Suspect& s) {
  return fmt::format(
      "{{\"id\": {}, \"before_failed\": {}, \"before_passed\": {}, \"absent_failed\": {}, "
      "\"absent_passed\": {}, \"p_value\": {}, \"q_value\": {}, \"odds_ratio\": {}}}",
      json_string(s.id), s.table.a, s.table.b, s.table.c, s.table.d, json_number(s.p_value),
      json_number(s.q_value), json_number(s.odds_ratio));
}

std::string verdict_text(const SuspectReport& r, const std::string& victim) {
  switch (r.verdict) {
    case SuspectVerdict::not_found:
      return fmt::format("'{}' ran in none of the {} runs read", victim, r.runs);
    case SuspectVerdict::never_failed:
      return fmt::format("inconclusive: '{}' passed in all {} runs where it ran; nothing to explain",
                         victim, r.victim_runs);
    case SuspectVerdict::always_failed:
      return fmt::format("inconclusive: '{}' failed in all {} runs where it ran, so no order of "
                         "tests is told apart from another; it may simply be broken",
                         victim, r.victim_runs);
    case SuspectVerdict::too_short:
      return fmt::format("inconclusive: the history is too short to tell: with {} failures in {} "
                         "runs, even a test that ran before every failure and no pass would "
                         "have p = {:.3g}, which does not survive correction for {} candidates; "
                         "more runs (with tests reshuffled between workers) will tell",
                         r.victim_failures, r.victim_runs, r.best_possible_p, r.suspects.size());
    case SuspectVerdict::inconclusive:
      return fmt::format("inconclusive: no test's association survives correction for {} "
                         "candidates (best q = {:.3g}); the failures may not come from "
                         "interference",
                         r.suspects.size(), r.suspects.empty() ? 1.0 : r.suspects.front().q_value);
    case SuspectVerdict::found: {
      const Suspect& s = r.suspects.front();
      return fmt::format("suspect: '{}' (q = {:.3g}): '{}' failed in {} of {} runs after it, "
                         "{} of {} without it",
                         s.id, s.q_value, victim, s.table.a, s.table.a + s.table.b, s.table.c,
                         s.table.c + s.table.d);
    }
  }
  return {};
}

Exit run_suspects(Context& ctx, const SuspectsArgs& args) {
  SuspectOptions options;
  options.selection.last = args.last;
  options.max_run_failure_ratio = args.max_ratio;
  auto store = ctx.open_store();
  bool damaged = false;
  SuspectReport report =
      find_suspects(*store, args.victim, options, [&](std::uint64_t, const std::string& error) {
        ctx.tool.error(error);
        damaged = true;
      });
  std::string verdict = verdict_text(report, args.victim);
  std::string left_out;
  if (!report.infrastructure_runs.empty())
    left_out = fmt::format("{} run{} left out as infrastructure failures",
                           report.infrastructure_runs.size(),
                           report.infrastructure_runs.size() == 1 ? "" : "s");
  std::string text;
  if (args.format == "json") {
    JsonArrayWriter array{text};
    for (const auto& s : report.suspects) array.item(suspect_json(s));
    array.close();
  } else if (report.verdict != SuspectVerdict::not_found) {
    text = fmt::format("'{}' ran in {} of {} runs and failed in {}{}\n", args.victim,
                       report.victim_runs, report.runs, report.victim_failures,
                       left_out.empty() ? "" : " (" + left_out + ")");
    if (!report.suspects.empty() && report.victim_failures > 0 &&
        report.victim_failures < report.victim_runs) {
      text += fmt::format("{:<4} {:>9} {:>9} {:>6}  {:>13}  {:>13}  {}\n", "rank", "p", "q",
                          "odds", "before: f/p", "absent: f/p", "id");
      for (std::size_t i = 0; i < report.suspects.size() && i < args.count; ++i) {
        const Suspect& s = report.suspects[i];
        text += fmt::format("{:<4} {:>9.3g} {:>9.3g} {:>6}  {:>13}  {:>13}  {}\n", i + 1,
                            s.p_value, s.q_value, odds_text(s.odds_ratio),
                            fmt::format("{}/{}", s.table.a, s.table.b),
                            fmt::format("{}/{}", s.table.c, s.table.d), s.id);
      }
    }
    text += verdict + "\n";
  }
  standard_output().write(text);
  if (args.format == "json") {
    ctx.tool.note("suspects: " + verdict);
    if (!left_out.empty()) ctx.tool.note("suspects: " + left_out);
  }
  if (damaged) return Exit::undecodable;
  if (report.verdict == SuspectVerdict::not_found) {
    ctx.tool.warn(fmt::format("no run in '{}' ran a test '{}'", store->dir(), args.victim));
    return Exit::no;
  }
  return Exit::ok;
}

}  // namespace

Subcommand suspects_command(Context& ctx) {
  auto args = std::make_shared<SuspectsArgs>();
  auto* app = ctx.tool.app.add_subcommand(
      "suspects", "tests a victim's failures follow on its worker (Fisher exact, BH q-values)");
  app->add_option("victim", args->victim, "the failing test's id")->required();
  app->add_option("--last", args->last, "only the last N runs")->type_name("N");
  app->add_option("-n,--count", args->count, "text: how many suspects to show (default 10)");
  app->add_option("--max-run-failure-ratio", args->max_ratio,
                  "runs where more than this share of tests failed are left out (default 0.5)")
      ->type_name("RATIO")
      ->check(CLI::Range(0.0, 1.0));
  add_format_option(app, args->format, {"text", "json"});
  return {app, [&ctx, args] { return run_suspects(ctx, *args); }};
}

}  // namespace su::archive_tool

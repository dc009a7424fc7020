// SPDX-License-Identifier: Apache-2.0
// su-archive flaky: which tests flip between passing and failing over the
// run history, how sure we are, and which are broken or fixed. The
// statistics are src/archive/flake_stats.hpp; this file prints them.
#include <cstdio>

#include <fmt/format.h>

#include "archive/flake_stats.hpp"
#include "base/civil_date.hpp"
#include "base/json.hpp"
#include "base/output.hpp"
#include "ops/quarantine.hpp"
#include "su-archive/subcommand.hpp"
#include "su-archive/text.hpp"

namespace su::archive_tool {

namespace {

struct FlakyArgs {
  std::optional<std::uint64_t> last;
  std::string since;
  std::uint64_t min_runs = 1;
  double max_ratio = 0.5;
  bool all = false;
  std::string format;
  std::string expires;
};

std::string percent(double x) { return fmt::format("{:.1f}%", 100 * x); }

std::string class_text(const FlakeRecord& r) {
  if (r.kind == FlakeClass::broken) return fmt::format("broken since {}", *r.since);
  if (r.kind == FlakeClass::fixed) return fmt::format("fixed since {}", *r.since);
  return std::string(flake_class_name(r.kind));
}

std::string optional_run(const std::optional<std::uint64_t>& run) {
  return run ? fmt::format("{}", *run) : "null";
}

std::string record_json(const FlakeRecord& r) {
  return fmt::format(
      "{{\"id\": {}, \"runs\": {}, \"failures\": {}, \"rate\": {}, \"low\": {}, \"high\": {}, "
      "\"flips\": {}, \"same_commit_flips\": {}, \"class\": \"{}\", \"first_failure\": {}, "
      "\"last_failure\": {}}}",
      json_string(r.id), r.runs, r.failures, r.rate, r.interval.low, r.interval.high, r.flips,
      r.same_commit_flips, flake_class_name(r.kind), optional_run(r.first_failure),
      optional_run(r.last_failure));
}

std::string quarantine_reason(const FlakeRecord& r) {
  std::string reason = fmt::format("flaky: failed {} of {} runs ({}, 95% interval {} to {})",
                                   r.failures, r.runs, percent(r.rate), percent(r.interval.low),
                                   percent(r.interval.high));
  if (r.same_commit_flips)
    reason += fmt::format("; {} flip{} on the same commit", r.same_commit_flips,
                          r.same_commit_flips == 1 ? "" : "s");
  return reason;
}

std::string left_out_text(const FlakeReport& report, double max_ratio) {
  const auto& infra = report.infrastructure_runs;
  if (infra.empty()) return {};
  std::string runs;
  for (std::size_t i = 0; i < infra.size() && i < 10; ++i)
    runs += fmt::format("{}{}", i ? ", " : "", infra[i]);
  if (infra.size() > 10) runs += ", ...";
  return fmt::format("{} run{} left out as infrastructure failures (more than {} of the tests "
                     "failed): {}",
                     infra.size(), infra.size() == 1 ? "" : "s", percent(max_ratio), runs);
}

Exit run_flaky(Context& ctx, const FlakyArgs& args) {
  FlakeOptions options;
  options.selection.last = args.last;
  if (!args.since.empty()) {
    options.selection.since_ns = parse_date(args.since);
    if (!options.selection.since_ns) {
      ctx.tool.error(fmt::format("--since: '{}' is not a date (2026-11-30 or "
                                 "2026-11-30T12:00:00Z)",
                                 args.since));
      return Exit::usage;
    }
  }
  std::int32_t expires = today_days() + 30;
  if (!args.expires.empty()) {
    unsigned y = 0, m = 0, d = 0;
    char end = 0;
    if (args.expires.size() != 10 ||
        std::sscanf(args.expires.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 ||
        !parse_date(args.expires)) {
      ctx.tool.error(fmt::format("--expires: '{}' is not a date like 2027-01-31", args.expires));
      return Exit::usage;
    }
    expires = static_cast<std::int32_t>(su::days_from_civil(y, m, d));
  }
  options.min_runs = args.min_runs;
  options.max_run_failure_ratio = args.max_ratio;
  options.all = args.all;

  auto store = ctx.open_store();
  bool damaged = false;
  FlakeReport report = flake_stats(*store, options, [&](std::uint64_t, const std::string& error) {
    ctx.tool.error(error);
    damaged = true;
  });

  std::string text;
  std::string left_out = left_out_text(report, args.max_ratio);
  if (args.format == "json") {
    JsonArrayWriter array{text};
    for (const auto& r : report.tests) array.item(record_json(r));
    array.close();
  } else if (args.format == "ids") {
    for (const auto& r : report.tests) text += r.id + "\n";
  } else if (args.format == "quarantine") {
    text = fmt::format("# su-archive flaky: {} runs of '{}'\n\n", report.runs, store->dir());
    for (const auto& r : report.tests) {
      if (r.kind != FlakeClass::flaky) continue;
      QuarantineEntry e;
      e.id = r.id;
      e.reason = quarantine_reason(r);
      e.expires = expires;
      text += quarantine_toml(e);
    }
  } else {
    text = fmt::format("{:>6}  {:<16} {:>5} {:>5} {:>5} {:>11}  {:<17} {}\n", "rate",
                       "95% interval", "runs", "fails", "flips", "same-commit", "class", "id");
    for (const auto& r : report.tests)
      text += fmt::format("{:>6}  {:<16} {:>5} {:>5} {:>5} {:>11}  {:<17} {}\n", percent(r.rate),
                          fmt::format("{}-{}", percent(r.interval.low), percent(r.interval.high)),
                          r.runs, r.failures, r.flips, r.same_commit_flips, class_text(r), r.id);
    text += fmt::format("{} test{} from {} run{}", report.tests.size(),
                        report.tests.size() == 1 ? "" : "s", report.runs,
                        report.runs == 1 ? "" : "s");
    text += left_out.empty() ? "\n" : "; " + left_out + "\n";
  }
  standard_output().write(text);
  // Machine-readable output stays clean: the note goes to stderr.
  if (args.format != "text" && !left_out.empty()) ctx.tool.note("flaky: " + left_out);
  return damaged ? Exit::undecodable : Exit::ok;
}

}  // namespace

Subcommand flaky_command(Context& ctx) {
  auto args = std::make_shared<FlakyArgs>();
  auto* app = ctx.tool.app.add_subcommand(
      "flaky", "tests that flip between pass and fail, with Wilson intervals; broken and fixed ones");
  auto* last = app->add_option("--last", args->last, "only the last N runs")->type_name("N");
  app->add_option("--since", args->since, "only runs since DATE (2026-11-30)")
      ->type_name("DATE")
      ->excludes(last);
  app->add_option("--min-runs", args->min_runs, "leave out tests that ran fewer than K times")
      ->type_name("K");
  app->add_option("--max-run-failure-ratio", args->max_ratio,
                  "runs where more than this share of tests failed are infrastructure "
                  "failures, left out (default 0.5)")
      ->type_name("RATIO")
      ->check(CLI::Range(0.0, 1.0));
  app->add_flag("--all", args->all, "also list tests that never failed");
  app->add_option("--expires", args->expires,
                  "with --format=quarantine: the entries' expiry date (default: in 30 days)")
      ->type_name("DATE");
  add_format_option(app, args->format, {"text", "json", "ids", "quarantine"});
  return {app, [&ctx, args] { return run_flaky(ctx, *args); }};
}

}  // namespace su::archive_tool

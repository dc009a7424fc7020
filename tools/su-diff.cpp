// su-diff: what changed between two runs: new failures, fixes, added and
// removed tests, status changes, timing. See su-diff(1). Exit 1 when NEW has
// new failures (or, with --fail-on=any, any difference), so it can gate.
#include <cstdlib>
#include <unistd.h>

#include "base/output.hpp"
#include "common/terminal.hpp"
#include "common/tool.hpp"
#include "event/sink.hpp"
#include "report/diff_report.hpp"
#include "ops/run_diff.hpp"
#include "ops/run_summary.hpp"
#include "ops/result_aggregator.hpp"

int main(int argc, char** argv) {
  su::Tool tool{"su-diff", "Show what changed between two runs: OLD (e.g. the last green run) and NEW."};
  std::string old_path, new_path, format = "text", section_text, color = "auto", fail_on = "new";
  bool by_route = false;
  su::DiffOptions diff_options;
  tool.app.add_option("old", old_path, "the earlier run (v1, v2, zstd); '-' is standard input")
      ->required();
  tool.app.add_option("new", new_path, "the later run; '-' is standard input")->required();
  tool.app.add_option("--format", format, "'text', 'json' or 'ids' (with --section)")
      ->check(CLI::IsMember({"text", "json", "ids"}));
  tool.app.add_option("--section", section_text,
                      "with --format=ids: new-failures, fixed, still-failing, added, removed, "
                      "status-changes, slower, faster or flaky");
  tool.app.add_flag("--by-route", by_route, "match tests by id and route code");
  tool.app.add_option("--slower", diff_options.slower_percent,
                      "percent a duration must change by to count (default 50)")
      ->check(CLI::NonNegativeNumber);
  tool.app.add_option("--min-seconds", diff_options.min_seconds,
                      "seconds a duration must change by to count (default 0.1)")
      ->check(CLI::NonNegativeNumber);
  su::add_color_option(tool.app, color);
  tool.app.add_option("--fail-on", fail_on,
                      "exit 1 on 'new' failures (default) or on 'any' difference")
      ->check(CLI::IsMember({"new", "new-failures", "any"}));
  tool.add_strict_flag();

  su::Section section{};
  // Checked while parsing, so a mistake is a usage error (exit 2).
  tool.app.final_callback([&] {
    if (format == "ids" && !su::parse_section(section_text, section))
      throw CLI::ValidationError("--format=ids needs --section=NAME naming a section");
    if (format != "ids" && !section_text.empty())
      throw CLI::ValidationError("--section is only for --format=ids");
    if (old_path == "-" && new_path == "-")
      throw CLI::ValidationError("only one of OLD and NEW can be '-'");
  });

  return tool.run(argc, argv, [&] {

    // Both runs are read once, one after the other, into per-test summaries;
    // NEW's is built against OLD's so the two share their ids.
    su::RunSummary old_run{by_route};
    su::RunSummary new_run{by_route, &old_run};
    for (auto [path, run] : {std::pair{&old_path, &old_run}, std::pair{&new_path, &new_run}}) {
      auto reader = tool.open(*path);
      su::ResultAggregator aggregator{*run};
      su::pump(*reader, aggregator);
    }
    su::RunDiff diff{old_run, new_run, diff_options};

    su::Output& out = su::standard_output();
    su::ReportOptions report{old_path == "-" ? "<stdin>" : old_path,
                             new_path == "-" ? "<stdin>" : new_path, su::color_wanted(color)};
    if (format == "json")
      su::write_json_report(out, diff, report);
    else if (format == "ids")
      su::write_section_ids(out, diff, section, su::escape_for_terminal());
    else
      su::write_text_report(out, diff, report);

    bool no = fail_on == "any" ? diff.any_change()
                               : !diff.section(su::Section::new_failures).empty();
    return no ? su::Exit::no : su::Exit::ok;
  });
}

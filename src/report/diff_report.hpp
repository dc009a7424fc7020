// Rendering a RunDiff for su-diff(1): human text, one JSON document, or the
// ids of one section. Writes to an Output; deciding on colour (is stdout a
// terminal?) is the caller's job.
//
// Text: one block per non-empty section, "name (count):" then one line per
// test, ids padded to a common column, then a summary of both runs. A test
// that ran more than once in a run shows its counts ("3 runs: 2 success,
// 1 fail") and "flaky" when it both failed and passed. Control characters
// in ids are escaped (\n, \t, \xNN) so each test stays on one line.
//
// JSON (keys in this order, stable):
//   {"old": RUN, "new": RUN,
//    "options": {"by_route", "slower_percent", "min_seconds"},
//    "counts": {"new-failures": N, ... every section},
//    "sections": {"new-failures": [ENTRY, ...], ... every section}}
//   RUN   = {"name", "tests", "results", "failing", "flaky",
//            "elapsed_seconds" (null without timestamps)}
//   ENTRY = {"id", "route_code" (only with by_route; null when none),
//            "old": TEST or null, "new": TEST or null}
//   TEST  = {"status", "fails", "flaky", "runs",
//            "results": {outcome: count, ... non-zero only},
//            "seconds" (mean duration, null when unknown)}
//
// Ids: the section's test ids, one per line, sorted, each once (with
// by_route one id may have several routes), bytes as in the stream.
#pragma once

#include <string>

#include "base/output.hpp"
#include "ops/run_diff.hpp"

namespace su {

struct ReportOptions {
  std::string old_name = "OLD";  // how the runs are named in the report
  std::string new_name = "NEW";
  bool color = false;            // ANSI colours in the text report
};

void write_text_report(Output& out, const RunDiff& diff, const ReportOptions& options);
void write_json_report(Output& out, const RunDiff& diff, const ReportOptions& options);
// One id per line; with `escape` (a terminal), control bytes in ids are
// made visible (base/visible_text.hpp), else written as they are.
void write_section_ids(Output& out, const RunDiff& diff, Section section, bool escape = false);

}  // namespace su

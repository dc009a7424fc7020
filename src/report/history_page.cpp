// SPDX-License-Identifier: Apache-2.0
#include "report/history_page.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "archive/archive_error.hpp"
#include "archive/queries.hpp"
#include "report/html_writer.hpp"
#include "report/svg_charts.hpp"

namespace su {
namespace {

constexpr std::size_t kFlakyShown = 25;  // rows of the flaky ranking

// A glyph per status, so the grid reads without colour (and in print).
std::string_view glyph(std::string_view s) {
  if (s == "success") return "\xE2\x9C\x93";          // ✓
  if (s == "fail") return "\xE2\x9C\x97";             // ✗
  if (s == "skip") return "\xE2\x80\x93";             // –
  if (s == "xfail") return "x";
  if (s == "uxsuccess") return "!";
  if (s == "incomplete") return "\xE2\x80\xA6";       // …
  return "?";
}

std::int64_t started_ns(const archive::pb::RunHeader& h) {
  return h.has_times() ? h.first_ns() : h.added_ns();
}

std::string meta_text(const archive::pb::RunHeader& h) {
  std::string out;
  for (const auto& m : h.meta()) {
    if (!out.empty()) out += ' ';
    out += m.key() + "=" + m.value();
  }
  return out;
}

}  // namespace

void HistoryPage::read(RunStore& store,
                       const std::function<void(const std::string&)>& damaged) {
  std::vector<std::uint64_t> ids = store.runs();
  total_runs_ = ids.size();
  if (ids.size() > options_.last)
    ids.erase(ids.begin(), ids.end() - static_cast<std::ptrdiff_t>(options_.last));
  auto load = [&](std::uint64_t run) -> std::optional<RunIndex> {
    try {
      return store.index(run);
    } catch (const ArchiveDamage& e) {
      std::string message = "'" + e.path() + "': " + e.what();
      damaged_.push_back("run " + std::to_string(run) + ": " + e.what());
      if (damaged) damaged(message);
    } catch (const ArchiveUsage&) {
      // removed while we read: simply not there any more
    }
    return std::nullopt;
  };

  // First pass: which tests failed in any of the runs.
  std::vector<std::uint64_t> readable;
  std::vector<char> failed, seen;
  for (std::uint64_t run : ids) {
    auto index = load(run);
    if (!index) continue;
    readable.push_back(run);
    runs_.push_back({index->header});
    for (const TestRow& row : index->rows) {
      if (row.test >= seen.size()) {
        seen.resize(row.test + 1);
        failed.resize(row.test + 1);
      }
      if (!seen[row.test]) seen[row.test] = 1, ++distinct_tests_;
      if (row.failed()) failed[row.test] = 1;
    }
  }
  std::unordered_map<std::uint32_t, std::size_t> test_of;
  for (std::uint32_t t = 0; t < failed.size(); ++t) {
    if (!failed[t]) continue;
    test_of[t] = tests_.size();
    tests_.push_back({std::string(store.ids().at(t)), std::vector<Cell>(runs_.size()), 0, 0});
  }

  // Second pass: those tests' cells.
  for (std::size_t k = 0; k < readable.size() && !tests_.empty(); ++k) {
    auto index = load(readable[k]);
    if (!index) continue;
    std::vector<const TestRow*> rows;
    for (const TestRow& row : index->rows)
      if (test_of.count(row.test)) rows.push_back(&row);
    std::sort(rows.begin(), rows.end(),
              [](const TestRow* a, const TestRow* b) { return a->offset < b->offset; });
    std::unordered_map<std::size_t, std::pair<double, int>> timed;  // test -> (sum, n)
    for (const TestRow* row : rows) {
      std::size_t t = test_of[row->test];
      Cell& cell = tests_[t].cells[k];
      std::string status(row_status(*row));
      if (cell.status.empty()) {
        cell.status = status;
        cell.all = status;
        cell.failing = row->failed();
      } else {
        cell.all += ", " + status;
        if (!cell.failing) cell.status = status, cell.failing = row->failed();
      }
      if (auto ns = row->duration_ns()) {
        auto& [sum, n] = timed[t];
        sum += static_cast<double>(*ns) / 1e9;
        ++n;
      }
    }
    for (const auto& [t, sum_n] : timed)
      tests_[t].cells[k].seconds = sum_n.first / sum_n.second;
  }
  // The flaky ranking over the same runs, as su-archive flaky gives it;
  // damage was reported above.
  FlakeOptions flake_options;
  flake_options.selection.last = options_.last;
  flakes_ = flake_stats(store, flake_options, [](std::uint64_t, const std::string&) {});
  for (Test& test : tests_)
    for (std::size_t k = 0; k < test.cells.size(); ++k)
      if (test.cells[k].failing) ++test.failures, test.last_failure = k;
  std::stable_sort(tests_.begin(), tests_.end(), [](const Test& a, const Test& b) {
    if (a.failures != b.failures) return a.failures > b.failures;
    if (a.last_failure != b.last_failure) return a.last_failure > b.last_failure;
    return a.id < b.id;
  });
}

void HistoryPage::write(Output& output) const {
  HtmlWriter out{output};
  out.page_start(options_.title, options_.subtitle,
                 {{"flaky", "Flaky ranking"}, {"grid", "Tests that failed"}, {"runs", "Runs"}});

  out.raw("<section id=\"flaky\"><h2>Flaky ranking <small>as su-archive flaky ranks them, over ");
  out.number(flakes_.runs).raw(" runs</small></h2>\n");
  std::vector<const FlakeRecord*> ranked;
  for (const FlakeRecord& r : flakes_.tests)
    if (r.kind != FlakeClass::passing && ranked.size() < kFlakyShown) ranked.push_back(&r);
  if (ranked.empty()) {
    out.raw("<p class=\"note\">No test failed in these runs.</p>\n");
  } else {
    out.raw("<p class=\"note\">By the lower bound of the 95% Wilson interval of each test's "
            "failure rate; flips are changes between passing and failing from one run to the "
            "next, on the same commit in brackets.</p>\n");
    out.raw("<div class=\"wrap\"><table class=\"flaky\"><thead><tr><th>Test</th><th>Class</th>"
            "<th class=\"num\">Failed</th><th class=\"num\">Rate (95% interval)</th>"
            "<th class=\"num\">Flips</th><th class=\"num\">Since run</th></tr></thead><tbody>\n");
    for (const FlakeRecord* r : ranked) {
      char rate[96];
      std::snprintf(rate, sizeof rate, "%.0f%% (%.0f&#8211;%.0f%%)", 100 * r->rate,
                    100 * r->interval.low, 100 * r->interval.high);
      out.raw("<tr data-flaky-id=\"").attr(r->id).raw("\" data-class=\"");
      out.raw(flake_class_name(r->kind)).raw("\"><td class=\"id\">").text(r->id);
      out.raw("</td><td>").raw(flake_class_name(r->kind)).raw("</td><td class=\"num\">");
      out.number(r->failures).raw("/").number(r->runs).raw("</td><td class=\"num\">").raw(rate);
      out.raw("</td><td class=\"num\">").number(r->flips);
      if (r->same_commit_flips) out.raw(" (").number(r->same_commit_flips).raw(")");
      out.raw("</td><td class=\"num\">");
      if (r->since) out.number(*r->since);
      out.raw("</td></tr>\n");
    }
    out.raw("</tbody></table></div>\n");
  }
  if (!flakes_.infrastructure_runs.empty()) {
    out.raw("<p class=\"note\">Left out of the ranking as infrastructure failures (most of "
            "their tests failed): runs");
    for (auto run : flakes_.infrastructure_runs) out.raw(" ").number(run);
    out.raw(".</p>\n");
  }
  out.raw("</section>\n");

  out.raw("<section id=\"grid\"><h2>Tests that failed <small>").number(tests_.size());
  out.raw(" of ").number(distinct_tests_).raw(" tests failed at least once in these runs");
  out.raw("</small></h2>\n");
  if (tests_.empty()) {
    out.raw("<p class=\"note\">No test failed in these runs.</p>\n");
  } else {
    out.raw("<div class=\"wrap\"><table class=\"grid\"><thead><tr><th>Test</th>"
            "<th class=\"num\">Failed</th><th>Duration</th>");
    for (const Run& run : runs_) {
      const auto& h = run.header;
      out.raw("<th class=\"run\" scope=\"col\" title=\"run ").number(h.id()).raw(", ");
      out.attr(human_time(started_ns(h) / 1000));
      std::string meta = meta_text(h);
      if (!meta.empty()) out.raw(", ").attr(meta);
      out.raw("\">").number(h.id()).raw("</th>");
    }
    out.raw("</tr></thead><tbody>\n");
    for (const Test& test : tests_) {
      out.raw("<tr><td class=\"id\">").text(test.id).raw("</td><td class=\"num\">");
      out.number(test.failures).raw("/");
      std::size_t ran = 0;
      std::vector<std::optional<double>> durations;
      std::vector<bool> marked;
      double lo = 0, hi = 0;
      bool any = false;
      for (const Cell& c : test.cells) {
        if (!c.status.empty()) ++ran;
        durations.push_back(c.seconds);
        marked.push_back(c.failing);
        if (c.seconds) {
          lo = any ? std::min(lo, *c.seconds) : *c.seconds;
          hi = any ? std::max(hi, *c.seconds) : *c.seconds;
          any = true;
        }
      }
      out.number(ran).raw("</td><td>");
      write_sparkline(out, durations, marked,
                      any ? "duration " + human_seconds(lo) + " to " + human_seconds(hi)
                          : std::string("no durations"));
      out.raw("</td>");
      for (std::size_t k = 0; k < test.cells.size(); ++k) {
        const Cell& c = test.cells[k];
        if (c.status.empty()) {
          out.raw("<td class=\"c none\" title=\"run ").number(runs_[k].header.id());
          out.raw(": not run\"></td>");
          continue;
        }
        out.raw("<td class=\"c\" data-test-id=\"").attr(test.id).raw("\" data-run=\"");
        out.number(runs_[k].header.id()).raw("\" data-status=\"").attr(c.status);
        out.raw("\" title=\"run ").number(runs_[k].header.id()).raw(": ").attr(c.all);
        if (c.seconds) out.raw(", ").attr(human_seconds(*c.seconds));
        out.raw("\">").raw(glyph(c.status)).raw("</td>");
      }
      out.raw("</tr>\n");
    }
    out.raw("</tbody></table></div>\n<ul class=\"legend\">");
    for (std::string_view s : {"success", "fail", "skip", "xfail", "uxsuccess", "incomplete"})
      out.raw("<li><span class=\"dot s-").raw(s).raw("\"></span>").raw(glyph(s)).raw(" ").raw(s).raw("</li>");
    out.raw("<li><span class=\"dot\" style=\"background:var(--absent)\"></span>not run</li></ul>\n");
  }
  out.raw("</section>\n");
  out.raw("<section id=\"runs\"><h2>Runs <small>the last ").number(runs_.size());
  out.raw(" of ").number(total_runs_).raw("</small></h2>\n");
  if (!damaged_.empty()) {
    out.raw("<p class=\"note\">Left out, damaged: ");
    for (std::size_t i = 0; i < damaged_.size(); ++i) out.raw(i ? "; " : "").text(damaged_[i]);
    out.raw("</p>\n");
  }
  if (runs_.empty()) {
    out.raw("<p class=\"note\">The archive has no runs.</p>\n");
  } else {
    out.raw("<div class=\"wrap\"><table><thead><tr><th class=\"num\">Run</th><th>Time</th>"
            "<th class=\"num\">Tests</th><th class=\"num\">Failed</th><th class=\"num\">Skipped</th>"
            "<th class=\"num\">Duration</th><th>Metadata</th></tr></thead><tbody>\n");
    for (auto it = runs_.rbegin(); it != runs_.rend(); ++it) {
      const auto& h = it->header;
      out.raw("<tr data-run=\"").number(h.id()).raw("\"><td class=\"num\">").number(h.id());
      out.raw("</td><td>").text(human_time(started_ns(h) / 1000)).raw("</td><td class=\"num\">");
      out.number(h.tests()).raw("</td><td class=\"num\">").number(h.failures());
      out.raw("</td><td class=\"num\">").number(h.skips()).raw("</td><td class=\"num\">");
      if (h.has_times())
        out.text(human_seconds(static_cast<double>(h.last_ns() - h.first_ns()) / 1e9));
      out.raw("</td><td class=\"mono\">").text(meta_text(h)).raw("</td></tr>\n");
    }
    out.raw("</tbody></table></div>\n");
  }
  out.raw("</section>\n");

  out.page_end();
}

}  // namespace su

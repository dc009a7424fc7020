// SPDX-License-Identifier: Apache-2.0
#include "report/run_page.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "report/details_text.hpp"
#include "report/html_writer.hpp"
#include "report/svg_charts.hpp"

namespace su {
namespace {

constexpr std::string_view kOutcomeNames[] = {"success", "fail",      "skip",
                                              "xfail",   "uxsuccess", "incomplete"};
constexpr std::size_t kTagsShown = 60;

// "worker-2" before "worker-10": digits compare as numbers; the lane of
// tests without a worker tag ("") comes last.
bool natural_less(std::string_view a, std::string_view b) {
  if (a.empty() != b.empty()) return b.empty();
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) &&
        std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t i2 = i, j2 = j;
      while (i2 < a.size() && a[i2] == '0') ++i2;
      while (j2 < b.size() && b[j2] == '0') ++j2;
      std::size_t ie = i2, je = j2;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      if (ie - i2 != je - j2) return ie - i2 < je - j2;
      int c = a.substr(i2, ie - i2).compare(b.substr(j2, je - j2));
      if (c) return c < 0;
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

// The first `limit` bytes of `bytes`, not cutting a UTF-8 sequence.
std::string_view cut(std::string_view bytes, std::size_t limit) {
  if (bytes.size() <= limit) return bytes;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(bytes[end]) & 0xC0) == 0x80) --end;
  return bytes.substr(0, end);
}

// Text that is not typed as text (application/json, no type at all) is
// still shown when it holds no control characters but tab and line breaks.
bool free_of_controls(std::string_view bytes) {
  for (unsigned char c : bytes)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
  return true;
}

}  // namespace

std::optional<double> RunPage::Row::seconds() const {
  if (!timed_start || !timed_stop) return std::nullopt;
  return static_cast<double>(stop - start) / 1e6;
}

std::uint32_t RunPage::worker_index(std::string_view tag) {
  auto [it, added] = worker_of_.try_emplace(std::string(tag),
                                            static_cast<std::uint32_t>(workers_.size()));
  if (added) workers_.emplace_back(tag);
  return it->second;
}

std::string RunPage::render_attachments(const TestResult& r, std::size_t limit) {
  std::string html;
  std::vector<const Attachment*> order;
  for (const auto& a : r.attachments) order.push_back(&a);
  // The traceback first: it is what a reader looks for.
  std::stable_partition(order.begin(), order.end(),
                        [](const Attachment* a) { return a->name == "traceback"; });
  std::string binary;
  for (const Attachment* a : order) {
    Attachment shown{a->name, a->mime_type, std::string(cut(a->bytes, limit)), a->size};
    std::optional<std::string> text;
    if (parse_content_type(a->mime_type).is_text() || free_of_controls(shown.bytes))
      text = readable_text(shown);
    if (!text) {
      binary += "<li><code>";
      append_html_text(binary, a->name);
      binary += "</code> ";
      append_html_text(binary, a->mime_type.empty() ? "application/octet-stream" : a->mime_type);
      binary += ", ";
      binary += human_bytes(a->size);
      binary += " (binary, not shown)</li>";
      continue;
    }
    html += "<h4>";
    append_html_text(html, a->name);
    if (!a->mime_type.empty()) {
      html += " <span class=\"meta\">";
      append_html_text(html, a->mime_type);
      html += "</span>";
    }
    html += "</h4><pre>";
    append_html_text(html, *text);
    if (a->bytes.size() > shown.bytes.size()) {
      html += "\n\xE2\x80\xA6 ";  // …
      html += human_bytes(a->size - shown.bytes.size());
      html += " more not shown";
    }
    html += "</pre>\n";
  }
  if (!binary.empty()) html += "<ul class=\"binary\">" + binary + "</ul>\n";
  return html;
}

void RunPage::on_result(const TestResult& r) {
  // Counted exactly as su-stats counts: whatever RunStats does not count
  // (an `exists` result) is not a test here either.
  std::uint64_t before = stats_.total;
  stats_.add(r);
  if (stats_.total == before) return;
  Row row;
  row.id = r.id;
  if (!r.complete) {
    row.outcome = incomplete;
  } else {
    switch (r.status) {
      case Status::fail: row.outcome = fail; break;
      case Status::skip: row.outcome = skip; break;
      case Status::xfail: row.outcome = xfail; break;
      case Status::uxsuccess: row.outcome = uxsuccess; break;
      default: row.outcome = success; break;
    }
  }
  if (r.start) row.timed_start = true, row.start = r.start->micros();
  if (r.stop) row.timed_stop = true, row.stop = r.stop->micros();
  row.worker = worker_index(r.worker_tag());
  row.offset = r.offset;
  // Whatever TestResult::failed() says fails is what RunStats counts as
  // failed, so these rows are su-stats's failures, whatever the rule.
  row.failing = r.failed();
  if (row.failing) {
    failures_.push_back({rows_.size(), r.route_code.value_or(""),
                         render_attachments(r, options_.attachment_limit)});
  }
  rows_.push_back(std::move(row));
}

void RunPage::on_non_test(const Event& e) {
  if (!e.file_name || e.file_bytes.empty()) return;
  other_output_size_ += e.file_bytes.size();
  if (other_output_.size() < options_.attachment_limit)
    other_output_.append(e.file_bytes.substr(
        0, std::min(e.file_bytes.size(), options_.attachment_limit - other_output_.size())));
}

RunPage::WorkerLayout RunPage::worker_layout() const {
  WorkerLayout w;
  // Lanes in natural order; rows' worker numbers map onto them.
  std::vector<std::uint32_t> lane_order(workers_.size());
  std::iota(lane_order.begin(), lane_order.end(), 0);
  std::sort(lane_order.begin(), lane_order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return natural_less(workers_[a], workers_[b]);
  });
  w.lane_of.resize(workers_.size());
  w.lanes.resize(workers_.size());
  for (std::uint32_t i = 0; i < lane_order.size(); ++i) {
    w.lane_of[lane_order[i]] = i;
    w.lanes[i].worker = workers_[lane_order[i]];
  }
  // Position on the worker: the order of the tests' first events there.
  std::vector<std::vector<std::size_t>> on_worker(workers_.size());
  for (std::size_t i = 0; i < rows_.size(); ++i) on_worker[rows_[i].worker].push_back(i);
  w.position.resize(rows_.size());
  for (std::size_t k = 0; k < on_worker.size(); ++k) {
    auto& list = on_worker[k];
    std::stable_sort(list.begin(), list.end(),
                     [&](std::size_t a, std::size_t b) { return rows_[a].offset < rows_[b].offset; });
    for (std::size_t i = 0; i < list.size(); ++i) w.position[list[i]] = static_cast<std::uint32_t>(i + 1);
    w.lanes[w.lane_of[k]].tests = list.size();
  }
  return w;
}

void RunPage::write(Output& output) const {
  HtmlWriter out{output};
  std::string failures_label = "Failures (" + std::to_string(stats_.failed) + ")";
  std::vector<std::pair<std::string, std::string>> sections{{"summary", "Summary"},
                                                            {"failures", failures_label}};
  if (other_output_size_) sections.emplace_back("output", "Other output");
  sections.insert(sections.end(),
                  {{"timeline", "Timeline"}, {"slowest", "Slowest"}, {"all-tests", "All tests"}});
  out.page_start(options_.title, options_.subtitle, sections);
  WorkerLayout w = worker_layout();
  write_summary(out, w);
  write_failures(out, w);
  write_other_output(out);
  write_timeline_section(out, w);
  write_slowest(out);
  write_table(out);  // every test, in the order they finished
  out.page_end();
}

void RunPage::write_summary(HtmlWriter& out, const WorkerLayout& w) const {
  const RunStats& s = stats_;
  out.raw("<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">");
  auto card = [&](const char* cls, std::string_view hook, std::string_view label, std::uint64_t n) {
    out.raw("<div class=\"card ").raw(cls).raw("\"><span class=\"n\" data-count=\"").raw(hook);
    out.raw("\">").number(n).raw("</span><span class=\"l\">").raw(label).raw("</span></div>");
  };
  card("total", "total", "tests", s.total);
  card("pass", "passed", "passed", s.passed());
  card(s.failed ? "fail" : "ok", "fail", "failed", s.failed);
  card("skip", "skip", "skipped", s.skipped);
  out.raw("</div>\n<ul class=\"chips\" aria-label=\"outcomes\">");
  auto chip = [&](std::string_view name, std::uint64_t n) {
    out.raw("<li class=\"chip\"><span class=\"dot s-").raw(name).raw("\"></span>").raw(name);
    out.raw(" <span data-count=\"").raw(name).raw("\">").number(n).raw("</span></li>");
  };
  chip("success", s.success);
  chip("xfail", s.xfail);
  chip("uxsuccess", s.uxsuccess);
  chip("incomplete", s.incomplete);
  out.raw("</ul>\n");
  std::uint64_t shown_as[6] = {};  // rows per outcome as they are shown
  for (const Row& row : rows_) ++shown_as[row.outcome];
  write_outcome_bar(out, {{"success", shown_as[success]},
                          {"xfail", shown_as[xfail]},
                          {"uxsuccess", shown_as[uxsuccess]},
                          {"skip", shown_as[skip]},
                          {"fail", shown_as[fail]},
                          {"incomplete", shown_as[incomplete]}});
  out.raw("<dl class=\"facts\">");
  auto fact = [&](std::string_view name, std::string_view value) {
    out.raw("<dt>").text(name).raw("</dt><dd>").text(value).raw("</dd>");
  };
  for (const auto& [k, v] : options_.facts) fact(k, v);
  if (s.first && s.last) {
    fact("started", human_time(s.first->micros()));
    fact("duration", human_seconds(static_cast<double>(s.last->micros() - s.first->micros()) / 1e6));
    fact("test time", human_seconds(s.test_seconds()) + " (sum of the tests' durations)");
  } else {
    fact("duration", "unknown (no timestamps)");
  }
  std::size_t named = 0;
  for (const auto& lane : w.lanes) named += !lane.worker.empty();
  out.raw("<dt>workers</dt><dd>").number(named);
  if (named) out.raw(" &#8212; ");
  std::size_t listed = 0;
  for (const auto& lane : w.lanes) {
    if (lane.worker.empty() || listed++ == kTagsShown) continue;
    out.raw("<span class=\"tag\">").text(lane.worker).raw("</span>");
  }
  if (named && named < w.lanes.size()) out.raw(" and tests without a worker tag");
  out.raw("</dd><dt>tags</dt><dd>");
  std::size_t shown = 0;
  for (const auto& t : s.tags) {
    if (shown++ == kTagsShown) {
      out.raw("and ").number(s.tags.size() - kTagsShown).raw(" more");
      break;
    }
    out.raw("<span class=\"tag\">").text(t).raw("</span>");
  }
  if (s.tags.empty()) out.raw("none");
  out.raw("</dd></dl>\n</section>\n");

}

void RunPage::write_failures(HtmlWriter& out, const WorkerLayout& w) const {
  const RunStats& s = stats_;
  out.raw("<section id=\"failures\"><h2>Failures <small>").number(s.failed);
  out.raw("</small></h2>\n");
  if (failures_.empty()) out.raw("<p class=\"note\">No test failed.</p>\n");
  for (const Failure& f : failures_) {
    const Row& row = rows_[f.row];
    std::string_view name = kOutcomeNames[row.outcome];
    out.raw("<article class=\"failure\"><h3><span class=\"badge s-").raw(name).raw("\">");
    out.raw(name).raw("</span> <code>").text(row.id).raw("</code></h3>\n<p class=\"meta\">");
    const std::string& worker = workers_[row.worker];
    if (worker.empty()) {
      out.raw("no worker tag, test ");
    } else {
      out.text(worker).raw(", test ");
    }
    out.number(w.position[f.row]).raw(" of ").number(w.lanes[w.lane_of[row.worker]].tests);
    out.raw(" there");
    if (auto sec = row.seconds()) out.raw(" &#183; ").text(human_seconds(*sec));
    if (row.timed_start && stats_.first)
      out.raw(" &#183; started at +")
          .raw(fixed_seconds(static_cast<double>(row.start - stats_.first->micros()) / 1e6))
          .raw(" s");
    if (!f.route.empty()) out.raw(" &#183; route ").text(f.route);
    out.raw("</p>\n");
    if (f.attachments.empty()) out.raw("<p class=\"note\">No attachments.</p>\n");
    out.raw(f.attachments).raw("</article>\n");
  }
  out.raw("</section>\n");

}

void RunPage::write_other_output(HtmlWriter& out) const {
  if (other_output_size_) {
    out.raw("<section id=\"output\"><h2>Output outside tests <small>");
    out.text(human_bytes(other_output_size_)).raw("</small></h2>\n<pre>");
    out.text(other_output_);  // escaping makes bad UTF-8 U+FFFD
    if (other_output_size_ > other_output_.size()) {
      out.raw("\n\xE2\x80\xA6 ").text(human_bytes(other_output_size_ - other_output_.size()));
      out.raw(" more not shown");
    }
    out.raw("</pre>\n</section>\n");
  }

}

void RunPage::write_timeline_section(HtmlWriter& out, const WorkerLayout& w) const {
  const RunStats& s = stats_;
  std::int64_t t0 = s.first ? s.first->micros() : 0;
  std::int64_t span = s.first && s.last ? s.last->micros() - t0 : 0;
  out.raw("<section id=\"timeline\"><h2>Timeline <small>one lane per worker, one bar per test"
          "</small></h2>\n");
  std::vector<TimelineBar> bars;
  for (const Row& row : rows_)
    if (row.timed_start && row.timed_stop)
      bars.push_back({w.lane_of[row.worker], row.outcome, row.start - t0, row.stop - t0});
  if (bars.empty()) {
    out.raw("<p class=\"note\">No test has both a start and a stop time.</p>\n");
  } else {
    write_timeline(out, w.lanes, std::move(bars), std::max<std::int64_t>(span, 1),
                   {kOutcomeNames, kOutcomeNames + 6});
    out.raw("<ul class=\"legend\">");
    for (std::string_view name : {"success", "fail", "skip", "xfail", "uxsuccess"})
      out.raw("<li><span class=\"dot s-").raw(name).raw("\"></span>").raw(name).raw("</li>");
    out.raw("</ul>\n");
  }
  out.raw("</section>\n");

}

void RunPage::write_slowest(HtmlWriter& out) const {
  std::vector<std::size_t> timed;
  for (std::size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].seconds()) timed.push_back(i);
  std::size_t n = std::min(options_.slowest, timed.size());
  auto slower = [&](std::size_t a, std::size_t b) {
    double da = *rows_[a].seconds(), db = *rows_[b].seconds();
    return da != db ? da > db : a < b;
  };
  std::partial_sort(timed.begin(), timed.begin() + static_cast<std::ptrdiff_t>(n), timed.end(),
                    slower);
  out.raw("<section id=\"slowest\"><h2>Slowest tests</h2>\n");
  if (n == 0) {
    out.raw("<p class=\"note\">No test has a duration.</p>\n");
  } else {
    double top = std::max(*rows_[timed[0]].seconds(), 1e-9);
    out.raw("<div class=\"wrap\"><table><thead><tr><th class=\"num\">Duration</th><th>Test</th>"
            "<th>Status</th><th>Worker</th></tr></thead><tbody>\n");
    for (std::size_t k = 0; k < n; ++k) {
      const Row& row = rows_[timed[k]];
      double sec = *row.seconds();
      char width[32];
      std::snprintf(width, sizeof width, "%.1f", 6.0 * sec / top);
      out.raw("<tr><td class=\"num\"><span class=\"bar s-").raw(kOutcomeNames[row.outcome]);
      out.raw("\" style=\"width:").raw(width).raw("em\"></span>").text(fixed_seconds(sec));
      out.raw(" s</td><td><code>").text(row.id).raw("</code></td><td>");
      out.raw(kOutcomeNames[row.outcome]).raw("</td><td>").text(workers_[row.worker]);
      out.raw("</td></tr>\n");
    }
    out.raw("</tbody></table></div>\n");
  }
  out.raw("</section>\n");

}

void RunPage::write_table(HtmlWriter& out) const {
  std::int64_t t0 = stats_.first ? stats_.first->micros() : 0;
  out.raw("<section id=\"all-tests\"><h2>All tests <small>").number(rows_.size());
  out.raw(" in the order they finished</small></h2>\n");
  out.raw("<form id=\"filter\" class=\"controls\" role=\"search\" hidden>"
          "<input type=\"search\" placeholder=\"Filter by test id\" aria-label=\"Filter tests by id\">");
  std::uint64_t with_status[5] = {};  // rows per data-status (fail: every failing row)
  for (const Row& row : rows_) ++with_status[row.failing ? fail : row.outcome];
  for (int k = 0; k < 5; ++k) {
    if (!with_status[k]) continue;
    out.raw("<label><input type=\"checkbox\" value=\"").raw(kOutcomeNames[k]).raw("\" checked> ");
    out.raw("<span class=\"dot s-").raw(kOutcomeNames[k]).raw("\"></span>").raw(kOutcomeNames[k]);
    out.raw(" (").number(with_status[k]).raw(")</label>");
  }
  out.raw("<span id=\"shown\" aria-live=\"polite\"></span></form>\n");
  // Rendering of the table (below the fold) waits until it nears the
  // screen: a 100,000-test page loads without laying out 100,000 rows.
  out.raw("<div class=\"wrap lazy\" style=\"contain-intrinsic-size:auto ");
  out.number(40 + 26 * rows_.size()).raw("px\">");
  out.raw("<table id=\"tests\" class=\"tests\"><thead><tr>"
          "<th scope=\"col\"><button type=\"button\">Test</button></th>"
          "<th scope=\"col\"><button type=\"button\">Status</button></th>"
          "<th scope=\"col\" class=\"num\"><button type=\"button\">Duration (s)</button></th>"
          "<th scope=\"col\"><button type=\"button\">Worker</button></th>"
          "<th scope=\"col\" class=\"num\"><button type=\"button\">Start (s)</button></th>"
          "</tr></thead>\n<tbody>\n");
  for (const Row& row : rows_) {
    out.raw("<tr data-test-id=\"").attr(row.id).raw("\" data-status=\"");
    out.raw(row.failing ? "fail" : kOutcomeNames[row.outcome]).raw("\"><td>").text(row.id).raw("<td>");
    out.raw(kOutcomeNames[row.outcome]).raw("<td>");
    if (auto sec = row.seconds()) out.raw(fixed_seconds(*sec));
    out.raw("<td>").text(workers_[row.worker]).raw("<td>");
    if (row.timed_start) out.raw(fixed_seconds(static_cast<double>(row.start - t0) / 1e6));
    out.raw("\n");  // </td> and </tr> are implied (HTML), and cost 10% of a row
  }
  out.raw("</tbody></table></div>\n</section>\n");
}

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// su-report's run page: the hooks scripts rely on, counts as su-stats
// counts, failures with their attachments, escaping everywhere.
#include <doctest/doctest.h>

#include "captured_output.hpp"

#include <string>

#include "report/run_page.hpp"

using su::Status;
using su::TestResult;

namespace {

using Captured = su::test::CapturedOutput;
constexpr std::int64_t kT = 1714564800000000LL;  // 2024-05-01T12:00:00Z

TestResult result(std::string id, Status s, std::int64_t start_ms, std::int64_t stop_ms,
                  std::string worker = "worker-0") {
  TestResult r;
  r.id = std::move(id);
  r.status = s;
  r.complete = s != Status::inprogress && s != Status::none;
  r.start = su::Timestamp::from_micros(kT + start_ms * 1000);
  if (r.complete) r.stop = su::Timestamp::from_micros(kT + stop_ms * 1000);
  if (!worker.empty()) r.tags = std::vector<std::string>{worker};
  r.offset = static_cast<std::uint64_t>(start_ms);
  return r;
}

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

bool has(const std::string& page, std::string_view text) {
  return page.find(text) != std::string::npos;
}

std::string render(su::RunPage& page) {
  Captured c;
  page.write(c.out);
  return c.text();
}

}  // namespace

TEST_SUITE("run page") {
  TEST_CASE("a test id holding <script> shows as text in every place it appears") {
    su::RunPage page{{}};
    auto r = result("t.<script>alert(1)</script>", Status::fail, 0, 5);
    r.attachments.push_back({"traceback", "text/plain", "boom <script>x()</script>", 25});
    page.on_result(r);
    page.on_result(result("ok", Status::success, 5, 9));
    std::string html = render(page);
    CHECK(count(html, "<script>") == 1);  // the page's own
    CHECK(count(html, "alert(1)") == 4);  // failure heading, slowest, row attribute, row cell
    CHECK(has(html, "<tr data-test-id=\"t.&lt;script&gt;alert(1)&lt;/script&gt;\" data-status=\"fail\">"));
    CHECK(has(html, "<code>t.&lt;script&gt;alert(1)&lt;/script&gt;</code>"));
    CHECK(has(html, "<pre>boom &lt;script&gt;x()&lt;/script&gt;</pre>"));
  }
  TEST_CASE("counts outcomes with su-stats's numbers: never-completed tests fail, exists is no test") {
    su::RunPage page{{}};
    std::vector<TestResult> results{
        result("a", Status::success, 0, 1),   result("b", Status::fail, 1, 2),
        result("c", Status::skip, 2, 3),      result("d", Status::xfail, 3, 4),
        result("e", Status::uxsuccess, 4, 5), result("f", Status::inprogress, 5, 0),
        result("g", Status::exists, 6, 6)};
    // Failed is whatever TestResult::failed() says (su-stats's rule): b, f,
    // and e if uxsuccess fails by that rule.
    std::uint64_t failed = 0;
    for (const auto& r : results) {
      page.on_result(r);
      if (r.failed()) ++failed;
    }
    CHECK(failed >= 2);
    CHECK(page.stats().total == 6);
    CHECK(page.stats().failed == failed);
    std::string html = render(page);
    auto hook = [&](std::string_view name, std::uint64_t n) {
      return has(html, "data-count=\"" + std::string(name) + "\">" + std::to_string(n) + "<");
    };
    CHECK(hook("total", 6));
    CHECK(hook("passed", 6 - failed - 1));
    CHECK(hook("fail", failed));
    CHECK(hook("skip", 1));
    CHECK(hook("success", 1));
    CHECK(hook("xfail", 1));
    CHECK(hook("uxsuccess", 1));
    CHECK(hook("incomplete", 1));
    CHECK(count(html, "<tr data-test-id=") == 6);
    CHECK(count(html, "data-status=\"fail\">") == failed);
    CHECK(has(html, "<tr data-test-id=\"f\" data-status=\"fail\"><td>f<td>incomplete<td><td>worker-0<td>0.005"));
    CHECK(has(html, "<tr data-test-id=\"b\" data-status=\"fail\"><td>b<td>fail<td>"));
    CHECK_FALSE(has(html, "data-test-id=\"g\""));
  }
  TEST_CASE("lists failures first with attachments, binary ones by size, and the place on the worker") {
    su::RunPage page{{}};
    page.on_result(result("w1.first", Status::success, 0, 1, "worker-1"));
    page.on_result(result("w0.first", Status::success, 1, 2));
    auto bad = result("w0.second", Status::fail, 2, 2502);
    bad.attachments.push_back({"log", "text/plain;charset=utf8", "line one\n", 9});
    bad.attachments.push_back({"traceback", "text/x-traceback", "Traceback: E", 12});
    bad.attachments.push_back({"core", "application/octet-stream", std::string("\0\1\2", 3), 3});
    page.on_result(bad);
    page.on_result(result("w0.third", Status::success, 2503, 2504));
    std::string html = render(page);
    auto failures = html.find("<section id=\"failures\">");
    auto table = html.find("<section id=\"all-tests\">");
    REQUIRE(failures != std::string::npos);
    CHECK(failures < table);
    CHECK(has(html, "worker-0, test 2 of 3 there &#183; 2.500 s"));
    // The traceback first, then other text; binary listed, not shown.
    auto tb = html.find("<pre>Traceback: E</pre>"), log = html.find("<pre>line one\n</pre>");
    CHECK(tb != std::string::npos);
    CHECK(log != std::string::npos);
    CHECK(tb < log);
    CHECK(has(html, "<li><code>core</code> application/octet-stream, 3 bytes (binary, not shown)</li>"));
  }
  TEST_CASE("cuts a long attachment at the limit and says how much is left out") {
    su::RunPageOptions options;
    options.attachment_limit = 10;
    su::RunPage page{options};
    auto bad = result("t", Status::fail, 0, 1);
    bad.attachments.push_back({"log", "text/plain", std::string(25, 'x'), 25});
    page.on_result(bad);
    std::string html = render(page);
    CHECK(has(html, "<pre>xxxxxxxxxx\n\xE2\x80\xA6 15 bytes more not shown</pre>"));
  }
  TEST_CASE("draws one timeline lane per worker, workers in natural order, untagged last") {
    su::RunPage page{{}};
    page.on_result(result("a", Status::success, 0, 10, "worker-10"));
    page.on_result(result("b", Status::success, 0, 10, "worker-2"));
    page.on_result(result("c", Status::fail, 0, 10, ""));
    page.on_result(result("d", Status::success, 10, 20, "worker-2"));
    std::string html = render(page);
    CHECK(count(html, "<g data-worker=") == 3);
    auto w2 = html.find("<g data-worker=\"worker-2\""), w10 = html.find("<g data-worker=\"worker-10\""),
         none = html.find("<g data-worker=\"\"");
    CHECK(w2 < w10);
    CHECK(w10 < none);
  }
  TEST_CASE("a stream without timestamps still gets a page, without a timeline") {
    su::RunPage page{{}};
    TestResult r;
    r.id = "untimed";
    r.status = Status::success;
    r.complete = true;
    page.on_result(r);
    std::string html = render(page);
    CHECK(has(html, "No test has both a start and a stop time."));
    CHECK(has(html, "<tr data-test-id=\"untimed\" data-status=\"success\"><td>untimed<td>success<td><td><td>\n"));
  }
  TEST_CASE("lists the slowest tests, longest first") {
    su::RunPageOptions options;
    options.slowest = 2;
    su::RunPage page{options};
    page.on_result(result("short", Status::success, 0, 1));
    page.on_result(result("long", Status::success, 1, 901));
    page.on_result(result("middle", Status::success, 901, 1001));
    std::string html = render(page);
    auto slowest = html.substr(html.find("<section id=\"slowest\">"));
    slowest = slowest.substr(0, slowest.find("</section>"));
    CHECK(count(slowest, "<tr><td") == 2);
    CHECK(slowest.find("long") < slowest.find("middle"));
    CHECK(slowest.find("short") == std::string::npos);
  }
}

TEST_SUITE("run page") {
  TEST_CASE("shows output outside tests, escaped and cut at the limit") {
    su::RunPageOptions options;
    options.attachment_limit = 12;
    su::RunPage page{options};
    su::Event e;
    e.file_name = "stdout";
    e.file_bytes = "<b>import error</b>\n";
    page.on_non_test(e);
    page.on_result(result("t", Status::success, 0, 1));
    std::string html = render(page);
    CHECK(has(html, "<h2>Output outside tests <small>20 bytes</small></h2>\n<pre>&lt;b&gt;import er\n\xE2\x80\xA6 8 bytes more not shown</pre>"));
  }
  TEST_CASE("has no output section when everything was a test's") {
    su::RunPage page{{}};
    page.on_result(result("t", Status::success, 0, 1));
    CHECK_FALSE(has(render(page), "Output outside tests"));
  }
}

// SPDX-License-Identifier: Apache-2.0
// su-report's history page over a real (scratch) archive.
#include <doctest/doctest.h>

#include "captured_output.hpp"

#include <cstdlib>
#include <span>
#include <string>
#include <unistd.h>

#include "archive/archive.hpp"
#include "base/input.hpp"
#include "packets.hpp"
#include "report/history_page.hpp"

namespace {

using Captured = su::test::CapturedOutput;

struct ScratchArchive {
  std::string path;
  ScratchArchive() {
    char tmpl[] = "/tmp/su-history-page-XXXXXX";
    path = std::string(::mkdtemp(tmpl)) + "/.su";
    su::Archive::init(path);
  }
  ~ScratchArchive() { std::system(("rm -rf '" + path.substr(0, path.size() - 4) + "'").c_str()); }
};

std::string packet(std::string_view id, su::Status s, std::uint32_t seconds) {
  su::Event e;
  e.test_id = id;
  e.status = s;
  e.timestamp = su::Timestamp{seconds, 0};
  static std::string_view tags[1] = {"worker-0"};
  if (su::is_final(s)) e.tags = std::span<const std::string_view>(tags, 1);
  return su::test::encode(e);
}

std::string test(std::string_view id, su::Status s, std::uint32_t t0, std::uint32_t seconds) {
  return packet(id, su::Status::inprogress, t0) + packet(id, s, t0 + seconds);
}

std::uint64_t add(su::Archive& a, std::string bytes) {
  return a.add(su::memory_input(std::move(bytes)), {});
}

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("history page") {
  TEST_CASE("a grid of the tests that failed in the last runs, one cell per run they ran in") {
    ScratchArchive dir;
    su::Archive archive{dir.path};
    add(archive, test("stable", su::Status::success, 100, 1) + test("flaky", su::Status::fail, 101, 2));
    add(archive, test("stable", su::Status::success, 200, 1) + test("flaky", su::Status::success, 201, 3));
    add(archive, test("stable", su::Status::success, 300, 1) + test("flaky", su::Status::fail, 301, 4) +
                     test("new<b>", su::Status::fail, 305, 1));
    su::HistoryPageOptions options;
    options.last = 20;
    su::HistoryPage page{options};
    page.read(archive, {});
    CHECK(page.tests_shown() == 2);
    Captured c;
    page.write(c.out);
    std::string html = c.text();
    CHECK(count(html, "<td class=\"c\" data-test-id=") == 4);  // flaky x3, new<b> x1
    CHECK(html.find("data-test-id=\"flaky\" data-run=\"0\" data-status=\"fail\"") != std::string::npos);
    CHECK(html.find("data-test-id=\"flaky\" data-run=\"1\" data-status=\"success\"") != std::string::npos);
    CHECK(html.find("data-test-id=\"flaky\" data-run=\"2\" data-status=\"fail\"") != std::string::npos);
    CHECK(html.find("data-test-id=\"new&lt;b&gt;\" data-run=\"2\" data-status=\"fail\"") != std::string::npos);
    CHECK(html.find("data-test-id=\"stable\"") == std::string::npos);
    CHECK(count(html, "<td class=\"c none\"") == 2);  // new<b> did not run in runs 0 and 1
    CHECK(html.find("2 of 3 tests failed at least once") != std::string::npos);
    // flaky failed twice, so it comes first; its sparkline has 3 points.
    CHECK(html.find(">flaky<") < html.find(">new&lt;b&gt;<"));
    CHECK(html.find("<title>duration 2.000 s to 4.000 s</title>") != std::string::npos);
  }
  TEST_CASE("shows only the last N runs") {
    ScratchArchive dir;
    su::Archive archive{dir.path};
    add(archive, test("old_failure", su::Status::fail, 100, 1));
    add(archive, test("old_failure", su::Status::success, 200, 1));
    add(archive, test("old_failure", su::Status::success, 300, 1));
    su::HistoryPageOptions options;
    options.last = 2;
    su::HistoryPage page{options};
    page.read(archive, {});
    CHECK(page.tests_shown() == 0);
    Captured c;
    page.write(c.out);
    CHECK(c.text().find("No test failed in these runs.") != std::string::npos);
    CHECK(c.text().find("the last 2 of 3") != std::string::npos);
  }
  TEST_CASE("a test retried within a run gets one cell: the failing result's status") {
    ScratchArchive dir;
    su::Archive archive{dir.path};
    add(archive, test("retried", su::Status::fail, 100, 1) + test("retried", su::Status::success, 102, 1));
    add(archive, test("retried", su::Status::success, 200, 1) + test("retried", su::Status::success, 202, 1));
    su::HistoryPage page{{}};
    page.read(archive, {});
    Captured c;
    page.write(c.out);
    std::string html = c.text();
    CHECK(count(html, "<td class=\"c\" data-test-id=\"retried\"") == 2);
    CHECK(html.find("data-run=\"0\" data-status=\"fail\" title=\"run 0: fail, success") != std::string::npos);
    CHECK(html.find("data-run=\"1\" data-status=\"success\" title=\"run 1: success, success") != std::string::npos);
  }
  TEST_CASE("ranks the tests as su-archive flaky does, above the grid") {
    ScratchArchive dir;
    su::Archive archive{dir.path};
    add(archive, test("stable", su::Status::success, 100, 1) + test("flaky", su::Status::fail, 101, 2));
    add(archive, test("stable", su::Status::success, 200, 1) + test("flaky", su::Status::success, 201, 3));
    add(archive, test("stable", su::Status::success, 300, 1) + test("flaky", su::Status::fail, 301, 4));
    add(archive, test("stable", su::Status::success, 400, 1) + test("flaky", su::Status::success, 401, 4));
    su::HistoryPage page{{}};
    page.read(archive, {});
    Captured c;
    page.write(c.out);
    std::string html = c.text();
    CHECK(count(html, "<tr data-flaky-id=") == 1);
    auto ranked = html.find("<tr data-flaky-id=\"flaky\" data-class=\"flaky\"><td class=\"id\">flaky</td>"
                            "<td>flaky</td><td class=\"num\">2/4</td>");
    CHECK(ranked != std::string::npos);
    CHECK(ranked < html.find("<section id=\"grid\">"));
  }
}

// SPDX-License-Identifier: Apache-2.0
// su-report's HTML building blocks: escaping, the page shell, the formats
// and the SVG drawings.
#include <doctest/doctest.h>

#include "captured_output.hpp"

#include <string>

#include "report/html_writer.hpp"
#include "report/svg_charts.hpp"

namespace {

using Captured = su::test::CapturedOutput;

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("html writer") {
  TEST_CASE("escapes markup in text so a <script> test id shows as text") {
    std::string out;
    su::append_html_text(out, "test_<script>alert('x')</script>&\"");
    CHECK(out == "test_&lt;script&gt;alert('x')&lt;/script&gt;&amp;\"");
  }
  TEST_CASE("escapes quotes and line breaks in attributes") {
    std::string out;
    su::append_html_attr(out, "a\"b\n<c>");
    CHECK(out == "a&quot;b&#xA;&lt;c&gt;");
  }
  TEST_CASE("turns control bytes into control pictures and bad UTF-8 into U+FFFD") {
    std::string out;
    su::append_html_text(out, std::string("a\x01z\xff", 4));
    CHECK(out == "a\xE2\x90\x81z\xEF\xBF\xBD");
  }
  TEST_CASE("writes one self-contained document: inline style and script, nothing fetched") {
    Captured c;
    {
      su::HtmlWriter w{c.out};
      w.page_start("Run <1>", "from \"x\"", {{"a&b", "Sec <a>"}});
      w.raw("<p>").text("<b>").raw("</p>");
      w.page_end();
    }
    std::string page = c.text();
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(page.find("<title>Run &lt;1&gt;</title>") != std::string::npos);
    CHECK(page.find("<h1>Run &lt;1&gt;</h1>") != std::string::npos);
    CHECK(page.find("<p class=\"sub\">from \"x\"</p>") != std::string::npos);
    CHECK(page.find("<a href=\"#a&amp;b\">Sec &lt;a&gt;</a>") != std::string::npos);
    CHECK(page.find("<p>&lt;b&gt;</p>") != std::string::npos);
    CHECK(count(page, "<style>") == 1);
    CHECK(count(page, "<script>") == 1);
    CHECK(page.find("src=") == std::string::npos);
    CHECK(page.find("http://") == page.find("http://www.w3.org"));  // only SVG's namespace, if any
    CHECK(page.find("https://") == std::string::npos);
    REQUIRE(page.size() >= 16);
    CHECK(page.substr(page.size() - 16) == "</body>\n</html>\n");
  }
  TEST_CASE("hands a long page to the output in pieces without losing a byte") {
    Captured c;
    std::string expected;
    {
      su::HtmlWriter w{c.out};
      for (int i = 0; i < 20000; ++i) {
        w.text("row <").number(static_cast<std::uint64_t>(i)).raw("\n");
        expected += "row &lt;" + std::to_string(i) + "\n";
      }
      w.flush();
    }
    CHECK(c.text() == expected);
  }
  TEST_CASE("formats durations, sizes and times for people") {
    CHECK(su::human_seconds(0.000384) == "0.38 ms");
    CHECK(su::human_seconds(0) == "0.000 s");
    CHECK(su::human_seconds(0.0042) == "0.004 s");
    CHECK(su::human_seconds(12.34) == "12.3 s");
    CHECK(su::human_seconds(245) == "4 min 05 s");
    CHECK(su::human_seconds(7380) == "2 h 03 min");
    CHECK(su::fixed_seconds(1.5) == "1.500");
    CHECK(su::human_bytes(1) == "1 byte");
    CHECK(su::human_bytes(312) == "312 bytes");
    CHECK(su::human_bytes(4200) == "4.1 KiB");
    CHECK(su::human_time(1714564800250000LL) == "2024-05-01 12:00:00Z");
  }
}

TEST_SUITE("svg charts") {
  TEST_CASE("draws one path per outcome and lane, bars as whole-number moves") {
    Captured c;
    {
      su::HtmlWriter w{c.out};
      std::vector<su::TimelineLane> lanes{{"worker-0", 3}, {"worker-1", 1}};
      // A 10 s run: worker-0 ran 0-1 s (success), 2-5 s (success), 5-6 s (fail);
      // worker-1 ran 0-10 s (success).
      std::vector<su::TimelineBar> bars{{0, 0, 2000000, 5000000},
                                        {0, 1, 5000000, 6000000},
                                        {0, 0, 0, 1000000},
                                        {1, 0, 0, 10000000}};
      su::write_timeline(w, lanes, bars, 10000000, {"success", "fail"});
      w.flush();
    }
    std::string svg = c.text();
    CHECK(count(svg, "<svg data-timeline") == 1);
    CHECK(count(svg, "<g data-worker=") == 2);
    CHECK(svg.find("<g data-worker=\"worker-0\">") != std::string::npos);
    CHECK(svg.find("<g data-worker=\"worker-1\" transform=\"translate(0 1)\">") != std::string::npos);
    // success bars of worker-0: 0-10000 then, relative, +10000 gap, 30000 wide
    CHECK(svg.find("<path class=\"p-success\" d=\"M0 .5h10000m10000 0h30000\"/>") != std::string::npos);
    CHECK(svg.find("<path class=\"p-fail\" d=\"M50000 .5h10000\"/>") != std::string::npos);
    CHECK(svg.find("<path class=\"p-success\" d=\"M0 .5h100000\"/>") != std::string::npos);
    CHECK(count(svg, "<path") == 3);
    CHECK(svg.find("data-span=\"10.000000\"") != std::string::npos);
  }
  TEST_CASE("widens a bar too short to see to 1/1500 of the run") {
    Captured c;
    {
      su::HtmlWriter w{c.out};
      su::write_timeline(w, {{"", 1}}, {{0, 0, 5000000, 5000001}}, 10000000, {"success"});
      w.flush();
    }
    CHECK(c.text().find("d=\"M50000 .5h66\"") != std::string::npos);
    CHECK(c.text().find("<g data-worker=\"\">") != std::string::npos);
  }
  TEST_CASE("draws a sparkline with gaps for runs without a duration, and marks failures") {
    Captured c;
    {
      su::HtmlWriter w{c.out};
      su::write_sparkline(w, {1.0, 2.0, std::nullopt, 3.0, 1.0}, {false, true, false, false, false},
                          "duration <x>");
      w.flush();
    }
    std::string svg = c.text();
    CHECK(svg.find("<title>duration &lt;x&gt;</title>") != std::string::npos);
    CHECK(count(svg, "<polyline") == 2);
    CHECK(svg.find("points=\"3.0,19.0 24.0,11.0\"") != std::string::npos);
    CHECK(count(svg, "<circle") == 1);
  }
}

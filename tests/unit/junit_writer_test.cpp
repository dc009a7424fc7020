#include <doctest/doctest.h>

#include "captured_output.hpp"

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "base/output.hpp"
#include "report/details_text.hpp"
#include "report/junit_writer.hpp"
#include "report/test_id_parts.hpp"
#include "report/xml_escape.hpp"

using su::Attachment;
using su::Status;
using su::TestResult;
using su::XmlDialect;

namespace {

using Captured = su::test::CapturedOutput;

TestResult result(std::string id, Status s, double start, double stop) {
  TestResult r;
  r.id = std::move(id);
  r.status = s;
  r.complete = s != Status::inprogress && s != Status::none;
  r.start = su::Timestamp::from_micros(1714564800000000LL + std::llround(start * 1e6));
  if (r.complete)
    r.stop = su::Timestamp::from_micros(1714564800000000LL + std::llround(stop * 1e6));
  return r;
}

std::string text(std::string_view s, XmlDialect d) {
  std::string out;
  su::append_xml_text(out, s, d);
  return out;
}

std::string attr(std::string_view s, XmlDialect d) {
  std::string out;
  su::append_xml_attr(out, s, d);
  return out;
}

}  // namespace

TEST_SUITE("xml escape") {
  TEST_CASE("junitxml dialect deletes what XML cannot hold, CR included, as python-junitxml does") {
    CHECK(text("a\x01" "b\rc\td\ne", XmlDialect::junitxml) == "ab" "c\td\ne");
    CHECK(text("x\xEF\xBF\xBEy\xEF\xBF\xBFz", XmlDialect::junitxml) == "xyz");
  }
  TEST_CASE("junitxml dialect escapes & < and ]]> but leaves a lone >") {
    CHECK(text("a&b<c>d]]>e]]]>", XmlDialect::junitxml) == "a&amp;b&lt;c>d]]&gt;e]]]&gt;");
    // The two characters before '>' may come from different runs, and a
    // deleted control character between them does not count.
    CHECK(text("]>]]>", XmlDialect::junitxml) == "]>]]&gt;");
    CHECK(text("]&]>", XmlDialect::junitxml) == "]&amp;]>");
    CHECK(text("]\x01]>", XmlDialect::junitxml) == "]]&gt;");
    CHECK(text("]]\x02>", XmlDialect::junitxml) == "]]&gt;");
  }
  TEST_CASE("junitxml attributes also escape quote, tab and newline") {
    CHECK(attr("\"a\"\tb\nc", XmlDialect::junitxml) == "&quot;a&quot;&#x9;b&#xA;c");
  }
  TEST_CASE("plain text is printable ASCII but & < > quote, and every dialect copies it as is") {
    // Every byte value at every place of a text a few SIMD blocks long
    // (whole blocks and the tail).
    for (int b = 0; b < 256; ++b) {
      bool expected = b >= 0x20 && b < 0x80 && b != '&' && b != '<' && b != '>' && b != '"';
      for (std::size_t at = 0; at < 40; ++at) {
        std::string s(40, 'a');
        s[at] = static_cast<char>(b);
        REQUIRE(su::xml_plain(s) == expected);
        REQUIRE(su::xml_plain(std::string_view(s).substr(at)) == expected);
        if (expected)
          for (XmlDialect d : {XmlDialect::junitxml, XmlDialect::strict})
            REQUIRE((text(s, d) == s && attr(s, d) == s));
      }
    }
    CHECK(su::xml_plain(""));
  }
  TEST_CASE("strict dialect keeps every character readable and the XML well-formed") {
    CHECK(text("a\x01" "b", XmlDialect::strict) == "a\xE2\x90\x81" "b");  // U+2401
    CHECK(text("a\rb>", XmlDialect::strict) == "a&#xD;b&gt;");
    CHECK(text("bad\xFF" "byte", XmlDialect::strict) == "bad\xEF\xBF\xBD" "byte");
    CHECK(text("\xEF\xBF\xBF", XmlDialect::strict) == "\xEF\xBF\xBD");
    CHECK(text("caf\xC3\xA9 \xF0\x9F\x9A\x80", XmlDialect::strict) == "caf\xC3\xA9 \xF0\x9F\x9A\x80");
    CHECK(attr("a\"\t\n\r", XmlDialect::strict) == "a&quot;&#x9;&#xA;&#xD;");
  }
}

TEST_SUITE("test id parts") {
  TEST_CASE("an id splits at the last dot before the first parenthesis, as python splits it") {
    auto parts = [](std::string_view id) {
      auto p = su::test_id_parts(id);
      return std::pair(std::string(p.classname), std::string(p.name));
    };
    using P = std::pair<std::string, std::string>;
    CHECK(parts("a.b.C.test_x") == P{"a.b.C", "test_x"});
    CHECK(parts("a.C.test_x(a.b)") == P{"a.C", "test_x(a.b)"});
    CHECK(parts("no_dot") == P{"", "no_dot"});
    CHECK(parts("ends.with.") == P{"ends", "with."});  // the last character is not searched
    CHECK(parts(".") == P{"", "."});
    CHECK(parts("(a.b)") == P{"", "(a.b)"});
    CHECK(parts("") == P{"", ""});
  }
  TEST_CASE("one pass gives what python_split_id and xml_plain give, for any id") {
    // Ids of every length across two SIMD blocks and a tail, made of the
    // bytes that matter: dots, parentheses, bytes to escape, non-ASCII.
    const char alphabet[] = {'a', 'Z', '.', '.', '(', ')', '_', '&', '"', '<', '>', '\x01', '\x7f', '\xc3', '\xa9', ' '};
    std::mt19937 random(15);
    for (int round = 0; round < 20000; ++round) {
      std::string id(random() % 70, 'a');
      int density = static_cast<int>(random() % 8) + 1;  // 1 in `density` is from the alphabet
      for (char& c : id)
        if (static_cast<int>(random() % static_cast<unsigned>(density)) == 0)
          c = alphabet[random() % sizeof alphabet];
      auto fused = su::test_id_parts(id);
      auto [classname, name] = su::python_split_id(id);
      REQUIRE(fused.classname == classname);
      REQUIRE(fused.name == name);
      REQUIRE(fused.classname.data() == classname.data());
      REQUIRE(fused.plain == su::xml_plain(id));
    }
  }
}

TEST_SUITE("details text") {
  TEST_CASE("parses MIME types as cgi.parse_header and prints them as testtools does") {
    auto ct = su::parse_content_type("text/x-traceback;charset=utf8,language=python");
    CHECK(ct.is_text());
    CHECK(ct.to_string() == "text/x-traceback; charset=\"utf8\"");
    CHECK(su::parse_content_type("").to_string() == "application/octet-stream");
    CHECK(su::parse_content_type("application/json; b=\"x;y\"; a=1").to_string() ==
          "application/json; a=\"1\"; b=\"x;y\"");
    CHECK_FALSE(su::parse_content_type("Text/plain").is_text());
  }
  TEST_CASE("a type parsed again, among more types than are remembered, parses the same") {
    const char* types[] = {"text/plain; charset=utf8", "text/x-traceback;charset=utf8,language=python",
                           "", "application/json", "text/plain; charset=\"latin-1\"; a=b",
                           "bad", "text/plain"};
    std::vector<std::string> first;
    for (const char* t : types) first.push_back(su::parse_content_type(t).to_string());
    for (int round = 0; round < 3; ++round)
      for (std::size_t i = 0; i < std::size(types); ++i)
        CHECK(su::parse_content_type(types[i]).to_string() == first[i]);
    CHECK(first[0] == "text/plain; charset=\"utf8\"");
    CHECK(first[4] == "text/plain; a=\"b\"; charset=\"latin-1\"");
    CHECK(first[5] == "application/octet-stream");
  }
  TEST_CASE("decodes text with its charset, latin-1 by default") {
    CHECK(su::decode_text("caf\xE9", "") == "caf\xC3\xA9");
    CHECK(su::decode_text("caf\xC3\xA9", "UTF-8") == "caf\xC3\xA9");
    CHECK(su::decode_text("bad\xFF", "utf8") == "bad\xEF\xBF\xBD");
  }
  TEST_CASE("strips unicode whitespace as python's str.strip does") {
    CHECK(su::strip_whitespace(" \t\x1c" "a b\xC2\xA0\n") == "a b");
    CHECK(su::strip_whitespace("\xE3\x80\x80") == "");
  }
  TEST_CASE("renders details like testtools: binary and empty first, special last") {
    std::vector<Attachment> a = {
        {"traceback", "text/x-traceback; charset=utf8", "Traceback\nError: x\n", 0},
        {"log", "text/plain; charset=utf8", "one\ntwo", 0},
        {"blob", "application/octet-stream", "\x01\x02", 0},
        {"note", "text/plain; charset=utf8", "hi", 0},
        {"blank", "text/plain; charset=utf8", "  \n", 0},
    };
    CHECK(su::details_to_str(a, "traceback") ==
          "Binary content:\n  blob (application/octet-stream)\n"
          "Empty attachments:\n  blank\n\n"
          "log: {{{\none\ntwo\n}}}\n\nnote: {{{hi}}}\n\nTraceback\nError: x\n");
  }
}

TEST_SUITE("junit writer") {
  TEST_CASE("python format reproduces subunit2junitxml's document") {
    Captured c;
    // python's run start is the wall clock, lowered by every earlier test time.
    su::JUnitWriter w{c.out, {.format = su::JUnitFormat::subunit2junitxml,
                              .wall_clock_micros = 1714564900000000LL}};
    auto ok = result("proj.TestA.test_ok", Status::success, 0, 0.25);
    auto bad = result("proj.TestA.test_fail", Status::fail, 0.3, 1.5);
    bad.attachments.push_back({"traceback", "text/x-traceback; charset=utf8",
                               "Traceback (most recent call last):\nAssertionError: 1 != 2\n", 0});
    auto skip = result("proj.TestB.test_skip", Status::skip, 2, 2.01);
    skip.attachments.push_back({"reason", "text/plain; charset=utf8", "needs network", 0});
    auto ux = result("noclass", Status::uxsuccess, 4, 4.125);
    for (auto* r : {&ok, &bad, &skip, &ux}) w.on_result(*r);
    w.finish();
    CHECK(c.text() ==
          "<testsuite errors=\"0\" failures=\"2\" name=\"\" tests=\"4\" time=\"4.125\">\n"
          "<testcase classname=\"proj.TestA\" name=\"test_ok\" time=\"0.250\"/>\n"
          "<testcase classname=\"proj.TestA\" name=\"test_fail\" time=\"1.200\">\n"
          "<failure type=\"testtools.testresult.real._StringException\">"
          "testtools.testresult.real._StringException: Traceback (most recent call last):\n"
          "AssertionError: 1 != 2\n\n</failure>\n</testcase>\n"
          "<testcase classname=\"proj.TestB\" name=\"test_skip\" time=\"0.010\">\n"
          "<skipped>needs network</skipped>\n</testcase>\n"
          "<testcase classname=\"\" name=\"noclass\" time=\"0.125\">\n"
          "<failure type=\"unittest.case._UnexpectedSuccess\"/>\n</testcase>\n"
          "</testsuite>\n");
    CHECK_FALSE(w.successful());
  }
  TEST_CASE("splits classname at the last dot before the first parenthesis") {
    Captured c;
    su::JUnitWriter w{c.out, {.format = su::JUnitFormat::subunit2junitxml}};
    w.on_result(result("a.b.test_x(c.d)", Status::success, 0, 0));
    w.on_result(result("a.b.", Status::success, 0, 0));
    w.finish();
    std::string s = c.text();
    CHECK(s.find("classname=\"a.b\" name=\"test_x(c.d)\"") != std::string::npos);
    CHECK(s.find("classname=\"a\" name=\"b.\"") != std::string::npos);
  }
  TEST_CASE("default format: testsuites root, counts, failure message, system-out and -err") {
    Captured c;
    su::JUnitWriter w{c.out, {.suite_name = "run <1>"}};
    auto bad = result("p.C.test_fail", Status::fail, 0, 1);
    bad.attachments.push_back({"traceback", "text/x-traceback; charset=utf8",
                               "Traceback:\n  x\nValueError: no\n", 0});
    bad.attachments.push_back({"stdout", "text/plain; charset=utf8", "printed\n", 0});
    bad.attachments.push_back({"stderr", "text/plain; charset=utf8", "warned\n", 0});
    auto hang = result("p.C.test_hang", Status::inprogress, 1, 0);
    auto skip = result("p.C.test_skip", Status::skip, 2, 2.5);
    skip.attachments.push_back({"reason", "text/plain; charset=utf8", "later", 0});
    for (auto* r : {&bad, &hang, &skip}) w.on_result(*r);
    w.finish();
    std::string s = c.text();
    CHECK(s.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"run &lt;1&gt;\" "
                  "tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\"2.500\">\n", 0) == 0);
    CHECK(s.find("timestamp=\"2024-05-01T12:00:00\"") != std::string::npos);
    CHECK(s.find("<failure type=\"fail\" message=\"ValueError: no\">Traceback:\n  x\nValueError: no\n</failure>") !=
          std::string::npos);
    CHECK(s.find("<system-out>printed\n</system-out>") != std::string::npos);
    CHECK(s.find("<system-err>warned\n</system-err>") != std::string::npos);
    CHECK(s.find("<error type=\"incomplete\" message=\"test did not complete\"/>") != std::string::npos);
    CHECK(s.find("<skipped message=\"later\"/>") != std::string::npos);
    CHECK(s.substr(s.size() - 29) == "  </testsuite>\n</testsuites>\n");
  }
}

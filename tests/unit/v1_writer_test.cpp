#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "codec/v1_reader.hpp"
#include "codec/v1_writer.hpp"
#include "packets.hpp"

namespace {

// Runs `body` with a V1Writer over a temporary file; returns what it wrote.
template <typename F>
std::string written(F body) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  {
    su::Output out(fileno(f), "<tmp>");
    su::V1Writer w(out);
    body(w);
    w.flush();
  }
  std::string s;
  std::rewind(f);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
  std::fclose(f);
  return s;
}

std::vector<su::OwnedEvent> read_back(std::string bytes) {
  su::V1Reader r(std::make_unique<su::BufferedInput>(su::memory_input(std::move(bytes))),
                 nullptr);
  std::vector<su::OwnedEvent> out;
  su::Event e;
  while (r.next(e)) out.emplace_back(e);
  return out;
}

}  // namespace

TEST_SUITE("v1 writer") {
  TEST_CASE("writes time, tags and test lines as python does") {
    std::vector<std::string> add = {"a", "b"}, remove = {"c"};
    auto s = written([&](su::V1Writer& w) {
      w.time(su::Timestamp{1704164645, 0});
      w.tags(add, remove);
      w.tags({}, {});
      w.test("pkg.t");
      w.outcome(su::V1Outcome::success, "pkg.t");
    });
    CHECK(s ==
          "time: 2024-01-02 03:04:05.000000Z\ntags: a b -c\ntest: pkg.t\nsuccessful: pkg.t\n");
  }

  TEST_CASE("multipart parts are sorted by name, one upper-case hex chunk each") {
    std::string body(62, 'x');
    std::vector<su::V1Part> parts = {{"zeta", "text/plain", body},
                                     {"alpha", "application/octet-stream", ""}};
    auto s = written([&](su::V1Writer& w) {
      w.outcome_multipart(su::V1Outcome::failure, "t", parts);
    });
    CHECK(s == "failure: t [ multipart\nContent-Type: application/octet-stream\nalpha\n0\r\n"
               "Content-Type: text/plain\nzeta\n3E\r\n" + body + "0\r\n]\n");
  }

  TEST_CASE("an empty multipart is still written, as python's 2to1 writes passes") {
    auto s = written([](su::V1Writer& w) { w.outcome_multipart(su::V1Outcome::success, "t", {}); });
    CHECK(s == "successful: t [ multipart\n]\n");
  }

  TEST_CASE("the bracketed form escapes lines starting with ] and ends with a newline") {
    auto s = written([](su::V1Writer& w) {
      w.outcome_simple(su::V1Outcome::xfail, "t", "one\n]\n]x\nlast");
    });
    CHECK(s == "xfail: t [\none\n ]\n ]x\nlast\n]\n");
    auto ev = read_back("test: t\n" + s);
    REQUIRE(ev.size() == 3);
    CHECK(ev[1].file_bytes == "one\n]\n]x\nlast\n");
  }

  TEST_CASE("what it writes reads back to the same events") {
    std::string bin("\x00\r\n]\n0\r\n", 8);
    std::vector<su::V1Part> parts = {{"log", "text/plain;charset=utf8", "hello\n"},
                                     {"bin", "application/octet-stream", bin}};
    std::vector<std::string> tags = {"w"};
    auto s = written([&](su::V1Writer& w) {
      w.time(su::Timestamp{1704164646, 500000000});
      w.tags(tags, {});
      w.test("a");
      w.outcome_multipart(su::V1Outcome::error, "a", parts);
      w.tags({}, tags);
    });
    auto ev = read_back(s);
    REQUIRE(ev.size() == 4);
    CHECK(ev[1].file_name == "bin");
    CHECK(ev[1].file_bytes == bin);
    CHECK(ev[2].file_name == "log");
    CHECK(ev[2].mime_type == "text/plain;charset=utf8");
    su::Event last = ev[3].view();
    CHECK(last.status == su::Status::fail);
    CHECK(last.timestamp == su::Timestamp{1704164646, 500000000});
    REQUIRE(last.tags.has_value());
    CHECK(last.tags->size() == 1);
  }

  TEST_CASE("content types are re-serialised as testtools parses them") {
    CHECK(su::v1_content_type("text/plain; charset=utf8") == "text/plain;charset=utf8");
    CHECK(su::v1_content_type("text/x-traceback; charset=\"utf8\"; language=\"python\"") ==
          "text/x-traceback;charset=utf8,language=python");
    CHECK(su::v1_content_type("text/x-traceback;charset=utf8,language=python") ==
          "text/x-traceback;charset=utf8");
    CHECK(su::v1_content_type(" Text / Plain ; CHARSET=x; charset=y") == "Text/Plain;charset=y");
    CHECK(su::v1_content_type("a/b; q=\"x;y\"") == "a/b;q=x;y");
    CHECK(su::v1_content_type("*") == "*/*");
  }

  TEST_CASE("a content type python cannot parse becomes application/octet-stream") {
    CHECK(su::v1_content_type("") == "application/octet-stream");
    CHECK(su::v1_content_type("garbage") == "application/octet-stream");
    CHECK(su::v1_content_type("a/b/c") == "application/octet-stream");
  }
}

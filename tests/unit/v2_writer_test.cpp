#include <doctest/doctest.h>

#include <array>

#include "packets.hpp"

using su::Event;
using su::Status;
using su::test::encode;
using su::test::hex;

namespace {
Event with_id(std::string_view id, Status s) {
  Event e;
  e.test_id = id;
  e.status = s;
  return e;
}
}  // namespace

TEST_SUITE("v2 writer") {
  TEST_CASE("encodes each status of test foo as python's own test vectors") {
    CHECK(hex(encode(with_id("foo", Status::exists))) == "b3 29 01 0c 03 66 6f 6f 08 55 5f 1b");
    CHECK(hex(encode(with_id("foo", Status::inprogress))) == "b3 29 02 0c 03 66 6f 6f 8e c1 2d b5");
    CHECK(hex(encode(with_id("foo", Status::success))) == "b3 29 03 0c 03 66 6f 6f 45 9d fe 10");
    CHECK(hex(encode(with_id("foo", Status::uxsuccess))) == "b3 29 04 0c 03 66 6f 6f 58 98 ce a8");
    CHECK(hex(encode(with_id("foo", Status::skip))) == "b3 29 05 0c 03 66 6f 6f 93 c4 1d 0d");
    CHECK(hex(encode(with_id("foo", Status::fail))) == "b3 29 06 0c 03 66 6f 6f 15 50 6f a3");
    CHECK(hex(encode(with_id("foo", Status::xfail))) == "b3 29 07 0c 03 66 6f 6f de 0c bc 06");
  }

  TEST_CASE("clears the runnable bit only when asked") {
    Event e = with_id("foo", Status::success);
    e.runnable = false;
    CHECK(hex(encode(e)) == "b3 28 03 0c 03 66 6f 6f e3 ea f5 a4");
  }

  TEST_CASE("encodes an eof-only packet, a file and a bare MIME type") {
    Event eof;
    eof.eof = true;
    CHECK(hex(encode(eof)) == "b3 21 10 08 53 15 88 dc");
    Event file;
    file.file_name = "barney";
    file.file_bytes = "woo";
    CHECK(hex(encode(file)) == "b3 21 40 13 06 62 61 72 6e 65 79 03 77 6f 6f 41 35 e3 8c");
    Event mime;
    mime.mime_type = "application/foo; charset=1";
    CHECK(hex(encode(mime)) == "b3 21 20 23 1a " + hex("application/foo; charset=1") +
                                   " 78 33 51 15");
  }

  TEST_CASE("encodes timestamps, route codes and tags in wire order") {
    Event ts = with_id("bar", Status::success);
    ts.timestamp = su::Timestamp{0x3C1754CF, 45000};
    CHECK(hex(encode(ts)) == "b3 2b 03 13 3c 17 54 cf 80 af c8 03 62 61 72 49 96 3e 2d");
    Event route = with_id("bar", Status::success);
    route.route_code = "source";
    CHECK(hex(encode(route)) == "b3 2d 03 13 03 62 61 72 06 73 6f 75 72 63 65 9c 59 39 19");
    std::array<std::string_view, 2> tags = {"foo", "bar"};
    Event tagged = with_id("bar", Status::none);
    tagged.tags = std::span<const std::string_view>(tags);
    CHECK(hex(encode(tagged)) == "b3 29 80 15 03 62 61 72 02 03 66 6f 6f 03 62 61 72 54 48 6e b4");
  }

  TEST_CASE("reproduces the spec's worked examples B, C and D") {
    std::array<std::string_view, 1> tags = {"worker-0"};
    Event b = with_id("pkg.test_a", Status::inprogress);
    b.timestamp = su::Timestamp{1714564800, 250000000};
    b.tags = std::span<const std::string_view>(tags);
    CHECK(hex(encode(b)) ==
          "b3 2b 82 25 66 32 2e c0 ce e6 b2 80 0a 70 6b 67 2e 74 65 73 74 5f 61 01 "
          "08 77 6f 72 6b 65 72 2d 30 d7 92 0d a4");
    Event c = with_id("pkg.test_a", Status::none);
    c.timestamp = b.timestamp;
    c.mime_type = "text/plain; charset=utf8";
    c.file_name = "traceback";
    c.file_bytes = "boom\n";
    c.eof = true;
    CHECK(hex(encode(c)).substr(0, 14) == "b3 2b 70 40 45");
    CHECK(hex(encode(c)).substr(hex(encode(c)).size() - 11) == "1b 28 4d 6d");
    Event d = with_id("pkg.test_a", Status::fail);
    d.timestamp = b.timestamp;
    d.route_code = "0/3";
    CHECK(hex(encode(d)) ==
          "b3 2f 06 1f 66 32 2e c0 ce e6 b2 80 0a 70 6b 67 2e 74 65 73 74 5f 61 03 "
          "30 2f 33 2d 47 c0 99");
  }

  TEST_CASE("switches length size exactly at python's thresholds") {
    Event e;
    e.file_name = "";
    auto length_bytes = [&](std::size_t n) {
      std::string content(n, 'x');
      e.file_bytes = content;
      std::string p = encode(e);
      return hex(p.substr(3, p.size() <= 63 ? 1 : p.size() <= 16383 ? 2 : 3));
    };
    CHECK(length_bytes(0) == "0a");
    CHECK(length_bytes(53) == "3f");
    CHECK(length_bytes(54) == "40 41");
    CHECK(length_bytes(16371) == "7f ff");
    CHECK(length_bytes(16372) == "80 40 01");
  }

  TEST_CASE("splits file content too large for one packet into chunks") {
    std::string big(9 * 1024 * 1024, 'z');
    Event e = with_id("t", Status::fail);
    e.file_name = "log";
    e.file_bytes = big;
    e.eof = true;
    auto events = su::test::decode_all(encode(e));
    REQUIRE(events.size() == 9);
    std::string joined;
    for (std::size_t i = 0; i < events.size(); ++i) {
      joined += events[i].file_bytes;
      bool last = i + 1 == events.size();
      CHECK(events[i].view().eof == last);
      CHECK(events[i].view().status == (last ? Status::fail : Status::none));
      CHECK(events[i].test_id == "t");
    }
    CHECK(joined == big);
  }
}

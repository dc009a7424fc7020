#include <doctest/doctest.h>

#include "base/crc32.hpp"
#include "packets.hpp"

using su::Event;
using su::OwnedEvent;
using su::Status;
using su::test::decode_all;
using su::test::DamageLog;
using su::test::encode;
using su::test::unhex;

namespace {

std::string packet(std::string_view id, Status s) {
  Event e;
  e.test_id = id;
  e.status = s;
  return encode(e);
}

// Recomputes the CRC after the caller edited a packet's bytes.
std::string fix_crc(std::string p) {
  std::uint32_t c = su::crc32(p.data(), p.size() - 4);
  for (int i = 0; i < 4; ++i) p[p.size() - 4 + i] = static_cast<char>(c >> (24 - 8 * i));
  return p;
}

std::string parser_error(const std::vector<OwnedEvent>& events, std::size_t at) {
  REQUIRE(events.size() > at + 1);
  CHECK(events[at].test_id == "subunit.parser");
  CHECK(events[at].file_name == "Packet data");
  CHECK(events[at + 1].view().status == Status::fail);
  CHECK(events[at + 1].file_name == "Parser Error");
  return events[at + 1].file_bytes;
}

}  // namespace

TEST_SUITE("v2 reader") {
  TEST_CASE("decodes a packet and keeps its raw bytes and offset") {
    std::string p = packet("foo", Status::success);
    auto events = decode_all("hi\n" + p);
    REQUIRE(events.size() == 2);
    CHECK(events[0].file_name == "stdout");
    CHECK(events[0].file_bytes == "hi\n");
    CHECK_FALSE(events[0].view().has_test_id());
    CHECK(events[1].test_id == "foo");
    CHECK(events[1].raw == p);
    CHECK(events[1].view().offset == 3);
  }

  TEST_CASE("round-trips every field through the writer") {
    std::array<std::string_view, 2> tags = {"worker-1", "slow"};
    Event e;
    e.test_id = "pkg.T.test";
    e.status = Status::xfail;
    e.timestamp = su::Timestamp{1700000000, 123456000};
    e.tags = std::span<const std::string_view>(tags);
    e.mime_type = "text/plain";
    e.file_name = "reason";
    e.file_bytes = std::string_view("a\0b", 3);
    e.route_code = "0/3";
    e.eof = true;
    e.runnable = false;
    auto events = decode_all(encode(e));
    REQUIRE(events.size() == 1);
    Event d = events[0].view();
    CHECK(d.status == Status::xfail);
    CHECK(*d.test_id == "pkg.T.test");
    CHECK(d.timestamp->seconds == 1700000000);
    CHECK(d.timestamp->nanos == 123456000);
    REQUIRE(d.tags->size() == 2);
    CHECK((*d.tags)[1] == "slow");
    CHECK(*d.mime_type == "text/plain");
    CHECK(d.file_bytes == std::string_view("a\0b", 3));
    CHECK(*d.route_code == "0/3");
    CHECK(d.eof);
    CHECK_FALSE(d.runnable);
  }

  TEST_CASE("treats 0xB3 completing a UTF-8 character of stray text as text") {
    std::string p = packet("foo", Status::success);
    auto events = decode_all("x\xC3" + p);
    // C3 B3 is "ó": the signature is swallowed and the packet is text.
    REQUIRE(events.size() == 1);
    CHECK(events[0].file_bytes == "x\xC3" + p);
    auto clean = decode_all("x\xC3\xB3" + p);
    REQUIRE(clean.size() == 2);
    CHECK(clean[0].file_bytes == "x\xC3\xB3");
    CHECK(clean[1].test_id == "foo");
  }

  TEST_CASE("reports a bad CRC with python's message and keeps the packet's bytes") {
    std::string bad = packet("foo", Status::success);
    bad.back() ^= 1;
    DamageLog log;
    auto events = decode_all(bad + packet("bar", Status::fail), &log);
    CHECK(parser_error(events, 0) == "Bad checksum - calculated (0x459dfe10), stored (0x459dfe11)");
    CHECK(events[0].file_bytes == bad);
    CHECK(events[2].test_id == "bar");
    REQUIRE(log.seen.size() == 1);
    CHECK(log.seen[0].offset == 0);
  }

  TEST_CASE("reports a 4-byte length and rescans from the packet's seventh byte") {
    std::string p = unhex("b3 29 01 c0 00 00 0c") + packet("after", Status::success);
    auto events = decode_all(p);
    CHECK(parser_error(events, 0) == "3 byte maximum given but 4 byte value found.");
    CHECK(events[0].file_bytes.size() == 6);
    REQUIRE(events.size() == 4);
    CHECK(events[2].file_bytes == "\x0c");
    CHECK(events[3].test_id == "after");
  }

  TEST_CASE("resynchronises after a length below the minimum instead of losing the stream") {
    std::string p = unhex("b3 29 01 04 00 00") + packet("kept", Status::success);
    DamageLog log;
    auto events = decode_all(p, &log);
    CHECK(parser_error(events, 0) == "Packet length 4 is below the minimum of 8 bytes");
    REQUIRE(events.size() == 3);
    CHECK(events[2].test_id == "kept");
    CHECK(log.seen.at(0).length == 6);
  }

  TEST_CASE("finds the good packets hidden inside a corrupt length's claim") {
    std::string first = packet("one", Status::success);
    first[3] = 0x40;  // length now 2-byte form: claims far more than exists
    first = first.substr(0, 3) + "\x40\x40" + first.substr(4);
    std::string p = first + packet("two", Status::success) + std::string(100, 'x');
    auto events = decode_all(p);
    std::vector<std::string> ids;
    for (auto& e : events)
      if (e.view().has_test_id()) ids.push_back(e.test_id);
    CHECK(ids == std::vector<std::string>{"subunit.parser", "subunit.parser", "two"});
  }

  TEST_CASE("reports a packet cut short by the end of the stream") {
    std::string p = packet("truncated.test", Status::success);
    auto events = decode_all(packet("a", Status::success) + p.substr(0, 10));
    CHECK(parser_error(events, 1) == "Short read - got 4 bytes, wanted 17 bytes");
    CHECK(events[1].file_bytes == p.substr(0, 10));
  }

  TEST_CASE("reports a stream that ends inside a packet header") {
    auto events = decode_all(unhex("b3 29"));
    CHECK(parser_error(events, 0) == "Short read - got 1 bytes, wanted 5 bytes");
  }

  TEST_CASE("rejects strings that overrun, hold NUL or are not UTF-8, with python's messages") {
    std::string nul = packet("a\x01" "b", Status::success);
    nul[6] = '\0';
    CHECK(parser_error(decode_all(fix_crc(nul)), 0) == "UTF8 string at offset 2 contains NUL byte");
    std::string bad = packet("a\x01" "b", Status::success);
    bad[6] = '\xFF';
    CHECK(parser_error(decode_all(fix_crc(bad)), 0) == "UTF8 string at offset 2 is not UTF8");
    std::string cut = packet("ab\xC3", Status::success);
    CHECK(parser_error(decode_all(cut), 0) ==
          "Invalid (partially decodable) string at offset 2, 1 undecoded bytes");
    std::string over = packet("abc", Status::success);
    over[4] = 9;  // id claims 9 bytes, 3 are there
    CHECK(parser_error(decode_all(fix_crc(over)), 0) ==
          "UTF8 string at offset 2 extends past end of packet: claimed 9 bytes, 3 available");
  }

  TEST_CASE("reports file content that overruns its packet") {
    Event e;
    e.file_name = "f";
    e.file_bytes = "0123456789";
    std::string p = encode(e);
    p[6] = 50;
    CHECK(parser_error(decode_all(fix_crc(p)), 0) ==
          "File content extends past end of packet: claimed 50 bytes, 10 available");
  }

  TEST_CASE("reports a timestamp that runs past the packet instead of crashing") {
    std::string p = unhex("b3 22 00 0a 00 00") ;
    p = fix_crc(p + "xxxx");
    auto events = decode_all(p);
    CHECK(parser_error(events, 0).find("extends past end of packet") != std::string::npos);
  }

  TEST_CASE("accepts odd version nibbles and reserved bits as python does") {
    std::string p = packet("foo", Status::success);
    p[1] = 0x39;  // version 3
    p[2] = 0x0B;  // reserved bit 0x08 set
    auto events = decode_all(fix_crc(p));
    REQUIRE(events.size() == 1);
    CHECK(events[0].test_id == "foo");
  }

  TEST_CASE("never loses a byte: every input byte is in exactly one event") {
    std::string s = "lead\n" + packet("a", Status::success);
    std::string broken = packet("b", Status::fail);
    broken[5] ^= 0x55;
    s += broken + "mid\xC3" + packet("c", Status::success) + "tail";
    std::size_t total = 0;
    for (auto& e : decode_all(s)) {
      Event v = e.view();
      if (!v.raw.empty()) total += v.raw.size();
      else if (!v.has_test_id() || (v.file_name && *v.file_name == "Packet data"))
        total += v.file_bytes.size();
    }
    CHECK(total == s.size());
  }

  TEST_CASE("decodes empty input as no events") {
    CHECK(decode_all("").empty());
  }
}

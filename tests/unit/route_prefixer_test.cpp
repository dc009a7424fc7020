#include <doctest/doctest.h>

#include "base/crc32.hpp"
#include "ops/route_prefixer.hpp"
#include "packets.hpp"

using su::Event;
using su::OwnedEvent;
using su::Status;

namespace {

struct Capture : su::EventSink {
  std::vector<OwnedEvent> events;
  void on_event(const Event& e) override { events.emplace_back(e); }
};

Event test_event(std::optional<std::string_view> route = std::nullopt) {
  Event e;
  e.test_id = "pkg.test_a";
  e.status = Status::success;
  e.timestamp = su::Timestamp{1714564800, 250000000};
  e.route_code = route;
  return e;
}

std::string rewrite(const std::string& packet, std::string_view route) {
  std::string out;
  REQUIRE(su::rewrite_route_code(packet, route, out));
  return out;
}

void put_crc(std::string& packet) {
  std::uint32_t crc = su::crc32(packet.data(), packet.size() - 4);
  for (int i = 0; i < 4; ++i)
    packet[packet.size() - 4 + i] = static_cast<char>(crc >> (24 - 8 * i));
}

}  // namespace

TEST_SUITE("route prefixer") {
  TEST_CASE("adds a route code exactly as python's encoder would write it") {
    CHECK(su::test::hex(rewrite(su::test::encode(test_event()), "0")) ==
          su::test::hex(su::test::encode(test_event("0"))));
  }

  TEST_CASE("replaces an existing route code") {
    CHECK(su::test::hex(rewrite(su::test::encode(test_event("3")), "0/3")) ==
          su::test::hex(su::test::encode(test_event("0/3"))));
  }

  TEST_CASE("moves to a two-byte length when the route makes the packet longer than 63") {
    std::string route(60, 'r');
    std::string out = rewrite(su::test::encode(test_event()), route);
    CHECK(out == su::test::encode(test_event(route)));
    auto events = su::test::decode_all(out);
    REQUIRE(events.size() == 1);
    CHECK(events[0].route_code == route);
  }

  TEST_CASE("keeps unknown flag bits and bytes after the last field") {
    std::string p = su::test::encode(test_event());
    p[2] = static_cast<char>(p[2] | 0x08);  // a flag bit python ignores
    p.insert(p.size() - 4, "zz");           // trailing bytes python ignores
    p[3] = static_cast<char>(p.size());     // one-byte length
    put_crc(p);
    REQUIRE(su::test::decode_all(p).size() == 1);
    std::string out = rewrite(p, "7");
    CHECK((static_cast<unsigned char>(out[2]) & 0x08) != 0);
    CHECK(out.find("zz") != std::string::npos);
    auto events = su::test::decode_all(out);
    REQUIRE(events.size() == 1);
    CHECK(events[0].route_code == "7");
    CHECK(events[0].test_id == "pkg.test_a");
  }

  TEST_CASE("refuses a rewrite that would exceed the largest packet") {
    Event big = test_event();
    big.file_name = "log";
    std::string bytes(0x3FFFFF - 40, 'x');
    big.file_bytes = bytes;
    std::string p = su::test::encode(big);
    std::string out = "untouched";
    CHECK_FALSE(su::rewrite_route_code(p, std::string(64, 'r'), out));
    CHECK(out == "untouched");
  }

  TEST_CASE("refuses bytes that are not a whole packet") {
    std::string p = su::test::encode(test_event());
    std::string out;
    CHECK_FALSE(su::rewrite_route_code(p.substr(0, p.size() - 1), "0", out));
    CHECK_FALSE(su::rewrite_route_code("garbage!", "0", out));
  }

  TEST_CASE("prefixes routed and unrouted events and nests an existing route") {
    std::string input = su::test::encode(test_event()) + su::test::encode(test_event("2"));
    Capture out;
    su::RoutePrefixer prefixer{out};
    prefixer.set_prefix("m1");
    for (const auto& e : su::test::decode_all(input)) prefixer.on_event(e.view());
    REQUIRE(out.events.size() == 2);
    CHECK(out.events[0].route_code == "m1");
    CHECK(out.events[0].raw == su::test::encode(test_event("m1")));
    CHECK(out.events[1].route_code == "m1/2");
    CHECK(out.events[1].raw == su::test::encode(test_event("m1/2")));
  }

  TEST_CASE("gives events without packet bytes the route for the writer to encode") {
    Event text;
    text.file_name = "stdout";
    text.file_bytes = "stray\n";
    Capture out;
    su::RoutePrefixer prefixer{out};
    prefixer.set_prefix("0");
    prefixer.on_event(text);
    REQUIRE(out.events.size() == 1);
    CHECK(out.events[0].route_code == "0");
    CHECK(out.events[0].raw.empty());
  }

  TEST_CASE("forwards events untouched without a prefix") {
    std::string p = su::test::encode(test_event("5"));
    Capture out;
    su::RoutePrefixer prefixer{out};
    for (const auto& e : su::test::decode_all(p)) prefixer.on_event(e.view());
    REQUIRE(out.events.size() == 1);
    CHECK(out.events[0].raw == p);
  }
}

#include <doctest/doctest.h>

#include "report/json_lines.hpp"

using su::Attachment;
using su::Status;
using su::TestResult;

namespace {

std::string json(const TestResult& r, bool text = false) {
  std::string out;
  su::append_json_result(out, r, text);
  return out;
}

Attachment attachment(std::string name, std::string mime, std::string bytes, std::uint64_t size) {
  Attachment a;
  a.name = std::move(name);
  a.mime_type = std::move(mime);
  a.bytes = std::move(bytes);
  a.size = size;
  return a;
}

}  // namespace

TEST_SUITE("json lines") {
  TEST_CASE("writes every field of a finished test in a fixed order") {
    TestResult r;
    r.id = "pkg.T.test_\"q\"";
    r.status = Status::fail;
    r.complete = true;
    r.start = su::Timestamp{1714564800, 300000000};
    r.stop = su::Timestamp{1714564801, 500000000};
    r.tags = std::vector<std::string>{"worker-1", "slow"};
    r.route_code.emplace(1, '0');  // not = "0": gcc 12 -Wrestrict false positive
    r.attachments.push_back(attachment("traceback", "text/x-traceback", "", 85));
    CHECK(json(r) ==
          "{\"id\":\"pkg.T.test_\\\"q\\\"\",\"status\":\"fail\","
          "\"start\":\"2024-05-01T12:00:00.300000Z\",\"stop\":\"2024-05-01T12:00:01.500000Z\","
          "\"duration\":1.200000,\"tags\":[\"slow\",\"worker-1\"],\"route\":\"0\","
          "\"attachments\":[{\"name\":\"traceback\",\"mime_type\":\"text/x-traceback\","
          "\"size\":85}]}");
  }

  TEST_CASE("writes null for unknown times and route, [] for no tags, unknown for no status") {
    TestResult r;
    r.id = "a";
    CHECK(json(r) ==
          "{\"id\":\"a\",\"status\":\"unknown\",\"start\":null,\"stop\":null,"
          "\"duration\":null,\"tags\":[],\"route\":null,\"attachments\":[]}");
  }

  TEST_CASE("includes UTF-8 content as text and anything else as base64") {
    TestResult r;
    r.id = "a";
    r.status = Status::success;
    r.attachments.push_back(attachment("log", "", "line\n", 5));
    r.attachments.push_back(attachment("bin", "application/octet-stream", std::string("\xff\x00\x01\x02", 4), 4));
    std::string out = json(r, true);
    CHECK(out.find("{\"name\":\"log\",\"mime_type\":null,\"size\":5,\"text\":\"line\\n\"}") !=
          std::string::npos);
    CHECK(out.find("\"size\":4,\"base64\":\"/wABAg==\"}") != std::string::npos);
  }

  TEST_CASE("pads base64 for one and two trailing bytes") {
    TestResult r;
    r.id = "a";
    r.attachments.push_back(attachment("one", "", "\xff", 1));
    r.attachments.push_back(attachment("two", "", "\xff\xfe", 2));
    r.attachments.push_back(attachment("three", "", "\xff\xfe\xfd", 3));
    std::string out = json(r, true);
    CHECK(out.find("\"base64\":\"/w==\"") != std::string::npos);
    CHECK(out.find("\"base64\":\"//4=\"") != std::string::npos);
    CHECK(out.find("\"base64\":\"//79\"") != std::string::npos);
  }

  TEST_CASE("formats times as format_iso8601 does, across leap days and to 2106") {
    std::uint32_t secs[] = {0u,          59u,         86399u,      951782400u,  951868799u,
                            1714564800u, 4107542400u, 4102444799u, 4294967295u};
    for (std::uint32_t s : secs) {
      for (std::uint32_t nanos : {0u, 1500u, 999999499u, 999999500u}) {
        TestResult r;
        r.id = "a";
        r.start = su::Timestamp{s, nanos};
        std::string want = "\"start\":\"" + su::format_iso8601(r.start->micros()) + "\"";
        CHECK_MESSAGE(json(r).find(want) != std::string::npos, json(r), " ", want);
      }
    }
  }

  TEST_CASE("writes durations as exact seconds with six decimals, negative too") {
    TestResult r;
    r.id = "a";
    r.start = su::Timestamp{100, 0};
    r.stop = su::Timestamp{3700, 123456000};
    CHECK(json(r).find("\"duration\":3600.123456,") != std::string::npos);
    std::swap(r.start, r.stop);
    CHECK(json(r).find("\"duration\":-3600.123456,") != std::string::npos);
  }
}

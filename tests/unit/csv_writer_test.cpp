#include <doctest/doctest.h>

#include "captured_output.hpp"

#include <cstdio>
#include <string>

#include "base/output.hpp"
#include "report/csv_writer.hpp"

using su::Status;
using su::TestResult;

namespace {

using Captured = su::test::CapturedOutput;

TestResult result(std::string id, Status s, std::optional<std::int64_t> start_us,
                  std::optional<std::int64_t> stop_us) {
  TestResult r;
  r.id = std::move(id);
  r.status = s;
  r.complete = s != Status::inprogress && s != Status::none;
  if (start_us) r.start = su::Timestamp::from_micros(*start_us);
  if (stop_us) r.stop = su::Timestamp::from_micros(*stop_us);
  return r;
}

constexpr std::int64_t kT = 1714564800000000LL;  // 2024-05-01T12:00:00Z

}  // namespace

TEST_SUITE("csv writer") {
  TEST_CASE("formats times as python's str(datetime), fraction only when not zero") {
    CHECK(su::python_datetime(kT) == "2024-05-01 12:00:00+00:00");
    CHECK(su::python_datetime(kT + 250000) == "2024-05-01 12:00:00.250000+00:00");
  }
  TEST_CASE("quotes a field only when it holds a comma, quote, CR or LF") {
    std::string out;
    su::append_csv_field(out, "plain");
    out += '|';
    su::append_csv_field(out, "a,\"b\"");
    out += '|';
    su::append_csv_field(out, "x\ry");
    CHECK(out == "plain|\"a,\"\"b\"\"\"|\"x\ry\"");
  }
  TEST_CASE("quotes a long field whatever the position of the special byte") {
    for (std::size_t n = 1; n <= 70; ++n) {
      for (std::size_t at = 0; at < n; ++at) {
        for (char special : {',', '"', '\r', '\n'}) {
          std::string field(n, 'a');
          field[at] = special;
          std::string out;
          su::append_csv_field(out, field);
          CHECK(out.front() == '"');
        }
      }
      std::string plain(n, 'a'), out;
      su::append_csv_field(out, plain);
      CHECK(out == plain);
    }
  }
  TEST_CASE("a date kept from the previous row is replaced when the day changes") {
    su::DateCache cache;
    std::string out;
    su::append_python_datetime(out, kT, cache);
    out += '|';
    su::append_python_datetime(out, kT + 86400000000LL, cache);
    out += '|';
    su::append_python_datetime(out, kT - 1, cache);
    CHECK(out == "2024-05-01 12:00:00+00:00|2024-05-02 12:00:00+00:00|"
                 "2024-05-01 11:59:59.999999+00:00");
  }
  TEST_CASE("writes python's statuses: uxsuccess as success, unfinished as failure") {
    Captured c;
    su::CsvWriter w{c.out, {}};
    w.start();
    w.on_result(result("a", Status::uxsuccess, kT, kT + 1));
    w.on_result(result("b", Status::xfail, kT, kT + 1));
    w.on_result(result("c", Status::inprogress, kT + 2, std::nullopt));
    CHECK(c.text() ==
          "test,status,start_time,stop_time\r\n"
          "a,success,2024-05-01 12:00:00+00:00,2024-05-01 12:00:00.000001+00:00\r\n"
          "b,xfail,2024-05-01 12:00:00+00:00,2024-05-01 12:00:00.000001+00:00\r\n"
          "c,failure,2024-05-01 12:00:00.000002+00:00,2024-05-01 12:00:00.000002+00:00\r\n");
    CHECK_FALSE(w.successful());
  }
  TEST_CASE("a test without timestamps takes the last time seen, else the wall clock") {
    Captured c;
    su::CsvWriter w{c.out, {.wall_clock_micros = kT + 5000000}};
    w.on_result(result("early", Status::success, std::nullopt, std::nullopt));
    w.on_result(result("timed", Status::success, kT, kT + 1000));
    w.on_result(result("late", Status::skip, std::nullopt, std::nullopt));
    CHECK(c.text() ==
          "early,success,2024-05-01 12:00:05+00:00,2024-05-01 12:00:05+00:00\r\n"
          "timed,success,2024-05-01 12:00:00+00:00,2024-05-01 12:00:00.001000+00:00\r\n"
          "late,skip,2024-05-01 12:00:00.001000+00:00,2024-05-01 12:00:00.001000+00:00\r\n");
    CHECK(w.successful());
  }
}

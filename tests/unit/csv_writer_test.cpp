#include <doctest/doctest.h>

#include "captured_output.hpp"

#include <cstdio>
#include <ctime>
#include <random>
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
  TEST_CASE("a minute kept from the previous row is replaced when the minute or day changes") {
    su::MinuteText minutes;
    char text[3 * su::kMaxPythonDatetime];
    char* p = su::write_python_datetime(text, kT, minutes);
    *p++ = '|';
    p = su::write_python_datetime(p, kT + 86400000000LL, minutes);
    *p++ = '|';
    p = su::write_python_datetime(p, kT - 1, minutes);
    CHECK(std::string(text, p) == "2024-05-01 12:00:00+00:00|2024-05-02 12:00:00+00:00|"
                                  "2024-05-01 11:59:59.999999+00:00");
  }
  TEST_CASE("writes every time as gmtime does, in any order, before the epoch too") {
    // Times from 1901 to 2106 and runs of close ones, compared with libc's
    // calendar; a kept minute must never leak into the next row.
    std::mt19937_64 rng(15);
    su::MinuteText minutes;
    std::int64_t t = kT;
    for (int i = 0; i < 100000; ++i) {
      switch (rng() % 4) {
        case 0: t = static_cast<std::int64_t>(rng() % 6500000000ULL) * 1000000 -
                    2100000000LL * 1000000 + static_cast<std::int64_t>(rng() % 1000000); break;
        case 1: t += static_cast<std::int64_t>(rng() % 120000000); break;
        case 2: t -= static_cast<std::int64_t>(rng() % 120000000); break;
        default: t = t / 1000000 * 1000000; break;  // no fraction
      }
      std::int64_t secs = t >= 0 ? t / 1000000 : -((-t + 999999) / 1000000);
      auto frac = static_cast<int>(t - secs * 1000000);
      std::time_t tt = static_cast<std::time_t>(secs);
      std::tm tm{};
      REQUIRE(gmtime_r(&tt, &tm) != nullptr);
      char want[64];
      int n = std::snprintf(want, sizeof want, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900,
                            tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
      if (frac) n += std::snprintf(want + n, sizeof want - n, ".%06d", frac);
      n += std::snprintf(want + n, sizeof want - n, "+00:00");
      char got[su::kMaxPythonDatetime];
      char* end = su::write_python_datetime(got, t, minutes);
      REQUIRE(std::string(got, end) == std::string(want, static_cast<std::size_t>(n)));
    }
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
  TEST_CASE("a quoted id and a row longer than the output's buffer are written whole") {
    Captured c;
    su::CsvWriter w{c.out, {}};
    std::string huge(c.out.capacity() + 10, 'x');
    w.on_result(result("a,\"b\"", Status::success, kT, kT));
    w.on_result(result(huge, Status::skip, kT, kT));
    w.on_result(result("z", Status::success, kT, kT));
    CHECK(c.text() == "\"a,\"\"b\"\"\",success,2024-05-01 12:00:00+00:00,2024-05-01 12:00:00+00:00\r\n" +
                          huge + ",skip,2024-05-01 12:00:00+00:00,2024-05-01 12:00:00+00:00\r\n"
                          "z,success,2024-05-01 12:00:00+00:00,2024-05-01 12:00:00+00:00\r\n");
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

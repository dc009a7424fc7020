// CsvWriter: one CSV row per test, as python-subunit's subunit2csv writes
// them (spec/reference-tools.md §7):
//
//   test,status,start_time,stop_time\r\n
//   proj.test_a,success,2024-05-01 12:00:00+00:00,2024-05-01 12:00:00.250000+00:00\r\n
//
// - rows in completion order (tests open at the end last, newest first),
//   CRLF line ends, a field quoted only when it holds `,` `"` CR or LF;
// - status: success, failure (fail, or never completed), skip, xfail, and
//   success for uxsuccess (python's TestByTestResult says so);
// - times are python's str(datetime) in UTC, without a fraction when the
//   microseconds are 0. A test event without a timestamp takes the last
//   time seen before it (testtools' clock), or the wall clock if none was.
//
// Where python crashes (a failure or xfail without any attachment) the row
// is written like any other. Non-test events are written to `passthrough`
// as v2 packets, as python does, when it is given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/decimal_text.hpp"
#include "base/output.hpp"
#include "ops/result_aggregator.hpp"

namespace su {

struct CsvOptions {
  Output* passthrough = nullptr;
  std::int64_t wall_clock_micros = 0;  // the clock for untimestamped streams
};

class CsvWriter : public ResultHandler {
 public:
  CsvWriter(Output& out, CsvOptions options) : out_(out), options_(options) {}

  // The header row; python writes it before reading the stream.
  void start();
  void on_result(const TestResult& result) override;
  void on_non_test(const Event& event) override;

  // unittest's rule (python's exit status): no failure, no test left open,
  // no unexpected success.
  bool successful() const { return unsuccessful_ == 0; }

 private:
  std::int64_t now() const { return set_time_.value_or(options_.wall_clock_micros); }

  Output& out_;
  CsvOptions options_;
  std::optional<std::int64_t> set_time_;
  std::uint64_t unsuccessful_ = 0;
  std::string quoted_;  // an id that needs quoting, quoted
  std::string row_;     // a row longer than the output's buffer
  MinuteText minutes_;
};

// Appends one CSV field with python's csv.QUOTE_MINIMAL rules.
void append_csv_field(std::string& out, std::string_view field);
// python's str(datetime) of a UTC time: "2024-05-01 12:00:00.250000+00:00".
std::string python_datetime(std::int64_t micros);

// python_datetime(micros) written at `p`, which has room for
// kMaxPythonDatetime bytes; returns the end. `minutes` keeps the text of
// the last minute written.
constexpr std::size_t kMaxPythonDatetime = 32;  // "YYYY-MM-DD HH:MM:SS.ffffff+00:00"
char* write_python_datetime(char* p, std::int64_t micros, MinuteText& minutes);

}  // namespace su

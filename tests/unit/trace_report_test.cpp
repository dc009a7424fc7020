#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>

#include "captured_output.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "base/output.hpp"
#include "report/trace_report.hpp"

using su::Status;
using su::TestResult;

namespace {

using Captured = su::test::CapturedOutput;

constexpr std::int64_t kT = 1714564800000000LL;

TestResult result(std::string id, Status s, double start, double stop, std::string worker = "") {
  TestResult r;
  r.id = std::move(id);
  r.status = s;
  r.complete = s != Status::inprogress && s != Status::none;
  r.start = su::Timestamp::from_micros(kT + std::llround(start * 1e6));
  if (r.complete) r.stop = su::Timestamp::from_micros(kT + std::llround(stop * 1e6));
  if (!worker.empty()) r.tags = std::vector<std::string>{"x", worker};
  return r;
}

}  // namespace

TEST_SUITE("trace report") {
  TEST_CASE("sums the very number python's float() reads from each duration") {
    int mismatches = 0;
    std::uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 200000; ++i) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      std::int64_t micros = static_cast<std::int64_t>(x % 20000000000ull) - 10000000000LL;
      if (i < 2000) micros = i - 1000;  // around zero, where the sign matters
      std::string text;
      double value = su::append_trace_duration(text, micros);
      std::int64_t whole = micros / 1000000, frac = micros % 1000000;
      if (frac < 0) frac += 1000000, --whole;
      char expected[64];
      std::snprintf(expected, sizeof expected, "%lld.%06llds", static_cast<long long>(whole),
                    static_cast<long long>(frac));
      if (text != expected ||
          value != std::strtod(text.c_str(), nullptr))
        ++mismatches;
    }
    CHECK(mismatches == 0);
  }

  TEST_CASE("formats durations and timedeltas as python does") {
    CHECK(su::trace_duration(1200000) == "1.200000s");
    CHECK(su::trace_duration(-500000) == "-1.500000s");
    CHECK(su::python_timedelta(4125000) == "0:00:04.125000");
    CHECK(su::python_timedelta(90000000000LL) == "1 day, 1:00:00");
    CHECK(su::python_timedelta(-1) == "-1 day, 23:59:59.999999");
  }
  TEST_CASE("one line per test with worker, tag-less name and duration; failures show attachments") {
    Captured c;
    su::TraceReport t{c.out, {}};
    t.on_result(result("p.test_ok[id-1,smoke]", Status::success, 0, 0.25, "worker-0"));
    auto bad = result("p.test_bad", Status::fail, 0.3, 1.5, "worker-1");
    bad.attachments.push_back({"traceback", "text/x-traceback; charset=utf8", "Boom\n", 0});
    t.on_result(bad);
    auto skip = result("p.test_skip", Status::skip, 2, 2.01, "worker-0");
    skip.attachments.push_back({"reason", "text/plain; charset=utf8", "no net", 0});
    t.on_result(skip);
    t.on_result(result("process-returncode", Status::fail, 3, 3, "worker-1"));
    t.on_result(result("p.test_hang", Status::inprogress, 5, 0, "worker-1"));
    CHECK(t.finish() == su::TraceVerdict::failed);
    CHECK(c.text() ==
          "{0} p.test_ok [0.250000s] ... ok\n"
          "{1} p.test_bad [1.200000s] ... FAILED\n"
          "\nCaptured traceback:\n~~~~~~~~~~~~~~~~~~~\n    Boom\n    \n"
          "{0} p.test_skip ... SKIPPED: no net\n"
          "{1} p.test_hang [] ... inprogress\n"
          "\n======\nTotals\n======\n"
          "Ran: 5 tests in 5.0000 sec.\n"
          " - Passed: 1\n - Skipped: 1\n - Expected Fail: 0\n - Unexpected Success: 0\n"
          " - Failed: 2\n"
          "Sum of execute time for each test: 1.4600 sec.\n"
          "\n==============\nWorker Balance\n==============\n"
          " - Worker 0 (2 tests) => 0:00:02.010000\n"
          " - Worker 1 (3 tests) => N/A\n");
  }
  TEST_CASE("warns about missing workers, collapsing a gap into one line") {
    Captured c;
    su::TraceReport t{c.out, {.summary = true}};
    t.on_result(result("a", Status::success, 0, 1, "worker-1"));
    t.on_result(result("b", Status::success, 0, 1, "worker-5"));
    CHECK(t.finish() == su::TraceVerdict::ok);
    std::string s = c.text();
    CHECK(s.find(" - WARNING: missing Worker 0! Race in testr accounting.\n"
                 " - Worker 1 (1 tests) => 0:00:01\n"
                 " - WARNING: missing Workers 2-4! Race in testr accounting.\n"
                 " - Worker 5 (1 tests) => 0:00:01\n") != std::string::npos);
  }
  TEST_CASE("failonly hides passing tests; post_fails repeats failures at the end") {
    Captured c;
    su::TraceReport t{c.out, {.failonly = true, .failure_debug = false, .post_fails = true,
                              .summary = false}};
    t.on_result(result("ok", Status::success, 0, 1));
    auto bad = result("bad", Status::uxsuccess, 0, 1);
    bad.attachments.push_back({"stdout", "text/plain", "hello", 0});
    t.on_result(bad);
    CHECK(t.finish() == su::TraceVerdict::ok);  // uxsuccess fails no run, as in subunit-trace
    CHECK(c.text() ==
          "{0} bad [1.000000s] ... FAILED\n"
          "\n==============================\nFailed 1 tests - output below:\n"
          "==============================\n"
          "\nbad\n---\n\nCaptured stdout:\n~~~~~~~~~~~~~~~~\n    hello\n\n");
  }
  TEST_CASE("no tests, or no successes, is a failed run") {
    Captured c;
    su::TraceReport empty{c.out, {}};
    CHECK(empty.finish() == su::TraceVerdict::no_tests);
    su::TraceReport skips{c.out, {.summary = false}};
    skips.on_result(result("s", Status::skip, 0, 1));
    CHECK(skips.finish() == su::TraceVerdict::no_successes);
    CHECK(c.text().find("\nNo tests were successful during the run\n") != std::string::npos);
  }
}

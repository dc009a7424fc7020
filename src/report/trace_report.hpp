// TraceReport: the human view of a run, after os-testr's subunit-trace
// (spec/reference-tools.md §10). One line per finished test, written as it
// finishes:
//
//   {W} NAME [D] ... ok          success, xfail
//   {W} NAME [D] ... FAILED      fail, uxsuccess (then its attachments)
//   {W} NAME ... SKIPPED: REASON skip
//   {W} NAME [] ... inprogress   a test still open at the end
//
// W is the number of the test's `worker-N` tag (0 without one), NAME the id
// with its first `[...]` removed, D `%d.%06ds` of stop - start. Attachments
// print as `Captured NAME:` blocks indented four spaces: all of them for
// failures, stdout/stderr only for passing tests (all with
// all_attachments). Non-test output is copied raw, in stream order. The
// test id `process-returncode` is counted but not shown.
//
// finish() prints failures again (post_fails), the totals and the worker
// balance. Unlike os-testr, the run time is the stream's own (earliest
// start to latest stop), not the tool's clock; attachments print as text
// (not python bytes reprs), binary ones as a one-line note.
//
// Memory: per-worker counters, plus the failed tests when post_fails asks
// to print them again.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/output.hpp"
#include "ops/result_aggregator.hpp"

namespace su {

struct TraceOptions {
  bool color = false;
  bool escape = false;           // make control bytes in ids and text visible (a terminal)
  bool failonly = false;         // show only failures
  bool failure_debug = true;     // print failures' attachments inline
  bool post_fails = false;       // print failures again after the stream
  bool summary = true;
  bool abbreviate = false;       // one character per test
  bool all_attachments = false;  // every attachment of passing tests too
};

// The verdict, as subunit-trace gives it.
enum class TraceVerdict {
  ok,
  no_tests,      // nothing ran
  no_successes,  // no test passed
  failed,        // a test failed or never completed
};

class TraceReport : public ResultHandler {
 public:
  TraceReport(Output& out, TraceOptions options) : out_(out), options_(options) {}

  void on_result(const TestResult& result) override;
  void on_non_test(const Event& event) override;
  // After the stream: failures again, summary, verdict lines.
  TraceVerdict finish();

 private:
  struct Worker {
    std::uint64_t tests = 0;
    std::optional<std::int64_t> first_start, last_stop;  // micros
  };

  void status_word(std::string_view word, const char* color);
  void print_attachments(const TestResult& r, bool all);
  void print_summary();
  // Appends stream text to line_, made visible if options_.escape.
  void append_text(std::string_view text);

  Output& out_;
  TraceOptions options_;
  std::string line_;
  std::map<long long, Worker> workers_;
  std::vector<TestResult> fails_;
  std::uint64_t ran_ = 0, passed_ = 0, skipped_ = 0, xfail_ = 0, uxsuccess_ = 0, failed_ = 0;
  std::uint64_t unfinished_ = 0, fails_seen_ = 0;
  double test_seconds_ = 0;
  std::optional<std::int64_t> first_, last_;
};

// "%d.%06ds" of a duration in microseconds, python's way (a negative one
// prints as python's timedelta fields do: -0.5 s is "-1.500000s").
std::string trace_duration(std::int64_t micros);
// python's str(timedelta): "0:00:04.125000", "1 day, 2:00:00".
std::string python_timedelta(std::int64_t micros);

}  // namespace su

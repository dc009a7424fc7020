// JUnitWriter: test results as JUnit XML, in two formats.
//
// JUnitFormat::junit (the default) is what Jenkins, GitLab and GitHub test
// reporters read:
//
//   <?xml version="1.0" encoding="UTF-8"?>
//   <testsuites name=.. tests=.. failures=.. errors=.. skipped=.. time=..>
//     <testsuite name=.. tests=.. failures=.. errors=.. skipped=.. time=.. timestamp=..>
//       <testcase classname="C" name="M" time="0.250"/>
//       <testcase ...><failure type="fail" message="LAST LINE">TRACEBACK</failure>
//         <system-out>..</system-out><system-err>..</system-err></testcase>
//       <testcase ...><skipped message="REASON"/></testcase>
//       <system-out>non-test output</system-out>
//     </testsuite>
//   </testsuites>
//
// fail -> <failure type="fail">, uxsuccess -> <failure type="uxsuccess">, a
// test still open at the end -> <error type="incomplete">; xfail passes.
// Times come from the stream's timestamps (suite: earliest start to latest
// stop). Attachments named stdout/stderr (before any ':') go to the test's
// system-out/system-err, other text attachments to system-out under a
// `[NAME]` line, binary ones as a one-line note. Escaping: XmlDialect::strict.
//
// JUnitFormat::subunit2junitxml reproduces python's subunit2junitxml byte
// for byte (spec/reference-tools.md §8): one bare <testsuite>, failure text
// rendered by testtools, python-junitxml's escaping and its clock rules.
//
// Either way the counts in the headers are only known at the end, so test
// cases are spooled (report/spool.hpp: in memory up to
// JUnitOptions::spool_memory, then to an unlinked temporary file) and the
// document is written by finish(). Memory stays bounded whatever the number
// of tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/output.hpp"
#include "ops/result_aggregator.hpp"

namespace su {

class Spool;

enum class JUnitFormat { junit, subunit2junitxml };

struct JUnitOptions {
  JUnitFormat format = JUnitFormat::junit;
  std::string suite_name = "subunit";  // junit format: testsuites/testsuite name
  // Where non-test events go as v2 packets (python's passthrough); null:
  // nowhere. In the junit format they are also kept in the suite's
  // system-out/system-err when capture_non_test is set.
  Output* passthrough = nullptr;
  bool capture_non_test = true;
  std::string spool_dir = "/tmp";  // for the temporary file
  // Bytes of test cases kept in memory before the rest go to the temporary
  // file. 32 MiB holds some 240,000 passing tests in python's format (about
  // 140 bytes each), so the common run never touches the disk, and keeps
  // su-junit well under 64 MB on a run of millions.
  std::size_t spool_memory = 32 << 20;
  // The clock python falls back on when a stream has no timestamps
  // (microseconds since the epoch); only the python format uses it.
  std::int64_t wall_clock_micros = 0;
};

class JUnitWriter : public ResultHandler {
 public:
  JUnitWriter(Output& out, JUnitOptions options);
  ~JUnitWriter() override;

  void on_result(const TestResult& result) override;
  void on_non_test(const Event& event) override;
  // Writes the whole document to the output. Call once, after the stream.
  void finish();

  // unittest's rule, as python's exit status uses it: no failure, no test
  // left open, no unexpected success.
  bool successful() const { return failures_ == 0 && errors_ == 0 && uxsuccesses_ == 0; }
  std::uint64_t tests() const { return tests_; }

 private:
  void python_case(const TestResult& r);
  void python_plain_case(std::string_view classname, std::string_view name,
                         std::int64_t duration, bool uxsuccess);
  void junit_case(const TestResult& r);
  void python_time(std::optional<Timestamp> t);
  std::int64_t python_now() const { return set_time_.value_or(options_.wall_clock_micros); }

  Output& out_;
  JUnitOptions options_;
  std::unique_ptr<Spool> cases_, suite_out_, suite_err_;
  std::string scratch_, last_non_test_name_;
  std::uint64_t tests_ = 0, failures_ = 0, errors_ = 0, uxsuccesses_ = 0, skipped_ = 0;
  // python format: testtools' "current time" and junitxml's run start.
  std::optional<std::int64_t> set_time_;
  std::int64_t run_start_ = 0;
  // junit format: the stream's time span.
  std::optional<std::int64_t> first_, last_;
};

}  // namespace su

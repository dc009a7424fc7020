// su-junit: write the tests of a subunit stream as JUnit XML. See su-junit(1).
// The default output suits Jenkins, GitLab and GitHub; --format=subunit2junitxml
// reproduces python-subunit's subunit2junitxml byte for byte.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "base/error.hpp"
#include "base/output.hpp"
#include "base/timestamp.hpp"
#include "common/report_filter_options.hpp"
#include "common/tool.hpp"
#include "report/junit_writer.hpp"

int main(int argc, char** argv) {
  su::Tool tool{"su-junit", "Write the tests of a subunit stream as JUnit XML."};
  su::ReportFilterOptions io;  // the input and output options python's report filters share
  std::string format = "junit", suite_name = "subunit";
  std::uint64_t buffer_size = su::JUnitOptions{}.spool_memory;
  tool.app.add_option("--format", format, "'junit' (default) or 'subunit2junitxml' (python's)")
      ->check(CLI::IsMember({"junit", "subunit2junitxml"}));
  tool.app.add_option("--suite-name", suite_name, "name of the test suite (default 'subunit')");
  io.add_to(tool, "drop non-test output in the stream", "the XML");
  tool.app
      .add_option("--buffer-size", buffer_size,
                  "bytes of test cases kept in memory before the rest go to a temporary file "
                  "in $TMPDIR (default 32M)")
      ->transform(CLI::AsSizeValue(false));
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    auto reader = tool.open(io.input);
    su::Output& out = su::standard_output();
    auto file = io.output_to.empty() ? nullptr : su::create_output_file(io.output_to);
    su::Output& report = file ? *file : out;
    bool python = format == "subunit2junitxml";
    const char* tmpdir = std::getenv("TMPDIR");
    su::JUnitOptions options;
    options.format = python ? su::JUnitFormat::subunit2junitxml : su::JUnitFormat::junit;
    options.suite_name = suite_name;
    // python copies non-test output to stdout as v2 packets; ours keeps it
    // in the suite's system-out/system-err instead.
    options.passthrough = python && !io.no_passthrough && !io.forward ? &out : nullptr;
    options.capture_non_test = !io.no_passthrough;
    options.spool_dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
    options.spool_memory = static_cast<std::size_t>(buffer_size);
    options.wall_clock_micros = su::now_micros();
    su::JUnitWriter junit{report, options};
    su::ResultAggregator aggregator{junit, {.keep_attachments = true, .drop_exists = true, .keep_tags = false}};
    su::pump_forwarding(*reader, aggregator, io.forward);
    junit.finish();
    if (file) file->flush();
    return junit.successful() ? su::Exit::ok : su::Exit::no;
  });
}

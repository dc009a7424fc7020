// su-junit: write the tests of a subunit stream as JUnit XML. See su-junit(1).
// The default output suits Jenkins, GitLab and GitHub; --format=subunit2junitxml
// reproduces python-subunit's subunit2junitxml byte for byte.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "base/error.hpp"
#include "base/output.hpp"
#include "base/timestamp.hpp"
#include "common/tool.hpp"
#include "report/junit_writer.hpp"

int main(int argc, char** argv) {
  su::Tool tool{"su-junit", "Write the tests of a subunit stream as JUnit XML."};
  std::string input = "-";
  std::string output_to, format = "junit", suite_name = "subunit";
  bool no_passthrough = false, forward = false;
  std::uint64_t buffer_size = su::JUnitOptions{}.spool_memory;
  tool.app.add_option("input", input, "stream to read (v1, v2, zstd); '-' is standard input");
  tool.app.add_option("--format", format, "'junit' (default) or 'subunit2junitxml' (python's)")
      ->check(CLI::IsMember({"junit", "subunit2junitxml"}));
  tool.app.add_option("--suite-name", suite_name, "name of the test suite (default 'subunit')");
  tool.app.add_flag("--no-passthrough", no_passthrough, "drop non-test output in the stream");
  tool.app.add_option("-o,--output-to", output_to, "write the XML to this file");
  tool.app.add_flag("-f,--forward", forward, "also copy the stream to stdout as subunit v2");
  tool.app
      .add_option("--buffer-size", buffer_size,
                  "bytes of test cases kept in memory before the rest go to a temporary file "
                  "in $TMPDIR (default 32M)")
      ->transform(CLI::AsSizeValue(false));
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    auto reader = tool.open(input);
    su::Output& out = su::standard_output();
    auto file = output_to.empty() ? nullptr : su::create_output_file(output_to);
    su::Output& report = file ? *file : out;
    bool python = format == "subunit2junitxml";
    const char* tmpdir = std::getenv("TMPDIR");
    su::JUnitOptions options;
    options.format = python ? su::JUnitFormat::subunit2junitxml : su::JUnitFormat::junit;
    options.suite_name = suite_name;
    // python copies non-test output to stdout as v2 packets; ours keeps it
    // in the suite's system-out/system-err instead.
    options.passthrough = python && !no_passthrough && !forward ? &out : nullptr;
    options.capture_non_test = !no_passthrough;
    options.spool_dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
    options.spool_memory = static_cast<std::size_t>(buffer_size);
    options.wall_clock_micros = su::now_micros();
    su::JUnitWriter junit{report, options};
    su::ResultAggregator aggregator{junit, {.keep_attachments = true, .drop_exists = true}};
    su::pump_forwarding(*reader, aggregator, forward);
    junit.finish();
    if (file) file->flush();
    return junit.successful() ? su::Exit::ok : su::Exit::no;
  });
}

// su-csv: write the tests of a subunit stream as CSV rows. See su-csv(1).
// Columns, quoting and exit code match python-subunit's subunit2csv.
#include <cstring>

#include "base/error.hpp"
#include "base/output.hpp"
#include "base/timestamp.hpp"
#include "common/tool.hpp"
#include "report/csv_writer.hpp"

int main(int argc, char** argv) {
  su::Tool tool{"su-csv", "Write the tests of a subunit stream as CSV rows."};
  std::string input = "-";
  std::string output_to;
  bool no_passthrough = false, forward = false;
  tool.app.add_option("input", input, "stream to read (v1, v2, zstd); '-' is standard input");
  tool.app.add_flag("--no-passthrough", no_passthrough, "drop non-test output instead of copying it");
  tool.app.add_option("-o,--output-to", output_to, "write the CSV to this file");
  tool.app.add_flag("-f,--forward", forward, "also copy the stream to stdout as subunit v2");
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    auto reader = tool.open(input);
    su::Output& out = su::standard_output();
    auto file = output_to.empty() ? nullptr : su::create_output_file(output_to);
    su::Output& report = file ? *file : out;
    // python copies non-test output into stdout as v2 packets (passthrough).
    su::CsvWriter csv{report, {.passthrough = no_passthrough || forward ? nullptr : &out,
                               .wall_clock_micros = su::now_micros()}};
    csv.start();
    su::ResultAggregator aggregator{csv, {.keep_attachments = false, .drop_exists = true}};
    su::pump_forwarding(*reader, aggregator, forward);
    if (file) file->flush();
    return csv.successful() ? su::Exit::ok : su::Exit::no;
  });
}

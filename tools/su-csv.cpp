// su-csv: write the tests of a subunit stream as CSV rows. See su-csv(1).
// Columns, quoting and exit code match python-subunit's subunit2csv.
#include <cstring>

#include "base/error.hpp"
#include "base/output.hpp"
#include "base/timestamp.hpp"
#include "common/report_filter_options.hpp"
#include "common/tool.hpp"
#include "report/csv_writer.hpp"

int main(int argc, char** argv) {
  su::Tool tool{"su-csv", "Write the tests of a subunit stream as CSV rows."};
  su::ReportFilterOptions io;  // the input and output options python's report filters share
  io.add_to(tool, "drop non-test output instead of copying it", "the CSV");
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    auto reader = tool.open(io.input);
    su::Output& out = su::standard_output();
    auto file = io.output_to.empty() ? nullptr : su::create_output_file(io.output_to);
    su::Output& report = file ? *file : out;
    // python copies non-test output into stdout as v2 packets (passthrough).
    su::CsvWriter csv{report, {.passthrough = io.no_passthrough || io.forward ? nullptr : &out,
                               .wall_clock_micros = su::now_micros()}};
    csv.start();
    su::ResultAggregator aggregator{csv, {.keep_attachments = false, .drop_exists = true}};
    su::pump_forwarding(*reader, aggregator, io.forward);
    if (file) file->flush();
    return csv.successful() ? su::Exit::ok : su::Exit::no;
  });
}

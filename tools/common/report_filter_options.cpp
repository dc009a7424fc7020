// SPDX-License-Identifier: Apache-2.0
#include "common/report_filter_options.hpp"

namespace su {

void ReportFilterOptions::add_to(Tool& tool, const std::string& passthrough_help,
                           const std::string& report) {
  tool.app.add_option("input", input, "stream to read (v1, v2, zstd); '-' is standard input");
  tool.app.add_flag("--no-passthrough", no_passthrough, passthrough_help);
  tool.app.add_option("-o,--output-to", output_to, "write " + report + " to this file");
  tool.app.add_flag("-f,--forward", forward, "also copy the stream to stdout as subunit v2");
}

}  // namespace su

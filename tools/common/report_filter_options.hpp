// SPDX-License-Identifier: Apache-2.0
// The options python's report filters (subunit2csv, subunit2junitxml,
// subunit-stats) share, as su-csv, su-junit and su-stats take them: the
// input, --no-passthrough, -o/--output-to and -f/--forward.
#pragma once

#include <string>

#include "common/tool.hpp"

namespace su {

struct ReportFilterOptions {
  std::string input = "-";
  std::string output_to;
  bool no_passthrough = false;
  bool forward = false;

  // Adds the input and the three options, in python's order, after the
  // options the tool has added so far. `passthrough_help` says what
  // --no-passthrough does to non-test output in this tool; `report` names
  // what -o writes ("the CSV").
  void add_to(Tool& tool, const std::string& passthrough_help, const std::string& report);
};

}  // namespace su

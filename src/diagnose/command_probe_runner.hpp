// SPDX-License-Identifier: Apache-2.0
// CommandProbeRunner: a ProbeRunner over a --runner command template
// (command_template.hpp). Each probe writes the ids to a temporary list
// file, expands the template, runs it (command_run.hpp) and reads the
// victim's result from the stream it writes.
#pragma once

#include <string>
#include <vector>

#include "diagnose/command_run.hpp"
#include "diagnose/probe_runner.hpp"

namespace su {

// How a test's result reads for a probe: fail, uxsuccess, and a test that
// never finished (the runner crashed in it) are failures.
bool counts_as_failure(const TestResult& result);

class CommandProbeRunner : public ProbeRunner {
 public:
  // `timeout_seconds` per probe (0: none).
  CommandProbeRunner(std::string command_template, double timeout_seconds);

  ProbeResult run(const std::vector<std::string>& ids) override;

  // The command a probe of `ids` runs, with `list_path` for {list}: what
  // su-bisect prints as the reproduction command.
  std::string command_for(const std::vector<std::string>& ids,
                          const std::string& list_path) const;

 private:
  std::string template_;
  double timeout_;
};

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// ProbeRunner: what the bisection search asks of the outside world. A probe
// runs some tests in a given order, the victim last, and says whether the
// victim failed. The search (bisection_search.hpp) only sees this
// interface, so it is unit-tested with an in-process fake; su-bisect gives
// it a CommandProbeRunner that runs a real command.
#pragma once

#include <string>
#include <vector>

namespace su {

struct ProbeResult {
  enum class Kind {
    passed,          // the victim ran and did not fail
    failed,          // the victim failed (fail, uxsuccess, or never finished)
    victim_missing,  // the runner ran, but the victim is not in its output
    runner_error,    // the runner could not be run, timed out, or wrote no subunit
  };
  Kind kind = Kind::passed;
  // For victim_missing and runner_error: what happened, with the command
  // and the runner's standard error, ready for an error message.
  std::string message;
  double seconds = 0;

  bool ran() const { return kind == Kind::passed || kind == Kind::failed; }
};

class ProbeRunner {
 public:
  virtual ~ProbeRunner() = default;
  // Runs `ids` in this order; the last one is the victim. Called from
  // several threads at once when probes run in parallel.
  virtual ProbeResult run(const std::vector<std::string>& ids) = 0;
};

}  // namespace su

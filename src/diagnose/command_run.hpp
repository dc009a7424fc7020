// SPDX-License-Identifier: Apache-2.0
// Runs one shell command that writes a subunit stream (v1 or v2, sniffed as
// every tool sniffs its input) on its standard output, and gathers what the
// diagnosis tools need from it: each test's result, the command's exit
// status, and the start of its standard error for messages.
//
// - The command runs as `/bin/sh -c COMMAND` in a process group of its own,
//   with standard input from /dev/null (a runner that waits for input would
//   otherwise hang) and default signal dispositions.
// - A timeout kills the whole process group, so a hanging test or runner
//   cannot hang the caller; the run is then `timed_out`.
// - Standard error is read alongside standard output (a chatty runner
//   cannot fill its pipe and block), keeping at most `stderr_limit` bytes.
// - "could not run" (the shell could not be started) and "ran but wrote no
//   subunit" are told apart from a run that reported tests.
//
// Thread-safe: several commands may run at once from different threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "event/sink.hpp"
#include "ops/result_aggregator.hpp"

namespace su {

struct CommandOptions {
  // Seconds before the process group is killed; 0 or less: no limit.
  double timeout_seconds = 0;
  std::size_t stderr_limit = 64 * 1024;
  // Also told every event of the command's stream, as decoded (su-repeat's
  // -o keeps each run's stream); may be null.
  EventSink* tee = nullptr;
};

struct CommandRun {
  enum class Ending {
    exited,       // the shell exited by itself (see exit_code)
    signaled,     // killed by a signal it did not ask for (see signal)
    timed_out,    // killed by us after the timeout
    not_started,  // the shell could not be started (see start_error)
  };
  std::string command;
  Ending ending = Ending::not_started;
  int exit_code = -1;
  int signal = 0;
  std::string start_error;
  std::string stderr_text;  // its first stderr_limit bytes
  bool stderr_truncated = false;
  double seconds = 0;
  // Every test the stream reported, in completion order (incomplete ones
  // last), without attachments.
  std::vector<TestResult> results;
  // Events that carried a test id: 0 means the command wrote no subunit
  // (only plain output, or nothing).
  std::size_t test_events = 0;

  bool wrote_subunit() const { return test_events > 0; }
  // The last result reported for `id`, or null.
  const TestResult* find(std::string_view id) const;
  // One line for messages: "exited with status 2", "timed out after 30 s",
  // "killed by signal 9", "could not be started: ...".
  std::string describe_ending() const;
};

CommandRun run_shell_command(const std::string& command, const CommandOptions& options = {});

// Kills (SIGKILL) the process group of every command running now. Safe in
// a signal handler: a tool calls it on SIGINT or SIGTERM so that no runner
// outlives it (its children are in process groups of their own, out of
// reach of the terminal's ^C).
void kill_running_commands();

}  // namespace su

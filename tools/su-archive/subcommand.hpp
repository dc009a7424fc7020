// SPDX-License-Identifier: Apache-2.0
// su-archive's subcommands, one file each. A subcommand adds its options
// to its own CLI11 sub-app and returns what to run when it was chosen, so
// main.cpp only parses and dispatches, and a new query is a new file.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "archive/run_store.hpp"
#include "common/tool.hpp"

namespace su::archive_tool {

// What every subcommand may use; lives as long as main().
struct Context {
  Tool& tool;
  std::string archive;  // --archive, $SU_ARCHIVE, or .su

  // The archive for a query: a sutools archive, or a .stestr or
  // .testrepository directory read in place.
  std::unique_ptr<RunStore> open_store() const;
};

struct Subcommand {
  CLI::App* app = nullptr;
  std::function<Exit()> run;
};

// CLI11 reads "-3" as an option; RUN arguments may be "-N" (the N-th most
// recent run). main() marks such words before parsing and run_spec()
// unmarks them.
std::string run_spec(const std::string& arg);

// Adds `--format` choosing among `allowed` (the first is the default).
void add_format_option(CLI::App* sub, std::string& format, std::vector<std::string> allowed);

Subcommand init_command(Context& ctx);
Subcommand add_command(Context& ctx);
Subcommand import_command(Context& ctx);
Subcommand remove_command(Context& ctx);
Subcommand check_command(Context& ctx);
Subcommand list_command(Context& ctx);
Subcommand show_command(Context& ctx);
Subcommand failing_command(Context& ctx);
Subcommand slowest_command(Context& ctx);
Subcommand history_command(Context& ctx);
Subcommand flaky_command(Context& ctx);
Subcommand suspects_command(Context& ctx);

}  // namespace su::archive_tool

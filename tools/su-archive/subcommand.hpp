// SPDX-License-Identifier: Apache-2.0
// su-archive's subcommands, one file each. A subcommand adds its options
// to its own CLI11 sub-app and returns what to run when it was chosen, so
// main.cpp only parses and dispatches, and a new query is a new file.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "archive/run_store.hpp"
#include "archive/writable_store.hpp"
#include "common/tool.hpp"

namespace su::archive_tool {

// What every subcommand may use; lives as long as main().
struct Context {
  Tool& tool;
  std::string archive;  // --archive, $SU_ARCHIVE, or .su
  bool archive_named = false;  // by --archive or $SU_ARCHIVE

  // The archive for a query: a sutools archive, or a .stestr or
  // .testrepository directory read in place. With no archive named and no
  // .su here, the one .stestr or .testrepository present (find_store_dir),
  // said on stderr the first time.
  std::unique_ptr<RunStore> open_store() const;
  // The archive for add, remove, check and import: a directory or a
  // PostgreSQL database.
  std::unique_ptr<WritableStore> open_writable_store() const;
  // The archive as messages name it (no password).
  std::string store_name() const { return location_name(archive); }
  mutable bool said_found = false;
};

struct Subcommand {
  CLI::App* app = nullptr;
  std::function<Exit()> run;
};

// CLI11 reads "-3" as an option; RUN arguments may be "-N" (the N-th most
// recent run). main() marks such words before parsing and run_spec()
// unmarks them.
std::string run_spec(const std::string& arg);

// The help text of a RUN argument (resolve_run reads it).
inline constexpr const char* kRunHelp = "an id, 'last', -N, 'last-green', or KEY=VALUE";

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
Subcommand sync_command(Context& ctx);
Subcommand complete_ids_command(Context& ctx);

}  // namespace su::archive_tool

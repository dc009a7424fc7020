// SPDX-License-Identifier: Apache-2.0
// Shell completion for every tool, generated from the tool's own CLI11
// definitions so it cannot drift from them: `su-foo --completion=bash`
// (or zsh, fish) prints a completion script for su-foo (the build runs it
// for every tool and installs the scripts where each shell looks). The
// scripts complete options, subcommands, option values the tool checks
// (--format=, --status=, --color=), files, directories, runs (last,
// last-green, -N) and test ids: from a stream named on the command line
// (su-ls), else from the archive (`su-archive __complete-ids PREFIX`).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace su {

// The completion script for `app` (named `program`) in `shell` ("bash",
// "zsh" or "fish"). Throws CLI::ValidationError for another shell.
std::string completion_script(const CLI::App& app, const std::string& program,
                              const std::string& shell);

}  // namespace su

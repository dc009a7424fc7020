// SPDX-License-Identifier: Apache-2.0
// What the tools do differently on a terminal, decided in one place:
// colour (--color[=WHEN] and NO_COLOR, https://no-color.org) and showing
// control bytes from a stream as visible escapes (base/visible_text.hpp)
// rather than letting them drive the terminal. Pipes and files get neither:
// they get plain text and the stream's bytes as they are.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace su {

// Adds --color[=WHEN] to `app`: auto (the default, and what a bare --color
// means, so `--color FILE` still reads FILE), always or never. Another
// WHEN is a usage error.
CLI::Option* add_color_option(CLI::App& app, std::string& when);

// Whether to colour standard output: always, never, or (auto) when it is a
// terminal, NO_COLOR is unset or empty, and TERM is not "dumb".
bool color_wanted(const std::string& when);

// Whether text from a stream written to standard output must have its
// control bytes made visible: when standard output is a terminal.
bool escape_for_terminal();

}  // namespace su

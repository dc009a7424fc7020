// SPDX-License-Identifier: Apache-2.0
#include "common/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

#include <fmt/format.h>

namespace su {

CLI::Option* add_color_option(CLI::App& app, std::string& when) {
  when = "auto";
  return app
      .add_flag("--color{auto}", when,
                "colour: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(
          [](const std::string& value) -> std::string {
            if (value == "auto" || value == "always" || value == "never") return {};
            return fmt::format("'{}' is not one of auto, always, never", value);
          },
          "auto|always|never");
}

bool color_wanted(const std::string& when) {
  if (when != "auto") return when == "always";
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
         !(term && std::string_view(term) == "dumb");
}

bool escape_for_terminal() { return ::isatty(STDOUT_FILENO); }

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// su-archive init: create an empty archive.
#include <fmt/format.h>

#include "archive/archive.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

Subcommand init_command(Context& ctx) {
  auto* app = ctx.tool.app.add_subcommand("init", "create an empty archive");
  return {app, [&ctx] {
            bool made = Archive::init(ctx.archive);
            fmt::print(stderr, "su-archive: {} archive '{}'\n", made ? "created" : "already an",
                       ctx.archive);
            return Exit::ok;
          }};
}

}  // namespace su::archive_tool

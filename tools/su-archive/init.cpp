// SPDX-License-Identifier: Apache-2.0
// su-archive init: create an empty archive.
#include <fmt/format.h>

#include "archive/writable_store.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

Subcommand init_command(Context& ctx) {
  auto* app = ctx.tool.app.add_subcommand("init", "create an empty archive");
  return {app, [&ctx] {
            InitOutcome outcome = init_store(ctx.archive);
            const char* what = outcome == InitOutcome::created    ? "created"
                               : outcome == InitOutcome::migrated ? "migrated"
                                                                  : "already an";
            fmt::print(stderr, "su-archive: {} archive '{}'\n", what, ctx.store_name());
            return Exit::ok;
          }};
}

}  // namespace su::archive_tool

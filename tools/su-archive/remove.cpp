// SPDX-License-Identifier: Apache-2.0
// su-archive remove: delete a run.
#include "archive/writable_store.hpp"
#include "archive/queries.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

Subcommand remove_command(Context& ctx) {
  auto run = std::make_shared<std::string>("last");
  auto* app = ctx.tool.app.add_subcommand("remove", "remove a run");
  app->add_option("run", *run, kRunHelp)->required();
  return {app, [&ctx, run] {
            auto archive = ctx.open_writable_store();
            archive->remove(resolve_run(*archive, run_spec(*run)));
            return Exit::ok;
          }};
}

}  // namespace su::archive_tool

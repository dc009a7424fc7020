// SPDX-License-Identifier: Apache-2.0
// su-archive remove: delete a run.
#include "archive/archive.hpp"
#include "archive/queries.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

Subcommand remove_command(Context& ctx) {
  auto run = std::make_shared<std::string>("last");
  auto* app = ctx.tool.app.add_subcommand("remove", "remove a run");
  app->add_option("run", *run, "an id, 'last', or -N")->required();
  return {app, [&ctx, run] {
            Archive archive{ctx.archive};
            archive.remove(resolve_run(archive, run_spec(*run)));
            return Exit::ok;
          }};
}

}  // namespace su::archive_tool

// SPDX-License-Identifier: Apache-2.0
// su-archive show: a stored run's stream, byte for byte.
#include <fmt/format.h>

#include "archive/queries.hpp"
#include "base/error.hpp"
#include "base/output.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

Subcommand show_command(Context& ctx) {
  auto run = std::make_shared<std::string>("last");
  auto* app = ctx.tool.app.add_subcommand("show", "write a run's stream (v2) to standard output");
  app->add_option("run", *run, kRunHelp);
  return {app, [&ctx, run] {
            auto store = ctx.open_store();
            std::uint64_t id = resolve_run(*store, run_spec(*run));
            Output& out = standard_output();
            try {
              store->write_stream(id, out);
            } catch (const DecodeError& e) {
              out.flush();
              ctx.tool.error(
                  fmt::format("'{}': byte {}: {}", store->run_path(id), e.offset(), e.what()));
              return Exit::undecodable;
            }
            return Exit::ok;
          }};
}

}  // namespace su::archive_tool

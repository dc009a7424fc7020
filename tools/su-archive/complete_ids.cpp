// SPDX-License-Identifier: Apache-2.0
// su-archive __complete-ids PREFIX (hidden): the test ids starting with
// PREFIX, one per line, for the shell completion scripts
// (common/completion.hpp). An archive's ids table names every test it has
// seen, so this reads one file; a .stestr/.testrepository directory has no
// table, so its last run is decoded. Quiet: completion must not print on
// the terminal, so errors only set the exit status.
#include "archive/queries.hpp"
#include "base/output.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

Subcommand complete_ids_command(Context& ctx) {
  auto prefix = std::make_shared<std::string>();
  auto* app = ctx.tool.app.add_subcommand("__complete-ids", "test ids for shell completion");
  app->group("");  // hidden from --help and from the completion scripts
  app->add_option("prefix", *prefix, "what the ids start with");
  return {app, [&ctx, prefix] {
            ctx.said_found = true;  // no note on stderr in the middle of a command line
            auto store = ctx.open_store();
            if (!dynamic_cast<Archive*>(store.get())) {
              auto runs = store->runs();
              if (runs.empty()) return Exit::ok;
              store->index(runs.back());
            }
            const IdTable& ids = store->ids();
            Output& out = standard_output();
            for (std::uint32_t i = 0; i < ids.size(); ++i) {
              std::string_view id = ids.at(i);
              if (!id.starts_with(*prefix)) continue;
              out.write(id);
              out.put('\n');
            }
            return Exit::ok;
          }};
}

}  // namespace su::archive_tool

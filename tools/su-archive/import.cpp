// SPDX-License-Identifier: Apache-2.0
// su-archive import: copy the runs of a .testrepository or .stestr directory.
#include <fmt/format.h>

#include "archive/writable_store.hpp"
#include "archive/queries.hpp"
#include "base/output.hpp"
#include "su-archive/damage_reporter.hpp"
#include "su-archive/progress_bar.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

Subcommand import_command(Context& ctx) {
  auto dir = std::make_shared<std::string>();
  auto* app = ctx.tool.app.add_subcommand(
      "import", "copy every run of a .testrepository or .stestr directory");
  app->add_option("dir", *dir, "the repository directory")->required();
  return {app, [&ctx, dir] {
            auto archive = ctx.open_writable_store();
            ProgressBar bar{"su-archive: importing"};
            DamageReporter damage{ctx.tool, *dir, false};
            auto result = import_repository(*archive, *dir, &damage,
                                         [&](std::uint64_t d, std::uint64_t t) {
                                           bar.update(d, t, "runs");
                                         });
            bar.done();
            Output& out = standard_output();
            for (auto id : result.ids) out.write(fmt::format("{}\n", id));
            if (result.already)
              fmt::print(stderr, "su-archive: imported {} runs from '{}' ({} imported before)\n",
                         result.ids.size(), *dir, result.already);
            else
              fmt::print(stderr, "su-archive: imported {} runs from '{}'\n", result.ids.size(),
                         *dir);
            return Exit::ok;
          }};
}

}  // namespace su::archive_tool

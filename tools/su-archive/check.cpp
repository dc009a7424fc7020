// SPDX-License-Identifier: Apache-2.0
// su-archive check: verify every run against its index, and repair.
#include <fmt/format.h>

#include "archive/writable_store.hpp"
#include "su-archive/progress_bar.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

Subcommand check_command(Context& ctx) {
  auto no_repair = std::make_shared<bool>(false);
  auto* app = ctx.tool.app.add_subcommand(
      "check", "verify every run and the index; rebuild the index from the streams");
  app->add_flag("--no-repair", *no_repair, "only report");
  return {app, [&ctx, no_repair] {
            auto archive = ctx.open_writable_store();
            ProgressBar bar{"su-archive: checking"};
            auto report = archive->check(!*no_repair, [&](std::uint64_t d, std::uint64_t t) {
              bar.update(d, t, "runs");
            });
            bar.done();
            for (const auto& r : report.repairs) ctx.tool.warn(r);
            for (const auto& d : report.damage) ctx.tool.error(d);
            fmt::print(stderr, "su-archive: checked {} runs: {} damaged, {} {}\n", report.runs,
                       report.damage.size(), report.repairs.size(),
                       *no_repair ? "to repair" : "repaired");
            if (!report.damage.empty()) return Exit::undecodable;
            return *no_repair && !report.repairs.empty() ? Exit::undecodable : Exit::ok;
          }};
}

}  // namespace su::archive_tool

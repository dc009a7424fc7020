// SPDX-License-Identifier: Apache-2.0
// su-archive sync: copy the runs of a local archive (or a .stestr or
// .testrepository directory) that another archive — typically the fleet's
// PostgreSQL one — lacks, knowing runs by their uuid, so a second sync
// adds nothing.
#include <fmt/format.h>

#include "archive/archive_error.hpp"
#include "archive/repository.hpp"
#include "archive/run_uuid.hpp"
#include "base/input.hpp"
#include "base/output.hpp"
#include "su-archive/damage_reporter.hpp"
#include "su-archive/progress_bar.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

namespace {

struct SyncArgs {
  std::string from;
  std::string to;  // default: --archive
};

Exit run_sync(Context& ctx, const SyncArgs& args) {
  if (is_database_location(args.from))
    throw ArchiveUsage("sync copies from a directory (an archive, .stestr or .testrepository); '" +
                       location_name(args.from) + "' is a database");
  std::string to_location = args.to.empty() ? ctx.archive : args.to;
  auto from = open_store(args.from);
  auto to = open_writable_store(to_location);
  bool repository = dynamic_cast<Repository*>(from.get()) != nullptr;
  std::set<std::string> have = to->run_uuids();
  Output& out = standard_output();
  ProgressBar bar{"su-archive: syncing"};
  auto runs = from->runs();
  std::uint64_t added = 0, present = 0;
  bool damaged = false;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    bar.update(i, runs.size(), "runs");
    std::uint64_t run = runs[i];
    archive::pb::RunHeader h;
    try {
      h = from->header(run);
    } catch (const ArchiveDamage& e) {
      ctx.tool.error(fmt::format("'{}': {}; run {} not synced", e.path(), e.what(), run));
      damaged = true;
      continue;
    }
    std::string uuid = run_uuid(h);
    if (have.count(uuid)) {
      ++present;
      continue;
    }
    AddOptions options;
    options.source = h.source();
    options.added_ns = h.added_ns();
    for (const auto& m : h.meta()) options.meta.emplace_back(m.key(), m.value());
    if (repository)
      options.meta = {{"imported-from", args.from}, {"imported-run", std::to_string(run)}};
    options.uuid = uuid;
    options.input_format = h.input_format();
    DamageReporter damage{ctx.tool, from->run_path(run), false};
    options.damage = &damage;
    std::uint64_t id = to->add(open_input(from->run_path(run)), options);
    have.insert(uuid);
    ++added;
    out.write(fmt::format("{}\n", id));
  }
  bar.done();
  fmt::print(stderr, "su-archive: synced {} runs from '{}' to '{}' ({} already there)\n", added,
             args.from, location_name(to_location), present);
  return damaged ? Exit::undecodable : Exit::ok;
}

}  // namespace

Subcommand sync_command(Context& ctx) {
  auto args = std::make_shared<SyncArgs>();
  auto* app = ctx.tool.app.add_subcommand(
      "sync", "copy the runs of a directory that an archive (a PostgreSQL one) lacks");
  app->add_option("--from", args->from,
                  "a su archive directory, or a .stestr or .testrepository directory")
      ->required();
  app->add_option("--to", args->to, "the archive to copy to (default: --archive)");
  return {app, [&ctx, args] { return run_sync(ctx, *args); }};
}

}  // namespace su::archive_tool

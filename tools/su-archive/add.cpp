// SPDX-License-Identifier: Apache-2.0
// su-archive add: store a run and print its id.
#include <fmt/format.h>

#include "archive/writable_store.hpp"
#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "base/error.hpp"
#include "base/input.hpp"
#include "base/output.hpp"
#include "su-archive/damage_reporter.hpp"
#include "su-archive/progress_bar.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

namespace {

struct AddArgs {
  std::string input = "-";
  std::vector<std::string> meta;
  bool tee = false;
};

Exit run_add(Context& ctx, const AddArgs& args) {
  Output& out = standard_output();
  auto archive = ctx.open_writable_store();
  AddOptions options;
  options.source = args.input == "-" ? "<stdin>" : args.input;
  for (const auto& m : args.meta) {
    auto eq = m.find('=');
    if (eq == std::string::npos || eq == 0)
      throw ArchiveUsage("--meta '" + m + "' is not KEY=VALUE");
    options.meta.emplace_back(m.substr(0, eq), m.substr(eq + 1));
  }
  options.tee = args.tee ? &out : nullptr;
  DamageReporter damage{ctx.tool, options.source, ctx.tool.strict};
  options.damage = &damage;
  std::uint64_t total = 0;
  if (args.input != "-" && is_regular_file(args.input)) total = file_size(args.input);
  ProgressBar bar{"su-archive: adding"};
  options.progress = [&](std::uint64_t n) { bar.update(n >> 20, total >> 20, "MiB"); };
  std::uint64_t id = 0;
  try {
    id = archive->add(open_input(args.input), options);
  } catch (const DecodeError& e) {
    ctx.tool.error(fmt::format("'{}': byte {}: {}; nothing was added", options.source, e.offset(),
                               e.what()));
    return Exit::undecodable;
  } catch (const IoError& e) {
    // Archive::add undoes what it wrote before it throws.
    ctx.tool.error(fmt::format("{}; nothing was added, the archive is as it was", e.what()));
    return Exit::io;
  }
  bar.done();
  if (args.tee) {
    fmt::print(stderr, "su-archive: added run {}\n", id);
  } else {
    out.write(fmt::format("{}\n", id));
  }
  return Exit::ok;
}

}  // namespace

Subcommand add_command(Context& ctx) {
  auto args = std::make_shared<AddArgs>();
  auto* app = ctx.tool.app.add_subcommand(
      "add", "store a run (v2 byte for byte, v1 upgraded) and print its id");
  app->add_option("input", args->input, "stream to store (v1, v2, zstd); '-' is standard input");
  app->add_option("--meta", args->meta, "KEY=VALUE to record with the run (repeatable)")
      ->allow_extra_args(false);
  app->add_flag("--tee", args->tee, "copy the input to standard output as it is read");
  ctx.tool.add_strict_flag();
  return {app, [&ctx, args] { return run_add(ctx, *args); }};
}

}  // namespace su::archive_tool

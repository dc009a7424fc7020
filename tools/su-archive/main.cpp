// SPDX-License-Identifier: Apache-2.0
// su-archive: keep run history losslessly and query it. See su-archive(1)
// and, for the files, su-archive(5). This file parses the command line and
// runs the chosen subcommand; each subcommand is a file of its own here,
// and the archive itself is src/archive/.
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "archive/archive_error.hpp"
#include "archive/repository.hpp"
#include "base/error.hpp"
#include "su-archive/subcommand.hpp"

namespace su::archive_tool {

namespace {

constexpr std::string_view kBack = "\x01";

std::vector<std::string> mark_run_offsets(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool back = a.size() > 1 && a[0] == '-' &&
                a.find_first_not_of("0123456789", 1) == std::string::npos;
    bool option_value = args[i - 1] == "-n" || args[i - 1] == "--count";
    if (back && !option_value) args[i] = std::string(kBack) + a;
  }
  return args;
}

}  // namespace

std::string run_spec(const std::string& arg) {
  return arg.rfind(kBack, 0) == 0 ? arg.substr(kBack.size()) : arg;
}

void add_format_option(CLI::App* sub, std::string& format, std::vector<std::string> allowed) {
  std::string names;
  for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
  format = allowed.front();
  sub->add_option("--format", format, "output as " + names)->check(CLI::IsMember(allowed));
}

std::unique_ptr<RunStore> Context::open_store() const {
  if (archive_named) return su::open_store(archive);
  std::string dir = find_store_dir(archive);
  if (dir != archive && !said_found) {
    said_found = true;
    fmt::print(stderr, "su-archive: no '{}' here; reading '{}'\n", archive, dir);
  }
  return su::open_store(dir);
}

std::unique_ptr<WritableStore> Context::open_writable_store() const {
  return su::open_writable_store(archive);
}

}  // namespace su::archive_tool

int main(int argc, char** argv) {
  using namespace su::archive_tool;
  su::Tool tool{"su-archive", "Keep subunit run history losslessly, and query it."};
  Context ctx{tool, ".su"};
  if (const char* env = std::getenv("SU_ARCHIVE"); env && *env) {
    ctx.archive = env;
    ctx.archive_named = true;
  }
  tool.app.add_option_function<std::string>("--archive", [&ctx](const std::string& dir) {
    ctx.archive = dir;
    ctx.archive_named = true;
  },
                      "archive directory or PostgreSQL connection string (postgresql://..., "
                      "host=... dbname=...; default: $SU_ARCHIVE, else .su); a .testrepository "
                      "or .stestr directory works for queries");
  tool.app.require_subcommand(1);
  tool.app.fallthrough();

  const std::vector<Subcommand> subcommands = {
      init_command(ctx),   add_command(ctx),     import_command(ctx),  remove_command(ctx),
      check_command(ctx),  list_command(ctx),    show_command(ctx),    failing_command(ctx),
      slowest_command(ctx), history_command(ctx),
      flaky_command(ctx),   suspects_command(ctx), sync_command(ctx),
      complete_ids_command(ctx),
  };

  std::vector<std::string> args = mark_run_offsets(argc, argv);
  std::vector<char*> marked;
  for (auto& a : args) marked.push_back(a.data());

  return tool.run(static_cast<int>(marked.size()), marked.data(), [&]() -> su::Exit {
    try {
      for (const auto& sub : subcommands)
        if (sub.app->parsed()) return sub.run();
      return su::Exit::usage;
    } catch (const su::ArchiveDamage& e) {
      tool.error("'" + e.path() + "': " + e.what());
      return su::Exit::undecodable;
    } catch (const su::ArchiveUsage& e) {
      tool.error(e.what());
      return su::Exit::usage;
    }
  });
}

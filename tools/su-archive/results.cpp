// SPDX-License-Identifier: Apache-2.0
// su-archive failing and slowest: one run's failing tests, or its slowest.
#include <unordered_set>

#include <fmt/format.h>

#include "archive/queries.hpp"
#include "base/output.hpp"
#include "su-archive/subcommand.hpp"
#include "su-archive/text.hpp"

namespace su::archive_tool {

namespace {

struct ResultsArgs {
  bool failing = false;  // else slowest
  std::string run = "last";
  std::string format;
  std::size_t count = 10;
};

Exit run_results(Context& ctx, const ResultsArgs& args) {
  auto store = ctx.open_store();
  // Read a block at a time, and only the answer's ids looked up: memory
  // stays small on a run of a million tests.
  RunIndex index;
  std::uint64_t run = resolve_run(*store, run_spec(args.run));
  std::vector<TestRow> found = args.failing ? failing_rows(*store, run, index)
                                            : slowest_rows(*store, run, args.count, index);
  std::vector<std::string> names = test_names(*store, found);
  std::string text;
  std::optional<JsonArrayWriter> array;
  if (args.format == "json") array.emplace(text);
  std::vector<const TestRow*> rows;
  for (const auto& r : found) rows.push_back(&r);
  // A test that failed twice in the run (a setUpClass error on two workers)
  // is one line of a load-list.
  std::unordered_set<std::uint32_t> listed;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TestRow* r = rows[i];
    std::string_view id = names[i];
    if (args.format == "ids") {
      if (listed.insert(r->test).second) text += fmt::format("{}\n", shown(id));
    } else if (array) {
      array->item(row_json(index, *r, id));
    } else if (args.failing) {
      text += fmt::format("{:<11}{}\n", row_status(*r), shown(id));
    } else {
      text += fmt::format("{:>10}  {:<10}{}\n", seconds(r->duration_ns()),
                          shown(index.worker_name(*r)), shown(id));
    }
  }
  if (array) array->close();
  standard_output().write(text);
  if (args.failing) return rows.empty() ? Exit::ok : Exit::no;
  return Exit::ok;
}

}  // namespace

Subcommand failing_command(Context& ctx) {
  auto args = std::make_shared<ResultsArgs>();
  args->failing = true;
  auto* app = ctx.tool.app.add_subcommand("failing",
                                          "list the failing tests of a run (exit 1 if any)");
  app->add_option("run", args->run, std::string(kRunHelp) + " (default: last)");
  add_format_option(app, args->format, {"text", "json", "ids"});
  return {app, [&ctx, args] { return run_results(ctx, *args); }};
}

Subcommand slowest_command(Context& ctx) {
  auto args = std::make_shared<ResultsArgs>();
  auto* app = ctx.tool.app.add_subcommand("slowest", "list the slowest tests of a run");
  app->add_option("-n,--count", args->count, "how many tests (default 10)");
  app->add_option("run", args->run, std::string(kRunHelp) + " (default: last)");
  add_format_option(app, args->format, {"text", "json"});
  return {app, [&ctx, args] { return run_results(ctx, *args); }};
}

}  // namespace su::archive_tool

// SPDX-License-Identifier: Apache-2.0
// su-archive history: one test's outcome and duration in every run.
#include <fmt/format.h>

#include "archive/queries.hpp"
#include "base/json.hpp"
#include "base/output.hpp"
#include "su-archive/subcommand.hpp"
#include "su-archive/text.hpp"

namespace su::archive_tool {

namespace {

Exit run_history(Context& ctx, const std::string& test_id, const std::string& format) {
  auto store = ctx.open_store();
  Output& out = standard_output();
  bool damaged = false, json = format == "json";
  std::string text;
  std::optional<JsonArrayWriter> array;
  if (json) array.emplace(text);
  if (format == "text")
    text = "run   time                  status      duration  worker      metadata\n";
  std::uint64_t found = test_history(
      *store, test_id,
      [&](const RunIndex& index, const TestRow& r) {
        const auto& h = index.header;
        if (format == "ids") {
          text += fmt::format("{}\n", h.id());
        } else if (json) {
          std::string row = row_json(index, r, test_id);
          row.pop_back();
          row += fmt::format(", \"time\": {}, \"meta\": {}}}", json_string(iso_time(run_time(h))),
                             meta_json(h));
          array->item(row);
        } else {
          text += fmt::format("{:<5} {:<20} {:<11} {:>9} {:<11} {}\n", h.id(),
                              iso_time(run_time(h)), row_status(r), seconds(r.duration_ns()),
                              shown(index.worker_name(r)), meta_text(h));
        }
        out.write(text);
        text.clear();
      },
      [&](std::uint64_t, const std::string& error) {
        ctx.tool.error(error);
        damaged = true;
      });
  if (array) array->close();
  out.write(text);
  if (damaged) return Exit::undecodable;
  if (found == 0) {
    ctx.tool.warn(fmt::format("no run in '{}' has a test '{}'", store->dir(), test_id));
    return Exit::no;
  }
  return Exit::ok;
}

}  // namespace

Subcommand history_command(Context& ctx) {
  auto test_id = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  auto* app = ctx.tool.app.add_subcommand("history", "one test's outcome and duration in every run");
  app->add_option("test", *test_id, "the test id")->required();
  add_format_option(app, *format, {"text", "json", "ids"});
  return {app, [&ctx, test_id, format] { return run_history(ctx, *test_id, *format); }};
}

}  // namespace su::archive_tool

// SPDX-License-Identifier: Apache-2.0
// su-archive list: the runs, one a line, with their counts and metadata.
#include <fmt/format.h>

#include "archive/archive_error.hpp"
#include "base/output.hpp"
#include "su-archive/subcommand.hpp"
#include "su-archive/text.hpp"

namespace su::archive_tool {

namespace {

Exit run_list(Context& ctx, const std::string& format) {
  auto store = ctx.open_store();
  bool damaged = false, json = format == "json";
  std::string text;
  std::optional<JsonArrayWriter> array;
  if (json) array.emplace(text);
  else text = "id    time                  tests  failures  skips  duration  metadata\n";
  Output& out = standard_output();
  for (auto id : store->runs()) {
    RunHeader h;
    try {
      h = store->header(id);
    } catch (const ArchiveDamage& e) {
      ctx.tool.error("'" + e.path() + "': " + e.what());
      damaged = true;
      continue;
    }
    if (json) {
      array->item(header_json(h));
    } else {
      text += fmt::format("{:<5} {:<20} {:>6} {:>9} {:>6} {:>9}  {}\n", h.id(),
                          iso_time(run_time(h)), h.tests(), failing_count(h), h.skips(),
                          seconds(run_duration(h)), meta_text(h));
    }
    out.write(text);
    text.clear();
  }
  if (json) array->close();
  out.write(text);
  return damaged ? Exit::undecodable : Exit::ok;
}

}  // namespace

Subcommand list_command(Context& ctx) {
  auto format = std::make_shared<std::string>();
  auto* app = ctx.tool.app.add_subcommand(
      "list", "list the runs: id, time, tests, failures, skips, duration, metadata");
  add_format_option(app, *format, {"text", "json"});
  return {app, [&ctx, format] { return run_list(ctx, *format); }};
}

}  // namespace su::archive_tool

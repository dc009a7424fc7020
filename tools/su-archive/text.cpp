// SPDX-License-Identifier: Apache-2.0
#include "su-archive/text.hpp"

#include <fmt/format.h>

#include "archive/queries.hpp"
#include "common/terminal.hpp"
#include "base/json.hpp"
#include "base/visible_text.hpp"
#include "base/timestamp.hpp"

namespace su::archive_tool {

std::string iso_time(std::int64_t ns) {
  std::string t = format_iso8601(ns / 1000);
  auto dot = t.find('.');
  return dot == std::string::npos ? t : t.substr(0, dot) + "Z";
}

std::string seconds(std::optional<std::int64_t> ns) {
  return ns ? fmt::format("{:.3f}s", static_cast<double>(*ns) / 1e9) : "-";
}

std::string json_seconds(std::optional<std::int64_t> ns) {
  return ns ? fmt::format("{:.6f}", static_cast<double>(*ns) / 1e9) : "null";
}

std::int64_t run_time(const RunHeader& h) { return h.has_times() ? h.first_ns() : h.added_ns(); }

std::optional<std::int64_t> run_duration(const RunHeader& h) {
  if (!h.has_times()) return std::nullopt;
  return h.last_ns() - h.first_ns();
}

std::string shown(std::string_view text) {
  static const bool escape = escape_for_terminal();
  return escape ? visible(text) : std::string(text);
}

std::string meta_text(const RunHeader& h) {
  std::string out;
  for (const auto& m : h.meta()) {
    if (!out.empty()) out += ' ';
    out += shown(m.key()) + "=" + shown(m.value());
  }
  return out;
}

std::string meta_json(const RunHeader& h) {
  std::string out = "{";
  for (int i = 0; i < h.meta_size(); ++i) {
    if (i) out += ", ";
    append_json_string(out, h.meta(i).key());
    out += ": ";
    append_json_string(out, h.meta(i).value());
  }
  return out + "}";
}

std::string header_json(const RunHeader& h) {
  return fmt::format(
      "{{\"id\": {}, \"time\": {}, \"added\": {}, \"tests\": {}, \"failures\": {}, "
      "\"skips\": {}, \"duration_seconds\": {}, \"source\": {}, \"input_format\": {}, "
      "\"stored_bytes\": {}, \"meta\": {}}}",
      h.id(), json_string(iso_time(run_time(h))), json_string(iso_time(h.added_ns())), h.tests(),
      failing_count(h), h.skips(), json_seconds(run_duration(h)), json_string(h.source()),
      json_string(h.input_format()), h.stored_bytes(), meta_json(h));
}

std::string row_json(const RunIndex& index, const TestRow& r, std::string_view id) {
  auto route = index.route_code(r);
  return fmt::format(
      "{{\"run\": {}, \"id\": {}, \"status\": {}, \"duration_seconds\": {}, \"start\": {}, "
      "\"worker\": {}, \"position\": {}, \"route_code\": {}, \"attachment_bytes\": {}}}",
      index.header.id(), json_string(id), json_string(row_status(r)),
      json_seconds(r.duration_ns()),
      r.start_ns ? json_string(format_iso8601(*r.start_ns / 1000)) : "null",
      r.worker ? json_string(index.worker_name(r)) : "null", r.position,
      route ? json_string(*route) : "null", r.attachment_bytes);
}

}  // namespace su::archive_tool

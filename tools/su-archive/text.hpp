// SPDX-License-Identifier: Apache-2.0
// How su-archive writes runs and test rows, as text tables and as JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "archive/run_index.hpp"

namespace su::archive_tool {

using archive::pb::RunHeader;

// "2026-12-01T08:14:03Z": whole seconds, UTC.
std::string iso_time(std::int64_t ns);
// "1.250s", or "-" when unknown.
std::string seconds(std::optional<std::int64_t> ns);
// 1.250000, or null when unknown.
std::string json_seconds(std::optional<std::int64_t> ns);

// The run's time: when its first test started, or when it was added.
std::int64_t run_time(const RunHeader& h);
std::optional<std::int64_t> run_duration(const RunHeader& h);

// Text from a stream or the user (ids, workers, metadata) as the text
// formats show it: with control bytes made visible when standard output is
// a terminal (common/terminal.hpp), as it is otherwise. JSON escapes its own.
std::string shown(std::string_view text);

// "k=v k2=v2" (through shown()) and {"k": "v", "k2": "v2"}.
std::string meta_text(const RunHeader& h);
std::string meta_json(const RunHeader& h);

// One run as a JSON object (list).
std::string header_json(const RunHeader& h);
// One test result as a JSON object (failing, slowest, history).
std::string row_json(const RunIndex& index, const TestRow& r, std::string_view id);

// Writes `[`, then each item on its own line, then `]`, as su-archive's
// JSON arrays look.
class JsonArrayWriter {
 public:
  explicit JsonArrayWriter(std::string& out) : out_(out) { out_ += "["; }
  void item(std::string_view json) {
    out_ += first_ ? "\n  " : ",\n  ";
    out_ += json;
    first_ = false;
  }
  void close() { out_ += first_ ? "]\n" : "\n]\n"; }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace su::archive_tool

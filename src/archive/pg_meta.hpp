// SPDX-License-Identifier: Apache-2.0
// A run's metadata as su_runs.meta keeps it: a jsonb array of [key, value]
// pairs in the order given (jsonb keeps an array's order, not an object's).
// Written by the client, and read back by the client from jsonb's text, so
// that reading many runs costs the server no per-row JSON functions.
// Internal to the PostgreSQL backend (not installed).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace su {

using MetaPairs = std::vector<std::pair<std::string, std::string>>;

// [["key", "value"], ...]. Throws ArchiveUsage if a key or value is not
// UTF-8 or holds a NUL (JSON cannot carry them).
std::string pg_meta_json(const MetaPairs& meta);

// Parses the JSON text of an array of two-string arrays, as PostgreSQL
// prints a jsonb (any whitespace, any escapes, \u surrogate pairs).
// nullopt if it is anything else.
std::optional<MetaPairs> parse_pg_meta_json(std::string_view json);

}  // namespace su

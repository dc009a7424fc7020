// SPDX-License-Identifier: Apache-2.0
// The list of tests su-repeat reorders (--tests FILE|STREAM), in its
// original order:
//
// - a subunit stream (v1, v2, zstd; a run, or `stestr list --subunit`'s
//   `exists` records): its test ids in the order each first appeared;
// - otherwise a text file of ids, one per line (stestr's --load-list
//   format): surrounding whitespace is dropped, blank lines and lines
//   starting with `#` are skipped.
//
// Either way an id listed twice is kept once, where it first appeared.
#pragma once

#include <string>
#include <vector>

namespace su {

// Throws IoError if `path` ("-" is standard input) cannot be read,
// DecodeError for a corrupt zstd frame.
std::vector<std::string> load_test_list(const std::string& path);

// The same for bytes in memory.
std::vector<std::string> parse_test_list(std::string bytes);

}  // namespace su

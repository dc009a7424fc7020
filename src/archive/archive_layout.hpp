// SPDX-License-Identifier: Apache-2.0
// The archive directory's file names (su-archive(5)), shared by the parts
// of Archive that read, add and check runs. Internal: not installed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archive/file_ops.hpp"

namespace su::archive_layout {

inline constexpr std::string_view kFormat = "su-archive 1\n";
inline constexpr std::string_view kStreamSuffix = ".v2.zst";
inline constexpr std::string_view kIndexSuffix = ".idx";

// "12.v2.zst" -> 12; anything else is not a run file.
inline std::optional<std::uint64_t> run_number(std::string_view name, std::string_view suffix) {
  if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix)
    return std::nullopt;
  name.remove_suffix(suffix.size());
  if (name.empty() || name.size() > 18) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : name) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (name.size() > 1 && name[0] == '0') return std::nullopt;
  return n;
}

// The run numbers of the files in `dir` that end in `suffix`, ascending.
inline std::vector<std::uint64_t> numbered(const std::string& dir, std::string_view suffix) {
  std::vector<std::uint64_t> out;
  if (!is_directory(dir)) return out;
  for (const auto& name : list_directory(dir))
    if (auto n = run_number(name, suffix)) out.push_back(*n);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace su::archive_layout

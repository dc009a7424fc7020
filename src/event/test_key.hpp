// The key that tells tests apart in a stream: (test id, route code), as
// python's testtools keys them (spec/subunit-v2.md §10). Those who find open
// tests by it (the aggregator, the filter) hash it in place, without
// building a key string: copying the id first cost more than the lookup.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/hash.hpp"

namespace su {

inline std::uint64_t test_key_hash(std::string_view id,
                                   const std::optional<std::string_view>& route) {
  std::uint64_t h = hash_bytes(id);
  if (route) h ^= (hash_bytes(*route) + 1) * 0x9E3779B97F4A7C15ull;
  return h;
}

}  // namespace su

// The key that tells tests apart in a stream: (test id, route code), as
// python's testtools keys them (spec/subunit-v2.md §10). Those who find open
// tests by it (the aggregator, the filter) hash it in place, without
// building a key string: copying the id first cost more than the lookup.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/hash.hpp"
#include "event/event.hpp"

namespace su {

inline std::uint64_t test_key_hash(std::string_view id,
                                   const std::optional<std::string_view>& route) {
  std::uint64_t h = hash_bytes(id);
  if (route) h ^= (hash_bytes(*route) + 1) * 0x9E3779B97F4A7C15ull;
  return h;
}

// Whether the event (which has a test id) belongs to the test keyed by
// (id, route): a held key compared field by field, without building either.
// `route` is held as a string or a view (no conversion on the hot path).
template <typename Route>
[[gnu::always_inline]] inline bool has_test_key(const Event& e, std::string_view id,
                                                const std::optional<Route>& route) {
  return same_string(id, *e.test_id) && route.has_value() == e.route_code.has_value() &&
         (!route || same_string(*route, *e.route_code));
}

// A held route code as the view test_key_hash and OpenTestIndex take.
inline std::optional<std::string_view> route_view(const std::optional<std::string>& route) {
  if (!route) return std::nullopt;
  return std::string_view(*route);
}

}  // namespace su

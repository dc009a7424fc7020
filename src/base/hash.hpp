// A fast hash for short strings (test ids, tags, route codes), used by the
// per-test maps on every event's path. std::hash<std::string> costs more
// than the rest of the lookup; this one mixes eight bytes per step.
// Not for untrusted-input DoS resistance: the maps it serves hold the tests
// of one stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace su {

inline std::uint64_t hash_bytes(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x6A09E667F3BCC909ull ^ (s.size() * kMul);
  const char* p = s.data();
  std::size_t n = s.size();
  auto mix = [&](std::uint64_t v) {
    h ^= v;
    h *= kMul;
    h ^= h >> 29;
  };
  while (n >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    mix(v);
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, n);
    mix(v);
  }
  h *= kMul;
  return h ^ (h >> 32);
}

// For unordered containers keyed by std::string, with lookups by
// string_view (C++20 heterogeneous lookup).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return hash_bytes(s); }
  std::size_t operator()(const std::string& s) const { return hash_bytes(s); }
};

struct StringEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

}  // namespace su

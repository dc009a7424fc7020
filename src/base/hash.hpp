// A fast hash for short strings (test ids, tags, route codes), used by the
// per-test maps on every event's path. std::hash<std::string> costs more
// than the rest of the lookup; this one mixes sixteen bytes per multiply.
// Not for untrusted-input DoS resistance: the maps it serves hold the tests
// of one stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace su {

namespace hash_detail {

__extension__ typedef unsigned __int128 u128;

// The 128-bit product of a and b, folded to 64 bits: one multiply mixes
// every input bit into the result.
inline std::uint64_t fold_multiply(std::uint64_t a, std::uint64_t b) {
  u128 r = static_cast<u128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

inline std::uint64_t load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline std::uint64_t load32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace hash_detail

// Sixteen bytes per multiply, so that the dependency chain through the
// hash (what bounds a lookup of an 80-byte test id) is short; the last
// block is read overlapping the one before instead of byte by byte.
inline std::uint64_t hash_bytes(std::string_view s) {
  using namespace hash_detail;
  constexpr std::uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                          k2 = 0x8ebc6af09c88c6e3ull;
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = k0 ^ n;
  std::uint64_t a = 0, b = 0;
  if (n > 16) {
    for (; n > 16; p += 16, n -= 16) h = fold_multiply(load64(p) ^ k1, load64(p + 8) ^ h);
    a = load64(p + n - 16);
    b = load64(p + n - 8);
  } else if (n >= 8) {
    a = load64(p);
    b = load64(p + n - 8);
  } else if (n >= 4) {
    a = load32(p) << 32 | load32(p + n - 4);
  } else if (n > 0) {
    a = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
        static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
        static_cast<unsigned char>(p[n - 1]);
  }
  h = fold_multiply(a ^ k1, b ^ h);
  return fold_multiply(h ^ k2, s.size() ^ k1);
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

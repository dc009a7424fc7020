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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Whether two strings are equal, inline: the per-test tables compare
// keys that are mostly 8-100 bytes, where the call into memcmp costs more
// than the comparison. 16 bytes at a time (SSE2) with the last block read
// overlapping the one before, two overlapping words below 16 bytes.
inline bool same_string(std::string_view a, std::string_view b) {
  using namespace hash_detail;
  std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
#if defined(__SSE2__)
  if (n >= 16) {
    auto diff = [](const char* x, const char* y) {
      __m128i u = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x));
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(y));
      return _mm_xor_si128(u, v);
    };
    __m128i acc = diff(p + n - 16, q + n - 16);
    for (std::size_t i = 0; i + 16 < n; i += 16) acc = _mm_or_si128(acc, diff(p + i, q + i));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(acc, _mm_setzero_si128())) == 0xFFFF;
  }
#endif
  if (n >= 8)
    return ((load64(p) ^ load64(q)) | (load64(p + n - 8) ^ load64(q + n - 8))) == 0;
  if (n >= 4)
    return ((load32(p) ^ load32(q)) | (load32(p + n - 4) ^ load32(q + n - 4))) == 0;
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
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
  bool operator()(std::string_view a, std::string_view b) const { return same_string(a, b); }
};

}  // namespace su

// UTF-8 as python's strict decoder sees it. Two uses: validating v2 strings
// (python rejects invalid and truncated UTF-8 with different messages), and
// the "mid-character" rule for stray text (spec/subunit-v2.md §9.2), where a
// 0xB3 completing a pending character is text, not a packet signature.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string_view>

namespace su {

enum class Utf8Check {
  valid,
  invalid,    // python: "... is not UTF8"
  truncated,  // valid so far but ends inside a character: "partially decodable"
};

// Checks `s` with python's rules (no surrogates, no overlongs, <= U+10FFFF).
// `valid_prefix` receives how many bytes decode to whole characters.
Utf8Check check_utf8(std::string_view s, std::size_t* valid_prefix = nullptr);

// True when every byte of [p, p + n) is ASCII other than NUL: such a string
// needs no further checks. Inline and 16 bytes at a time (SSE2, which every
// x86-64 has; 8 at a time elsewhere), for the decoder's hot path; false
// sends the caller to the exact checks.
inline bool is_plain_ascii(const std::uint8_t* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // movemask takes each byte's high bit: set for bytes >= 0x80, and for
    // the 0xFF that cmpeq leaves where a byte is NUL.
    if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)))) return false;
  }
#endif
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    __builtin_memcpy(&w, p + i, 8);
    // A byte of 0 borrows into its high bit; a byte >= 0x80 has it set.
    if (((w - kOnes) | w) & kHigh) return false;
  }
  for (; i < n; ++i)
    if (p[i] == 0 || p[i] >= 0x80) return false;
  return true;
}

// Python's incremental decoder, fed one byte at a time, reduced to what the
// stream reader needs: whether the text is in the middle of a character.
// It mirrors a quirk of codecs.BufferedIncrementalDecoder: when a byte is
// invalid, the pending bytes stay (the exception skips the buffer update), so
// a later byte can still continue them.
class Utf8Tracker {
 public:
  // Feeds one text byte; returns true when the text is now mid-character.
  bool feed(std::uint8_t byte);
  bool mid_character() const { return mid_; }
  void reset() { pending_ = 0; need_ = 0; lead_ = 0; mid_ = false; }

 private:
  std::uint8_t pending_ = 0;  // bytes of the incomplete character held
  std::uint8_t need_ = 0;     // total bytes that character needs
  std::uint8_t lead_ = 0;     // its first byte (constrains the second)
  bool mid_ = false;
};

}  // namespace su

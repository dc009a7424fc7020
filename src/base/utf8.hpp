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
#include <string>
#include <string_view>

namespace su {

enum class Utf8Check {
  valid,
  invalid,    // python: "... is not UTF8"
  truncated,  // valid so far but ends inside a character: "partially decodable"
};

// Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF; the
// caller has checked it).
void append_utf8(std::string& out, std::uint32_t cp);

// Checks `s` with python's rules (no surrogates, no overlongs, <= U+10FFFF).
// `valid_prefix` receives how many bytes decode to whole characters.
Utf8Check check_utf8(std::string_view s, std::size_t* valid_prefix = nullptr);

// True when every byte of [p, p + n) is ASCII other than NUL: such a string
// needs no further checks. Inline, for the decoder's hot path: 16 bytes at
// a time with SSE2 (which every x86-64 has), the last block read
// overlapping the one before rather than byte by byte, and one test of the
// accumulated bits at the end; shorter strings take two overlapping words.
// False sends the caller to the exact checks.
inline bool is_plain_ascii(const std::uint8_t* p, std::size_t n) {
  // A byte of 0 borrows into its high bit; a byte >= 0x80 has it set.
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto word_bad = [](std::uint64_t w) { return ((w - kOnes) | w) & kHigh; };
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i zero = _mm_setzero_si128();
    // Each byte's high bit: set for bytes >= 0x80, and for the 0xFF that
    // cmpeq leaves where a byte is NUL.
    auto bad = [&](const std::uint8_t* q) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
      return _mm_or_si128(v, _mm_cmpeq_epi8(v, zero));
    };
    __m128i acc = bad(p + n - 16);
    for (std::size_t i = 0; i + 16 < n; i += 16) acc = _mm_or_si128(acc, bad(p + i));
    return _mm_movemask_epi8(acc) == 0;
  }
#else
  if (n >= 16) {
    std::uint64_t w, acc = 0;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      __builtin_memcpy(&w, p + i, 8);
      acc |= word_bad(w);
    }
    __builtin_memcpy(&w, p + n - 8, 8);
    return (acc | word_bad(w)) == 0;
  }
#endif
  if (n >= 8) {
    std::uint64_t a, b;
    __builtin_memcpy(&a, p, 8);
    __builtin_memcpy(&b, p + n - 8, 8);
    return (word_bad(a) | word_bad(b)) == 0;
  }
  if (n >= 4) {
    std::uint32_t a, b;
    __builtin_memcpy(&a, p, 4);
    __builtin_memcpy(&b, p + n - 4, 4);
    return word_bad((std::uint64_t{a} << 32) | b) == 0;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] == 0 || p[i] >= 0x80) return false;
  return true;
}

// Length of the leading run of bytes below 0x80 in [p, p + n): text that
// any UTF-8 rule copies as it is. 16 bytes at a time (SSE2), for the
// report writers, whose text is mostly such runs.
inline std::size_t ascii_prefix(const std::uint8_t* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    int high = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
    if (high) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(high)));
  }
#endif
  while (i < n && p[i] < 0x80) ++i;
  return i;
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

// Subunit v2 variable-length numbers (spec/subunit-v2.md §2): big-endian,
// the top two bits of the first byte give the size (1 to 4 bytes), so the
// largest value is 2^30 - 1.
#pragma once

#include <cstddef>
#include <cstdint>

namespace su {

inline constexpr std::uint32_t kVarintMax = 0x3FFFFFFF;

// Size in bytes of the varint whose first byte is `first`.
inline constexpr std::size_t varint_size(std::uint8_t first) {
  return static_cast<std::size_t>(first >> 6) + 1;
}

// Decodes a varint from [p, end). Returns the bytes consumed, or 0 when the
// number runs past `end`. Non-minimal encodings are accepted, as python does.
// Inline: the decoder calls it several times per packet.
inline std::size_t decode_varint(const std::uint8_t* p, const std::uint8_t* end,
                                 std::uint32_t& value) {
  if (p >= end) return 0;
  std::size_t size = varint_size(p[0]);
  if (static_cast<std::size_t>(end - p) < size) return 0;
  std::uint32_t v = p[0] & 0x3F;
  for (std::size_t i = 1; i < size; ++i) v = (v << 8) | p[i];
  value = v;
  return size;
}

// Size of the minimal encoding of `value` (which must be <= kVarintMax).
inline constexpr std::size_t encoded_varint_size(std::uint32_t value) {
  return value < 0x40 ? 1 : value < 0x4000 ? 2 : value < 0x400000 ? 3 : 4;
}

// Writes the minimal encoding of `value` to `out` (room for 4 bytes) and
// returns its size. Values above kVarintMax are a caller bug. Inline, like
// decode_varint: the encoder calls it several times per packet. Lengths and
// nanoseconds nearly always take one or two bytes: those without the loop.
inline std::size_t encode_varint(std::uint32_t value, std::uint8_t* out) {
  if (value < 0x40) {
    out[0] = static_cast<std::uint8_t>(value);
    return 1;
  }
  if (value < 0x4000) {
    out[0] = static_cast<std::uint8_t>(0x40 | (value >> 8));
    out[1] = static_cast<std::uint8_t>(value);
    return 2;
  }
  std::size_t size = encoded_varint_size(value);
  for (std::size_t i = size; i-- > 0;) {
    out[i] = static_cast<std::uint8_t>(value & 0xFF);
    value >>= 8;
  }
  out[0] |= static_cast<std::uint8_t>((size - 1) << 6);
  return size;
}

}  // namespace su

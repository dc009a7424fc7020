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
std::size_t decode_varint(const std::uint8_t* p, const std::uint8_t* end,
                          std::uint32_t& value);

// Size of the minimal encoding of `value` (which must be <= kVarintMax).
std::size_t encoded_varint_size(std::uint32_t value);

// Writes the minimal encoding of `value` to `out` (room for 4 bytes) and
// returns its size. Values above kVarintMax are a caller bug.
std::size_t encode_varint(std::uint32_t value, std::uint8_t* out);

}  // namespace su

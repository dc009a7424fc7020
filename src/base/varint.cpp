#include "base/varint.hpp"

namespace su {

std::size_t decode_varint(const std::uint8_t* p, const std::uint8_t* end,
                          std::uint32_t& value) {
  if (p >= end) return 0;
  std::size_t size = varint_size(p[0]);
  if (static_cast<std::size_t>(end - p) < size) return 0;
  std::uint32_t v = p[0] & 0x3F;
  for (std::size_t i = 1; i < size; ++i) v = (v << 8) | p[i];
  value = v;
  return size;
}

std::size_t encoded_varint_size(std::uint32_t value) {
  if (value < 0x40) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x400000) return 3;
  return 4;
}

std::size_t encode_varint(std::uint32_t value, std::uint8_t* out) {
  std::size_t size = encoded_varint_size(value);
  static constexpr std::uint8_t kPrefix[] = {0x00, 0x40, 0x80, 0xC0};
  for (std::size_t i = size; i-- > 0;) {
    out[i] = static_cast<std::uint8_t>(value & 0xFF);
    value >>= 8;
  }
  out[0] |= kPrefix[size - 1];
  return size;
}

}  // namespace su

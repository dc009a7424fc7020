#include "base/varint.hpp"

namespace su {

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

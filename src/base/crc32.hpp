// CRC-32 as zlib computes it (CRC-32/ISO-HDLC, reflected polynomial
// 0xEDB88320; check value 0xCBF43926). Every v2 packet is checked with it, so
// it sits on the decoder's hot path. Chosen at start-up by what the CPU has:
// a packet-sized CRC from scratch (16-256 bytes) multiplies all its blocks
// at once with 512-bit carry-less multiplication (AVX-512 VPCLMULQDQ);
// other buffers fold 16 bytes at a time with PCLMULQDQ; without either,
// slicing-by-8 tables.
#pragma once

#include <cstddef>
#include <cstdint>

namespace su {

// CRC of `size` bytes at `data`, continuing from `crc` (0 to start).
std::uint32_t crc32(const void* data, std::size_t size, std::uint32_t crc = 0);


}  // namespace su

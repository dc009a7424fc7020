// CRC-32 as zlib computes it (CRC-32/ISO-HDLC, reflected polynomial
// 0xEDB88320; check value 0xCBF43926). Every v2 packet is checked with it, so
// it sits on the decoder's hot path: the implementation folds with
// carry-less multiplication where the CPU has it and falls back to
// slicing-by-8 (bench/crc32-bench measures both).
#pragma once

#include <cstddef>
#include <cstdint>

namespace su {

// CRC of `size` bytes at `data`, continuing from `crc` (0 to start).
std::uint32_t crc32(const void* data, std::size_t size, std::uint32_t crc = 0);


}  // namespace su

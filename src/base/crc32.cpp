#include "base/crc32.hpp"

#include <array>
#include <bit>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
// glibc's header is C: it spells bool _Bool, which GCC takes in C++ and
// clang (the fuzz build) does not.
#if __has_include(<sys/platform/x86.h>) && !defined(__clang__)
#define SU_GLIBC_CPU_FEATURES 1
#include <sys/platform/x86.h>
#endif
#endif

namespace su {
namespace {

using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr Tables make_tables() {
  Tables t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[0][i] = c;
  }
  for (std::uint32_t i = 0; i < 256; ++i)
    for (std::size_t s = 1; s < 8; ++s)
      t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFF];
  return t;
}

constexpr Tables kTables = make_tables();

inline std::uint32_t load_le32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
  return v;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SU_CRC32_CLMUL 1

// Folds 16-byte blocks with carry-less multiplication (Intel's "Fast CRC
// Computation Using PCLMULQDQ" method for the reflected zlib polynomial),
// then a Barrett reduction to 32 bits. `size` must be at least 16. Takes and
// returns the CRC register (not inverted).
//
// Packets are short (about 110 bytes in a typical run), so the short case
// is the one that counts: one lane of 128 bits folds 16 bytes per step, and
// a tail of 1-15 bytes is folded in by shuffling rather than by a byte-wise
// table loop. Four lanes (64 bytes per step) only pay on long buffers,
// where the multiplier latency, not the instruction count, bounds the loop.
#define SU_CLMUL_TARGET __attribute__((target("pclmul,sse4.1")))

SU_CLMUL_TARGET inline __m128i load(const std::uint8_t* q) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
}

// x * k (low and high halves), folded onto the next 16 bytes.
SU_CLMUL_TARGET inline __m128i fold(__m128i x, __m128i k, __m128i next) {
  __m128i lo = _mm_clmulepi64_si128(x, k, 0x00);
  __m128i hi = _mm_clmulepi64_si128(x, k, 0x11);
  return _mm_xor_si128(_mm_xor_si128(hi, lo), next);
}

// pshufb masks for byte shifts by a variable amount r (1-16): 16 bytes from
// kShuffle + r shift a register up by 16 - r bytes (the first r bytes land
// at the top); 16 bytes from kShuffle + 16 + r shift it down by r.
alignas(16) constexpr std::uint8_t kShuffle[48] = {
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0,    1,    2,    3,    4,    5,    6,    7,
    8,    9,    10,   11,   12,   13,   14,   15,   0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};

// The CRC register of the 16 bytes x1 (all earlier bytes folded in).
SU_CLMUL_TARGET inline std::uint32_t reduce(__m128i x1) {
  const __m128i k3k4 = _mm_set_epi64x(0x00ccaa009e, 0x01751997d0);
  const __m128i k5k0 = _mm_set_epi64x(0, 0x0163cd6124);
  const __m128i poly = _mm_set_epi64x(0x01f7011641, 0x01db710641);
  // 128 bits to 64.
  const __m128i mask32 = _mm_setr_epi32(-1, 0, -1, 0);
  __m128i x2b = _mm_clmulepi64_si128(x1, k3k4, 0x10);
  x1 = _mm_xor_si128(_mm_srli_si128(x1, 8), x2b);
  __m128i hi = _mm_srli_si128(x1, 4);
  x1 = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x1, mask32), k5k0, 0x00), hi);
  // Barrett reduction to 32 bits.
  __m128i t = _mm_clmulepi64_si128(_mm_and_si128(x1, mask32), poly, 0x10);
  t = _mm_clmulepi64_si128(_mm_and_si128(t, mask32), poly, 0x00);
  x1 = _mm_xor_si128(x1, t);
  return static_cast<std::uint32_t>(_mm_extract_epi32(x1, 1));
}

SU_CLMUL_TARGET std::uint32_t fold_clmul(const std::uint8_t* p, std::size_t size,
                                         std::uint32_t crc) {
  const __m128i k1k2 = _mm_set_epi64x(0x01c6e41596, 0x0154442bd4);
  const __m128i k3k4 = _mm_set_epi64x(0x00ccaa009e, 0x01751997d0);
  const std::uint8_t* end = p + size;
  __m128i x1 = _mm_xor_si128(load(p), _mm_cvtsi32_si128(static_cast<int>(crc)));
  p += 16;
  if (end - p >= 240) {
    __m128i x2 = load(p), x3 = load(p + 16), x4 = load(p + 32);
    p += 48;
    while (end - p >= 64) {
      x1 = fold(x1, k1k2, load(p));
      x2 = fold(x2, k1k2, load(p + 16));
      x3 = fold(x3, k1k2, load(p + 32));
      x4 = fold(x4, k1k2, load(p + 48));
      p += 64;
    }
    x1 = fold(x1, k3k4, x2);
    x1 = fold(x1, k3k4, x3);
    x1 = fold(x1, k3k4, x4);
  }
  while (end - p >= 16) {
    x1 = fold(x1, k3k4, load(p));
    p += 16;
  }
  if (std::size_t r = static_cast<std::size_t>(end - p)) {
    // The message is now x1 (16 bytes) followed by r bytes. Its first r
    // bytes, as a block of their own (zeros before them change nothing),
    // fold onto the last 16: x1's other 16 - r bytes, then the r new ones
    // (the top of the 16 bytes that end the buffer).
    __m128i up = load(kShuffle + r);
    __m128i head = _mm_shuffle_epi8(x1, up);
    __m128i rest = _mm_shuffle_epi8(x1, load(kShuffle + 16 + r));
    __m128i last = _mm_blendv_epi8(load(end - 16), rest, up);
    x1 = fold(head, k3k4, last);
  }
  return reduce(x1);
}

// Fold constants for a 16-byte block that lies `blocks` blocks before the
// last one: x^(128 blocks + 32) and x^(128 blocks - 32) mod P, bit-reflected
// and shifted as fold() expects (1 block gives k3k4, 4 give k1k2; the
// static_asserts hold the table to them).
constexpr std::uint64_t reflected_power(unsigned n) {
  std::uint64_t r = 1;  // x^n mod P, P = 0x104C11DB7
  for (unsigned i = 0; i < n; ++i) {
    r <<= 1;
    if (r >> 32) r ^= 0x104C11DB7ull;
  }
  std::uint64_t out = 0;
  for (int b = 0; b < 32; ++b)
    if (r >> b & 1) out |= std::uint64_t{1} << (31 - b);
  return out << 1;
}

// fold_wide takes buffers of 16 to kWideMax bytes: four 64-byte chunks.
constexpr std::size_t kWideMax = 256;

// Per 64-byte chunk, counted from the end, the constants of its four
// blocks (lane j of chunk c lies 4c + 3 - j blocks before the last one).
// The last block itself is not multiplied (its lane is zero here).
struct alignas(64) ChunkConstants {
  std::uint64_t k[8];
};
constexpr std::array<ChunkConstants, kWideMax / 64> make_chunk_constants() {
  std::array<ChunkConstants, kWideMax / 64> t{};
  for (unsigned c = 0; c < t.size(); ++c)
    for (unsigned j = 0; j < 4; ++j)
      if (unsigned d = 4 * c + 3 - j) {
        t[c].k[2 * j] = reflected_power(128 * d + 32);
        t[c].k[2 * j + 1] = reflected_power(128 * d - 32);
      }
  return t;
}
constexpr auto kChunkConstants = make_chunk_constants();
static_assert(kChunkConstants[0].k[4] == 0x01751997d0 && kChunkConstants[0].k[5] == 0x00ccaa009e);
static_assert(kChunkConstants[1].k[6] == 0x0154442bd4 && kChunkConstants[1].k[7] == 0x01c6e41596);

// The register after n zero bytes from the usual start (all ones): a
// buffer's CRC register is its register from zero XOR this, so the start
// value need not be placed inside the buffer's first bytes.
constexpr std::array<std::uint32_t, kWideMax + 1> make_zero_advance() {
  std::array<std::uint32_t, kWideMax + 1> t{};
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t n = 0; n <= kWideMax; ++n) {
    t[n] = c;
    c = kTables[0][c & 0xFF] ^ (c >> 8);
  }
  return t;
}
constexpr auto kZeroAdvance = make_zero_advance();

#define SU_WIDE_TARGET \
  __attribute__((target("avx512f,avx512bw,avx512vl,vpclmulqdq,pclmul,sse4.1")))

// The register, from zero, of 16 to kWideMax bytes, with 512-bit carry-less
// multiplication. Folding block after block is a chain of dependent
// multiplications as long as the buffer, and a v2 packet's CRC took a fifth
// of decoding it that way. Here every block is multiplied at once by the
// power of x for its own distance to the end, four blocks per instruction,
// and the products are added up: one multiplication deep, then the
// reduction. Chunks are counted from the end; the first is partial, and the
// bytes before the buffer are masked off (zeros ahead of a message change
// nothing from a zero register), which never touches them.
// Chunk c (from the end) of `chunks`, the first one masked to the buffer.
SU_WIDE_TARGET inline __m512i load_chunk(std::uintptr_t end, std::size_t c, std::size_t chunks,
                                         std::size_t size) {
  const void* at = reinterpret_cast<const void*>(end - 64 * (c + 1));
  if (c + 1 < chunks) return _mm512_loadu_si512(at);
  return _mm512_maskz_loadu_epi8(~0ull << (64 * chunks - size), at);
}

// Chunk c's four blocks, each times the power of x for its distance.
SU_WIDE_TARGET inline __m512i fold_chunk(__m512i x, std::size_t c) {
  __m512i k = _mm512_load_si512(kChunkConstants[c].k);
  return _mm512_xor_si512(_mm512_clmulepi64_epi128(x, k, 0x00),
                          _mm512_clmulepi64_epi128(x, k, 0x11));
}

SU_WIDE_TARGET std::uint32_t fold_wide(const std::uint8_t* p, std::size_t size) {
  std::size_t chunks = (size + 63) / 64;
  auto end = reinterpret_cast<std::uintptr_t>(p + size);
  __m512i last = load_chunk(end, 0, chunks, size);
  // The last block goes in as it is.
  __m512i acc = _mm512_mask_blend_epi64(0xC0, fold_chunk(last, 0), last);
  for (std::size_t c = 1; c < chunks; ++c)
    acc = _mm512_xor_si512(acc, fold_chunk(load_chunk(end, c, chunks, size), c));
  // The four lanes added up, through memory: the intrinsics that extract
  // them make GCC 12 warn about its own headers.
  alignas(64) __m128i lanes[4];
  _mm512_store_si512(lanes, acc);
  return reduce(_mm_xor_si128(_mm_xor_si128(lanes[0], lanes[1]), _mm_xor_si128(lanes[2], lanes[3])));
}

// Read once at start-up rather than behind a guard on every call. glibc
// has read the CPU's features before main; asking libgcc instead
// (__builtin_cpu_supports) links in its own start-up pass of CPUID
// instructions, each a trap to the hypervisor on a virtual machine.
#ifdef SU_GLIBC_CPU_FEATURES
#define SU_CPU_HAS(glibc_name, gcc_name) CPU_FEATURE_ACTIVE(glibc_name)
#else
#define SU_CPU_HAS(glibc_name, gcc_name) (__builtin_cpu_init(), __builtin_cpu_supports(gcc_name))
#endif
bool detect_clmul() { return SU_CPU_HAS(PCLMULQDQ, "pclmul") && SU_CPU_HAS(SSE4_1, "sse4.1"); }
const bool kHaveClmul = detect_clmul();
bool detect_wide() {
  return kHaveClmul && SU_CPU_HAS(AVX512F, "avx512f") && SU_CPU_HAS(AVX512BW, "avx512bw") &&
         SU_CPU_HAS(AVX512VL, "avx512vl") && SU_CPU_HAS(VPCLMULQDQ, "vpclmulqdq");
}
const bool kHaveWide = detect_wide();
#endif

}  // namespace

std::uint32_t crc32(const void* data, std::size_t size, std::uint32_t crc) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  const auto& t = kTables;
  crc = ~crc;
#ifdef SU_CRC32_CLMUL
  if (size >= 16 && kHaveClmul) {
    // The start value the wide path knows is all ones: a CRC from scratch.
    if (crc == 0xFFFFFFFFu && size <= kWideMax && kHaveWide)
      return ~(fold_wide(p, size) ^ kZeroAdvance[size]);
    return ~fold_clmul(p, size, crc);
  }
#endif
  while (size >= 8) {
    std::uint32_t lo = load_le32(p) ^ crc;
    std::uint32_t hi = load_le32(p + 4);
    crc = t[7][lo & 0xFF] ^ t[6][(lo >> 8) & 0xFF] ^ t[5][(lo >> 16) & 0xFF] ^
          t[4][lo >> 24] ^ t[3][hi & 0xFF] ^ t[2][(hi >> 8) & 0xFF] ^
          t[1][(hi >> 16) & 0xFF] ^ t[0][hi >> 24];
    p += 8;
    size -= 8;
  }
  while (size--) crc = t[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

}  // namespace su

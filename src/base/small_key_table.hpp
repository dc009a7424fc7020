// SmallKeyTable: up to 16 records found by a 32-bit fingerprint of their
// key, all 16 compared at once. The per-test tables hold only a handful of
// keys most of the time (the tests open at once, one per worker; the tags
// a run has seen), and there a loop over the keys, stopping at a different
// one each time, cost a branch misprediction per lookup: a quarter of the
// aggregator's time on the 1M-test stream. Here the candidates come out of
// one vector compare as a bitmask, usually one bit, which the caller checks
// against the whole key.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace su {

// A fingerprint of a short string that reads no more than its size and its
// last eight bytes: test ids and tags differ most at their ends (a counter,
// a parameter, a worker number), and a lookup then touches one word of the
// key instead of hashing all of it.
inline std::uint32_t tail_fingerprint(std::string_view s) {
  std::uint64_t w = 0;
  if (s.size() >= 8) std::memcpy(&w, s.data() + s.size() - 8, 8);
  else std::memcpy(&w, s.data(), s.size());
  w ^= s.size() * 0x9E3779B97F4A7C15ull;
  w *= 0xD6E8FEB86659FD93ull;
  return static_cast<std::uint32_t>(w >> 32);
}

class SmallKeyTable {
 public:
  static constexpr unsigned kSlots = 16;

  // The slots in use whose fingerprint is `fp`, as a bitmask (bit i: slot i).
  std::uint32_t matches(std::uint32_t fp) const {
#if defined(__SSE2__)
    __m128i key = _mm_set1_epi32(static_cast<int>(fp));
    auto eq = [&](int i) {
      return _mm_cmpeq_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(fps_.data()) + i),
                             key);
    };
    // Four compares of four lanes, narrowed to one byte a slot.
    __m128i all = _mm_packs_epi16(_mm_packs_epi32(eq(0), eq(1)), _mm_packs_epi32(eq(2), eq(3)));
    return static_cast<std::uint32_t>(_mm_movemask_epi8(all)) & used_;
#else
    std::uint32_t m = 0;
    for (unsigned i = 0; i < kSlots; ++i) m |= std::uint32_t{fps_[i] == fp} << i;
    return m & used_;
#endif
  }

  bool full() const { return used_ == (1u << kSlots) - 1; }
  bool empty() const { return used_ == 0; }
  // The slots in use, as a bitmask.
  std::uint32_t used() const { return used_; }
  std::uint32_t record(unsigned slot) const { return records_[slot]; }

  // Puts `record` under `fp` in a free slot and returns the slot. The table
  // must not be full.
  unsigned add(std::uint32_t fp, std::uint32_t record) {
    unsigned slot = static_cast<unsigned>(std::countr_one(used_));
    fps_[slot] = fp;
    records_[slot] = record;
    used_ |= 1u << slot;
    return slot;
  }
  void remove(unsigned slot) { used_ &= ~(1u << slot); }
  void clear() { used_ = 0; }

 private:
  alignas(16) std::array<std::uint32_t, kSlots> fps_{};
  std::array<std::uint32_t, kSlots> records_{};
  std::uint32_t used_ = 0;
};

}  // namespace su

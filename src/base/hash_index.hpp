// HashIndex: an open-addressing index from 64-bit hashes to record numbers,
// for tables whose records (and keys) live in the caller's own pool. The
// per-test tables use it: no key string is built for a lookup, a record is
// reused once its test ends, and nothing is allocated per test once warm.
//
// Linear probing with backward-shift deletion: a removed record leaves no
// tombstone, so a stream that opens and closes millions of tests keeps the
// short probes of a table that holds only the few open at once. The table
// doubles when half full.
//
// Callers pass `hash_of(record)`, the stored hash of a record, for the moves
// that deletion and growth make.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace su {

class HashIndex {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;

  // The record in `hash`'s probe run for which `same(record)` holds, or
  // kNone; `slot` is then where insert() puts a new record for `hash`.
  template <typename Same>
  std::uint32_t find(std::uint64_t hash, Same same, std::size_t& slot) const {
    std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    for (; slots_[i] != kEmpty; i = (i + 1) & mask)
      if (same(slots_[i] - 1)) return slots_[i] - 1;
    slot = i;
    return kNone;
  }

  // Adds `record` at the `slot` a failed find() gave.
  template <typename HashOf>
  void insert(std::size_t slot, std::uint32_t record, HashOf hash_of) {
    slots_[slot] = record + 1;
    if (++size_ * 2 > slots_.size()) grow(hash_of);
  }

  // Removes `record`, which must be present with hash `hash`.
  template <typename HashOf>
  void erase(std::uint64_t hash, std::uint32_t record, HashOf hash_of) {
    std::size_t mask = slots_.size() - 1;
    std::size_t hole = hash & mask;
    while (slots_[hole] != record + 1) hole = (hole + 1) & mask;
    // Move each later record of the probe run into the hole, unless its
    // home slot lies cyclically after the hole (it would then be
    // unreachable from its home).
    for (std::size_t j = (hole + 1) & mask; slots_[j] != kEmpty; j = (j + 1) & mask) {
      std::size_t home = hash_of(slots_[j] - 1) & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        slots_[hole] = slots_[j];
        hole = j;
      }
    }
    slots_[hole] = kEmpty;
    --size_;
  }

  std::size_t size() const { return size_; }
  void clear() {
    slots_.assign(kInitialSlots, kEmpty);
    size_ = 0;
  }

 private:
  static constexpr std::uint32_t kEmpty = 0;  // slots hold record + 1
  static constexpr std::size_t kInitialSlots = 64;

  template <typename HashOf>
  void grow(HashOf hash_of) {
    std::vector<std::uint32_t> old(slots_.size() * 2, kEmpty);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (std::uint32_t s : old) {
      if (s == kEmpty) continue;
      std::size_t i = hash_of(s - 1) & mask;
      while (slots_[i] != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(kInitialSlots, kEmpty);
  std::size_t size_ = 0;
};

}  // namespace su

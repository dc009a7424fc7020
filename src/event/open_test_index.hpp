// OpenTestIndex: finds the open test an event belongs to by its key (test
// id, route code), among records that the caller numbers, stores and reuses
// (the aggregator's results, the filter's held events). The caller says
// whether a record is the event's test (`same`) and what a record's key is
// (`key_of`); the index holds only fingerprints, hashes and slots.
//
// Two ways of finding, by how many tests are open:
// - up to 16 (a parallel run has one per worker): a SmallKeyTable of the
//   ids' size and last eight bytes, all compared at once, no hashing;
// - past that, until no test is open: a HashIndex of each key's hash
//   (test_key_hash), with the record of the last event tried first, since
//   a serial run's events come test by test.
#pragma once

#include <bit>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "base/hash_index.hpp"
#include "base/small_key_table.hpp"
#include "event/test_key.hpp"

namespace su {

class OpenTestIndex {
  // (Defined first: the members below deduce their types from it.)
  auto hash_of() const {
    return [this](std::uint32_t record) { return hashes_[record]; };
  }

 public:
  static constexpr std::uint32_t kNone = HashIndex::kNone;

  // What find() learnt of a key it did not find, for add(). Its views are
  // the key find() was given.
  struct Miss {
    std::string_view id;
    std::optional<std::string_view> route;
    std::uint32_t fingerprint = 0;
    std::uint64_t hash = 0;
    std::size_t slot = 0;  // in the HashIndex, when indexed
  };

  // The record whose key is (id, route), as `same(record)` decides, or kNone
  // with `miss` filled in.
  template <typename Same>
  std::uint32_t find(std::string_view id, const std::optional<std::string_view>& route,
                     Same same, Miss& miss) {
    if (indexed_) {
      if (last_ != kNone && same(last_)) return last_;
      std::uint64_t h = test_key_hash(id, route);
      std::size_t slot = 0;
      std::uint32_t r = index_.find(
          h, [&](std::uint32_t i) { return hashes_[i] == h && same(i); }, slot);
      if (r != kNone) return last_ = r;
      miss = {id, route, 0, h, slot};
      return kNone;
    }
    std::uint32_t fp = tail_fingerprint(id);
    for (std::uint32_t m = few_.matches(fp); m != 0; m &= m - 1) {
      std::uint32_t r = few_.record(static_cast<unsigned>(std::countr_zero(m)));
      if (same(r)) return r;
    }
    miss = {id, route, fp, 0, 0};
    return kNone;
  }

  // Adds `record` under the key find() just missed. `key_of(record)` gives
  // the (id, route) of a record already in the index: they are hashed when
  // the 17th test opens.
  template <typename KeyOf>
  void add(std::uint32_t record, Miss& miss, KeyOf key_of) {
    if (record >= hashes_.size()) {
      hashes_.resize(record + 1);
      few_slots_.resize(record + 1);
    }
    if (!indexed_ && !few_.full()) {
      few_slots_[record] = static_cast<std::uint8_t>(few_.add(miss.fingerprint, record));
      return;
    }
    if (!indexed_) {
      start_indexing(key_of);
      miss.hash = test_key_hash(miss.id, miss.route);
      index_.find(miss.hash, [](std::uint32_t) { return false; }, miss.slot);
    }
    hashes_[record] = miss.hash;
    index_.insert(miss.slot, record, hash_of());
    last_ = record;
  }

  // Removes `record`, which must be in the index.
  void remove(std::uint32_t record) {
    if (indexed_) {
      index_.erase(hashes_[record], record, hash_of());
      if (index_.size() == 0) indexed_ = false;
    } else {
      few_.remove(few_slots_[record]);
    }
    if (last_ == record) last_ = kNone;
  }

  std::size_t size() const {
    return indexed_ ? index_.size() : static_cast<std::size_t>(std::popcount(few_.used()));
  }

  void clear() {
    few_.clear();
    index_.clear();
    indexed_ = false;
    last_ = kNone;
  }

 private:
  template <typename KeyOf>
  void start_indexing(KeyOf key_of) {
    for (std::uint32_t m = few_.used(); m != 0; m &= m - 1) {
      std::uint32_t r = few_.record(static_cast<unsigned>(std::countr_zero(m)));
      auto [id, route] = key_of(r);
      hashes_[r] = test_key_hash(id, route);
      std::size_t slot = 0;
      index_.find(hashes_[r], [](std::uint32_t) { return false; }, slot);
      index_.insert(slot, r, hash_of());
    }
    few_.clear();
    indexed_ = true;
    last_ = kNone;
  }

  SmallKeyTable few_;
  HashIndex index_;
  bool indexed_ = false;
  std::uint32_t last_ = kNone;        // while indexed: the last record found or added
  std::vector<std::uint64_t> hashes_;     // by record, while indexed
  std::vector<std::uint8_t> few_slots_;   // by record, while not
};

}  // namespace su

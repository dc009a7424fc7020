// RecordPool: records numbered by their index, each reused once released,
// so that opening one costs no allocation after the first few (the open
// tests of the aggregator and of StatsCounter). Released records keep
// their contents, strings and their capacity included, until taken again.
#pragma once

#include <cstdint>
#include <vector>

namespace su {

template <typename Record>
class RecordPool {
 public:
  // The index of a record to fill: the last released, else a new one.
  std::uint32_t take() {
    if (free_.empty()) {
      records_.emplace_back();
      return static_cast<std::uint32_t>(records_.size() - 1);
    }
    std::uint32_t index = free_.back();
    free_.pop_back();
    return index;
  }
  void release(std::uint32_t index) { free_.push_back(index); }

  Record& operator[](std::uint32_t index) { return records_[index]; }
  const Record& operator[](std::uint32_t index) const { return records_[index]; }
  // Every record, taken or released.
  auto begin() const { return records_.begin(); }
  auto end() const { return records_.end(); }
  auto begin() { return records_.begin(); }
  auto end() { return records_.end(); }
  void clear() {
    records_.clear();
    free_.clear();
  }

 private:
  std::vector<Record> records_;
  std::vector<std::uint32_t> free_;
};

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// RowSorter: sorts a run's test rows without holding them all. Rows are
// gathered in chunks; a full chunk is sorted and written to a spill file,
// and drain() merges the chunks back in order. With no spill file it keeps
// everything in memory (check, tests, small runs), and the result is the
// same. Internal to the archive.
//
// Memory: one chunk (kChunkRows rows), plus while draining a small read
// buffer per spilled chunk. A 1,000,000-test run spills 16 chunks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "archive/run_index.hpp"

namespace su {

// A row with its place among the run's results (in the order they
// completed), which names its test id until the id has a number.
struct SortRow {
  TestRow row;
  std::uint32_t seq = 0;
};

class RowSorter {
 public:
  static constexpr std::size_t kChunkRows = 64 * 1024;
  using Less = bool (*)(const SortRow&, const SortRow&);

  // `spill_path` empty: in memory. Otherwise the file is created when the
  // first chunk fills, and removed by the destructor. Throws IoError.
  RowSorter(std::string spill_path, Less less);
  ~RowSorter();
  RowSorter(const RowSorter&) = delete;
  RowSorter& operator=(const RowSorter&) = delete;

  void add(const SortRow& row);
  std::uint64_t size() const { return size_; }
  // Hands every row to `each` in order; the sorter is empty afterwards.
  void drain(const std::function<void(SortRow&)>& each);

 private:
  void spill();

  std::string path_;
  Less less_;
  int fd_ = -1;
  std::vector<SortRow> chunk_;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> runs_;  // (first row, rows) in the file
  std::uint64_t spilled_ = 0, size_ = 0;
};

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// IdTable: the archive's test ids, each stored once (the `ids` file), so a
// run's index names its tests by number. Numbers are handed out in order of
// first appearance and never change: the file is only ever appended to, one
// frame (an IdBlock) per `add` that brought new ids.
//
// Appends happen under the archive lock and are fsynced before any index
// that uses the new numbers is committed, so a committed index never refers
// to a number the file lacks. A frame cut short or damaged at the end of
// the file is what a writer that died mid-append leaves: load() stops there
// and the next append() overwrites it.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/hash_index.hpp"

namespace su {

class IdTable {
 public:
  // What a pass over an ids file found: the table's generation, how many
  // ids it holds, and what stopped the pass early, if anything ("" at the
  // end of the file or a last frame cut short, as load() tells them apart).
  struct FileSummary {
    std::uint64_t generation = 0;
    std::uint32_t size = 0;
    std::string error;
    bool damaged = false;
  };
  // Reads the ids file at `path` a frame at a time, calling `each` with
  // every id's number and text (valid during the call), without holding
  // the table: memory is one frame (new tables' frames hold at most 4096
  // ids). A missing file is an empty table. Throws IoError.
  static FileSummary scan_file(const std::string& path,
                               const std::function<void(std::uint32_t, std::string_view)>& each);

  // Reads the ids file at `path` (a missing file is an empty table). Never
  // throws for damage: it stops at the first bad frame and says why in
  // load_error(). Throws IoError if the file cannot be read.
  void load(const std::string& path);
  const std::string& load_error() const { return load_error_; }
  // True if load() stopped at damage other than a frame cut short at the
  // end (which is what an interrupted append leaves, and is not damage).
  bool damaged() const { return damaged_; }

  // Random number chosen when the table was created; every index records
  // the generation it was written against. 0 for an empty table.
  std::uint64_t generation() const { return generation_; }
  // Starts a new, empty table with a fresh generation, to be written whole
  // by write_fresh() (check's rebuild).
  void reset();
  // Writes the whole table (pending ids included) to `path` durably,
  // replacing it, via `tmp_path`. The caller holds the archive lock.
  void write_fresh(const std::string& tmp_path, const std::string& path);

  std::uint32_t size() const { return static_cast<std::uint32_t>(ids_.size()); }
  // REQUIRES: number < size().
  std::string_view at(std::uint32_t number) const { return ids_[number]; }
  std::optional<std::uint32_t> find(std::string_view id) const;
  // The number of `id`, giving it the next number if it is new. New ids are
  // pending (in memory only) until append_pending().
  std::uint32_t intern(std::string_view id);
  std::size_t pending() const { return ids_.size() - stored_; }

  // Writes the pending ids to `path` as one frame after the last good one
  // and fsyncs it. The caller holds the archive lock and loaded `path`
  // under that same lock. Throws IoError, or ArchiveDamage if damaged().
  void append_pending(const std::string& path);

 private:
  void index_all() const;
  void append_blocks(std::string& out, std::size_t from) const;

  // Held compactly: the ids' bytes in an arena of 1 MiB chunks (never
  // moved, so at() views stay valid), a view per id, and an open-addressing
  // index of 4-byte slots (at most half full) over them: 24-32 bytes an id
  // beside its text, where a deque of strings and an unordered_map of
  // views took about 100.
  std::string_view store(std::string_view id);
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t chunk_used_ = 0, chunk_size_ = 0;
  std::vector<std::string_view> ids_;
  mutable HashIndex numbers_;
  mutable std::size_t indexed_ = 0;  // ids_[0, indexed_) are in numbers_
  std::size_t stored_ = 0;           // ids_[0, stored_) are in the file
  std::uint64_t good_end_ = 0;       // file bytes up to the last good frame
  std::string load_error_;
  bool damaged_ = false;
  std::uint64_t generation_ = 0;
};

}  // namespace su

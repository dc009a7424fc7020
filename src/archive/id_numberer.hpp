// SPDX-License-Identifier: Apache-2.0
// IdNumberer: numbers a run's test ids against the archive's ids table
// (the `ids` file, IdTable) without holding the ids, so adding a run of a
// million new tests does not hold a million names. What it holds is a
// 128-bit fingerprint per id (two independent 64-bit hashes, 16 bytes) and
// an open-addressing index over them (8 bytes a slot, at most 70% full):
// 27-48 bytes per id, where the names and a hash map of them took 150.
//
// Two ids are taken as the same when both hashes agree. For N ids the
// chance that two different ones agree is about N^2 / 2^129: for ten
// million ids, one in 10^25.
//
// New ids are appended to the file as they come, in frames of at most
// kBlockIds ids. The caller holds the archive lock throughout. commit()
// makes the appended frames durable, and keep() says the run that uses
// them is in; an IdNumberer destroyed before keep() cuts the file back to
// where it was, so a failed add leaves no ids behind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace su {

class IdNumberer {
 public:
  static constexpr std::size_t kBlockIds = 4096;
  static constexpr std::size_t kBlockBytes = 256 * 1024;

  // Reads the fingerprints of every id in the file at `path` (missing: an
  // empty table). Throws ArchiveDamage if the file is damaged (anything but
  // a last frame cut short, which an interrupted append leaves), IoError.
  // Room is reserved for `more` new ids, so the fingerprints never move
  // (address space only: pages are touched as ids come).
  explicit IdNumberer(std::string path, std::size_t more = 0);
  ~IdNumberer();
  IdNumberer(const IdNumberer&) = delete;
  IdNumberer& operator=(const IdNumberer&) = delete;

  // The number of `id`, appending it to the file if it is new. Throws
  // IoError.
  std::uint32_t number(std::string_view id);
  // Frees the fingerprints once numbering is done; number() may not be
  // called after. commit() and keep() still work.
  void release();
  // Writes what is buffered and fsyncs the file. Throws IoError.
  void commit();
  void keep() { kept_ = true; }

  std::uint32_t size() const { return static_cast<std::uint32_t>(fingerprints_.size()); }
  std::uint64_t generation() const { return generation_; }
  // Bytes held per id (fingerprints and index), for the README's figures.
  double bytes_per_id() const;

 private:
  struct Fingerprint {
    std::uint64_t a, b;
  };
  static Fingerprint fingerprint(std::string_view id);
  std::uint32_t find(const Fingerprint& f, std::size_t& slot) const;
  void insert(const Fingerprint& f);
  void grow(std::size_t slots);
  void flush_block();
  void write_out(std::string_view bytes);

  std::string path_;
  std::vector<Fingerprint> fingerprints_;  // by number
  std::vector<std::uint64_t> slots_;       // tag | number + 1; 0 = empty
  std::uint64_t generation_ = 0;
  std::uint64_t good_end_ = 0;   // the file's last good byte when opened
  std::uint64_t written_ = 0;    // bytes appended since
  int fd_ = -1;
  bool kept_ = false;
  bool released_ = false;
  std::uint32_t block_first_ = 0;  // number of the first id in block_
  std::vector<std::uint32_t> block_lengths_;
  std::string block_data_;
};

// A fresh, non-zero generation number for an ids table, so an index
// written against another table (one rebuilt since) is told apart.
std::uint64_t new_ids_generation();

}  // namespace su

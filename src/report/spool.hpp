// Spool: bytes to be written later, in the order they came, when what goes
// in front of them (a report header with counts) is known only at the end.
//
// The first `memory_limit` bytes stay in memory; past that, the bytes go to
// an unlinked temporary file in `dir`, created only then. Memory stays
// bounded (the limit, or one chunk if that is more) however much is
// spooled, and a run that fits the limit costs no system call for its
// bytes: writing a spool file and reading it back was a tenth of su-junit's
// time.
//
// Memory comes in chunks of 2 MiB, aligned and marked for transparent huge
// pages where the kernel allows them (MADV_HUGEPAGE): first touching fresh
// memory is what holding it costs, and one 2 MiB page fault is several times
// cheaper than 512 faults of 4 KiB (measured: 14 MB in about 2 ms against
// 7-9 ms). A limit under 2 MiB uses 64 KiB chunks instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/output.hpp"

namespace su {

class Spool {
 public:
  Spool(std::string dir, std::size_t memory_limit);
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  void append(std::string_view bytes) {
    if (bytes.empty()) return;  // before the first chunk end_ is null
    if (bytes.size() <= room_) {
      std::memcpy(end_, bytes.data(), bytes.size());
      end_ += bytes.size();
      room_ -= bytes.size();
    } else {
      append_slow(bytes);
    }
  }

  // `n` contiguous bytes at the end to write into directly, or nullptr
  // when the last chunk has less room left (then append() instead); the
  // first `k` of them count as spooled once commit(k) is called.
  char* room(std::size_t n) { return n <= room_ ? end_ : nullptr; }
  void commit(std::size_t k) {
    end_ += k;
    room_ -= k;
  }

  bool empty() const { return size() == 0; }
  std::uint64_t size() const;
  // Whether the temporary file exists (some bytes went past the limit).
  bool spilled() const { return fd_ >= 0; }
  // Memory the spool holds now.
  std::size_t memory() const { return chunks_.size() * chunk_size_; }

  // Writes everything spooled, in order, to `out`. The spool is unchanged.
  void copy_to(Output& out);

 private:
  void append_slow(std::string_view bytes);
  char* new_chunk();
  void open_file();
  void write_file(const char* p, std::size_t n);

  std::string dir_;
  std::size_t chunk_size_, max_chunks_;
  // The first bytes, in memory: every chunk but the last is full. Once
  // max_chunks_ are held, the last one is written to the file whenever it
  // fills and is then reused, so the file holds the bytes between the
  // full chunks and the last one.
  std::vector<char*> chunks_;
  char* end_ = nullptr;  // where the next byte goes in the last chunk
  std::size_t room_ = 0;  // bytes left after end_
  int fd_ = -1;
  std::uint64_t file_size_ = 0;
};

}  // namespace su

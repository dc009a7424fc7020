// SPDX-License-Identifier: Apache-2.0
#include "archive/id_numberer.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>
#include <stdexcept>
#include <fcntl.h>
#include <unistd.h>

#include "archive/archive.pb.h"
#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/frame.hpp"
#include "base/error.hpp"
#include "base/hash.hpp"

namespace su {
namespace {

// A second hash, built differently from hash_bytes (a multiply-xorshift
// over 8-byte words, seeded apart), so the two do not fail together.
std::uint64_t second_hash(std::string_view s) {
  constexpr std::uint64_t m = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x2545F4914F6CDD1Dull ^ (s.size() * m);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * m;
    h ^= h >> 31;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail ^ (std::uint64_t{0xA5} << 56)) * m;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

}  // namespace

IdNumberer::Fingerprint IdNumberer::fingerprint(std::string_view id) {
  return {hash_bytes(id), second_hash(id)};
}

IdNumberer::IdNumberer(std::string path, std::size_t more) : path_(std::move(path)) {
  fingerprints_.reserve(more);
  slots_.assign(1024, 0);
  if (path_exists(path_)) {
    // Sized from the file (compressed ids take 8-12 bytes each), so that
    // loading rarely rehashes.
    std::uint64_t guess = file_size(path_) / 10;
    std::size_t slots = 1024;
    while (slots * 7 < guess * 10 && slots < (std::size_t{1} << 31)) slots *= 2;
    slots_.assign(slots, 0);
    fingerprints_.reserve(static_cast<std::size_t>(guess) + more);
    FrameFileReader file(path_);
    if (file.magic().size() == kMagicSize) {
      if (file.magic() != kIdsMagic)
        throw ArchiveDamage(path_, "not an ids table (bad magic); 'su-archive check' rebuilds it");
      archive::pb::IdBlock block;
      std::string error;
      for (;;) {
        FrameResult r = file.next(block, error);
        if (r == FrameResult::end || r == FrameResult::truncated) break;
        if (r != FrameResult::ok)
          throw ArchiveDamage(path_, error + "; 'su-archive check' rebuilds it from the runs");
        std::uint64_t total = 0;
        for (auto n : block.length()) total += n;
        if (block.first() != fingerprints_.size() || total != block.data().size())
          throw ArchiveDamage(path_, "frame before byte " + std::to_string(file.position()) +
                                         ": block does not follow on; 'su-archive check' "
                                         "rebuilds it from the runs");
        if (block.first() == 0) generation_ = block.generation();
        std::string_view data = block.data();
        for (auto n : block.length()) {
          insert(fingerprint(data.substr(0, n)));
          data.remove_prefix(n);
        }
      }
      good_end_ = file.position();
    }
  }
  block_first_ = size();
  // A new table's generation is chosen now: the index records it before
  // the first block is written.
  if (size() == 0) generation_ = new_ids_generation();
}

IdNumberer::~IdNumberer() {
  if (fd_ < 0) return;
  // Not kept: cut the file back, so the ids appended are gone.
  if (!kept_) {
    if (good_end_ < kMagicSize) {
      ::close(fd_);
      fd_ = -1;
      ::unlink(path_.c_str());
      return;
    }
    if (::ftruncate(fd_, static_cast<off_t>(good_end_)) == 0) ::fsync(fd_);
  }
  ::close(fd_);
}

double IdNumberer::bytes_per_id() const {
  if (fingerprints_.empty()) return 0;
  return static_cast<double>(fingerprints_.capacity() * sizeof(Fingerprint) +
                             slots_.capacity() * sizeof(std::uint64_t)) /
         static_cast<double>(fingerprints_.size());
}

// A slot holds the number + 1 in its low 32 bits and the top 32 bits of
// the fingerprint's first hash above them, so a probe past another id is
// told apart without touching that id's fingerprint (a cache miss each).
std::uint32_t IdNumberer::find(const Fingerprint& f, std::size_t& slot) const {
  std::size_t mask = slots_.size() - 1;
  std::uint64_t tag = f.a >> 32 << 32;
  for (std::size_t i = f.a & mask;; i = (i + 1) & mask) {
    std::uint64_t s = slots_[i];
    if (s == 0) {
      slot = i;
      return 0;
    }
    if ((s >> 32 << 32) != tag) continue;
    auto n = static_cast<std::uint32_t>(s);
    const Fingerprint& g = fingerprints_[n - 1];
    if (g.a == f.a && g.b == f.b) return n;
  }
}

void IdNumberer::insert(const Fingerprint& f) {
  // At most 70% full: with the tags, probes stay short.
  if ((fingerprints_.size() + 1) * 10 > slots_.size() * 7) grow(slots_.size() * 2);
  std::size_t slot = 0;
  // A repeated id in the file keeps its first number (as IdTable does).
  fingerprints_.push_back(f);
  if (find(f, slot) == 0) slots_[slot] = (f.a >> 32 << 32) | fingerprints_.size();
}

void IdNumberer::grow(std::size_t slots) {
  // Only the index is rebuilt: fingerprints stay where they are, and an id
  // the file repeats keeps its first number.
  std::vector<std::uint64_t>().swap(slots_);
  slots_.assign(slots, 0);
  std::size_t mask = slots - 1;
  for (std::size_t n = 0; n < fingerprints_.size(); ++n) {
    const Fingerprint& f = fingerprints_[n];
    std::uint64_t tag = f.a >> 32 << 32;
    std::size_t i = f.a & mask;
    for (; slots_[i] != 0; i = (i + 1) & mask) {
      std::uint64_t s = slots_[i];
      if ((s >> 32 << 32) != tag) continue;
      const Fingerprint& g = fingerprints_[static_cast<std::uint32_t>(s) - 1];
      if (g.a == f.a && g.b == f.b) break;
    }
    if (slots_[i] == 0) slots_[i] = tag | (n + 1);
  }
}

void IdNumberer::release() {
  std::vector<Fingerprint>().swap(fingerprints_);
  std::vector<std::uint64_t>().swap(slots_);
  released_ = true;
}

std::uint32_t IdNumberer::number(std::string_view id) {
  if (released_) throw std::logic_error("IdNumberer::number after release()");
  Fingerprint f = fingerprint(id);
  std::size_t slot = 0;
  if (std::uint32_t s = find(f, slot)) return s - 1;
  auto n = size();
  insert(f);
  block_lengths_.push_back(static_cast<std::uint32_t>(id.size()));
  block_data_.append(id);
  if (block_lengths_.size() >= kBlockIds || block_data_.size() >= kBlockBytes) flush_block();
  return n;
}

void IdNumberer::write_out(std::string_view bytes) {
  if (fd_ < 0) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
    if (fd_ < 0) throw IoError("cannot open '" + path_ + "': " + std::strerror(errno));
    // Cut off whatever a writer that died mid-append left after the last
    // good frame, so the new frames follow it directly.
    off_t at = static_cast<off_t>(good_end_ < kMagicSize ? 0 : good_end_);
    if (::ftruncate(fd_, at) != 0 || ::lseek(fd_, at, SEEK_SET) != at)
      throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
    if (good_end_ < kMagicSize) {
      good_end_ = 0;
      write_out(kIdsMagic);
    }
  }
  while (!bytes.empty()) {
    ssize_t w = ::write(fd_, bytes.data(), bytes.size());
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(w));
    written_ += static_cast<std::uint64_t>(w);
  }
}

void IdNumberer::flush_block() {
  if (block_lengths_.empty()) return;
  archive::pb::IdBlock block;
  block.set_first(block_first_);
  if (block_first_ == 0) block.set_generation(generation_);
  block.mutable_length()->Add(block_lengths_.begin(), block_lengths_.end());
  block.set_data(std::move(block_data_));
  std::string bytes;
  append_frame(bytes, block, true);
  write_out(bytes);
  block_first_ = size();
  block_lengths_.clear();
  block_data_.clear();
}

void IdNumberer::commit() {
  flush_block();
  if (fd_ >= 0) fsync_fd(fd_, path_);
}

std::uint64_t new_ids_generation() {
  std::random_device device;
  std::uint64_t g = (std::uint64_t{device()} << 32) ^ device() ^
                    static_cast<std::uint64_t>(
                        std::chrono::steady_clock::now().time_since_epoch().count());
  return g ? g : 1;
}

}  // namespace su

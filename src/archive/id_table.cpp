// SPDX-License-Identifier: Apache-2.0
#include "archive/id_table.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <algorithm>
#include <random>
#include <fcntl.h>
#include <unistd.h>

#include "archive/archive.pb.h"
#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/frame.hpp"
#include "archive/id_numberer.hpp"
#include "base/error.hpp"
#include "base/hash.hpp"

namespace su {
namespace {

}  // namespace

std::string_view IdTable::store(std::string_view id) {
  // Chunks grow from 4 KiB to 1 MiB, so a small table stays small, and
  // are not zeroed (make_unique would zero them: a megabyte per load).
  constexpr std::size_t kFirst = 4096, kLargest = 1 << 20;
  // (An empty first id needs a chunk too: fuzzing found the empty arena.)
  if (chunks_.empty() || id.size() > chunk_size_ - chunk_used_) {
    std::size_t next = chunk_size_ == 0 ? kFirst : std::min(kLargest, chunk_size_ * 2);
    chunk_size_ = std::max(next, id.size());
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(chunk_size_));
    chunk_used_ = 0;
  }
  char* at = chunks_.back().get() + chunk_used_;
  if (!id.empty()) std::memcpy(at, id.data(), id.size());
  chunk_used_ += id.size();
  return {at, id.size()};
}

void IdTable::reset() {
  chunks_.clear();
  chunk_used_ = chunk_size_ = 0;
  ids_.clear();
  numbers_.clear();
  indexed_ = stored_ = 0;
  good_end_ = 0;
  load_error_.clear();
  damaged_ = false;
  generation_ = new_ids_generation();
}

void IdTable::write_fresh(const std::string& tmp_path, const std::string& path) {
  std::string bytes(kIdsMagic);
  append_blocks(bytes, 0);
  write_file_durably(tmp_path, path, bytes);
  good_end_ = bytes.size();
  stored_ = ids_.size();
  load_error_.clear();
  damaged_ = false;
}

void IdTable::append_blocks(std::string& out, std::size_t from) const {
  // Frames of at most IdNumberer::kBlockIds ids, so a reader holds little.
  for (std::size_t first = from; first < ids_.size(); first += IdNumberer::kBlockIds) {
    archive::pb::IdBlock block;
    block.set_first(static_cast<std::uint32_t>(first));
    if (first == 0) block.set_generation(generation_);
    std::string* data = block.mutable_data();
    std::size_t end = std::min(ids_.size(), first + IdNumberer::kBlockIds);
    for (std::size_t i = first; i < end; ++i) {
      block.add_length(static_cast<std::uint32_t>(ids_[i].size()));
      data->append(ids_[i]);
    }
    append_frame(out, block, true);
  }
}

void IdTable::load(const std::string& path) {
  reset();
  generation_ = 0;
  if (!path_exists(path)) return;
  std::string data = read_file(path);
  if (data.size() < kMagicSize) return;  // the first append died: start afresh
  if (data.compare(0, kMagicSize, kIdsMagic) != 0) {
    load_error_ = "not an ids table (bad magic)";
    damaged_ = true;
    return;
  }
  std::size_t pos = kMagicSize;
  archive::pb::IdBlock block;
  for (;;) {
    std::string error;
    FrameResult r = read_frame(data, pos, block, error);
    if (r == FrameResult::end) break;
    if (r != FrameResult::ok) {
      load_error_ = error;
      damaged_ = r == FrameResult::damaged;
      break;
    }
    std::uint64_t total = 0;
    for (auto n : block.length()) total += n;
    if (block.first() != ids_.size() || total != block.data().size()) {
      load_error_ = "frame before byte " + std::to_string(pos) + ": block does not follow on";
      damaged_ = true;
      break;
    }
    if (block.first() == 0) generation_ = block.generation();
    std::string_view blob = block.data();
    for (auto n : block.length()) {
      ids_.push_back(store(blob.substr(0, n)));
      blob.remove_prefix(n);
    }
    good_end_ = pos;
  }
  if (good_end_ == 0) good_end_ = kMagicSize;
  stored_ = ids_.size();
}

IdTable::FileSummary IdTable::scan_file(
    const std::string& path, const std::function<void(std::uint32_t, std::string_view)>& each) {
  FileSummary out;
  if (!path_exists(path)) return out;
  FrameFileReader file(path);
  if (file.magic().size() < kMagicSize) return out;  // the first append died
  if (file.magic() != kIdsMagic) {
    out.error = "not an ids table (bad magic)";
    out.damaged = true;
    return out;
  }
  archive::pb::IdBlock block;
  for (;;) {
    std::string error;
    FrameResult r = file.next(block, error);
    if (r == FrameResult::end) break;
    if (r != FrameResult::ok) {
      out.error = error;
      out.damaged = r == FrameResult::damaged;
      break;
    }
    std::uint64_t total = 0;
    for (auto n : block.length()) total += n;
    if (block.first() != out.size || total != block.data().size()) {
      out.error = "frame before byte " + std::to_string(file.position()) +
                  ": block does not follow on";
      out.damaged = true;
      break;
    }
    if (block.first() == 0) out.generation = block.generation();
    std::string_view data = block.data();
    for (auto n : block.length()) {
      each(out.size++, data.substr(0, n));
      data.remove_prefix(n);
    }
  }
  return out;
}

void IdTable::index_all() const {
  auto hash_of = [this](std::uint32_t n) { return hash_bytes(ids_[n]); };
  for (; indexed_ < ids_.size(); ++indexed_) {
    std::string_view id = ids_[indexed_];
    std::size_t slot = 0;
    // A repeated id keeps its first number.
    if (numbers_.find(hash_bytes(id), [&](std::uint32_t n) { return ids_[n] == id; }, slot) ==
        HashIndex::kNone)
      numbers_.insert(slot, static_cast<std::uint32_t>(indexed_), hash_of);
  }
}

std::optional<std::uint32_t> IdTable::find(std::string_view id) const {
  index_all();
  std::size_t slot = 0;
  std::uint32_t n =
      numbers_.find(hash_bytes(id), [&](std::uint32_t k) { return ids_[k] == id; }, slot);
  if (n == HashIndex::kNone) return std::nullopt;
  return n;
}

std::uint32_t IdTable::intern(std::string_view id) {
  index_all();
  std::size_t slot = 0;
  std::uint64_t hash = hash_bytes(id);
  std::uint32_t n = numbers_.find(hash, [&](std::uint32_t k) { return ids_[k] == id; }, slot);
  if (n != HashIndex::kNone) return n;
  auto number = static_cast<std::uint32_t>(ids_.size());
  ids_.push_back(store(id));
  numbers_.insert(slot, number, [this](std::uint32_t k) { return hash_bytes(ids_[k]); });
  indexed_ = ids_.size();
  return number;
}

void IdTable::append_pending(const std::string& path) {
  if (stored_ == ids_.size()) return;
  if (damaged_)
    throw ArchiveDamage(path, load_error_ + "; 'su-archive check' rebuilds it from the runs");
  if (stored_ == 0 && generation_ == 0) generation_ = new_ids_generation();
  std::string bytes;
  bool fresh = !path_exists(path) || good_end_ < kMagicSize;
  if (fresh) bytes.assign(kIdsMagic);
  append_blocks(bytes, stored_);

  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
  off_t at = fresh ? 0 : static_cast<off_t>(good_end_);
  // Cut off whatever a writer that died mid-append left after the last good
  // frame, so the new frame follows it directly.
  if (::ftruncate(fd, at) != 0 || ::lseek(fd, at, SEEK_SET) != at) {
    int err = errno;
    ::close(fd);
    throw IoError("cannot write '" + path + "': " + std::strerror(err));
  }
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      int err = errno;
      ::close(fd);
      throw IoError("cannot write '" + path + "': " + std::strerror(err));
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  fsync_fd(fd, path);
  ::close(fd);
  good_end_ = static_cast<std::uint64_t>(at) + bytes.size();
  stored_ = ids_.size();
}

}  // namespace su

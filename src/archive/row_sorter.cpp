// SPDX-License-Identifier: Apache-2.0
#include "archive/row_sorter.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <queue>
#include <type_traits>
#include <fcntl.h>
#include <unistd.h>

#include "base/error.hpp"

namespace su {
namespace {

static_assert(std::is_trivially_copyable_v<SortRow>, "rows are spilled as bytes");

constexpr std::size_t kReadRows = 1024;  // per spilled chunk while merging

[[noreturn]] void fail(const char* what, const std::string& path, int err) {
  throw IoError(std::string(what) + " '" + path + "': " + std::strerror(err));
}

}  // namespace

RowSorter::RowSorter(std::string spill_path, Less less) : path_(std::move(spill_path)), less_(less) {}

RowSorter::~RowSorter() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
}

void RowSorter::add(const SortRow& row) {
  if (!path_.empty() && chunk_.size() == kChunkRows) spill();
  if (chunk_.capacity() == 0 && !path_.empty()) chunk_.reserve(kChunkRows);
  chunk_.push_back(row);
  ++size_;
}

void RowSorter::spill() {
  std::stable_sort(chunk_.begin(), chunk_.end(), less_);
  if (fd_ < 0) {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) fail("cannot create", path_, errno);
  }
  const char* p = reinterpret_cast<const char*>(chunk_.data());
  std::size_t n = chunk_.size() * sizeof(SortRow);
  while (n > 0) {
    ssize_t w = ::write(fd_, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) fail("cannot write", path_, errno);
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  runs_.emplace_back(spilled_, chunk_.size());
  spilled_ += chunk_.size();
  chunk_.clear();
}

void RowSorter::drain(const std::function<void(SortRow&)>& each) {
  if (runs_.empty()) {
    std::stable_sort(chunk_.begin(), chunk_.end(), less_);
    for (auto& r : chunk_) each(r);
    std::vector<SortRow>().swap(chunk_);
    size_ = 0;
    return;
  }
  if (!chunk_.empty()) spill();
  std::vector<SortRow>().swap(chunk_);
  // One cursor per spilled chunk, each reading kReadRows at a time; a heap
  // picks the least head. Ties go to the earlier chunk, so the merge is
  // stable like the sort.
  struct Cursor {
    std::uint64_t next, end;  // rows in the file
    std::vector<SortRow> buf;
    std::size_t at = 0;
  };
  std::vector<Cursor> cursors;
  cursors.reserve(runs_.size());
  for (auto [first, rows] : runs_) cursors.push_back({first, first + rows, {}, 0});
  auto refill = [&](Cursor& c) {
    std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(kReadRows, c.end - c.next));
    c.buf.resize(n);
    c.at = 0;
    char* p = reinterpret_cast<char*>(c.buf.data());
    std::size_t want = n * sizeof(SortRow);
    off_t off = static_cast<off_t>(c.next * sizeof(SortRow));
    while (want > 0) {
      ssize_t r = ::pread(fd_, p, want, off);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) fail("cannot read", path_, errno);
      if (r == 0) throw IoError("cannot read '" + path_ + "': file cut short");
      p += r;
      off += r;
      want -= static_cast<std::size_t>(r);
    }
    c.next += n;
    return n > 0;
  };
  auto greater = [&](std::size_t a, std::size_t b) {
    const SortRow& x = cursors[a].buf[cursors[a].at];
    const SortRow& y = cursors[b].buf[cursors[b].at];
    if (less_(y, x)) return true;
    if (less_(x, y)) return false;
    return a > b;
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(greater)> heap(greater);
  for (std::size_t i = 0; i < cursors.size(); ++i)
    if (refill(cursors[i])) heap.push(i);
  while (!heap.empty()) {
    std::size_t i = heap.top();
    heap.pop();
    Cursor& c = cursors[i];
    each(c.buf[c.at]);
    if (++c.at < c.buf.size() || refill(c)) heap.push(i);
  }
  ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
  runs_.clear();
  spilled_ = size_ = 0;
}

}  // namespace su

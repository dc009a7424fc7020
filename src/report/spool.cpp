#include "report/spool.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

#include "base/error.hpp"

namespace su {

namespace {

constexpr std::size_t kHugeChunk = 2 << 20;  // one x86-64 huge page
constexpr std::size_t kSmallChunk = 64 << 10;

}  // namespace

Spool::Spool(std::string dir, std::size_t memory_limit)
    : dir_(std::move(dir)),
      chunk_size_(memory_limit >= kHugeChunk ? kHugeChunk : kSmallChunk),
      max_chunks_(std::max<std::size_t>(1, memory_limit / chunk_size_)) {}

Spool::~Spool() {
  for (char* c : chunks_) ::munmap(c, chunk_size_);
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t Spool::size() const {
  if (chunks_.empty()) return file_size_;
  return (chunks_.size() - 1) * chunk_size_ + file_size_ +
         static_cast<std::size_t>(end_ - chunks_.back());
}

char* Spool::new_chunk() {
  // Twice the size, so that an aligned chunk lies inside; the rest is
  // handed back at once.
  std::size_t span = chunk_size_ == kHugeChunk ? 2 * chunk_size_ : chunk_size_;
  void* p = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  char* base = static_cast<char*>(p);
  if (span == chunk_size_) return base;
  auto addr = reinterpret_cast<std::uintptr_t>(base);
  char* chunk = base + ((chunk_size_ - addr % chunk_size_) % chunk_size_);
  if (chunk > base) ::munmap(base, static_cast<std::size_t>(chunk - base));
  if (chunk + chunk_size_ < base + span)
    ::munmap(chunk + chunk_size_, static_cast<std::size_t>(base + span - (chunk + chunk_size_)));
#ifdef MADV_HUGEPAGE
  ::madvise(chunk, chunk_size_, MADV_HUGEPAGE);  // a hint: without it, 4 KiB pages
#endif
  return chunk;
}

void Spool::append_slow(std::string_view bytes) {
  while (!bytes.empty()) {
    if (room_ == 0) {
      if (chunks_.size() < max_chunks_) {
        chunks_.reserve(chunks_.size() + 1);  // so that push_back cannot throw and leak
        chunks_.push_back(new_chunk());
      } else {
        write_file(chunks_.back(), chunk_size_);
      }
      end_ = chunks_.back();
      room_ = chunk_size_;
    }
    std::size_t n = std::min(room_, bytes.size());
    std::memcpy(end_, bytes.data(), n);
    end_ += n;
    room_ -= n;
    bytes.remove_prefix(n);
  }
}

void Spool::open_file() {
#ifdef O_TMPFILE
  fd_ = ::open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
  if (fd_ < 0) {
    std::string path = dir_ + "/su-spool-XXXXXX";
    fd_ = ::mkstemp(path.data());
    if (fd_ >= 0) ::unlink(path.c_str());
  }
  if (fd_ < 0)
    throw IoError("cannot create a temporary file in '" + dir_ + "': " + std::strerror(errno));
}

void Spool::write_file(const char* p, std::size_t left) {
  if (fd_ < 0) open_file();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw IoError("cannot write the temporary file in '" + dir_ + "': " + std::strerror(errno));
    p += n;
    left -= static_cast<std::size_t>(n);
    file_size_ += static_cast<std::uint64_t>(n);
  }
}

void Spool::copy_to(Output& out) {
  for (std::size_t i = 0; i + 1 < chunks_.size(); ++i)
    out.write(std::string_view(chunks_[i], chunk_size_));
  if (fd_ >= 0) {
    std::string buf(1 << 20, '\0');
    for (std::uint64_t pos = 0; pos < file_size_;) {
      ssize_t n = ::pread(fd_, buf.data(), buf.size(), static_cast<off_t>(pos));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0)
        throw IoError("cannot read back the temporary file in '" + dir_ +
                      "': " + std::strerror(n < 0 ? errno : EIO));
      out.write(std::string_view(buf.data(), static_cast<std::size_t>(n)));
      pos += static_cast<std::uint64_t>(n);
    }
  }
  if (!chunks_.empty())
    out.write(std::string_view(chunks_.back(), static_cast<std::size_t>(end_ - chunks_.back())));
}

}  // namespace su

#include "base/output.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.hpp"

namespace su {

namespace {

// A pipe holds 64 KiB, so larger writes to one gain nothing. A regular file
// is written in 1 MiB blocks: the kernel keeps the bytes of each write in
// page-cache folios as large as the write, and whoever reads the file later
// pays per folio: read() of the 1M-test stream written in 8 KiB blocks (as
// python writes) took 38-40 ms, of one written in 1 MiB blocks 16 ms
// (bench/bench-core.sh compares the two).
std::size_t buffer_size_for(int fd) {
  struct stat st{};
  bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  return regular ? 1024 * 1024 : 64 * 1024;
}

}  // namespace

Output::Output(int fd, std::string name, bool owns_fd)
    : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)),
      capacity_(buffer_size_for(fd)),
      buf_(std::make_unique_for_overwrite<char[]>(capacity_)) {}

Output::~Output() {
  try {
    flush();
  } catch (...) {
  }
  if (owns_fd_) ::close(fd_);
}

void Output::flush() {
  std::size_t n = used_;
  used_ = 0;
  write_all(buf_.get(), n);
}

void Output::write_slow(std::string_view bytes) {
  flush();
  if (bytes.size() >= capacity_) {
    write_all(bytes.data(), bytes.size());
  } else {
    std::memcpy(buf_.get(), bytes.data(), bytes.size());
    used_ = bytes.size();
  }
}

void Output::write_all(const char* p, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) throw BrokenPipe();
      throw IoError("write '" + name_ + "': " + std::strerror(errno));
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

std::unique_ptr<Output> create_output_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw IoError("cannot open '" + path + "' for writing: " + std::strerror(errno));
  return std::make_unique<Output>(fd, path, true);
}

Output& standard_output() {
  static Output out(1, "<stdout>");
  return out;
}

}  // namespace su

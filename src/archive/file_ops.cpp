// SPDX-License-Identifier: Apache-2.0
#include "archive/file_ops.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.hpp"

namespace su {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw IoError(what + " '" + path + "': " + std::strerror(errno));
}

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

int open_or_fail(const std::string& path, int flags, mode_t mode = 0) {
  for (;;) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    if (fd >= 0) return fd;
    if (errno != EINTR) fail("cannot open", path);
  }
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      errno = err;
      fail("cannot write", path);
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

std::string read_up_to(const std::string& path, std::size_t limit) {
  int fd = open_or_fail(path, O_RDONLY);
  std::string out;
  struct stat st{};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
    out.reserve(std::min<std::size_t>(limit, static_cast<std::size_t>(st.st_size)));
  char buf[65536];
  while (out.size() < limit) {
    ssize_t r = ::read(fd, buf, std::min(sizeof buf, limit - out.size()));
    if (r < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      errno = err;
      fail("cannot read", path);
    }
    if (r == 0) break;
    out.append(buf, static_cast<std::size_t>(r));
  }
  ::close(fd);
  return out;
}

}  // namespace

std::string read_file(const std::string& path) { return read_up_to(path, SIZE_MAX); }

std::string read_file_prefix(const std::string& path, std::size_t n) {
  return read_up_to(path, n);
}

bool path_exists(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0;
}

bool is_directory(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_regular_file(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

void make_directory(const std::string& path) {
  if (::mkdir(path.c_str(), 0777) != 0 && errno != EEXIST) fail("cannot create", path);
}

std::vector<std::string> list_directory(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) fail("cannot list", dir);
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(d);
  return names;
}

std::uint64_t file_size(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) fail("cannot stat", path);
  return static_cast<std::uint64_t>(st.st_size);
}

std::int64_t modification_time_ns(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) fail("cannot stat", path);
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void fsync_fd(int fd, const std::string& name) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) fail("cannot sync", name);
  }
}

void fsync_directory(const std::string& dir) {
  int fd = open_or_fail(dir, O_RDONLY | O_DIRECTORY);
  // Some file systems refuse fsync on directories; the rename is then as
  // durable as they make it, which is all we can ask for.
  while (::fsync(fd) != 0 && errno == EINTR) {
  }
  ::close(fd);
}

void write_file_durably(const std::string& tmp_path, const std::string& final_path,
                        std::string_view bytes) {
  int fd = open_or_fail(tmp_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
  write_all(fd, bytes, tmp_path);
  fsync_fd(fd, tmp_path);
  ::close(fd);
  rename_durably(tmp_path, final_path);
}

void rename_durably(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) fail("cannot rename to", to);
  fsync_directory(parent_of(to));
}

void remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail("cannot remove", path);
}

MappedFile::MappedFile(const std::string& path) {
  int fd = open_or_fail(path, O_RDONLY);
  struct stat st{};
  if (fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    errno = err;
    fail("cannot stat", path);
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ > 0) {
    data_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data_ == MAP_FAILED) {
      int err = errno;
      data_ = nullptr;
      ::close(fd);
      errno = err;
      fail("cannot map", path);
    }
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(data_, size_);
}

FileLock::FileLock(const std::string& path) {
  fd_ = open_or_fail(path, O_RDWR | O_CREAT, 0666);
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno != EINTR) {
      int err = errno;
      ::close(fd_);
      errno = err;
      fail("cannot lock", path);
    }
  }
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace su

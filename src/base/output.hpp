// Buffered output to a file descriptor. A closed pipe (EPIPE) throws
// BrokenPipe so a tool can end quietly, as `| head` expects; any other
// failure throws IoError naming the output.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace su {

class Output {
 public:
  // Writes to `fd`; with `owns_fd`, closes it when destroyed.
  Output(int fd, std::string name, bool owns_fd = false);
  ~Output();  // flushes, swallowing errors: call flush() to see them
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view bytes) {
    if (bytes.size() <= capacity_ - used_) {
      std::copy(bytes.begin(), bytes.end(), buf_.get() + used_);
      used_ += bytes.size();
    } else {
      write_slow(bytes);
    }
  }
  void put(char c) {
    if (used_ == capacity_) flush();
    buf_[used_++] = c;
  }
  // `n` contiguous bytes of buffer to write into directly (flushing first
  // if needed), or nullptr when `n` is larger than the whole buffer. The
  // bytes count as written once commit(n) is called.
  char* room(std::size_t n) {
    if (n > capacity_) return nullptr;
    if (n > capacity_ - used_) flush();
    return buf_.get() + used_;
  }
  void commit(std::size_t n) { used_ += n; }
  void flush();
  const std::string& name() const { return name_; }
  // Bytes held before a write(2): 1 MiB for a regular file, 64 KiB else.
  std::size_t capacity() const { return capacity_; }

 private:
  void write_slow(std::string_view bytes);
  void write_all(const char* p, std::size_t n);

  int fd_;
  bool owns_fd_;
  std::string name_;
  std::size_t capacity_;
  // Not zeroed: a page of it is only touched when output reaches it. A
  // zeroed 64 KiB buffer was 16 page faults before the first byte, 0.2 ms
  // of a tool that prints a few lines on a host where a fault costs 11-16 us.
  std::unique_ptr<char[]> buf_;
  std::size_t used_ = 0;
};

// The process's standard output, created on first use.
Output& standard_output();

// Creates or truncates the file at `path` for writing (the -o/--output-to
// of python's filter scripts). Throws IoError naming the path.
std::unique_ptr<Output> create_output_file(const std::string& path);

}  // namespace su

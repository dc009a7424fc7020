// Buffered output to a file descriptor. A closed pipe (EPIPE) throws
// BrokenPipe so a tool can end quietly, as `| head` expects; any other
// failure throws IoError naming the output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace su {

class Output {
 public:
  Output(int fd, std::string name);
  ~Output();  // flushes, swallowing errors: call flush() to see them
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  void write(std::string_view bytes) {
    if (bytes.size() <= buf_.size() - used_) {
      std::copy(bytes.begin(), bytes.end(), buf_.data() + used_);
      used_ += bytes.size();
    } else {
      write_slow(bytes);
    }
  }
  void put(char c) {
    if (used_ == buf_.size()) flush();
    buf_[used_++] = c;
  }
  void flush();
  const std::string& name() const { return name_; }

 private:
  void write_slow(std::string_view bytes);
  void write_all(const char* p, std::size_t n);

  int fd_;
  std::string name_;
  std::vector<char> buf_;
  std::size_t used_ = 0;
};

// The process's standard output, created on first use.
Output& standard_output();

}  // namespace su

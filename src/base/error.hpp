// Errors the library raises. The library never prints or exits: it throws
// these, and tools/common maps them to messages and exit codes (DESIGN.md).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace su {

// Input that cannot be decoded at all (a corrupt zstd frame), or damage met
// under --strict. `offset` is the byte offset in the (decompressed) stream.
class DecodeError : public std::runtime_error {
 public:
  DecodeError(std::uint64_t offset, const std::string& reason)
      : std::runtime_error(reason), offset_(offset) {}
  std::uint64_t offset() const { return offset_; }

 private:
  std::uint64_t offset_;
};

// A failed read or write. `what()` names the operation and the system error.
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writing to a pipe whose reader has gone (`| head`): the tool ends quietly.
class BrokenPipe : public std::exception {
 public:
  const char* what() const noexcept override { return "broken pipe"; }
};

}  // namespace su

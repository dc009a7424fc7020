// Byte sources: a file descriptor, or a zstd stream decompressed on the fly.
// open_input() sniffs the zstd magic number, so every tool reads `run.zst`
// as it reads `run`. BufferedInput gives decoders a bounded window with
// look-ahead; it never holds the whole stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace su {

class Input {
 public:
  virtual ~Input() = default;
  // Reads up to `n` bytes into `buf`; returns 0 only at end of input.
  // Throws IoError, or DecodeError for a corrupt compressed frame.
  virtual std::size_t read(std::uint8_t* buf, std::size_t n) = 0;
  // True if the last read returned early because no more data was ready
  // (a pipe or terminal): a live consumer should show what it has.
  virtual bool drained() const { return false; }
  // How the input is named in messages: the path, or "<stdin>".
  const std::string& name() const { return name_; }
  // The read buffer BufferedInput starts with for this input (it grows
  // only for a packet larger than that).
  virtual std::size_t buffer_size() const { return 64 * 1024; }
  // About how many bytes reads will give, where that is known (a regular
  // file: its size when opened); 0 where it is not. Only a hint for how
  // much room to prepare: a file can grow or shrink while it is read.
  virtual std::uint64_t size_hint() const { return 0; }

 protected:
  explicit Input(std::string name) : name_(std::move(name)) {}

 private:
  std::string name_;
};

// Opens `path` ("-" is standard input), decompressing zstd if the input
// starts with its magic number. Throws IoError if it cannot be opened.
// Every input is read() into one reused buffer, regular files too. Mapping
// them instead (sessions two to nine) saved the kernel's copy on one host,
// but each page mapped and handed back is a page-table update, and on a
// host whose hypervisor shadows the guest's page tables that made su-stats
// of the 1M-test stream take twice as long (220 ms against 111 ms read,
// 2 GB/s): copying into a buffer that stays in the cache costs the same
// everywhere, changing mappings does not.
std::unique_ptr<Input> open_input(const std::string& path);

// Wraps an in-memory buffer (tests, fuzzers).
std::unique_ptr<Input> memory_input(std::string bytes,
                                    std::string name = "<memory>");

class BufferedInput {
 public:
  explicit BufferedInput(std::unique_ptr<Input> in);

  // Makes at least `n` bytes available at data(), reading as needed; returns
  // how many are available, fewer than `n` only at end of input.
  // Inline when the bytes are already there, as they are for nearly every
  // packet: the decoder asks several times per packet.
  std::size_t fill(std::size_t n) { return available() >= n ? available() : fill_slow(n); }
  // Reads once more if anything is buffered below capacity; returns the bytes
  // now available. Used to extend a text run without blocking past one read.
  std::size_t fill_more();

  const std::uint8_t* data() const { return buf_.get() + pos_; }
  std::size_t available() const { return end_ - pos_; }
  void consume(std::size_t n) {
    pos_ += n;
    offset_ += n;
  }
  // Stream offset of data()[0].
  std::uint64_t offset() const { return offset_; }
  bool eof() const { return eof_; }
  bool drained() const { return in_->drained(); }
  const std::string& name() const { return in_->name(); }

 private:
  std::size_t fill_slow(std::size_t n);
  void make_room(std::size_t n);
  bool read_once();

  std::unique_ptr<Input> in_;
  std::size_t capacity_;
  std::unique_ptr<std::uint8_t[]> buf_;
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t offset_ = 0;
  bool eof_ = false;
};

}  // namespace su

#include "base/input.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "base/error.hpp"
#include "base/page_populate.hpp"

namespace su {
namespace {

constexpr std::size_t kReadSize = 256 * 1024;  // preferred read size
constexpr std::size_t kMinRead = 4 * 1024;     // never read into less room

constexpr std::uint8_t kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};

std::string errno_text(int err) { return std::strerror(err); }

// Reads a descriptor, first replaying bytes already taken off it to sniff.
class FdInput : public Input {
 public:
  FdInput(int fd, bool owned, std::string name, std::string replay)
      : Input(std::move(name)), fd_(fd), owned_(owned), replay_(std::move(replay)) {
    struct stat st{};
    regular_ = fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
    // (The bytes taken off to sniff came from the file: its size holds them.)
    if (regular_) size_hint_ = static_cast<std::uint64_t>(st.st_size);
  }
  ~FdInput() override {
    if (owned_) ::close(fd_);
  }
  std::size_t read(std::uint8_t* buf, std::size_t n) override {
    if (replay_pos_ < replay_.size()) {
      std::size_t k = std::min(n, replay_.size() - replay_pos_);
      std::memcpy(buf, replay_.data() + replay_pos_, k);
      replay_pos_ += k;
      drained_ = false;
      return k;
    }
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) {
        drained_ = !regular_ && r > 0 && static_cast<std::size_t>(r) < n;
        return static_cast<std::size_t>(r);
      }
      if (errno == EINTR) continue;
      throw IoError("read '" + name() + "': " + errno_text(errno));
    }
  }
  bool drained() const override { return drained_; }
  // A file gives whatever room it is offered; 256 KiB reads were 4% faster
  // than 64 KiB ones on the 1M-test stream (512 KiB and 1 MiB no better). A
  // pipe gives 64 KiB at most.
  std::size_t buffer_size() const override { return regular_ ? kReadSize : Input::buffer_size(); }
  std::uint64_t size_hint() const override { return size_hint_; }

 private:
  int fd_;
  bool owned_;
  bool regular_ = false;
  std::uint64_t size_hint_ = 0;
  bool drained_ = false;
  std::string replay_;
  std::size_t replay_pos_ = 0;
};

// What a ZstdInput decompresses with: a context and a buffer for the
// compressed bytes.
struct Decompressor {
  ZSTD_DStream* ds = nullptr;
  std::unique_ptr<std::uint8_t[]> in;
};

// One decompressor kept per thread between inputs: a context holds its
// window (up to 128 MiB, as the frame asks), and making and freeing one per
// input cost more than decoding a short stream did. The input buffer is
// kept too: at ZSTD_DStreamInSize() it is just too large for a malloc's
// small-block pools, so each new one was an mmap and 33 page faults.
class SpareDecompressor {
 public:
  ~SpareDecompressor() { ZSTD_freeDStream(spare_.ds); }
  Decompressor take() {
    Decompressor d = std::move(spare_);
    spare_ = {};
    if (!d.ds) d.ds = ZSTD_createDStream();
    if (!d.in) d.in = std::make_unique_for_overwrite<std::uint8_t[]>(ZSTD_DStreamInSize());
    ZSTD_DCtx_reset(d.ds, ZSTD_reset_session_only);
    return d;
  }
  void give_back(Decompressor d) {
    ZSTD_freeDStream(spare_.ds);
    spare_ = std::move(d);
  }

 private:
  Decompressor spare_;
};
thread_local SpareDecompressor spare_decompressor;

class ZstdInput : public Input {
 public:
  explicit ZstdInput(std::unique_ptr<Input> raw)
      : Input(raw->name()), raw_(std::move(raw)), z_(spare_decompressor.take()) {}
  ~ZstdInput() override { spare_decompressor.give_back(std::move(z_)); }

  std::size_t read(std::uint8_t* buf, std::size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      if (in_.pos == in_.size) {
        if (raw_eof_) {
          if (!frame_done_)
            throw DecodeError(raw_offset_, "zstd: compressed input ends inside a frame");
          return 0;
        }
        std::size_t got = fill_compressed();
        if (got == 0) { raw_eof_ = true; continue; }
        in_ = {z_.in.get(), got, 0};
      }
      std::size_t before = in_.pos;
      std::size_t r = ZSTD_decompressStream(z_.ds, &out, &in_);
      raw_offset_ += in_.pos - before;
      if (ZSTD_isError(r))
        throw DecodeError(raw_offset_, std::string("zstd: ") + ZSTD_getErrorName(r));
      frame_done_ = r == 0;
    }
    return out.pos;
  }
  bool drained() const override { return raw_->drained(); }

 private:
  // Reads compressed bytes into the buffer: as many as are ready without
  // waiting (a file's, up to the buffer's size; a pipe's, until a read
  // comes back short), not just one read's. The sniffed magic comes back
  // first on its own, and libzstd 1.5.4's streaming decoder refuses some
  // frames it accepts whole when they arrive in two pieces (an empty RLE
  // block: tests/fuzz/seeds/zstd-input-fuzz/empty-rle-block.zst), so a
  // frame that fits the buffer is decoded from one piece. Returns 0 at
  // the end of the input.
  std::size_t fill_compressed() {
    std::size_t size = ZSTD_DStreamInSize();
    std::size_t got = raw_->read(z_.in.get(), size);
    while (got > 0 && got < size && !raw_->drained()) {
      std::size_t more = raw_->read(z_.in.get() + got, size - got);
      if (more == 0) break;  // the end: the next call reads 0 again
      got += more;
    }
    return got;
  }

  std::unique_ptr<Input> raw_;
  Decompressor z_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  std::uint64_t raw_offset_ = 0;
  bool raw_eof_ = false;
  bool frame_done_ = true;
};

class MemoryInput : public Input {
 public:
  MemoryInput(std::string bytes, std::string name)
      : Input(std::move(name)), bytes_(std::move(bytes)) {}
  std::size_t read(std::uint8_t* buf, std::size_t n) override {
    std::size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<Input> open_input(const std::string& path) {
  int fd = 0;
  bool owned = false;
  std::string name = "<stdin>";
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError("cannot open '" + path + "': " + errno_text(errno));
    owned = true;
    name = path;
    struct stat st{};
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd);
      throw IoError("cannot read '" + path + "': Is a directory");
    }
  }
  // Sniff the zstd magic: read up to 4 bytes, then replay them.
  std::string head;
  while (head.size() < 4) {
    char c[4];
    ssize_t r = ::read(fd, c, 4 - head.size());
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int err = errno;
      if (owned) ::close(fd);
      throw IoError("read '" + name + "': " + errno_text(err));
    }
    if (r == 0) break;
    head.append(c, static_cast<std::size_t>(r));
  }
  bool zstd = head.size() == 4 && std::memcmp(head.data(), kZstdMagic, 4) == 0;
  auto raw = std::make_unique<FdInput>(fd, owned, name, std::move(head));
  if (zstd) return std::make_unique<ZstdInput>(std::move(raw));
  return raw;
}

std::unique_ptr<Input> memory_input(std::string bytes, std::string name) {
  return std::make_unique<MemoryInput>(std::move(bytes), std::move(name));
}

// The buffer is never zeroed: every byte below end_ was read, and nothing
// reads above it. Zeroing it cost more than decoding a short input did
// (half the time of the v2 reader's fuzz target). Untouched, a page of it
// faults in only when a read reaches it, so a short input pays for what it
// holds, not for the buffer's size. (Starting at 64 KiB and doubling as
// the input went on touched more pages in all, not fewer.)
BufferedInput::BufferedInput(std::unique_ptr<Input> in)
    : in_(std::move(in)),
      capacity_(in_->buffer_size()),
      buf_(std::make_unique_for_overwrite<std::uint8_t[]>(capacity_)) {
  // The pages a file will fill, mapped in at once (base/page_populate.cpp);
  // a pipe's reads come as they come, and a short file still pays only for
  // the pages it fills.
  if (std::uint64_t hint = in_->size_hint())
    populate_for_write(buf_.get(),
                       static_cast<std::size_t>(std::min<std::uint64_t>(capacity_, hint)));
}

void BufferedInput::make_room(std::size_t n) {
  // Room for n bytes from pos_, plus a useful read beyond what is held.
  if (capacity_ - pos_ >= n && capacity_ - end_ >= kMinRead) return;
  if (pos_ > 0) {
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  std::size_t want = std::max(n, end_ + kMinRead);
  if (capacity_ < want) {
    std::size_t grown = std::max(want, capacity_ * 2);
    auto bigger = std::make_unique_for_overwrite<std::uint8_t[]>(grown);
    std::memcpy(bigger.get(), buf_.get(), end_);
    buf_ = std::move(bigger);
    capacity_ = grown;
  }
}

bool BufferedInput::read_once() {
  if (eof_) return false;
  if (capacity_ - end_ < kMinRead) make_room(available());
  std::size_t got = in_->read(buf_.get() + end_, capacity_ - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

std::size_t BufferedInput::fill_slow(std::size_t n) {
  // Grow step by step as data arrives, so asking for a large look-ahead on
  // a short input costs no more than the input.
  // The buffer grows only once what it holds is full, so a length field
  // claiming megabytes on a short input (a damaged packet) costs nothing.
  while (available() < n && !eof_) {
    if (capacity_ - end_ < kMinRead)
      make_room(std::min(n, available() + kReadSize));
    read_once();
  }
  return available();
}

std::size_t BufferedInput::fill_more() {
  if (eof_) return available();
  make_room(available() + kMinRead);
  read_once();
  return available();
}

}  // namespace su

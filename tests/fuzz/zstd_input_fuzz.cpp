// libFuzzer target: zstd-compressed input through the sniffing reader, as
// every tool opens a file (open_input unwraps zstd, then v1 or v2 is
// sniffed). Checks: nothing but DecodeError is thrown; and where libzstd's
// one-shot decoder accepts the bytes whole, the tool path gives exactly the
// events that decoding the decompressed bytes directly gives (a
// differential test of ZstdInput's streaming, frame joins and ends).
//
// Inputs that inflate past kMaxPlain are left out (see there), and so are
// those libzstd's streaming and one-shot decoders disagree on (see
// decompress()).
//
// The input is the compressed bytes; the target puts the zstd magic in
// front when it is not there, so every input exercises zstd.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "base/error.hpp"
#include "base/input.hpp"
#include "codec/open_reader.hpp"
#include "event/reader.hpp"

namespace {

// A few bytes of zstd can stand for gigabytes. An input that inflates past
// this many bytes is not given to the tool path: its v1 reader would read
// every byte (a line without events emits none), at 10 ms and more an
// input under instrumentation. 4 KiB is the other targets' -max_len, and
// still holds many frames and blocks, so frame joins and ends stay covered.
constexpr std::size_t kMaxPlain = 4 * 1024;

// What a consumer sees of a stream, folded into one string.
std::string digest(su::EventReader& reader) {
  std::string out;
  su::Event e;
  while (reader.next(e)) {
    out += std::to_string(static_cast<int>(e.status)) + ':' + std::to_string(e.offset) + ':';
    if (e.test_id) out += *e.test_id;
    out += ':';
    if (e.file_name) out += *e.file_name;
    out += ':';
    out += e.file_bytes;
    out += '|';
  }
  return out;
}

enum class Plain { whole, refused, too_large };

// The whole decompressed content (whole), or what libzstd made of the input
// before it refused it or passed kMaxPlain.
// The context and buffer are made once: allocating them per input cost
// more than the decoding.
Plain decompress(const std::string& in, std::string& out) {
  static ZSTD_DCtx* dctx = ZSTD_createDCtx();
  static char* buf = new char[kMaxPlain + 1];
  ZSTD_DCtx_reset(dctx, ZSTD_reset_session_only);
  ZSTD_inBuffer src{in.data(), in.size(), 0};
  ZSTD_outBuffer dst{buf, kMaxPlain + 1, 0};
  std::size_t r = 0;
  while (src.pos < src.size) {
    r = ZSTD_decompressStream(dctx, &dst, &src);
    if (ZSTD_isError(r) || dst.pos == dst.size) break;
    if (r != 0 && src.pos == src.size) break;
  }
  if (dst.pos > kMaxPlain) return Plain::too_large;
  if (ZSTD_isError(r) || r != 0) return Plain::refused;
  // libzstd 1.5.4 does not always agree with itself: given an output
  // buffer smaller than a frame's declared content size, the streaming
  // decoder can finish a frame that is shorter than it declares, which the
  // one-shot decoder (and ZstdInput's larger buffer) call corrupt. Only
  // what both accept, alike, is a reference.
  static char* again = new char[kMaxPlain + 1];
  std::size_t n = ZSTD_decompress(again, kMaxPlain + 1, in.data(), in.size());
  if (ZSTD_isError(n) && ZSTD_getErrorCode(n) == ZSTD_error_dstSize_tooSmall)
    return Plain::too_large;
  if (ZSTD_isError(n) || n != dst.pos || std::memcmp(again, buf, n) != 0) return Plain::refused;
  out.assign(buf, dst.pos);
  return Plain::whole;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char kMagic[4] = {'\x28', '\xb5', '\x2f', '\xfd'};
  std::string compressed(reinterpret_cast<const char*>(data), size);
  if (size < 4 || std::memcmp(data, kMagic, 4) != 0) compressed.insert(0, kMagic, 4);

  static int fd = ::memfd_create("zst", 0);
  if (fd < 0) std::abort();
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, compressed.data(), compressed.size(), 0) !=
                                     static_cast<ssize_t>(compressed.size()))
    std::abort();
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);

  std::string plain;
  Plain made = decompress(compressed, plain);
  if (made == Plain::too_large) return 0;

  std::string via_tool;
  bool decoded = true;
  try {
    auto reader = su::open_reader(path);
    via_tool = digest(*reader);
  } catch (const su::DecodeError&) {
    decoded = false;
  }
  if (made == Plain::refused) return 0;
  // libzstd took it whole: the tool must have too, with the same events.
  if (!decoded) std::abort();
  auto direct = su::open_memory_reader(plain);
  if (digest(*direct) != via_tool) std::abort();
  return 0;
}

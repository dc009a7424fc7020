#include "codec/sniff.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "base/crc32.hpp"
#include "base/varint.hpp"
#include "codec/v2_format.hpp"

namespace su {
namespace {

constexpr std::size_t kWindow = 64 * 1024;

bool v2_packet_at(const std::uint8_t* p, std::size_t avail) {
  if (avail < v2::kMinPacket || varint_size(p[3]) > 3) return false;
  std::uint32_t length = 0;
  decode_varint(p + 3, p + avail, length);
  if (length < v2::kMinPacket || length > avail) return false;
  std::uint32_t stored = (std::uint32_t{p[length - 4]} << 24) |
                         (std::uint32_t{p[length - 3]} << 16) |
                         (std::uint32_t{p[length - 2]} << 8) | p[length - 1];
  return crc32(p, length - 4) == stored;
}

// The directives python's v1 parser recognises at the start of a line
// (spec/subunit-v1.md §2), lower case only, as python matches them.
bool v1_directive(std::string_view line) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "test:", "test ", "testing:", "testing ", "success:", "successful:",
      "failure:", "error:", "skip:", "xfail:", "uxsuccess:", "time:",
      "tags:", "progress:"};
  for (auto w : kWords)
    if (line.substr(0, w.size()) == w) return true;
  for (auto w : {"success", "successful", "failure", "error", "skip", "xfail", "uxsuccess"})
    if (line.substr(0, std::string_view(w).size()) == w &&
        line.size() > std::string_view(w).size() && line[std::string_view(w).size()] == ' ')
      return true;
  return false;
}

// The verdict on the bytes at hand: v2 if a whole packet with a good CRC
// is there, else v1 if a line starts with a v1 directive, else none yet.
bool settled(const std::uint8_t* p, std::size_t avail, Format& out) {
  for (std::size_t i = 0; i < avail; ++i)
    if (p[i] == v2::kSignature && v2_packet_at(p + i, avail - i)) {
      out = Format::v2;
      return true;
    }
  std::string_view text(reinterpret_cast<const char*>(p), avail);
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    if (v1_directive(text.substr(0, nl))) {
      out = Format::v1;
      return true;
    }
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return false;
}

}  // namespace

Format sniff_format(BufferedInput& in) {
  // Look at up to kWindow bytes; but when a live pipe pauses and what has
  // arrived already settles the format, decide now: waiting for the whole
  // window would hold back the first results of a live run.
  while (in.available() < kWindow && !in.eof()) {
    in.fill_more();
    Format early;
    if (in.drained() && settled(in.data(), in.available(), early)) return early;
  }
  // A file's first read brings more than the window: still look at the
  // window only (a v1 stream has no v2 packet to stop the scan early).
  std::size_t avail = std::min(in.fill(kWindow), kWindow);
  Format format = Format::v2;
  settled(in.data(), avail, format);
  return format;
}

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// Frames: how the archive's index files hold protobuf messages
// (su-archive(5)). A file starts with an 8-byte magic naming its kind and
// format version; then come frames, each
//
//     u32 little-endian   payload length (at most kMaxFramePayload)
//     u32 little-endian   CRC-32 (zlib) of the codec byte and the payload
//     u8                  codec: 0 = protobuf, 1 = zstd-compressed protobuf
//     payload
//
// A reader checks the CRC before it parses anything, so a flipped bit is
// reported as damage instead of being read as a wrong answer; a frame cut
// short by the end of the file is told apart from one that is damaged, so
// an append that died half way can be recognised and ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace google::protobuf {
class MessageLite;
}

namespace su {

inline constexpr std::size_t kMagicSize = 8;
inline constexpr std::string_view kIndexMagic{"SUAIDX\0\1", 8};  // index/<id>.idx
inline constexpr std::string_view kIdsMagic{"SUAIDS\0\1", 8};    // ids
inline constexpr std::size_t kFrameHeaderSize = 9;
inline constexpr std::uint32_t kMaxFramePayload = 1u << 30;

// Appends `message` as one frame to `out`, zstd-compressed if `compress`.
void append_frame(std::string& out, const google::protobuf::MessageLite& message,
                  bool compress);

enum class FrameResult {
  ok,         // `message` holds the frame's content; `pos` is past it
  end,        // no bytes left at `pos`
  truncated,  // the frame runs past the end of `data`
  damaged,    // CRC mismatch, unknown codec, or a payload that does not parse
};

// Reads the frame at data[pos]. On anything but ok, `pos` is unchanged and
// `error` says what is wrong (with the byte offset of the frame).
// `base` is the file offset of data[0], for the messages.
FrameResult read_frame(std::string_view data, std::size_t& pos,
                       google::protobuf::MessageLite& message, std::string& error,
                       std::uint64_t base = 0);

// Reads a file's frames one at a time, holding only the current one, so a
// large index or ids file is read in bounded memory. Messages name byte
// offsets in the file.
class FrameFileReader {
 public:
  // Opens `path` and reads its magic (kMagicSize bytes, fewer if the file
  // is shorter). Throws IoError.
  explicit FrameFileReader(const std::string& path);
  ~FrameFileReader();
  FrameFileReader(const FrameFileReader&) = delete;
  FrameFileReader& operator=(const FrameFileReader&) = delete;

  std::string_view magic() const { return magic_; }
  // Reads the next frame as read_frame() does. Throws IoError.
  FrameResult next(google::protobuf::MessageLite& message, std::string& error);
  // Convenience: true on ok; false at the end (error empty) or on damage.
  bool next_ok(google::protobuf::MessageLite& message, std::string& error) {
    error.clear();
    return next(message, error) == FrameResult::ok;
  }
  // File offset of the next frame (after the last one read whole).
  std::uint64_t position() const { return pos_; }

 private:
  std::size_t read_some(char* p, std::size_t n);

  std::string path_;
  int fd_ = -1;
  std::string magic_;
  std::string buf_;
  std::uint64_t pos_ = 0;
};

// Reads the frame at data[pos] without parsing it: `payload` is its
// content, uncompressed (into `plain` when it was compressed, so valid
// while `plain` is). Results and errors as read_frame's.
FrameResult read_frame_payload(std::string_view data, std::size_t& pos, std::string& plain,
                               std::string_view& payload, std::string& error,
                               std::uint64_t base = 0);

// Bytes the frame at data[pos] needs in all (header and payload), or 0 if
// fewer than kFrameHeaderSize bytes are there. Lets a reader fetch a small
// first frame without reading a whole file.
std::size_t frame_size_at(std::string_view data, std::size_t pos);

}  // namespace su

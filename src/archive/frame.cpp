// SPDX-License-Identifier: Apache-2.0
#include "archive/frame.hpp"

#include <fmt/format.h>

#include <google/protobuf/message_lite.h>
#include <zstd.h>

#include <cstdio>

#include "base/crc32.hpp"

namespace su {
namespace {

constexpr std::uint8_t kRaw = 0, kZstd = 1;
// Index bodies are read far more often than written: a middling level keeps
// them small without slowing `add` down.
constexpr int kFrameLevel = 6;

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::uint32_t get_u32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<std::uint8_t>(p[i]);
  return v;
}

}  // namespace

void append_frame(std::string& out, const google::protobuf::MessageLite& message,
                  bool compress) {
  std::string body = message.SerializeAsString();
  std::uint8_t codec = kRaw;
  if (compress) {
    std::string packed(ZSTD_compressBound(body.size()), '\0');
    std::size_t n = ZSTD_compress(packed.data(), packed.size(), body.data(), body.size(),
                                  kFrameLevel);
    if (!ZSTD_isError(n) && n < body.size()) {
      packed.resize(n);
      body.swap(packed);
      codec = kZstd;
    }
  }
  std::uint32_t crc = crc32(&codec, 1);
  crc = crc32(body.data(), body.size(), crc);
  put_u32(out, static_cast<std::uint32_t>(body.size()));
  put_u32(out, crc);
  out.push_back(static_cast<char>(codec));
  out += body;
}

std::size_t frame_size_at(std::string_view data, std::size_t pos) {
  if (pos > data.size() || data.size() - pos < kFrameHeaderSize) return 0;
  return kFrameHeaderSize + get_u32(data.data() + pos);
}

FrameResult read_frame(std::string_view data, std::size_t& pos,
                       google::protobuf::MessageLite& message, std::string& error) {
  std::string at = fmt::format("frame at byte {}: ", pos);
  if (pos >= data.size()) return FrameResult::end;
  if (data.size() - pos < kFrameHeaderSize) {
    error = at + "header cut short";
    return FrameResult::truncated;
  }
  const char* p = data.data() + pos;
  std::uint32_t length = get_u32(p), stored = get_u32(p + 4);
  auto codec = static_cast<std::uint8_t>(p[8]);
  if (length > kMaxFramePayload) {
    error = fmt::format("{}impossible length {}", at, length);
    return FrameResult::damaged;
  }
  if (data.size() - pos - kFrameHeaderSize < length) {
    error = fmt::format("{}cut short ({} payload bytes expected, {} present)", at, length,
                        data.size() - pos - kFrameHeaderSize);
    return FrameResult::truncated;
  }
  std::string_view payload(p + kFrameHeaderSize, length);
  std::uint32_t crc = crc32(p + 8, 1);
  crc = crc32(payload.data(), payload.size(), crc);
  if (crc != stored) {
    error = fmt::format("{}CRC mismatch (stored 0x{:08x}, computed 0x{:08x})", at, stored, crc);
    return FrameResult::damaged;
  }
  bool parsed = false;
  if (codec == kRaw) {
    parsed = message.ParseFromArray(payload.data(), static_cast<int>(payload.size()));
  } else if (codec == kZstd) {
    unsigned long long size = ZSTD_getFrameContentSize(payload.data(), payload.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > kMaxFramePayload) {
      error = at + "bad zstd frame";
      return FrameResult::damaged;
    }
    std::string plain(static_cast<std::size_t>(size), '\0');
    std::size_t n = ZSTD_decompress(plain.data(), plain.size(), payload.data(), payload.size());
    if (ZSTD_isError(n) || n != plain.size()) {
      error = at + "zstd: " + (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "wrong size");
      return FrameResult::damaged;
    }
    parsed = message.ParseFromArray(plain.data(), static_cast<int>(plain.size()));
  } else {
    error = fmt::format("{}unknown codec {}", at, codec);
    return FrameResult::damaged;
  }
  if (!parsed) {
    error = at + "protobuf message does not parse";
    return FrameResult::damaged;
  }
  pos += kFrameHeaderSize + length;
  return FrameResult::ok;
}

}  // namespace su

// Shared by the archive fuzz targets: a mutated file almost never keeps its
// frames' CRCs right, so without help the fuzzer would only ever test the
// CRC check. fix_frame_crcs() walks the frames after the 8-byte magic and
// rewrites each stored CRC to match, so the mutations reach the protobuf
// parsing and the decoders behind it.
//
// An input is one control byte, then the file. Control bit 0 clear: the
// CRCs are fixed (bit 0 set leaves them alone, so the CRC and length checks
// are fuzzed too); bit 1 set: the magic is made right. The other bits are
// the target's to use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <google/protobuf/stubs/logging.h>

#include "base/crc32.hpp"

namespace su_fuzz {

// protobuf logs every string field that is not UTF-8 to stderr; the
// reader reports it as damage anyway, and the logging cost half the time.
inline const bool kQuietProtobuf = [] {
  google::protobuf::SetLogHandler(nullptr);
  return true;
}();

inline std::uint32_t get_u32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<std::uint8_t>(p[i]);
  return v;
}

inline void put_u32(char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// The file the fuzzer's input stands for (see above); `magic` is the right
// magic of the file kind.
inline std::string archive_file(const std::uint8_t* data, std::size_t size,
                                std::string_view magic) {
  if (size == 0) return {};
  std::uint8_t control = data[0];
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (control & 2) {
    if (bytes.size() < magic.size()) bytes.resize(magic.size());
    bytes.replace(0, magic.size(), magic);
  }
  if (control & 1) return bytes;
  std::size_t pos = magic.size();
  while (pos + 9 <= bytes.size()) {
    std::uint32_t length = get_u32(bytes.data() + pos);
    if (length > bytes.size() - pos - 9) break;
    std::uint32_t crc = su::crc32(bytes.data() + pos + 8, 1 + std::size_t{length});
    put_u32(bytes.data() + pos + 4, crc);
    pos += 9 + length;
  }
  return bytes;
}

}  // namespace su_fuzz

// Constants of the subunit v2 wire format (spec/subunit-v2.md §3-§5).
#pragma once

#include <cstdint>

namespace su::v2 {

inline constexpr std::uint8_t kSignature = 0xB3;
inline constexpr std::uint16_t kVersion2 = 0x2000;
inline constexpr std::uint16_t kFlagTestId = 0x0800;
inline constexpr std::uint16_t kFlagRouteCode = 0x0400;
inline constexpr std::uint16_t kFlagTimestamp = 0x0200;
inline constexpr std::uint16_t kFlagRunnable = 0x0100;
inline constexpr std::uint16_t kFlagTags = 0x0080;
inline constexpr std::uint16_t kFlagFileContent = 0x0040;
inline constexpr std::uint16_t kFlagMimeType = 0x0020;
inline constexpr std::uint16_t kFlagEof = 0x0010;
inline constexpr std::uint16_t kStatusMask = 0x0007;

// Signature + flags + 1-byte length + CRC.
inline constexpr std::uint32_t kMinPacket = 8;
// The largest length a 3-byte number holds; python's policy maximum.
inline constexpr std::uint32_t kMaxPacket = 0x3FFFFF;

}  // namespace su::v2

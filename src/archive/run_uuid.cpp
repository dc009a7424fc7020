// SPDX-License-Identifier: Apache-2.0
#include "archive/run_uuid.hpp"

#include <cstdint>
#include <random>

namespace su {
namespace {

// splitmix64's finaliser: every input bit reaches every output bit.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void put64(std::string& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// Sets the version nibble and the RFC 4122 variant bits.
std::string as_uuid(std::string bytes, unsigned version) {
  bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0f) | (version << 4));
  bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3f) | 0x80);
  return bytes;
}

}  // namespace

std::string random_run_uuid() {
  std::random_device device;  // /dev/urandom
  std::string bytes;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t word = device();
    for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<char>((word >> (8 * b)) & 0xff));
  }
  return as_uuid(std::move(bytes), 4);
}

std::string run_uuid(const archive::pb::RunHeader& h) {
  if (h.uuid().size() == 16) return h.uuid();
  // Not the time it was added (a repository's is its file's mtime, which a
  // copy changes): only what the run holds.
  const std::uint64_t facts[] = {
      h.stream_bytes(),  h.stream_crc32(), h.tests(),
      h.failures(),      h.skips(),        h.successes(),
      h.xfails(),        h.uxsuccesses(),  h.incomplete(),
      static_cast<std::uint64_t>(h.first_ns()), static_cast<std::uint64_t>(h.last_ns()),
      h.test_ns(),       h.input_format() == "v1" ? 1u : 2u};
  std::uint64_t a = 0x5375617263686976ULL, b = 0x652d72756e2d6964ULL;  // two seeds
  for (std::uint64_t f : facts) {
    a = mix(a ^ f);
    b = mix(b + f * 0xff51afd7ed558ccdULL);
  }
  std::string bytes;
  put64(bytes, a);
  put64(bytes, b);
  return as_uuid(std::move(bytes), 8);  // version 8: derived by our own rule
}

std::string uuid_text(std::string_view uuid) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < uuid.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    auto c = static_cast<unsigned char>(uuid[i]);
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

}  // namespace su

#include "base/utf8.hpp"

namespace su {
namespace {

// Bytes a character starting with `lead` needs, or 0 if `lead` cannot start one.
inline int sequence_length(std::uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xC2) return 0;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  if (lead < 0xF5) return 4;
  return 0;
}

// Whether `b` may follow `lead` as the second byte of a character.
inline bool valid_second(std::uint8_t lead, std::uint8_t b) {
  switch (lead) {
    case 0xE0: return b >= 0xA0 && b <= 0xBF;
    case 0xED: return b >= 0x80 && b <= 0x9F;
    case 0xF0: return b >= 0x90 && b <= 0xBF;
    case 0xF4: return b >= 0x80 && b <= 0x8F;
    default: return b >= 0x80 && b <= 0xBF;
  }
}

inline bool is_continuation(std::uint8_t b) { return (b & 0xC0) == 0x80; }

}  // namespace

Utf8Check check_utf8(std::string_view s, std::size_t* valid_prefix) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  std::size_t n = s.size(), i = 0;
  auto done = [&](Utf8Check r) {
    if (valid_prefix) *valid_prefix = i;
    return r;
  };
  while (i < n) {
    // ASCII fast path, sixteen bytes at a time.
    while (i + 16 <= n) {
      std::uint64_t w0, w1;
      __builtin_memcpy(&w0, p + i, 8);
      __builtin_memcpy(&w1, p + i + 8, 8);
      if ((w0 | w1) & 0x8080808080808080ull) break;
      i += 16;
    }
    while (i + 8 <= n) {
      std::uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    std::uint8_t lead = p[i];
    if (lead < 0x80) { ++i; continue; }
    int len = sequence_length(lead);
    if (len == 0) return done(Utf8Check::invalid);
    for (int k = 1; k < len; ++k) {
      if (i + k >= n) return done(Utf8Check::truncated);
      std::uint8_t b = p[i + k];
      bool ok = k == 1 ? valid_second(lead, b) : is_continuation(b);
      if (!ok) return done(Utf8Check::invalid);
    }
    i += static_cast<std::size_t>(len);
  }
  return done(Utf8Check::valid);
}

bool Utf8Tracker::feed(std::uint8_t b) {
  if (pending_ == 0) {
    int len = sequence_length(b);
    if (len >= 2) {
      pending_ = 1;
      need_ = static_cast<std::uint8_t>(len);
      lead_ = b;
      mid_ = true;
    } else {
      mid_ = false;  // ASCII, or an invalid byte (python raises, not our concern)
    }
    return mid_;
  }
  bool ok = pending_ == 1 ? valid_second(lead_, b) : is_continuation(b);
  if (!ok) {
    mid_ = false;  // the decoder raised; its pending bytes stay as they were
    return mid_;
  }
  if (++pending_ == need_) {
    pending_ = 0;
    mid_ = false;
  } else {
    mid_ = true;
  }
  return mid_;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
#include "base/visible_text.hpp"

#include <cstdint>

#include "base/utf8.hpp"

namespace su {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void hex_byte(std::string& out, unsigned char c) {
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

bool plain_c0(unsigned char c, Newlines newlines) {
  return c == '\t' || (c == '\n' && newlines == Newlines::keep);
}

// The length of the valid UTF-8 character at the start of `s`, or 0.
std::size_t utf8_length(std::string_view s) {
  auto c = static_cast<unsigned char>(s[0]);
  std::size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
  if (n == 0 || n > s.size()) return 0;
  std::size_t valid = 0;
  check_utf8(s.substr(0, n), &valid);
  return valid == n ? n : 0;
}

}  // namespace

bool needs_escaping(std::string_view text, Newlines newlines) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && !plain_c0(c, newlines)) || c == 0x7f) return true;
      ++i;
      continue;
    }
    std::size_t n = utf8_length(text.substr(i));
    if (n == 0) return true;
    if (n == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0) return true;
    i += n;
  }
  return false;
}

void append_visible(std::string& out, std::string_view text, Newlines newlines) {
  if (!needs_escaping(text, newlines)) {
    out += text;
    return;
  }
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && !plain_c0(c, newlines)) || c == 0x7f) {
        switch (c) {
          case '\n': out += "\\n"; break;
          case '\r': out += "\\r"; break;
          case '\t': out += "\\t"; break;
          default: hex_byte(out, c);
        }
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    std::size_t n = utf8_length(text.substr(i));
    if (n == 0) {
      hex_byte(out, c);
      ++i;
      continue;
    }
    auto next = static_cast<unsigned char>(text[i + 1]);
    if (n == 2 && c == 0xc2 && next < 0xa0) {
      out += "\\u00";
      out += kHex[next >> 4];
      out += kHex[next & 15];
    } else {
      out.append(text, i, n);
    }
    i += n;
  }
}

}  // namespace su

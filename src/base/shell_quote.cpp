// SPDX-License-Identifier: Apache-2.0
#include "base/shell_quote.hpp"

namespace su {
namespace {

bool shell_safe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == ',' || c == '+' ||
         c == '=' || c == '@' || c == '%';
}

}  // namespace

std::string shell_quote(std::string_view text) {
  bool safe = !text.empty();
  for (char c : text) safe = safe && shell_safe(c);
  if (safe) return std::string(text);
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  out += '\'';
  return out;
}

}  // namespace su

#include "base/json.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "base/utf8.hpp"

namespace su {

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  while (!s.empty()) {
    std::size_t valid = 0;
    bool ok = check_utf8(s, &valid) == Utf8Check::valid;
    if (ok) valid = s.size();
    for (std::size_t i = 0; i < valid; ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
    }
    s.remove_prefix(valid);
    if (!s.empty()) {
      out += "\xEF\xBF\xBD";  // U+FFFD for one undecodable byte
      s.remove_prefix(1);
    }
  }
  out.push_back('"');
}

}  // namespace su

// Minimal JSON writing for --format=json outputs: strings escaped per
// RFC 8259, invalid UTF-8 replaced by U+FFFD so the document always parses.
#pragma once

#include <string>
#include <string_view>

namespace su {

// Appends `s` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);

// `s` as a quoted JSON string.
inline std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace su

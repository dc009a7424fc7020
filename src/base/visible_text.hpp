// SPDX-License-Identifier: Apache-2.0
// Text from a stream (test ids, tags, tracebacks) shown on a terminal must
// stay text: a test id carrying "\x1b[2J" or an OSC 8 link would otherwise
// clear or rewrite the user's screen, and a "\r" would overwrite the line
// it is on. append_visible() writes such bytes as escapes a reader can see
// ("\x1b", "\r", "\u009b"); everything else, UTF-8 included, is copied.
// Renderers call it only when their output is a terminal (the tool
// decides: tools/common/terminal.hpp); pipes and files get the bytes.
#pragma once

#include <string>
#include <string_view>

namespace su {

enum class Newlines { escape, keep };

// Appends `text` to `out` with control characters made visible: C0 bytes
// (\t and, with Newlines::keep, \n are left as they are), DEL, C1 controls
// encoded as UTF-8 (U+0080..U+009F, which some terminals obey as escape
// sequences), and bytes that are not UTF-8 (a lone 0x9b is CSI to an
// 8-bit terminal). A backslash is left alone: the result is for eyes, not
// for parsing back.
void append_visible(std::string& out, std::string_view text, Newlines newlines = Newlines::escape);

inline std::string visible(std::string_view text, Newlines newlines = Newlines::escape) {
  std::string out;
  append_visible(out, text, newlines);
  return out;
}

// True if append_visible() would change `text` (the fast path: most text
// has nothing to escape).
bool needs_escaping(std::string_view text, Newlines newlines = Newlines::escape);

}  // namespace su

// UTF-8 as python's strict decoder sees it. Two uses: validating v2 strings
// (python rejects invalid and truncated UTF-8 with different messages), and
// the "mid-character" rule for stray text (spec/subunit-v2.md §9.2), where a
// 0xB3 completing a pending character is text, not a packet signature.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace su {

enum class Utf8Check {
  valid,
  invalid,    // python: "... is not UTF8"
  truncated,  // valid so far but ends inside a character: "partially decodable"
};

// Checks `s` with python's rules (no surrogates, no overlongs, <= U+10FFFF).
// `valid_prefix` receives how many bytes decode to whole characters.
Utf8Check check_utf8(std::string_view s, std::size_t* valid_prefix = nullptr);

// Python's incremental decoder, fed one byte at a time, reduced to what the
// stream reader needs: whether the text is in the middle of a character.
// It mirrors a quirk of codecs.BufferedIncrementalDecoder: when a byte is
// invalid, the pending bytes stay (the exception skips the buffer update), so
// a later byte can still continue them.
class Utf8Tracker {
 public:
  // Feeds one text byte; returns true when the text is now mid-character.
  bool feed(std::uint8_t byte);
  bool mid_character() const { return mid_; }
  void reset() { pending_ = 0; need_ = 0; lead_ = 0; mid_ = false; }

 private:
  std::uint8_t pending_ = 0;  // bytes of the incomplete character held
  std::uint8_t need_ = 0;     // total bytes that character needs
  std::uint8_t lead_ = 0;     // its first byte (constrains the second)
  bool mid_ = false;
};

}  // namespace su

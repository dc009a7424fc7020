// The `time:` directive of subunit v1 (spec/subunit-v1.md §3.4), both ways.
//
// parse_v1_time accepts exactly what python-subunit's bundled iso8601 module
// accepts: YYYY-M[M]-D[D], any one separator byte, HH:MM:SS, an optional
// `.fraction` (any number of digits, truncated to microseconds the way
// python's int(float("0.F") * 1e6) truncates, including its float error:
// ".000249" becomes 248 µs), an optional zone `Z` or `±HH:MM` (none means
// UTC), and anything after that valid prefix is ignored. Dates python cannot
// represent, and instants a v2 timestamp cannot hold (before 1970, after
// 2106), are rejected with a reason instead of crashing as python does.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "base/decimal_text.hpp"
#include "base/timestamp.hpp"

namespace su {

// Parses the argument of a `time:` line; on failure returns false and says
// why in `reason`.
bool parse_v1_time(std::string_view text, Timestamp& out, std::string& reason);

// parse_v1_time with a memory of the last time's date, hour and minute,
// which consecutive `time:` lines nearly always share, so that only the
// seconds and fraction are parsed again. A reader of many lines holds one;
// results are exactly parse_v1_time's.
class V1TimeParser {
 public:
  bool parse(std::string_view text, Timestamp& out, std::string& reason) {
    return parse_cached(text, out) || parse_slow(text, out, reason);
  }
  // The common form with the cached prefix, inline: the prefix compared as
  // two words and a byte, the seconds as two digits, and ".ffffffZ" as one
  // word whose six digits are checked and summed together (SWAR). True
  // only where parse() gives the same; false decides nothing (call parse).
  bool parse_cached(std::string_view t, Timestamp& out) const {
    if (std::endian::native != std::endian::little || !cached_ || t.size() != 27) return false;
    std::uint64_t a, b, f;
    std::memcpy(&a, t.data(), 8);
    std::memcpy(&b, t.data() + 8, 8);
    std::memcpy(&f, t.data() + 19, 8);
    unsigned s1 = static_cast<unsigned char>(t[17]) - unsigned{'0'};
    unsigned s2 = static_cast<unsigned char>(t[18]) - unsigned{'0'};
    // Little-endian words: ".ffffffZ" with '.' in the low byte. `digits`
    // is "00ffffff" (the fraction after two zeros), all eight digits.
    std::uint64_t digits = ((f & 0x00FFFFFFFFFFFF00ull) << 8) | 0x3030ull;
    constexpr std::uint64_t kHigh = 0x8080808080808080ull;
    bool all_digits =
        (((digits + 0x4646464646464646ull) | (digits - 0x3030303030303030ull)) & kHigh) == 0;
    if (!(a == prefix_words_[0] && b == prefix_words_[1] && t[16] == prefix_[16] &&
          (f & 0xFF) == '.' && (f >> 56) == 'Z' && all_digits && s1 <= 9 && s2 <= 9))
      return false;
    unsigned ss = s1 * 10 + s2;
    std::int64_t seconds = minute_start_ + ss;
    if (ss > 59 || seconds > 0xFFFFFFFFLL) return false;
    // Eight ASCII digits to their value: pairs, then fours, then all.
    std::uint64_t v = digits & 0x0F0F0F0F0F0F0F0Full;
    v = (v * 2561) >> 8;
    v = ((v & 0x00FF00FF00FF00FFull) * 6553601) >> 16;
    v = ((v & 0x0000FFFF0000FFFFull) * 42949672960001ull) >> 32;
    out.seconds = static_cast<std::uint32_t>(seconds);
    // python's int(float("0.ffffff") * 1e6), as parse_v1_time computes it.
    out.nanos = static_cast<std::uint32_t>(static_cast<double>(v) / 1e6 * 1e6) * 1000;
    return true;
  }
 private:
  // parse_v1_time, and a new cached prefix when the line has the form.
  bool parse_slow(std::string_view text, Timestamp& out, std::string& reason);

  char prefix_[17] = {};  // "YYYY-MM-DD HH:MM:" of the last time cached
  std::uint64_t prefix_words_[2] = {};  // its first 16 bytes, for compares
  bool cached_ = false;
  std::int64_t minute_start_ = 0;  // seconds since the epoch at that prefix
};

// Appends "YYYY-MM-DD HH:MM:SS.ffffffZ" (python's TestProtocolClient form,
// microseconds rounded as python rounds v2 nanoseconds).
void append_v1_time(const Timestamp& ts, std::string& out);

// append_v1_time with a memory of the last minute written, which a
// stream's times nearly always share, so that only the seconds and fraction
// are formatted again. A writer of many lines holds one.
class V1TimeFormatter {
 public:
  static constexpr std::size_t kSize = 27;  // "YYYY-MM-DD HH:MM:SS.ffffffZ"

  // Writes the kSize bytes to `out`. Straight to their destination: built
  // in a scratch buffer and copied, the copy's wide loads stall on the
  // narrow stores just made.
  void write(const Timestamp& ts, char* out);

 private:
  MinuteText minutes_;
};

}  // namespace su

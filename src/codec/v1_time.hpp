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

#include <cstdint>
#include <string>
#include <string_view>

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
  bool parse(std::string_view text, Timestamp& out, std::string& reason);

 private:
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
  std::int64_t minute_ = -1;  // minutes since the epoch of prefix_
  char prefix_[17] = {};      // "YYYY-MM-DD HH:MM:"
};

}  // namespace su

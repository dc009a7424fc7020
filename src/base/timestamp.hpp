// A v2 timestamp: unsigned 32-bit seconds since the epoch and nanoseconds
// (spec/subunit-v2.md §7.1). Stored exactly as on the wire; python works in
// microseconds, so comparisons with python's output go through micros().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace su {

struct Timestamp {
  std::uint32_t seconds = 0;
  std::uint32_t nanos = 0;  // may be >= 1e9 on the wire; python carries it

  // Microseconds since the epoch, rounded as python's timedelta rounds
  // nanoseconds / 1000 (half to even), with excess nanoseconds carried.
  std::int64_t micros() const {
    std::int64_t q = nanos / 1000, r = nanos % 1000;
    if (r > 500 || (r == 500 && (q & 1))) ++q;
    return static_cast<std::int64_t>(seconds) * 1000000 + q;
  }
  // From microseconds since the epoch (what python's encoder writes).
  static Timestamp from_micros(std::int64_t us) {
    return {static_cast<std::uint32_t>(us / 1000000),
            static_cast<std::uint32_t>(us % 1000000) * 1000};
  }
  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

// The wall clock, in microseconds since the epoch (for reports that, like
// python's, fall back to it when a stream has no timestamps).
std::int64_t now_micros();

// "2024-05-01T12:00:00.250000Z": ISO 8601 in UTC with microseconds.
std::string format_iso8601(std::int64_t micros);

// Appends printf's "%0.3f" of a duration of `micros` µs in seconds, as
// integer arithmetic, when that is exact for any float python computes the
// seconds with (whole + frac / 1e6, whole + 1e-6 * frac, micros / 1e6):
// their error is far below the 1 µs that separates an exact value from a
// rounding boundary, unless the value is a tie (an odd 500 µs) or out of
// 0 to 1e9 s. Returns false there, appending nothing: the caller prints
// its own float.
bool append_seconds_3(std::int64_t micros, std::string& out);
// The same written at `buf`, which needs kSeconds3Size bytes; returns the
// end of what it wrote, or nullptr where append_seconds_3 returns false.
inline constexpr std::size_t kSeconds3Size = 13;  // "999999999.999"
char* write_seconds_3(std::int64_t micros, char* buf);

}  // namespace su

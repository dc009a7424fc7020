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

#include <string>
#include <string_view>

#include "base/timestamp.hpp"

namespace su {

// Parses the argument of a `time:` line; on failure returns false and says
// why in `reason`.
bool parse_v1_time(std::string_view text, Timestamp& out, std::string& reason);

// Appends "YYYY-MM-DD HH:MM:SS.ffffffZ" (python's TestProtocolClient form,
// microseconds rounded as python rounds v2 nanoseconds).
void append_v1_time(const Timestamp& ts, std::string& out);

}  // namespace su

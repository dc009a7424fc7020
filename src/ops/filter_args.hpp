// SPDX-License-Identifier: Apache-2.0
// The values su-filter's options take, parsed from text: times, durations
// and status lists. Each returns false (and leaves `out` alone) for text it
// cannot read, so the tool can say which option was wrong.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "ops/result_filter.hpp"

namespace su {

// A point in time as microseconds since the epoch: ISO 8601
// ("2024-05-01T12:00:00Z", "2024-05-01 12:00:00.25+02:00"; no zone means
// UTC; the 'T' may be a space; seconds and fraction optional), or seconds
// since the epoch ("1714564800", "1714564800.5").
bool parse_time_micros(std::string_view text, std::int64_t& out);

// A non-negative number of seconds ("0.5", "2", "1e-3" is not accepted) as
// microseconds.
bool parse_seconds_micros(std::string_view text, std::int64_t& out);

// Comma-separated outcome names ("fail,incomplete"), appended to `out`.
bool parse_outcome_list(std::string_view text, std::vector<Outcome>& out);

}  // namespace su

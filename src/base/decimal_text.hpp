// Decimal digits and UTC date-times written straight into place. The
// per-test writers format one or two times a row (su-csv's python
// datetimes, su-downgrade's v1 `time:` lines), where snprintf, or a digit
// per division, was a large part of the tool's time.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>

#include "base/civil_date.hpp"

namespace su {

// "00" to "99": two digits per division.
inline constexpr auto kTwoDigits = [] {
  std::array<char, 200> t{};
  for (int i = 0; i < 100; ++i) {
    t[2 * i] = static_cast<char>('0' + i / 10);
    t[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return t;
}();

// The low `width` decimal digits of `value` (>= 0), zero-padded, at `at`.
inline void put_digits(char* at, int width, std::int64_t value) {
  for (; width >= 2; value /= 100) {
    width -= 2;
    std::memcpy(at + width, &kTwoDigits[2 * (value % 100)], 2);
  }
  if (width) at[0] = static_cast<char>('0' + value % 10);
}

// "YYYY-MM-DD HH:MM:" (UTC, the year's low four digits) of the last minute
// asked for, kept while the minute lasts: a stream's times nearly always
// share it with the time before, so only seconds and fraction are new.
class MinuteText {
 public:
  static constexpr std::size_t kSize = 17;

  // The kSize bytes for `minute` (minutes since the epoch; before it is
  // negative).
  const char* of(std::int64_t minute) {
    if (!valid_ || minute != minute_) render(minute);
    return text_;
  }

 private:
  void render(std::int64_t minute) {
    std::int64_t days = minute / 1440, in_day = minute % 1440;
    if (in_day < 0) {
      in_day += 1440;
      --days;
    }
    CivilDate date = civil_from_days(days);
    put_digits(text_, 4, date.year);
    text_[4] = '-';
    put_digits(text_ + 5, 2, date.month);
    text_[7] = '-';
    put_digits(text_ + 8, 2, date.day);
    text_[10] = ' ';
    put_digits(text_ + 11, 2, in_day / 60);
    text_[13] = ':';
    put_digits(text_ + 14, 2, in_day % 60);
    text_[16] = ':';
    minute_ = minute;
    valid_ = true;
  }

  std::int64_t minute_ = 0;
  bool valid_ = false;
  char text_[kSize] = {};
};

// Splits microseconds since the epoch into whole minutes, the second in
// that minute and the microseconds in that second, rounding down (times
// before the epoch too).
struct MinuteSplit {
  std::int64_t minute;
  int second;
  int micros;
};

inline MinuteSplit split_minute(std::int64_t micros) {
  std::int64_t secs = micros / 1000000, frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  std::int64_t minute = secs / 60, second = secs % 60;
  if (second < 0) {
    second += 60;
    --minute;
  }
  return {minute, static_cast<int>(second), static_cast<int>(frac)};
}

}  // namespace su

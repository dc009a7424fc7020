#include "codec/v1_time.hpp"

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "base/civil_date.hpp"
#include "base/decimal_text.hpp"

namespace su {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at text[pos].
bool fixed(std::string_view text, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > text.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!digit(text[pos + i])) return false;
    out = out * 10 + (text[pos + i] - '0');
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// python: int(float("0." + digits) * 1e6). Up to 15 digits the quotient
// d / 10^n is exact IEEE division of exact operands, so it is the same
// correctly rounded double that float() produces; longer fractions go
// through strtod, which also rounds correctly.
std::int64_t micros_of_fraction(std::int64_t digits, std::size_t count) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  return static_cast<std::int64_t>(static_cast<double>(digits) / kPow10[count] * 1e6);
}

std::int64_t fraction_micros(std::string_view digits) {
  if (digits.size() <= 15) {
    std::int64_t d = 0;
    for (char c : digits) d = d * 10 + (c - '0');
    return micros_of_fraction(d, digits.size());
  }
  std::string s = "0.";
  s.append(digits);
  return static_cast<std::int64_t>(std::strtod(s.c_str(), nullptr) * 1e6);
}

// "HH:MM" at `pos`.
bool hour_minute_at(std::string_view t, std::size_t pos, int& hh, int& mm) {
  return fixed(t, pos, 2, hh) && pos + 2 < t.size() && t[pos + 2] == ':' &&
         fixed(t, pos + 3, 2, mm);
}

bool finish_time(std::string_view t, std::size_t pos, int year, int month, int day, int hh,
                 int mm, int ss, Timestamp& out, std::string& reason);

}  // namespace

bool parse_v1_time(std::string_view t, Timestamp& out, std::string& reason) {
  auto fail = [&](const char* why) {
    reason = why;
    return false;
  };
  int year = 0, month = 0, day = 0, hh = 0, mm = 0, ss = 0;
  std::size_t pos = 0;
  // Fast path: the fixed-width form every writer uses.
  auto d2 = [&](std::size_t at) { return (t[at] - '0') * 10 + (t[at + 1] - '0'); };
  if (t.size() >= 19 && t[4] == '-' && t[7] == '-' && t[10] != '\n' && t[13] == ':' &&
      t[16] == ':' &&
      [&] {
        for (std::size_t at : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
          if (!digit(t[at])) return false;
        return true;
      }()) {
    year = d2(0) * 100 + d2(2);
    month = d2(5);
    day = d2(8);
    hh = d2(11);
    mm = d2(14);
    ss = d2(17);
    pos = 19;
    return finish_time(t, pos, year, month, day, hh, mm, ss, out, reason);
  }
  if (!fixed(t, 0, 4, year) || t.size() < 5 || t[4] != '-')
    return fail("not a date and time (YYYY-MM-DD HH:MM:SS)");
  pos = 5;
  // Month: one or two digits, then '-'.
  std::size_t mlen = pos + 1 < t.size() && digit(t[pos]) && digit(t[pos + 1]) ? 2 : 1;
  if (!fixed(t, pos, mlen, month) || pos + mlen >= t.size() || t[pos + mlen] != '-')
    return fail("not a date and time (YYYY-MM-DD HH:MM:SS)");
  pos += mlen + 1;
  // Day: one or two digits (greedy: the regex's later groups are optional,
  // so it never backtracks), any one byte but a newline, then HH:MM. Seconds
  // are optional to the regex too; python then crashes, we reject.
  std::size_t dlen = pos + 1 < t.size() && digit(t[pos]) && digit(t[pos + 1]) ? 2 : 1;
  bool found = fixed(t, pos, dlen, day) && pos + dlen < t.size() && t[pos + dlen] != '\n' &&
               hour_minute_at(t, pos + dlen + 1, hh, mm);
  pos += dlen + 6;
  if (!found || pos >= t.size() || t[pos] != ':' || !fixed(t, pos + 1, 2, ss))
    return fail("not a date and time (YYYY-MM-DD HH:MM:SS)");
  pos += 3;
  return finish_time(t, pos, year, month, day, hh, mm, ss, out, reason);
}

namespace {

// The fraction and zone after the seconds at `pos`, then range checks.
bool finish_time(std::string_view t, std::size_t pos, int year, int month, int day, int hh,
                 int mm, int ss, Timestamp& out, std::string& reason) {
  auto fail = [&](const char* why) {
    reason = why;
    return false;
  };
  std::int64_t micros = 0;
  if (pos < t.size() && t[pos] == '.' && pos + 1 < t.size() && digit(t[pos + 1])) {
    std::size_t start = ++pos;
    while (pos < t.size() && digit(t[pos])) ++pos;
    micros = fraction_micros(t.substr(start, pos - start));
  }
  std::int64_t offset_minutes = 0;
  int zh = 0, zm = 0;
  if (pos < t.size() && (t[pos] == '+' || t[pos] == '-') && fixed(t, pos + 1, 2, zh) &&
      pos + 3 < t.size() && t[pos + 3] == ':' && fixed(t, pos + 4, 2, zm)) {
    offset_minutes = (t[pos] == '-' ? -1 : 1) * (zh * 60 + zm);
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) ||
      hh > 23 || mm > 59 || ss > 59 || micros > 999999)
    return fail("date or time out of range");
  if (offset_minutes <= -24 * 60 || offset_minutes >= 24 * 60)
    return fail("time zone offset out of range");
  std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  std::int64_t seconds = days * 86400 + hh * 3600 + mm * 60 + ss - offset_minutes * 60;
  if (seconds < 0 || seconds > 0xFFFFFFFFLL)
    return fail("time outside what a subunit v2 timestamp can hold (1970 to 2106)");
  out.seconds = static_cast<std::uint32_t>(seconds);
  out.nanos = static_cast<std::uint32_t>(micros) * 1000;
  return true;
}

}  // namespace

namespace {

// The form every writer uses, "YYYY-MM-DD HH:MM:SS.ffffffZ" (any byte but
// a newline between date and time), which parse_v1_time's fast path reads
// at fixed positions.
bool common_form(std::string_view t) {
  static constexpr std::string_view kShape = "dddd-dd-dd?dd:dd:dd.ddddddZ";
  if (t.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    if (kShape[i] == 'd' ? !digit(t[i]) : kShape[i] == '?' ? t[i] == '\n' : t[i] != kShape[i])
      return false;
  }
  return true;
}

}  // namespace

bool V1TimeParser::parse_slow(std::string_view t, Timestamp& out, std::string& reason) {
  if (!parse_v1_time(t, out, reason)) return false;
  if (common_form(t)) {
    std::memcpy(prefix_, t.data(), sizeof prefix_);
    std::memcpy(prefix_words_, prefix_, sizeof prefix_words_);
    minute_start_ = static_cast<std::int64_t>(out.seconds) - ((t[17] - '0') * 10 + (t[18] - '0'));
    cached_ = true;
  }
  return true;
}

void append_v1_time(const Timestamp& ts, std::string& out) {
  char text[V1TimeFormatter::kSize];
  V1TimeFormatter().write(ts, text);
  out.append(text, sizeof text);
}

void V1TimeFormatter::write(const Timestamp& ts, char* out) {
  MinuteSplit t = split_minute(ts.micros());
  std::memcpy(out, minutes_.of(t.minute), MinuteText::kSize);
  put_digits(out + 17, 2, t.second);
  out[19] = '.';
  put_digits(out + 20, 6, t.micros);
  out[26] = 'Z';
}

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
#include "ops/filter_args.hpp"

#include <cctype>

#include "base/civil_date.hpp"

namespace su {
namespace {

bool digits(std::string_view& s, std::size_t n, std::int64_t& out) {
  if (s.size() < n) return false;
  std::int64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  s.remove_prefix(n);
  out = v;
  return true;
}

bool take(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

// "123" or "123.456789": whole units and microseconds.
bool decimal_micros(std::string_view s, std::int64_t& out) {
  if (s.empty()) return false;
  std::int64_t whole = 0, frac = 0;
  std::size_t i = 0;
  for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > 100'000'000'000LL) return false;
  }
  if (i == 0 && (i >= s.size() || s[i] != '.')) return false;
  if (i < s.size()) {
    if (s[i] != '.' || i + 1 == s.size()) return false;
    int places = 0;
    for (++i; i < s.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      if (places < 6) {
        frac = frac * 10 + (s[i] - '0');
        ++places;
      }
    }
    while (places++ < 6) frac *= 10;
  }
  out = whole * 1'000'000 + frac;
  return true;
}

}  // namespace

bool parse_time_micros(std::string_view text, std::int64_t& out) {
  if (text.find('-') == std::string_view::npos) return decimal_micros(text, out);
  std::string_view s = text;
  std::int64_t y, mo, d, h = 0, mi = 0, sec = 0, frac = 0, offset = 0;
  if (!digits(s, 4, y) || !take(s, '-') || !digits(s, 2, mo) || !take(s, '-') ||
      !digits(s, 2, d))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  if (!s.empty() && (s.front() == 'T' || s.front() == 't' || s.front() == ' ')) {
    s.remove_prefix(1);
    if (!digits(s, 2, h) || !take(s, ':') || !digits(s, 2, mi)) return false;
    if (take(s, ':')) {
      if (!digits(s, 2, sec)) return false;
      if (take(s, '.') || take(s, ',')) {
        int places = 0;
        if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front()))) return false;
        while (!s.empty() && std::isdigit(static_cast<unsigned char>(s.front()))) {
          if (places < 6) {
            frac = frac * 10 + (s.front() - '0');
            ++places;
          }
          s.remove_prefix(1);
        }
        while (places++ < 6) frac *= 10;
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return false;
  }
  if (take(s, 'Z') || take(s, 'z')) {
  } else if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    int sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
    std::int64_t oh, om = 0;
    if (!digits(s, 2, oh)) return false;
    take(s, ':');
    if (!s.empty() && !digits(s, 2, om)) return false;
    offset = sign * (oh * 3600 + om * 60);
  }
  if (!s.empty()) return false;
  std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  std::int64_t seconds = days * 86400 + h * 3600 + mi * 60 + sec - offset;
  out = seconds * 1'000'000 + frac;
  return true;
}

bool parse_seconds_micros(std::string_view text, std::int64_t& out) {
  return decimal_micros(text, out);
}

bool parse_outcome_list(std::string_view text, std::vector<Outcome>& out) {
  std::vector<Outcome> got;
  while (true) {
    std::size_t comma = text.find(',');
    std::string_view name = text.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    Outcome o;
    if (!parse_outcome(name, o)) return false;
    got.push_back(o);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  out.insert(out.end(), got.begin(), got.end());
  return true;
}

}  // namespace su

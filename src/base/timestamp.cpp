#include "base/timestamp.hpp"

#include <cstdio>
#include <cstring>
#include <ctime>

namespace su {

std::int64_t now_micros() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// Hand formatting kept here: these run for every test of the text, CSV
// and JSON writers, whose per-test paths were tuned by measurement.
std::string format_iso8601(std::int64_t micros) {
  std::int64_t secs = micros / 1000000, frac = micros % 1000000;
  if (frac < 0) { frac += 1000000; --secs; }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<long long>(frac));
  return buf;
}

char* write_seconds_3(std::int64_t micros, char* buf) {
  if (micros < 0 || micros >= 1000000000LL * 1000000) return nullptr;
  auto us = static_cast<std::uint64_t>(micros);
  std::uint64_t ms = us / 1000;
  auto rest = static_cast<unsigned>(us - ms * 1000);
  if (rest == 500) return nullptr;
  ms += rest > 500;
  auto secs = static_cast<unsigned>(ms / 1000);  // under 1e9
  auto frac = static_cast<unsigned>(ms - std::uint64_t{secs} * 1000);
  // The JUnit and id writers call this for every test, and most tests take
  // under ten seconds: one digit. More are written backwards and moved.
  char* p = buf;
  if (secs < 10) {
    *p++ = static_cast<char>('0' + secs);
  } else {
    char digits[10];
    char* d = digits + sizeof digits;
    do {
      *--d = static_cast<char>('0' + secs % 10);
      secs /= 10;
    } while (secs != 0);
    auto n = static_cast<std::size_t>(digits + sizeof digits - d);
    std::memcpy(p, d, n);
    p += n;
  }
  p[0] = '.';
  p[1] = static_cast<char>('0' + frac / 100);
  p[2] = static_cast<char>('0' + frac / 10 % 10);
  p[3] = static_cast<char>('0' + frac % 10);
  return p + 4;
}

bool append_seconds_3(std::int64_t micros, std::string& out) {
  char buf[kSeconds3Size];
  char* end = write_seconds_3(micros, buf);
  if (!end) return false;
  out.append(buf, static_cast<std::size_t>(end - buf));
  return true;
}

}  // namespace su

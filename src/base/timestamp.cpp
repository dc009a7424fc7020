#include "base/timestamp.hpp"

#include <cstdio>
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

bool append_seconds_3(std::int64_t micros, std::string& out) {
  if (micros < 0 || micros >= 1000000000LL * 1000000 || micros % 1000 == 500) return false;
  std::int64_t ms = (micros + 500) / 1000;
  out += std::to_string(ms / 1000);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + ms / 100 % 10));
  out.push_back(static_cast<char>('0' + ms / 10 % 10));
  out.push_back(static_cast<char>('0' + ms % 10));
  return true;
}

}  // namespace su

#include "report/csv_writer.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>

#include "base/civil_date.hpp"
#include "codec/v2_writer.hpp"

namespace su {

namespace {

// Whether `field` holds , " CR or LF: 16 bytes at a time (SSE2), the last
// block read overlapping the one before. Ids are 50-100 bytes of plain
// text, and a byte at a time was a tenth of su-csv's time.
bool any_quote_byte(std::string_view field) {
  const char* p = field.data();
  std::size_t n = field.size();
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                  cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
    auto hits = [&](const char* at) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                          _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
    };
    __m128i acc = hits(p + n - 16);
    for (std::size_t i = 0; i + 16 < n; i += 16) acc = _mm_or_si128(acc, hits(p + i));
    return _mm_movemask_epi8(acc) != 0;
  }
#endif
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n') return true;
  return false;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field) {
  // Not find_first_of: libstdc++ searches the set with memchr once per
  // byte of the field, which was a third of su-csv's time.
  if (!any_quote_byte(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

namespace {

char* digits(char* p, std::int64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

}  // namespace

// Written by hand: this runs twice per row, and snprintf + gmtime_r cost
// more than the rest of su-csv together.
std::string python_datetime(std::int64_t micros) {
  std::string out;
  DateCache cache;
  append_python_datetime(out, micros, cache);
  return out;
}

void append_python_datetime(std::string& out, std::int64_t micros, DateCache& cache) {
  std::int64_t secs = micros / 1000000, frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  std::int64_t days = secs / 86400, sod = secs % 86400;
  if (sod < 0) {
    sod += 86400;
    --days;
  }
  // A run spans a day or two: the date's text is kept, not recomputed.
  if (cache.size == 0 || cache.day != days) {
    CivilDate date = civil_from_days(days);
    char* p = digits(cache.text, date.year, 4);
    *p++ = '-';
    p = digits(p, date.month, 2);
    *p++ = '-';
    p = digits(p, date.day, 2);
    *p++ = ' ';
    cache.day = days;
    cache.size = static_cast<std::size_t>(p - cache.text);
  }
  char buf[40];
  char* p = buf;
  p = digits(p, sod / 3600, 2);
  *p++ = ':';
  p = digits(p, sod / 60 % 60, 2);
  *p++ = ':';
  p = digits(p, sod % 60, 2);
  if (frac) {
    *p++ = '.';
    p = digits(p, frac, 6);
  }
  for (char c : std::string_view("+00:00")) *p++ = c;
  out.append(cache.text, cache.size);
  out.append(buf, p);
}

void CsvWriter::start() { out_.write("test,status,start_time,stop_time\r\n"); }

void CsvWriter::on_result(const TestResult& r) {
  // testtools replays a test as time(start), startTest, time(stop), outcome;
  // a missing timestamp leaves the clock where it was.
  if (r.start) set_time_ = r.start->micros();
  std::int64_t start = now();
  if (r.complete && r.stop) set_time_ = r.stop->micros();
  std::int64_t stop = now();
  std::string_view status = "failure";
  if (r.complete) {
    switch (r.status) {
      case Status::success: status = "success"; break;
      case Status::uxsuccess: status = "success"; break;
      case Status::skip: status = "skip"; break;
      case Status::xfail: status = "xfail"; break;
      default: break;
    }
  }
  if (!r.complete || r.status == Status::fail || r.status == Status::uxsuccess) ++unsuccessful_;
  row_.clear();
  append_csv_field(row_, r.id);
  row_.push_back(',');
  row_.append(status);
  row_.push_back(',');
  append_python_datetime(row_, start, dates_);
  row_.push_back(',');
  append_python_datetime(row_, stop, dates_);
  row_.append("\r\n");
  out_.write(row_);
}

void CsvWriter::on_non_test(const Event& e) {
  if (!options_.passthrough) return;
  row_.clear();
  encode_v2(e, row_);
  options_.passthrough->write(row_);
}

}  // namespace su

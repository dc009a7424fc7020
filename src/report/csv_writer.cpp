#include "report/csv_writer.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstring>

#include "base/decimal_text.hpp"
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

void append_quoted(std::string& out, std::string_view field) {
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field) {
  // Not find_first_of: libstdc++ searches the set with memchr once per
  // byte of the field, which was a third of su-csv's time.
  if (any_quote_byte(field)) append_quoted(out, field);
  else out.append(field);
}

std::string python_datetime(std::int64_t micros) {
  char text[kMaxPythonDatetime];
  MinuteText minutes;
  return std::string(text, write_python_datetime(text, micros, minutes));
}

// Written by hand: this runs twice per row, and snprintf + gmtime_r cost
// more than the rest of su-csv together; formatting the whole date and time
// each time was a fifth of su-csv's instructions, so the minute is kept.
char* write_python_datetime(char* p, std::int64_t micros, MinuteText& minutes) {
  MinuteSplit t = split_minute(micros);
  std::memcpy(p, minutes.of(t.minute), MinuteText::kSize);
  p += MinuteText::kSize;
  put_digits(p, 2, t.second);
  p += 2;
  if (t.micros) {
    *p++ = '.';
    put_digits(p, 6, t.micros);
    p += 6;
  }
  std::memcpy(p, "+00:00", 6);
  return p + 6;
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
  std::string_view id = r.id;
  if (any_quote_byte(id)) {
    quoted_.clear();
    append_quoted(quoted_, id);
    id = quoted_;
  }
  // Written in place in the output's buffer; through row_ only when the
  // row is longer than the whole buffer.
  std::size_t most = id.size() + status.size() + 2 * kMaxPythonDatetime + 5;
  char* row = out_.room(most);
  bool in_place = row != nullptr;
  if (!in_place) {
    row_.resize(most);
    row = row_.data();
  }
  char* p = row;
  std::memcpy(p, id.data(), id.size());
  p += id.size();
  *p++ = ',';
  std::memcpy(p, status.data(), status.size());
  p += status.size();
  *p++ = ',';
  p = write_python_datetime(p, start, minutes_);
  *p++ = ',';
  p = write_python_datetime(p, stop, minutes_);
  *p++ = '\r';
  *p++ = '\n';
  auto size = static_cast<std::size_t>(p - row);
  if (in_place) out_.commit(size);
  else out_.write(std::string_view(row, size));
}

void CsvWriter::on_non_test(const Event& e) {
  if (!options_.passthrough) return;
  row_.clear();
  encode_v2(e, row_);
  options_.passthrough->write(row_);
}

}  // namespace su

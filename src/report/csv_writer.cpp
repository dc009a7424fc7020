#include "report/csv_writer.hpp"

#include <algorithm>

#include "codec/v2_writer.hpp"

namespace su {

void append_csv_field(std::string& out, std::string_view field) {
  // Not find_first_of: libstdc++ searches the set with memchr once per
  // byte of the field, which was a third of su-csv's time.
  auto needs_quotes = [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; };
  if (std::none_of(field.begin(), field.end(), needs_quotes)) {
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

// Howard Hinnant's civil_from_days: days since 1970-01-01 -> y, m, d.
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

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
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[40];
  char* p = digits(buf, y, 4);
  *p++ = '-';
  p = digits(p, m, 2);
  *p++ = '-';
  p = digits(p, d, 2);
  *p++ = ' ';
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
  return std::string(buf, p);
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
  row_.append(python_datetime(start));
  row_.push_back(',');
  row_.append(python_datetime(stop));
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

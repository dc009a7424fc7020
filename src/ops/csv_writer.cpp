#include "ops/csv_writer.hpp"

#include <cstdio>
#include <ctime>

#include "codec/v2_writer.hpp"

namespace su {

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
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

std::string python_datetime(std::int64_t micros) {
  std::int64_t secs = micros / 1000000, frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  if (frac == 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d+00:00", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%06lld+00:00",
                  tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                  tm.tm_sec, static_cast<long long>(frac));
  return buf;
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

#include "report/json_lines.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <vector>

#include "base/civil_date.hpp"
#include "base/decimal_text.hpp"
#include "base/json.hpp"
#include "base/utf8.hpp"

namespace su {
namespace {

void append_base64(std::string& out, std::string_view bytes) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                      static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                      static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kDigits[v >> 18]);
    out.push_back(kDigits[(v >> 12) & 63]);
    out.push_back(kDigits[(v >> 6) & 63]);
    out.push_back(kDigits[v & 63]);
  }
  std::size_t rest = bytes.size() - i;
  if (rest == 0) return;
  std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
  if (rest == 2) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
  out.push_back(kDigits[v >> 18]);
  out.push_back(kDigits[(v >> 12) & 63]);
  out.push_back(rest == 2 ? kDigits[(v >> 6) & 63] : '=');
  out.push_back('=');
}

void append_digits(std::string& out, std::int64_t v, int width) {
  char buf[20];
  put_digits(buf, width, v);
  out.append(buf, static_cast<std::size_t>(width));
}

// "YYYY-MM-DDTHH:MM:SS" for whole seconds since the epoch: a civil date
// from days (H. Hinnant's algorithm), then digits.
void append_civil_time(std::string& out, std::int64_t secs) {
  std::int64_t days = secs / 86400, rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  CivilDate date = civil_from_days(days);
  append_digits(out, date.year, 4);
  out.push_back('-');
  append_digits(out, date.month, 2);
  out.push_back('-');
  append_digits(out, date.day, 2);
  out.push_back('T');
  append_digits(out, rem / 3600, 2);
  out.push_back(':');
  append_digits(out, rem / 60 % 60, 2);
  out.push_back(':');
  append_digits(out, rem % 60, 2);
}

// format_iso8601's text without its gmtime and printf, which were most of
// su-json's time. Neighbouring tests share their second, so the calendar
// part of the last one is kept.
void append_iso8601(std::string& out, std::int64_t micros) {
  thread_local std::int64_t cached_secs = -1;
  thread_local std::string cached_text;
  std::int64_t secs = micros / 1000000, frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  if (secs != cached_secs || cached_text.empty()) {
    cached_text.clear();
    append_civil_time(cached_text, secs);
    cached_secs = secs;
  }
  out += cached_text;
  out.push_back('.');
  append_digits(out, frac, 6);
  out.push_back('Z');
}

void append_time(std::string& out, const std::optional<Timestamp>& t) {
  if (!t) {
    out += "null";
    return;
  }
  out.push_back('"');
  append_iso8601(out, t->micros());
  out.push_back('"');
}

// Seconds with six decimals, from whole microseconds: exact, no printf.
void append_seconds(std::string& out, std::int64_t micros) {
  if (micros < 0) {
    out.push_back('-');
    micros = -micros;
  }
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, micros / 1000000);
  out.append(buf, end);
  out.push_back('.');
  append_digits(out, micros % 1000000, 6);
}

void append_number(std::string& out, std::uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

}  // namespace

void append_json_result(std::string& out, const TestResult& r, bool attachment_text) {
  out += "{\"id\":";
  append_json_string(out, r.id);
  out += ",\"status\":";
  append_json_string(out, r.status == Status::none ? "unknown" : status_name(r.status));
  out += ",\"start\":";
  append_time(out, r.start);
  out += ",\"stop\":";
  append_time(out, r.stop);
  out += ",\"duration\":";
  if (r.start && r.stop) {
    append_seconds(out, r.stop->micros() - r.start->micros());
  } else {
    out += "null";
  }
  out += ",\"tags\":[";
  if (r.tags) {
    // Python keeps tags in a set; sorting gives one answer for one run.
    auto write = [&](const auto& tags) {
      for (std::size_t i = 0; i < tags.size(); ++i) {
        if (i) out.push_back(',');
        append_json_string(out, tags[i]);
      }
    };
    if (std::is_sorted(r.tags->begin(), r.tags->end())) {
      write(*r.tags);
    } else {
      std::vector<std::string_view> tags(r.tags->begin(), r.tags->end());
      std::sort(tags.begin(), tags.end());
      write(tags);
    }
  }
  out += "],\"route\":";
  if (r.route_code)
    append_json_string(out, *r.route_code);
  else
    out += "null";
  out += ",\"attachments\":[";
  for (std::size_t i = 0; i < r.attachments.size(); ++i) {
    const Attachment& a = r.attachments[i];
    if (i) out.push_back(',');
    out += "{\"name\":";
    append_json_string(out, a.name);
    out += ",\"mime_type\":";
    if (a.mime_type.empty())
      out += "null";
    else
      append_json_string(out, a.mime_type);
    out += ",\"size\":";
    append_number(out, a.size);
    if (attachment_text) {
      if (check_utf8(a.bytes) == Utf8Check::valid) {
        out += ",\"text\":";
        append_json_string(out, a.bytes);
      } else {
        out += ",\"base64\":\"";
        append_base64(out, a.bytes);
        out.push_back('"');
      }
    }
    out.push_back('}');
  }
  out += "]}";
}

void JsonLinesWriter::on_result(const TestResult& result) {
  line_.clear();
  append_json_result(line_, result, text_);
  line_.push_back('\n');
  out_.write(line_);
}

}  // namespace su

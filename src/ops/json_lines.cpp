#include "ops/json_lines.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <vector>

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

void append_time(std::string& out, const std::optional<Timestamp>& t) {
  if (!t) {
    out += "null";
    return;
  }
  out.push_back('"');
  out += format_iso8601(t->micros());
  out.push_back('"');
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
  if (auto d = r.duration()) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6f", *d);
    out += buf;
  } else {
    out += "null";
  }
  out += ",\"tags\":[";
  if (r.tags) {
    // Python keeps tags in a set; sorting gives one answer for one run.
    std::vector<std::string_view> tags(r.tags->begin(), r.tags->end());
    std::sort(tags.begin(), tags.end());
    for (std::size_t i = 0; i < tags.size(); ++i) {
      if (i) out.push_back(',');
      append_json_string(out, tags[i]);
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

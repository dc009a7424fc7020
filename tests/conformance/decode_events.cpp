// decode-events: prints every event the library decodes from a stream, one
// JSON object per line, in the shape of the corpus's reference dump
// (../shared/corpus/tools/subunit-events.py), so the conformance test can
// compare our decoder with python's event by event.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/json.hpp"
#include "base/output.hpp"
#include "base/utf8.hpp"
#include "codec/open_reader.hpp"

namespace {

std::string base64(std::string_view in) {
  static const char* tbl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out.push_back(tbl[(v >> k) & 63]);
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out.push_back(tbl[(v >> 18) & 63]);
    out.push_back(tbl[(v >> 12) & 63]);
    out.push_back(i + 1 < in.size() ? tbl[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

void opt_string(std::string& out, const std::optional<std::string_view>& s) {
  if (s) su::append_json_string(out, *s);
  else out += "null";
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "-";
  try {
    auto reader = su::open_reader(path);
    su::Output& out = su::standard_output();
    su::Event e;
    std::string line;
    while (reader->next(e)) {
      line = "{\"test_id\": ";
      opt_string(line, e.test_id);
      line += ", \"status\": ";
      if (e.status == su::Status::none) line += "null";
      else su::append_json_string(line, su::status_name(e.status));
      line += ", \"tags\": ";
      if (e.tags) {
        std::vector<std::string_view> tags(e.tags->begin(), e.tags->end());
        std::sort(tags.begin(), tags.end());
        line += "[";
        for (std::size_t i = 0; i < tags.size(); ++i) {
          if (i) line += ", ";
          su::append_json_string(line, tags[i]);
        }
        line += "]";
      } else {
        line += "null";
      }
      line += e.runnable ? ", \"runnable\": true" : ", \"runnable\": false";
      line += ", \"file_name\": ";
      opt_string(line, e.file_name);
      line += ", \"file_bytes\": ";
      if (!e.file_name) {
        line += "null, \"file_encoding\": null";
      } else if (su::check_utf8(e.file_bytes) == su::Utf8Check::valid) {
        su::append_json_string(line, e.file_bytes);
        line += ", \"file_encoding\": \"utf8\"";
      } else {
        line += "\"" + base64(e.file_bytes) + "\", \"file_encoding\": \"base64\"";
      }
      line += ", \"mime_type\": ";
      opt_string(line, e.mime_type);
      line += e.eof ? ", \"eof\": true" : ", \"eof\": false";
      line += ", \"route_code\": ";
      opt_string(line, e.route_code);
      line += ", \"timestamp\": ";
      if (e.timestamp) su::append_json_string(line, su::format_iso8601(e.timestamp->micros()));
      else line += "null";
      line += "}\n";
      out.write(line);
    }
    out.flush();
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "decode-events: error: %s\n", ex.what());
    return 3;
  }
  return 0;
}

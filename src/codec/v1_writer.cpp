#include "codec/v1_writer.hpp"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "codec/v1_time.hpp"

namespace su {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
         (c >= 0x1c && c <= 0x1f);
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::size_t count(std::string_view s, std::string_view what, std::size_t end) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string_view::npos && at + what.size() <= end;
       at = s.find(what, at + 1))
    ++n;
  return n;
}

// cgi.parse_header's _parseparam: the ';'-separated pieces of ";" + line,
// where a ';' inside an open double quote does not separate.
std::vector<std::string_view> parse_params(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty() && s[0] == ';') {
    s.remove_prefix(1);
    std::size_t end = s.find(';');
    while (end != std::string_view::npos && end > 0 &&
           (count(s, "\"", end) - count(s, "\\\"", end)) % 2)
      end = s.find(';', end + 1);
    if (end == std::string_view::npos) end = s.size();
    out.push_back(strip(s.substr(0, end)));
    s.remove_prefix(end);
  }
  return out;
}

// Python's str.replace: every non-overlapping `from`, left to right.
std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s.substr(i, from.size()) == from) {
      out.append(to);
      i += from.size();
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

void append_upper_hex(std::size_t n, std::string& out) {
  char digits[2 * sizeof n];
  std::size_t used = 0;
  do {
    digits[sizeof digits - ++used] = "0123456789ABCDEF"[n % 16];
    n /= 16;
  } while (n);
  out.append(digits + sizeof digits - used, used);
}

}  // namespace

std::string_view v1_keyword(V1Outcome outcome) {
  static constexpr std::string_view kWords[] = {"successful", "failure", "error",
                                                "skip",       "xfail",   "uxsuccess"};
  return kWords[static_cast<int>(outcome)];
}

std::string v1_content_type(std::string_view mime) {
  const std::string fallback = "application/octet-stream";
  if (mime.empty()) return fallback;
  std::string line = ";";
  line.append(mime);
  auto parts = parse_params(line);
  std::string full(parts.empty() ? std::string_view() : parts[0]);
  if (full == "*") full = "*/*";
  std::size_t slash = full.find('/');
  if (slash == std::string::npos || full.find('/', slash + 1) != std::string::npos)
    return fallback;
  std::string out(strip(std::string_view(full).substr(0, slash)));
  out.push_back('/');
  out.append(strip(std::string_view(full).substr(slash + 1)));
  // A dict: a repeated name keeps its first position and its last value.
  std::vector<std::pair<std::string, std::string>> params;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    std::size_t eq = parts[i].find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = lower(strip(parts[i].substr(0, eq)));
    std::string value(strip(parts[i].substr(eq + 1)));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = replace_all(replace_all(std::string_view(value).substr(1, value.size() - 2),
                                      "\\\\", "\\"),
                          "\\\"", "\"");
    auto at = std::find_if(params.begin(), params.end(),
                           [&](const auto& p) { return p.first == name; });
    if (at != params.end()) at->second = std::move(value);
    else params.emplace_back(std::move(name), std::move(value));
  }
  for (auto& [name, value] : params)
    if (name == "charset" && value.find(',') != std::string::npos) value.resize(value.find(','));
  for (std::size_t i = 0; i < params.size(); ++i) {
    out.push_back(i == 0 ? ';' : ',');
    out += params[i].first;
    out.push_back('=');
    out += params[i].second;
  }
  return out;
}

// Lines go straight into Output's buffer: these run several times per test.

void V1Writer::time(const Timestamp& ts) {
  constexpr std::string_view kLabel = "time: ";
  constexpr std::size_t kLine = kLabel.size() + V1TimeFormatter::kSize + 1;
  char* at = out_.room(kLine);  // never null: a line is far smaller than the buffer
  std::memcpy(at, kLabel.data(), kLabel.size());
  time_format_.write(ts, at + kLabel.size());
  at[kLine - 1] = '\n';
  out_.commit(kLine);
}

void V1Writer::tags(std::span<const std::string> added, std::span<const std::string> removed) {
  if (added.empty() && removed.empty()) return;
  std::size_t n = 6;  // "tags:" and the newline
  for (const auto& t : added) n += 1 + t.size();
  for (const auto& t : removed) n += 2 + t.size();
  char* at = out_.room(n);
  if (!at) {  // longer than the whole buffer
    out_.write("tags:");
    for (const auto& t : added) {
      out_.put(' ');
      out_.write(t);
    }
    for (const auto& t : removed) {
      out_.write(" -");
      out_.write(t);
    }
    out_.put('\n');
    return;
  }
  std::memcpy(at, "tags:", 5);
  at += 5;
  for (const auto& t : added) {
    *at++ = ' ';
    std::memcpy(at, t.data(), t.size());
    at += t.size();
  }
  for (const auto& t : removed) {
    *at++ = ' ';
    *at++ = '-';
    std::memcpy(at, t.data(), t.size());
    at += t.size();
  }
  *at = '\n';
  out_.commit(n);
}

void V1Writer::test(std::string_view id) {
  std::size_t n = 6 + id.size() + 1;
  char* at = out_.room(n);
  if (!at) {  // longer than the whole buffer
    out_.write("test: ");
    out_.write(id);
    out_.put('\n');
    return;
  }
  std::memcpy(at, "test: ", 6);
  std::memcpy(at + 6, id.data(), id.size());
  at[n - 1] = '\n';
  out_.commit(n);
}

void V1Writer::outcome_line(V1Outcome outcome, std::string_view id, std::string_view suffix) {
  std::string_view keyword = v1_keyword(outcome);
  std::size_t n = keyword.size() + 2 + id.size() + suffix.size();
  char* at = out_.room(n);
  if (!at) {  // longer than the whole buffer
    out_.write(keyword);
    out_.write(": ");
    out_.write(id);
    out_.write(suffix);
    return;
  }
  std::memcpy(at, keyword.data(), keyword.size());
  at += keyword.size();
  std::memcpy(at, ": ", 2);
  std::memcpy(at + 2, id.data(), id.size());
  std::memcpy(at + 2 + id.size(), suffix.data(), suffix.size());
  out_.commit(n);
}

void V1Writer::outcome(V1Outcome outcome, std::string_view id) { outcome_line(outcome, id, "\n"); }

void V1Writer::outcome_simple(V1Outcome outcome, std::string_view id, std::string_view content) {
  outcome_line(outcome, id, " [\n");
  while (!content.empty()) {
    std::size_t nl = content.find('\n');
    std::string_view piece = content.substr(0, nl == std::string_view::npos ? nl : nl + 1);
    if (piece[0] == ']') out_.put(' ');
    out_.write(piece);
    content.remove_prefix(piece.size());
    if (content.empty() && piece.back() != '\n') out_.put('\n');
  }
  out_.write("]\n");
}

void V1Writer::outcome_multipart(V1Outcome outcome, std::string_view id,
                                 std::span<const V1Part> parts) {
  outcome_line(outcome, id, " [ multipart\n");
  sorted_.clear();
  for (const auto& p : parts) sorted_.push_back(&p);
  std::stable_sort(sorted_.begin(), sorted_.end(),
                   [](const V1Part* a, const V1Part* b) { return a->name < b->name; });
  for (const V1Part* p : sorted_) {
    out_.write("Content-Type: ");
    out_.write(p->content_type);
    out_.put('\n');
    out_.write(p->name);
    out_.put('\n');
    // python's chunked.Encoder: one chunk for content handed over at once,
    // its size in upper-case hex, no CRLF after the data, "0\r\n" to end.
    if (!p->bytes.empty()) {
      line_.clear();
      append_upper_hex(p->bytes.size(), line_);
      line_.append("\r\n");
      out_.write(line_);
    }
    out_.write(p->bytes);
    out_.write("0\r\n");
  }
  out_.write("]\n");
}

}  // namespace su

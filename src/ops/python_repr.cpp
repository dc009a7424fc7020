// SPDX-License-Identifier: Apache-2.0
#include "ops/python_repr.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

namespace su {
namespace {

char quote_for(std::string_view s) {
  bool single = s.find('\'') != std::string_view::npos;
  bool dbl = s.find('"') != std::string_view::npos;
  return single && !dbl ? '"' : '\'';
}

// snprintf kept: the "%0*x" escape matches python's repr digit for digit,
// and runs per escaped byte of an attachment (the details writers' hot path).
void append_hex_escape(std::string& out, unsigned v, int digits, char kind) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\%c%0*x", kind, digits, v);
  out += buf;
}

// Decodes one UTF-8 sequence (input already validated by the reader; a bad
// byte is taken as itself).
unsigned next_code_point(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  if (i + static_cast<std::size_t>(extra) >= s.size()) extra = 0;
  unsigned cp = extra == 3 ? b & 0x07u : extra == 2 ? b & 0x0Fu : extra == 1 ? b & 0x1Fu : b;
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::size_t count_in(std::string_view s, std::string_view what, std::size_t end) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string_view::npos && at + what.size() <= end;
       at = s.find(what, at + 1))
    ++n;
  return n;
}

// python's cgi._parseparam: ';'-separated parts, quotes respected.
std::vector<std::string_view> split_params(std::string_view s) {
  std::vector<std::string_view> parts;
  while (!s.empty() && s.front() == ';') {
    s.remove_prefix(1);
    std::size_t end = s.find(';');
    while (end != std::string_view::npos && end > 0 &&
           (count_in(s, "\"", end) - count_in(s, "\\\"", end)) % 2)
      end = s.find(';', end + 1);
    if (end == std::string_view::npos) end = s.size();
    parts.push_back(strip(s.substr(0, end)));
    s.remove_prefix(end);
  }
  return parts;
}

// python's str.replace(from, to), built afresh.
std::string replaced(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t at = s.find(from); at != std::string_view::npos; at = s.find(from)) {
    out.append(s.substr(0, at)).append(to);
    s.remove_prefix(at + from.size());
  }
  out.append(s);
  return out;
}

}  // namespace

void append_python_str_repr(std::string& out, std::string_view s) {
  char q = quote_for(s);
  out.push_back(q);
  for (std::size_t i = 0; i < s.size();) {
    unsigned cp = next_code_point(s, i);
    if (cp == '\\' || cp == static_cast<unsigned>(q)) {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp));
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD) {
      append_hex_escape(out, cp, 2, 'x');
    } else if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x2000 && cp <= 0x200F) ||
               cp == 0xFEFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      append_hex_escape(out, cp, 4, 'u');
    } else {
      // Printable: copy the UTF-8 bytes unchanged.
      std::size_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      out.append(s.substr(i - len, len));
    }
  }
  out.push_back(q);
}

void append_python_bytes_repr(std::string& out, std::string_view bytes) {
  char q = quote_for(bytes);
  out.push_back('b');
  out.push_back(q);
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\\' || c == static_cast<unsigned char>(q)) {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      append_hex_escape(out, c, 2, 'x');
    } else {
      out.push_back(ch);
    }
  }
  out.push_back(q);
}

std::string python_content_type(std::optional<std::string_view> mime_type) {
  std::string joined = ";";
  joined.append(mime_type.value_or("application/octet-stream"));
  std::vector<std::string_view> parts = split_params(joined);
  std::string full_type = parts.empty() ? std::string() : std::string(parts[0]);
  std::vector<std::pair<std::string, std::string>> params;
  for (std::size_t k = 1; k < parts.size(); ++k) {
    std::string_view p = parts[k];
    std::size_t eq = p.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(strip(p.substr(0, eq)));
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string value(strip(p.substr(eq + 1)));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = replaced(replaced(std::string_view(value).substr(1, value.size() - 2), "\\\\", "\\"),
                       "\\\"", "\"");
    }
    auto same = std::find_if(params.begin(), params.end(),
                             [&](const auto& kv) { return kv.first == name; });
    if (same != params.end())
      same->second = value;
    else
      params.emplace_back(std::move(name), std::move(value));
  }
  if (full_type == "*") full_type = "*/*";
  std::string out;
  std::string_view type = full_type;
  std::size_t slash = type.find('/');
  if (slash == std::string_view::npos) {
    out.append(type);  // python raises "Can't parse type"; keep the text
  } else {
    out.append(strip(type.substr(0, slash)));
    out.push_back('/');
    out.append(strip(type.substr(slash + 1)));
  }
  std::vector<std::string> formatted;
  for (auto& [k, v] : params) {
    if (k == "charset") v.resize(std::min(v.size(), v.find(',')));
    std::string f;
    f.append(k).append("=\"").append(v).push_back('"');
    formatted.push_back(std::move(f));
  }
  std::sort(formatted.begin(), formatted.end());
  for (const auto& f : formatted) out.append("; ").append(f);
  return out;
}

std::string python_match_string(std::string_view test_id, std::string_view outcome,
                                const std::vector<MatchAttachment>& attachments) {
  std::string out;
  out.append(test_id);
  out.append(outcome);
  out.append("None{");
  bool first = true;
  for (const auto& a : attachments) {
    if (!first) out += ", ";
    first = false;
    append_python_str_repr(out, a.name);
    out += ": <Content type=";
    out += python_content_type(a.mime_type);
    out += ", value=";
    append_python_bytes_repr(out, a.bytes);
    out += ">";
  }
  out += "}";
  return out;
}

}  // namespace su

#include "report/details_text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "base/utf8.hpp"

namespace su {

namespace {

// Length of the valid UTF-8 character at s[i] (python's strict rules: no
// overlongs, no surrogates, nothing above U+10FFFF), or 0 if invalid.
std::size_t utf8_char_length(std::string_view s, std::size_t i, std::uint32_t* cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  std::size_t n;
  std::uint32_t v;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    n = 2, v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, v = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, v = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    unsigned char x = b(i + k);
    if (k == 1 ? (x < lo || x > hi) : (x < 0x80 || x > 0xBF)) return 0;
    v = (v << 6) | (x & 0x3F);
  }
  *cp = v;
  return n;
}

bool is_python_space(std::uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 ||
         cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// ASCII only, as the C locale's tolower and isalnum are (the tools never
// set another), without a library call per character.
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_alnum(char c) { return (c >= '0' && c <= '9') || (lower(c) >= 'a' && lower(c) <= 'z'); }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

// python's encodings.normalize_encoding, lower-cased: runs of anything but
// letters, digits and '.' become one '_'.
std::string normalize_codec(std::string_view name) {
  std::string out;
  bool pending = false;
  for (char c : name) {
    if (is_alnum(c) || c == '.') {
      if (pending && !out.empty()) out.push_back('_');
      pending = false;
      out.push_back(lower(c));
    } else {
      pending = true;
    }
  }
  return out;
}

// cgi._parseparam: ';'-separated parts, where a ';' inside quotes does not
// separate; each part stripped.
std::vector<std::string_view> split_header(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  bool first = true;
  while (first || (pos < line.size() && line[pos] == ';')) {
    if (!first) ++pos;
    first = false;
    std::string_view s = line.substr(pos);
    std::size_t end = s.find(';');
    auto odd_quotes = [&](std::size_t e) {
      std::size_t quotes = 0, escaped = 0;
      for (std::size_t k = 0; k < e; ++k) {
        if (s[k] == '"') {
          ++quotes;
          if (k > 0 && s[k - 1] == '\\') ++escaped;
        }
      }
      return (quotes - escaped) % 2 == 1;
    };
    while (end != std::string_view::npos && end > 0 && odd_quotes(end)) end = s.find(';', end + 1);
    if (end == std::string_view::npos) end = s.size();
    parts.push_back(strip_whitespace(s.substr(0, end)));
    pos += end;
  }
  return parts;
}

}  // namespace

const std::string* ContentType::parameter(std::string_view name) const {
  for (const auto& [k, v] : parameters)
    if (k == name) return &v;
  return nullptr;
}

std::string ContentType::to_string() const {
  std::string out = type + "/" + subtype;
  if (!parameters.empty()) {
    std::vector<std::string> items;
    for (const auto& [k, v] : parameters) items.push_back(k + "=\"" + v + "\"");
    std::sort(items.begin(), items.end());
    for (const auto& item : items) out += "; " + item;
  }
  return out;
}

namespace {

ContentType parse_uncached(std::string_view mime) {
  ContentType ct;
  if (mime.empty()) return ct;
  auto parts = split_header(mime);
  std::string full(parts.front());
  std::vector<std::pair<std::string, std::string>> params;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    std::size_t eq = p.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = ascii_lower(strip_whitespace(p.substr(0, eq)));
    std::string value(strip_whitespace(p.substr(eq + 1)));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
      std::string unescaped;
      for (std::size_t k = 0; k < value.size(); ++k) {
        if (value[k] == '\\' && k + 1 < value.size() && (value[k + 1] == '\\' || value[k + 1] == '"'))
          ++k;
        unescaped.push_back(value[k]);
      }
      value = unescaped;
    }
    auto it = std::find_if(params.begin(), params.end(), [&](auto& kv) { return kv.first == name; });
    if (it != params.end()) it->second = value;
    else params.emplace_back(std::move(name), std::move(value));
  }
  if (full == "*") full = "*/*";
  std::size_t slash = full.find('/');
  if (slash == std::string::npos || full.find('/', slash + 1) != std::string::npos)
    return ct;  // python raises here; we call it binary
  ct.type = strip_whitespace(std::string_view(full).substr(0, slash));
  ct.subtype = strip_whitespace(std::string_view(full).substr(slash + 1));
  for (auto& [k, v] : params)
    if (k == "charset" && v.find(',') != std::string::npos) v.resize(v.find(','));
  std::sort(params.begin(), params.end());
  ct.parameters = std::move(params);
  return ct;
}

}  // namespace

const ContentType& parse_content_type(std::string_view mime) {
  // A stream's attachments share a handful of types (a traceback's, a
  // reason's): the last few parsed are kept, which saves most of the cost
  // of rendering a failure, and handed out by reference, not copied.
  struct Parsed {
    std::string mime;
    ContentType type;
  };
  thread_local std::array<std::optional<Parsed>, 4> recent;
  thread_local std::size_t next = 0;
  for (const auto& p : recent)
    if (p && p->mime == mime) return p->type;
  auto& slot = recent[next];
  next = (next + 1) % recent.size();
  slot.reset();
  slot.emplace(Parsed{std::string(mime), parse_uncached(mime)});
  return slot->type;
}

std::string sanitize_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    // ASCII runs (nearly all of a traceback) are copied whole.
    std::size_t run = ascii_prefix(reinterpret_cast<const std::uint8_t*>(bytes.data()) + i,
                                   bytes.size() - i);
    if (run > 0) {
      out.append(bytes.substr(i, run));
      i += run;
      continue;
    }
    std::uint32_t cp;
    std::size_t n = utf8_char_length(bytes, i, &cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(bytes.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string decode_text(std::string_view bytes, std::string_view charset) {
  std::string codec = charset.empty() ? "latin_1" : normalize_codec(charset);
  // The usual charset first (it is in neither list below).
  if (codec == "utf8" || codec == "utf_8") return sanitize_utf8(bytes);
  static const char* latin1[] = {"latin_1", "latin1", "l1", "iso_8859_1", "iso8859_1",
                                 "8859", "cp819", "latin", "iso_ir_100", "csisolatin1",
                                 "iso_8859_1_1987", "ibm819"};
  static const char* ascii[] = {"ascii", "us_ascii", "646", "us", "ansi_x3.4_1968",
                                "ansi_x3_4_1968", "ansi_x3.4_1986", "cp367", "csascii",
                                "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6"};
  std::string out;
  if (std::find(std::begin(latin1), std::end(latin1), codec) != std::end(latin1)) {
    out.reserve(bytes.size() + bytes.size() / 4);
    for (unsigned char c : bytes) append_utf8(out, c);
    return out;
  }
  if (std::find(std::begin(ascii), std::end(ascii), codec) != std::end(ascii)) {
    for (unsigned char c : bytes) {
      if (c < 0x80) out.push_back(static_cast<char>(c));
      else out += "\xEF\xBF\xBD";
    }
    return out;
  }
  // utf8 and its aliases, and any codec we do not know (python: LookupError).
  return sanitize_utf8(bytes);
}

std::string_view strip_whitespace(std::string_view s) {
  // Both ends ASCII and not space: nothing to strip (a MIME type's parts,
  // most text).
  if (!s.empty() && static_cast<unsigned char>(s.front()) < 0x80 &&
      static_cast<unsigned char>(s.back()) < 0x80 &&
      !is_python_space(static_cast<unsigned char>(s.front())) &&
      !is_python_space(static_cast<unsigned char>(s.back())))
    return s;
  std::size_t begin = 0, end = s.size();
  while (begin < end) {
    std::uint32_t cp;
    std::size_t n = utf8_char_length(s, begin, &cp);
    if (n == 0 || !is_python_space(cp)) break;
    begin += n;
  }
  while (end > begin) {
    // Step back to the start of the last character.
    std::size_t k = end - 1;
    while (k > begin && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80 && end - k < 4) --k;
    std::uint32_t cp;
    std::size_t n = utf8_char_length(s, k, &cp);
    if (n != end - k || !is_python_space(cp)) break;
    end = k;
  }
  return s.substr(begin, end - begin);
}

namespace {

std::string text_as(const Attachment& a, const ContentType& ct) {
  const std::string* charset = ct.parameter("charset");
  return decode_text(a.bytes, charset ? std::string_view(*charset) : std::string_view());
}

}  // namespace

std::string attachment_text(const Attachment& a) {
  return text_as(a, parse_content_type(a.mime_type));
}

std::optional<std::string> readable_text(const Attachment& a) {
  const ContentType& ct = parse_content_type(a.mime_type);
  const std::string* charset = ct.parameter("charset");
  if (ct.is_text() && charset) return decode_text(a.bytes, *charset);
  if (ct.is_text() || check_utf8(a.bytes) == Utf8Check::valid) return sanitize_utf8(a.bytes);
  return std::nullopt;
}

std::string details_to_str(const std::vector<Attachment>& attachments, std::string_view special) {
  // The usual failure: its traceback alone, shown as it is.
  if (attachments.size() == 1 && !special.empty() && attachments[0].name == special) {
    const Attachment& a = attachments[0];
    const ContentType& ct = parse_content_type(a.mime_type);
    if (ct.is_text()) {
      std::string decoded = text_as(a, ct);
      std::string_view text = strip_whitespace(decoded);
      if (!text.empty()) {
        auto begin = static_cast<std::size_t>(text.data() - decoded.data());
        decoded.resize(begin + text.size());
        decoded.erase(0, begin);
        decoded += '\n';
        return decoded;
      }
    }
  }
  std::vector<const Attachment*> sorted;
  for (const auto& a : attachments) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(),
            [](const Attachment* x, const Attachment* y) { return x->name < y->name; });
  std::vector<std::string> binary, empty, texts;
  std::string special_content;
  for (const Attachment* a : sorted) {
    const ContentType& ct = parse_content_type(a->mime_type);
    if (!ct.is_text()) {
      binary.push_back("  " + a->name + " (" + ct.to_string() + ")\n");
      continue;
    }
    std::string decoded = text_as(*a, ct);  // attachment_text without parsing the type again
    std::string_view text = strip_whitespace(decoded);
    if (text.empty()) {
      empty.push_back("  " + a->name + "\n");
      continue;
    }
    if (!special.empty() && a->name == special) {
      special_content = std::string(text) + "\n";
      continue;
    }
    if (text.find('\n') != std::string_view::npos)
      texts.push_back(a->name + ": {{{\n" + std::string(text) + "\n}}}\n");
    else
      texts.push_back(a->name + ": {{{" + std::string(text) + "}}}");
  }
  if (!texts.empty() && (texts.back().empty() || texts.back().back() != '\n')) texts.emplace_back();
  if (!special_content.empty()) texts.push_back(special_content);
  std::string out;
  if (!binary.empty()) {
    out += "Binary content:\n";
    for (const auto& b : binary) out += b;
  }
  if (!empty.empty()) {
    out += "Empty attachments:\n";
    for (const auto& e : empty) out += e;
  }
  if ((!binary.empty() || !empty.empty()) && !texts.empty()) out += "\n";
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i) out += "\n";
    out += texts[i];
  }
  return out;
}

}  // namespace su

#include "report/xml_escape.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace su {

namespace {

// Length of a valid UTF-8 character at s[i], or 0 (strict rules).
std::size_t char_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

bool is_nonchar(std::string_view s, std::size_t i, std::size_t n) {
  // U+FFFE and U+FFFF: EF BF BE / EF BF BF.
  return n == 3 && static_cast<unsigned char>(s[i]) == 0xEF &&
         static_cast<unsigned char>(s[i + 1]) == 0xBF &&
         (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE;
}

// Bytes every dialect copies unchanged: printable ASCII but & < > ".
constexpr auto kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[c] = c != '&' && c != '<' && c != '>' && c != '"';
  return t;
}();

// Length of the leading run of kPlain bytes in [p, end), 16 bytes at a
// time with SSE2 (xml_unplain_bits).
std::size_t plain_run(const char* p, const char* end) {
  const char* q = p;
#if defined(__SSE2__)
  auto bad_bits = xml_unplain_bits;
  auto done = [&](const char* at, unsigned m) {
    return static_cast<std::size_t>(at - p) + static_cast<std::size_t>(__builtin_ctz(m));
  };
  // Two blocks a round, one test for both (ids are 50 to 150 bytes).
  for (; end - q >= 32; q += 32)
    if (unsigned m = bad_bits(q) | bad_bits(q + 16) << 16) return done(q, m);
  for (; end - q >= 16; q += 16)
    if (unsigned m = bad_bits(q)) return done(q, m);
  if (q == end) return static_cast<std::size_t>(end - p);
  // The last 1-15 bytes: a block ending at `end`, read overlapping what is
  // checked already (or from a padded copy when the text is that short).
  unsigned r = static_cast<unsigned>(end - q);
  if (end - p >= 16) {
    unsigned m = bad_bits(end - 16) >> (16 - r);
    return m ? done(q, m) : static_cast<std::size_t>(end - p);
  }
  char pad[16];
  std::memset(pad, 'a', sizeof pad);
  std::memcpy(pad, q, r);
  unsigned m = bad_bits(pad) & ((1u << r) - 1);
  return m ? done(q, m) : static_cast<std::size_t>(end - p);
#endif
  while (q < end && kPlain[static_cast<unsigned char>(*q)]) ++q;
  return static_cast<std::size_t>(q - p);
}

void append_escaped(std::string& out, std::string_view s, XmlDialect dialect, bool attr) {
  // Nothing to escape (a test id, nearly always): one scan, one copy.
  std::size_t plain = plain_run(s.data(), s.data() + s.size());
  if (plain == s.size()) {
    out.append(s);
    return;
  }
  out.reserve(out.size() + s.size());
  // The last two characters kept, to spot "]]>" in the junitxml dialect.
  char prev1 = 0, prev2 = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    // A run of plain bytes is appended at once (ids and most output are
    // nothing else). The first run is known already.
    std::size_t run = i == 0 ? plain : i + plain_run(s.data() + i, s.data() + s.size());
    if (run > i) {
      out.append(s.data() + i, run - i);
      prev2 = run - i >= 2 ? s[run - 2] : prev1;
      prev1 = s[run - 1];
      i = run;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (dialect == XmlDialect::junitxml) {
      std::size_t n = c < 0x80 ? 1 : char_length(s, i);
      if (n == 0) n = 1;  // not UTF-8: python never gets here; keep the byte
      if (c < 0x20 && c != '\t' && c != '\n') {
        i += n;  // deleted: does not break a "]]>"
        continue;
      }
      if (is_nonchar(s, i, n)) {
        i += n;
        continue;
      }
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += (prev1 == ']' && prev2 == ']') ? "&gt;" : ">"; break;
        case '"': out += attr ? "&quot;" : "\""; break;
        case '\t': out += attr ? "&#x9;" : "\t"; break;
        case '\n': out += attr ? "&#xA;" : "\n"; break;
        default: out.append(s.substr(i, n));
      }
      prev2 = prev1;
      prev1 = static_cast<char>(c);
      i += n;
      continue;
    }
    // strict
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += attr ? "&quot;" : "\""; ++i; continue;
      case '\t': out += attr ? "&#x9;" : "\t"; ++i; continue;
      case '\n': out += attr ? "&#xA;" : "\n"; ++i; continue;
      case '\r': out += "&#xD;"; ++i; continue;
      default: break;
    }
    if (c < 0x20) {
      // U+2400 + c: E2 90 80+c
      out.push_back('\xE2');
      out.push_back('\x90');
      out.push_back(static_cast<char>(0x80 + c));
      ++i;
      continue;
    }
    std::size_t n = char_length(s, i);
    if (n == 0 || is_nonchar(s, i, n)) {
      out += "\xEF\xBF\xBD";
      i += n == 0 ? 1 : n;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
}

}  // namespace

bool xml_plain(std::string_view text) {
  return plain_run(text.data(), text.data() + text.size()) == text.size();
}

void append_xml_text(std::string& out, std::string_view text, XmlDialect dialect) {
  append_escaped(out, text, dialect, false);
}

void append_xml_attr(std::string& out, std::string_view text, XmlDialect dialect) {
  append_escaped(out, text, dialect, true);
}

}  // namespace su

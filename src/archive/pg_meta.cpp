// SPDX-License-Identifier: Apache-2.0
#include "archive/pg_meta.hpp"

#include <cstdint>

#include "archive/archive_error.hpp"
#include "base/json.hpp"
#include "base/utf8.hpp"

namespace su {

std::string pg_meta_json(const MetaPairs& meta) {
  std::string out = "[";
  for (const auto& [key, value] : meta) {
    for (const auto* s : {&key, &value})
      if (check_utf8(*s) != Utf8Check::valid || s->find('\0') != std::string::npos)
        throw ArchiveUsage("--meta '" + key + "=" + value +
                           "': a PostgreSQL archive keeps metadata as JSON, which needs UTF-8 "
                           "without NUL");
    if (out.size() > 1) out += ", ";
    out += "[";
    append_json_string(out, key);
    out += ", ";
    append_json_string(out, value);
    out += "]";
  }
  return out + "]";
}

namespace {

class MetaParser {
 public:
  explicit MetaParser(std::string_view s) : s_(s) {}

  std::optional<MetaPairs> parse() {
    MetaPairs out;
    if (!take('[')) return std::nullopt;
    if (take(']')) return end() ? std::optional(out) : std::nullopt;
    do {
      std::string key, value;
      if (!take('[') || !string(key) || !take(',') || !string(value) || !take(']'))
        return std::nullopt;
      out.emplace_back(std::move(key), std::move(value));
    } while (take(','));
    if (!take(']') || !end()) return std::nullopt;
    return out;
  }

 private:
  void space() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\n' || s_[p_] == '\t' || s_[p_] == '\r'))
      ++p_;
  }
  bool take(char c) {
    space();
    if (p_ < s_.size() && s_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool end() {
    space();
    return p_ == s_.size();
  }
  bool hex4(std::uint32_t& v) {
    if (p_ + 4 > s_.size()) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[p_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  }
  bool string(std::string& out) {
    if (!take('"')) return false;
    while (p_ < s_.size()) {
      char c = s_[p_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (p_ >= s_.size()) return false;
      switch (s_[p_++]) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          std::uint32_t c1 = 0, c2 = 0;
          if (!hex4(c1)) return false;
          if (c1 >= 0xD800 && c1 < 0xDC00) {
            if (p_ + 2 > s_.size() || s_[p_] != '\\' || s_[p_ + 1] != 'u') return false;
            p_ += 2;
            if (!hex4(c2) || c2 < 0xDC00 || c2 >= 0xE000) return false;
            c1 = 0x10000 + ((c1 - 0xD800) << 10) + (c2 - 0xDC00);
          } else if (c1 >= 0xDC00 && c1 < 0xE000) {
            return false;
          }
          append_utf8(out, c1);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  std::string_view s_;
  std::size_t p_ = 0;
};

}  // namespace

std::optional<MetaPairs> parse_pg_meta_json(std::string_view json) {
  return MetaParser(json).parse();
}

}  // namespace su

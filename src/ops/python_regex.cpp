// SPDX-License-Identifier: Apache-2.0
#include "ops/python_regex.hpp"

#include <cctype>
#include <cstring>
#include <stdexcept>

namespace su {
namespace {

// Rewrites python-only syntax; sets `icase` from a leading flag group.
std::string translate(const std::string& pattern, bool& icase) {
  std::string p = pattern;
  if (p.size() >= 4 && p.compare(0, 2, "(?") == 0) {
    std::size_t i = 2;
    while (i < p.size() && std::strchr("imsxauL", p[i]) && p[i] != '\0') ++i;
    if (i > 2 && i < p.size() && p[i] == ')') {
      icase = p.find('i', 2) < i;
      p.erase(0, i + 1);
    }
  }
  std::string out;
  out.reserve(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\' && i + 1 < p.size()) {
      out.append(p, i, 2);
      ++i;
      continue;
    }
    if (p.compare(i, 4, "(?P<") == 0) {
      std::size_t close = p.find('>', i + 4);
      if (close != std::string::npos) {
        out.push_back('(');
        i = close;
        continue;
      }
    }
    out.push_back(p[i]);
  }
  return out;
}

}  // namespace

PythonRegex::PythonRegex(const std::string& pattern) : pattern_(pattern) {
  bool icase = false;
  std::string ecma = translate(pattern, icase);
  auto flags = std::regex::ECMAScript | std::regex::multiline |
               std::regex_constants::__polynomial;
  if (icase) flags |= std::regex::icase;
  if (!icase && ecma == pattern && !ecma.empty() &&
      ecma.find_first_of("\\^$.|?*+()[]{}") == std::string::npos)
    literal_ = ecma;
  try {
    re_.assign(ecma, flags);
  } catch (const std::regex_error& e) {
    throw std::invalid_argument("bad regular expression '" + pattern + "': " + e.what());
  }
}

bool PythonRegex::search(std::string_view text) const {
  if (literal_) return text.find(*literal_) != std::string_view::npos;
  return std::regex_search(text.begin(), text.end(), re_);
}

std::string PythonRegex::sub(std::string_view replacement, std::string_view text) const {
  using It = std::string_view::const_iterator;
  std::string out;
  It last = text.begin();
  for (std::regex_iterator<It> m(text.begin(), text.end(), re_), end; m != end; ++m) {
    const auto& match = *m;
    out.append(last, match[0].first);
    for (std::size_t i = 0; i < replacement.size(); ++i) {
      char c = replacement[i];
      if (c != '\\' || i + 1 == replacement.size()) {
        out.push_back(c);
        continue;
      }
      char n = replacement[++i];
      std::size_t group = std::string::npos;
      if (std::isdigit(static_cast<unsigned char>(n))) {
        group = static_cast<std::size_t>(n - '0');
        if (i + 1 < replacement.size() && std::isdigit(static_cast<unsigned char>(replacement[i + 1])))
          group = group * 10 + static_cast<std::size_t>(replacement[++i] - '0');
      } else if (n == 'g' && i + 1 < replacement.size() && replacement[i + 1] == '<') {
        std::size_t close = replacement.find('>', i + 2);
        if (close != std::string_view::npos) {
          std::string_view digits = replacement.substr(i + 2, close - i - 2);
          group = 0;
          for (char d : digits) {
            if (!std::isdigit(static_cast<unsigned char>(d))) throw std::invalid_argument(
                "bad group reference in replacement '" + std::string(replacement) + "'");
            group = group * 10 + static_cast<std::size_t>(d - '0');
          }
          i = close;
        }
      }
      if (group != std::string::npos) {
        if (group < match.size() && match[group].matched)
          out.append(match[group].first, match[group].second);
        continue;
      }
      switch (n) {
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case '\\': out.push_back('\\'); break;
        default: out.push_back('\\'); out.push_back(n); break;
      }
    }
    last = match[0].second;
  }
  out.append(last, text.end());
  return out;
}

}  // namespace su

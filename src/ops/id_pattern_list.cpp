// SPDX-License-Identifier: Apache-2.0
#include "ops/id_pattern_list.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/error.hpp"

namespace su {
namespace {

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

// A test id as a regex: nothing but '.' is special in it.
bool is_plain(std::string_view line) {
  for (char c : line)
    if (std::strchr("\\^$*+?{}[]()|", c) && c != '\0') return false;
  return true;
}

// `needle` occurs in `hay`, '.' in the needle matching any one byte. (An
// id's UTF-8 makes '.' against a multi-byte character differ from python
// only for a '.' that stands for a non-ASCII character.)
bool find_with_dots(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && (needle[k] == '.' || needle[k] == hay[i + k])) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> parse_test_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    std::size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (!line.empty()) out.emplace_back(line);
  }
  return out;
}

std::vector<std::string> read_test_list(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw IoError("cannot read '" + path + "'");
  return parse_test_list(text.str());
}

IdPatternList::IdPatternList(const std::vector<std::string>& lines) {
  for (const auto& line : lines) {
    if (is_plain(line))
      literals_.push_back(line);
    else
      regexes_.emplace_back(line);
  }
}

bool IdPatternList::matches(std::string_view id) const {
  for (const auto& l : literals_)
    if (find_with_dots(id, l)) return true;
  for (const auto& r : regexes_)
    if (r.search(id)) return true;
  return false;
}

}  // namespace su

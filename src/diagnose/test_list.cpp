// SPDX-License-Identifier: Apache-2.0
#include "diagnose/test_list.hpp"

#include <cstdint>
#include <unordered_set>

#include "base/input.hpp"
#include "codec/open_reader.hpp"

namespace su {
namespace {

class UniqueIds {
 public:
  void add(std::string_view id) {
    if (seen_.emplace(id).second) ids_.emplace_back(id);
  }
  std::vector<std::string> take() { return std::move(ids_); }
  bool empty() const { return ids_.empty(); }

 private:
  std::unordered_set<std::string> seen_;
  std::vector<std::string> ids_;
};

std::string_view trim(std::string_view s) {
  const char* space = " \t\r\n\f\v";
  auto begin = s.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(space) - begin + 1);
}

}  // namespace

std::vector<std::string> parse_test_list(std::string bytes) {
  UniqueIds ids;
  {
    // Any stream event naming a test makes this a stream; plain lines
    // decode (as v1) to non-test output only.
    auto reader = open_memory_reader(bytes);
    Event e;
    while (reader->next(e))
      if (e.test_id) ids.add(*e.test_id);
  }
  if (!ids.empty()) return ids.take();
  std::string_view text = bytes;
  while (!text.empty()) {
    auto newline = text.find('\n');
    std::string_view line = trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    if (!line.empty() && line.front() != '#') ids.add(line);
  }
  return ids.take();
}

std::vector<std::string> load_test_list(const std::string& path) {
  auto input = open_input(path);
  std::string bytes;
  std::uint8_t buf[65536];
  for (std::size_t n; (n = input->read(buf, sizeof buf)) > 0;)
    bytes.append(reinterpret_cast<const char*>(buf), n);
  return parse_test_list(std::move(bytes));
}

}  // namespace su

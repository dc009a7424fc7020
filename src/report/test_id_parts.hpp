// How JUnit reports name a test: python's subunit2junitxml splits the id at
// the last '.' before its first '(' (python's `rfind(".", 0, find("("))`,
// where a missing '(' leaves the id's last character out of the search):
// the class before it, the name after; with no such '.', no class and the
// whole id as the name.
#pragma once

#include <string_view>
#include <utility>

namespace su {

struct TestIdParts {
  std::string_view classname, name;
  bool plain = false;  // xml_plain(id): every dialect copies it unescaped
};

// The split alone (classname, name).
std::pair<std::string_view, std::string_view> python_split_id(std::string_view id);

// The split and xml_plain(id) in one pass over the id, 16 bytes at a time.
// su-junit needs both for every test; finding the '(', then the '.', then
// checking for bytes to escape walked each id three times, a quarter of
// its per-test work.
TestIdParts test_id_parts(std::string_view id);

}  // namespace su

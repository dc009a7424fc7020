// SPDX-License-Identifier: Apache-2.0
// IdPatternList: a list of test ids or regular expressions, one per line, in the
// format stestr reads for --include-list/--exclude-list and python-subunit
// for --fixup-expected-failures: `#` starts a comment, surrounding
// whitespace is ignored, blank lines are skipped.
//
// As in stestr, each line is a regular expression searched for in the test
// id (so `pkg.test_a` also matches `pkg.test_a_b`; anchor with ^ and $ for
// one id). Lines without regex syntax but dots, which is what a list of ids
// is, are matched without std::regex, so long lists stay fast.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ops/python_regex.hpp"

namespace su {

// The entries of a list file's text, comments and blanks removed.
std::vector<std::string> parse_test_list(std::string_view text);

// Reads `path` and parses it; throws IoError if it cannot be read.
std::vector<std::string> read_test_list(const std::string& path);

class IdPatternList {
 public:
  IdPatternList() = default;
  // Throws std::invalid_argument for a line that is not a valid regex.
  explicit IdPatternList(const std::vector<std::string>& lines);

  // True if some line matches somewhere in `id`.
  bool matches(std::string_view id) const;
  bool empty() const { return literals_.empty() && regexes_.empty(); }

 private:
  std::vector<std::string> literals_;  // '.' matches any character
  std::vector<PythonRegex> regexes_;
};

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// PythonRegex: the regular expressions of python's `re` that su-filter's
// options take (--with, --without, --rename, list files), run with
// std::regex.
//
// The pattern is ECMAScript, which agrees with python's syntax for what test
// filters use (classes, groups, alternation, quantifiers, anchors, \d \w \s
// \b). Translated: a leading inline-flag group such as `(?i)` (i: ignore
// case; m, s, x, a, u, L are accepted and ignored, `^`/`$` always match at
// line ends as with python's re.MULTILINE) and `(?P<name>` groups (made
// plain groups). Back-references are not supported: std::regex's
// back-tracking engine recurses once per input byte and would overflow the
// stack on a long attachment, so matching uses its polynomial engine; a
// pattern that is plain text is searched for as text.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace su {

class PythonRegex {
 public:
  // Throws std::invalid_argument naming the pattern and the problem.
  explicit PythonRegex(const std::string& pattern);

  // python's re.search(pattern, text) is not None.
  bool search(std::string_view text) const;
  // python's re.sub(pattern, replacement, text): every non-overlapping match
  // replaced; in `replacement`, \1..\99 and \g<N> name groups and \n, \t,
  // \\ are escapes, as in python.
  std::string sub(std::string_view replacement, std::string_view text) const;

  const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  std::regex re_;
  // The pattern when it is plain text (no syntax, no flags): searched for
  // with string_view::find, the common case (--with=Error, ids).
  std::optional<std::string> literal_;
};

}  // namespace su

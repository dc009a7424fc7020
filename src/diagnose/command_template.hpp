// SPDX-License-Identifier: Apache-2.0
// A runner command template, as su-bisect's and su-repeat's --runner take
// it: a shell command in which `{ids}` stands for the test ids to run,
// shell-quoted and in order, and `{list}` for the path of a file holding
// them one per line (stestr's --load-list format). Everything else is
// passed to /bin/sh untouched.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace su {

// True if the template mentions {ids} or {list}: a runner that ignores the
// list would make every probe run the same tests.
bool has_test_placeholder(std::string_view command_template);

// The command with every `{ids}` replaced by the quoted ids joined by spaces
// and every `{list}` by `list_path` (quoted).
std::string expand_command_template(std::string_view command_template,
                                    const std::vector<std::string>& ids,
                                    std::string_view list_path);

}  // namespace su

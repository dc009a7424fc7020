// SPDX-License-Identifier: Apache-2.0
// Quoting for a POSIX shell: how su-bisect and su-repeat put test ids into
// a runner command, and how the completion scripts hold their word lists.
#pragma once

#include <string>
#include <string_view>

namespace su {

// `text` quoted for a POSIX shell: unchanged if it is made only of
// characters no shell treats specially, else in single quotes (a quote
// inside becomes '\''; bash, zsh and fish all read that back).
std::string shell_quote(std::string_view text);

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// The text python's subunit-filter matches --with/--without against (its
// "match string", spec/reference-tools.md §3):
//
//   str(test_id) + outcome + str(err) + str(details)
//
// outcome is `success`, `failure` (fail, or a test left open), `skip`,
// `expectedfailure` (and here also `unexpectedsuccess`, `exists`, which
// python never matches); err is always None for v2 input; details is
// python's repr of the dict of attachments in the order they first had
// bytes, e.g. {'traceback': <Content type=text/x-traceback; charset="utf8",
// value=b'Traceback...\n'>}. Reproduced here so that `--with=Error` keeps
// what python keeps.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace su {

// python's repr() of a str given as UTF-8, and of a bytes object.
void append_python_str_repr(std::string& out, std::string_view utf8);
void append_python_bytes_repr(std::string& out, std::string_view bytes);

// testtools' repr of the ContentType it makes from a packet's MIME type
// (parsed as cgi.parse_header does; none is application/octet-stream).
std::string python_content_type(std::optional<std::string_view> mime_type);

struct MatchAttachment {
  std::string_view name;
  std::optional<std::string_view> mime_type;  // of the first non-empty chunk
  std::string bytes;                          // all chunks, concatenated
};

std::string python_match_string(std::string_view test_id, std::string_view outcome,
                                const std::vector<MatchAttachment>& attachments);

}  // namespace su

// How testtools renders a test's attachments ("details") as text, which is
// what python's reports print for failures (spec/reference-tools.md §8):
//
// - a MIME type is parsed as cgi.parse_header does; a missing one is
//   application/octet-stream; only primary type "text" is text;
// - text is decoded with the `charset` parameter, ISO-8859-1 when there is
//   none (testtools' default);
// - details_to_str() lists binary and empty attachments first, then the
//   text ones sorted by name as `NAME: {{{TEXT}}}`, the special one
//   (normally `traceback`) last and verbatim.
//
// Where python crashes (an undecodable byte, an unknown charset, a MIME
// type without a '/'), these functions carry on: bad bytes become U+FFFD,
// unknown charsets are read as UTF-8, unparsable types count as binary.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ops/result_aggregator.hpp"

namespace su {

struct ContentType {
  std::string type = "application";
  std::string subtype = "octet-stream";
  std::vector<std::pair<std::string, std::string>> parameters;  // sorted by name

  bool is_text() const { return type == "text"; }
  // The parameter's value, or nullptr.
  const std::string* parameter(std::string_view name) const;
  // testtools' repr: `text/plain; charset="utf8"` (parameters sorted).
  std::string to_string() const;
};

// Parses a v2 MIME type string; empty means "none given". The result is
// one of the last few kept (see details_text.cpp): valid until the next call.
const ContentType& parse_content_type(std::string_view mime);

// The bytes decoded as `charset` names them (python codec names: utf8,
// utf-8, latin-1, ascii, ...; empty means ISO-8859-1), re-encoded as UTF-8.
std::string decode_text(std::string_view bytes, std::string_view charset);

// UTF-8 with every invalid byte replaced by U+FFFD.
std::string sanitize_utf8(std::string_view bytes);

// python's str.strip(): removes Unicode whitespace from both ends.
std::string_view strip_whitespace(std::string_view utf8);

// An attachment's text as testtools' Content.as_text() gives it.
std::string attachment_text(const Attachment& attachment);

// An attachment as text for a person to read, or nullopt when it is binary
// data: decoded with its declared charset when it has one, else as UTF-8
// (bad bytes become U+FFFD) when it is a text type or valid UTF-8.
std::optional<std::string> readable_text(const Attachment& attachment);

// testtools' _details_to_str(details, special).
std::string details_to_str(const std::vector<Attachment>& attachments,
                           std::string_view special = {});

}  // namespace su

// V1Writer: writes subunit v1 text (spec/subunit-v1.md §4-§5) exactly as
// python-subunit's TestProtocolClient writes it: `successful:` for passes,
// `time:` with six fractional digits in UTC, multipart details with parts
// sorted by name and each body one hex-sized chunk.
//
// Unlike python's writer, the bracketed (simple) form escapes content lines
// that start with `]`, so the reader gets the content back.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/output.hpp"
#include "base/timestamp.hpp"
#include "codec/v1_time.hpp"

namespace su {

enum class V1Outcome { success, failure, error, skip, xfail, uxsuccess };

// The keyword python writes for an outcome ("successful", "failure", ...).
std::string_view v1_keyword(V1Outcome outcome);

struct V1Part {
  std::string_view name;
  std::string_view content_type;  // as written after "Content-Type: "
  std::string_view bytes;
};

// The Content-Type value python's 2to1 writes for a v2 MIME type: parsed as
// testtools does (cgi.parse_header; quotes dropped; a charset cut at its
// first comma), then `type/subtype;k=v,k=v`. An empty MIME type is
// application/octet-stream; so is one python cannot parse (it crashes).
std::string v1_content_type(std::string_view mime_type);

class V1Writer {
 public:
  explicit V1Writer(Output& out) : out_(out) {}

  void time(const Timestamp& ts);
  // "tags: a b -c -d"; nothing when both are empty.
  void tags(std::span<const std::string> added, std::span<const std::string> removed);
  void test(std::string_view id);
  // "KW: ID"
  void outcome(V1Outcome outcome, std::string_view id);
  // "KW: ID [" + content (escaped, newline-terminated) + "]"
  void outcome_simple(V1Outcome outcome, std::string_view id, std::string_view content);
  // "KW: ID [ multipart" + parts sorted by name + "]"
  void outcome_multipart(V1Outcome outcome, std::string_view id, std::span<const V1Part> parts);
  // Bytes that are not v1 directives (passthrough output), unchanged.
  void raw(std::string_view bytes) { out_.write(bytes); }
  void flush() { out_.flush(); }

 private:
  void outcome_line(V1Outcome outcome, std::string_view id, std::string_view suffix);

  Output& out_;
  V1TimeFormatter time_format_;
  std::string line_;
  std::vector<const V1Part*> sorted_;  // reused: one test's parts by name
};

}  // namespace su

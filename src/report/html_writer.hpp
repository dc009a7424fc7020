// SPDX-License-Identifier: Apache-2.0
// HtmlWriter: what su-report's pages share. Escaping (every test id, tag,
// attachment text and metadata value goes through text() or attr(), so a
// test id holding "<script>" shows as text), the page shell (one
// self-contained document: inline stylesheet, inline script, nothing
// fetched), and number formats.
//
// Escaping is xml_escape's strict dialect, which suits HTML: &, <, > and "
// become references; C0 controls become their Unicode control pictures
// (U+2400 + code) and bytes that are not UTF-8 become U+FFFD, so nothing a
// stream holds can end an element, open a tag or break the encoding.
//
// The writer buffers the page and hands it to the Output in 64 KiB pieces,
// so a page costs its Output's buffer plus one piece, not its whole size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/output.hpp"

namespace su {

// Appends `text` escaped for element content / a double-quoted attribute.
void append_html_text(std::string& out, std::string_view text);
void append_html_attr(std::string& out, std::string_view text);

class HtmlWriter {
 public:
  explicit HtmlWriter(Output& out) : out_(out) {}
  ~HtmlWriter() = default;
  HtmlWriter(const HtmlWriter&) = delete;
  HtmlWriter& operator=(const HtmlWriter&) = delete;

  // Markup, appended as it is.
  HtmlWriter& raw(std::string_view markup) {
    buf_.append(markup);
    return maybe_flush();
  }
  // Text, escaped for element content.
  HtmlWriter& text(std::string_view text) {
    append_html_text(buf_, text);
    return maybe_flush();
  }
  // Text, escaped for a double-quoted attribute value.
  HtmlWriter& attr(std::string_view text) {
    append_html_attr(buf_, text);
    return maybe_flush();
  }
  HtmlWriter& number(std::uint64_t n);

  // The document's start: doctype, <head> with `title`, the viewport and
  // the stylesheet, then <body>, the page header (`title`, `subtitle` when
  // not empty, links to the page's sections: (fragment, label) pairs) and
  // the opening of <main>.
  void page_start(std::string_view title, std::string_view subtitle,
                  const std::vector<std::pair<std::string, std::string>>& sections);
  // Closes <main>, then the script and the document's end; flushes to the
  // Output.
  void page_end();
  void flush();

 private:
  HtmlWriter& maybe_flush() {
    if (buf_.size() >= kPiece) flush();
    return *this;
  }
  static constexpr std::size_t kPiece = 64 * 1024;

  Output& out_;
  std::string buf_;
};

// A duration for people: "0.38 ms", "0.004 s", "12.3 s", "4 min 05 s", "2 h 03 min".
std::string human_seconds(double seconds);
// "%.3f" of seconds (the tables' and su-archive's precision).
std::string fixed_seconds(double seconds);
// Byte counts for people: "312 bytes", "4.1 KiB", "2.0 MiB".
std::string human_bytes(std::uint64_t bytes);
// "2024-05-01 12:00:00Z" (whole seconds, UTC) for µs since the epoch.
std::string human_time(std::int64_t micros);

}  // namespace su

// JSON Lines for test results: one JSON object per test, one per line, for
// jq and friends. The object, with keys always in this order:
//
//   {"id": "pkg.T.test_a",            the test id
//    "status": "fail",                python's name; "unknown" if it never had one
//    "start": "2024-05-01T12:00:00.300000Z",   first event's time, or null
//    "stop": "2024-05-01T12:00:01.500000Z",    last event's time, or null
//    "duration": 1.200000,            seconds from start to stop, or null
//    "tags": ["worker-1"],            the test's last tag list, sorted; [] if none
//    "route": "0",                    route code, or null
//    "attachments": [{"name": "traceback", "mime_type": "text/x-traceback",
//                     "size": 85}]}   in order of first appearance; mime null if none
//
// With attachment text, each attachment also gets "text" (its bytes, when
// they are valid UTF-8) or else "base64" (its bytes in base64), so nothing
// is lost and the JSON always parses. Times are UTC with microseconds,
// rounded as python rounds them.
#pragma once

#include <string>

#include "base/output.hpp"
#include "ops/result_aggregator.hpp"

namespace su {

// Appends the object for `result` (no newline). Attachment text needs the
// aggregator's keep_attachments; sizes need attachment_sizes or it.
void append_json_result(std::string& out, const TestResult& result, bool attachment_text);

// A ResultHandler that writes each result as one line to `out`. Non-test
// events are not tests and are left out.
class JsonLinesWriter : public ResultHandler {
 public:
  JsonLinesWriter(Output& out, bool attachment_text) : out_(out), text_(attachment_text) {}
  void on_result(const TestResult& result) override;

 private:
  Output& out_;
  bool text_;
  std::string line_;
};

}  // namespace su

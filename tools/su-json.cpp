// su-json: one JSON object per test of a subunit stream (JSON Lines), for
// jq users. See su-json(1); the object is described in report/json_lines.hpp.
#include "base/output.hpp"
#include "common/tool.hpp"
#include "report/json_lines.hpp"
#include "ops/result_aggregator.hpp"

namespace {

// Writes each result and counts failures as su-ls does, so the exit status
// says whether the run passed.
class CountingWriter : public su::ResultHandler {
 public:
  CountingWriter(su::Output& out, bool text) : writer_(out, text) {}
  void on_result(const su::TestResult& r) override {
    writer_.on_result(r);
    if (!r.complete || r.status == su::Status::fail) ++failures;  // su-ls's rule
  }
  std::size_t failures = 0;

 private:
  su::JsonLinesWriter writer_;
};

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-json", "Write one JSON object per test of a subunit stream (JSON Lines)."};
  std::string input = "-";
  bool text = false;
  tool.app.add_option("input", input, "stream to read (v1, v2, zstd); '-' is standard input");
  tool.app.add_flag("--attachments", text,
                    "include each attachment's content ('text', or 'base64' if not UTF-8)");
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    auto reader = tool.open(input);
    CountingWriter writer{su::standard_output(), text};
    su::ResultAggregator aggregator{writer, {.keep_attachments = text, .attachment_sizes = true}};
    su::pump(*reader, aggregator);
    return writer.failures > 0 ? su::Exit::no : su::Exit::ok;
  });
}

// su-ls: list the tests in a subunit stream, in the order they finished.
// See su-ls(1). Output and exit code match python-subunit's subunit-ls.
#include "base/output.hpp"
#include "common/tool.hpp"
#include "event/sink.hpp"
#include "ops/result_aggregator.hpp"
#include "ops/id_lister.hpp"

namespace {

// The exit status subunit-ls takes from testtools' StreamSummary: any test
// that failed or never completed makes the answer "no". Unlike the one rule
// (ops/outcome.hpp), an unexpected success does not: su-ls's exit status is
// subunit-ls's, which scripts rely on.
class FailureCounter : public su::ResultHandler {
 public:
  void on_result(const su::TestResult& r) override {
    if (!r.complete || r.status == su::Status::fail) ++failures;
  }
  std::size_t failures = 0;
};

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-ls", "List the tests in a subunit stream, in completion order."};
  std::string input = "-";
  su::ListOptions options;
  bool no_passthrough = false;
  tool.app.add_option("input", input, "stream to read (v1, v2, zstd); '-' is standard input");
  tool.app.add_flag("--times", options.times, "show how long each test took, in seconds");
  tool.app.add_flag("--exists", options.exists, "also list tests only reported as existing");
  tool.app.add_flag("--no-passthrough", no_passthrough, "hide non-test output in the stream");
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    options.passthrough = !no_passthrough;
    auto reader = tool.open(input);
    su::IdLister lister{su::standard_output(), options};
    FailureCounter counter;
    su::ResultAggregator summary{counter};
    su::TeeSink both{lister, summary};
    su::pump(*reader, both);
    return counter.failures > 0 ? su::Exit::no : su::Exit::ok;
  });
}

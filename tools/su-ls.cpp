// su-ls: list the tests in a subunit stream, in the order they finished.
// See su-ls(1). Output and exit code match python-subunit's subunit-ls.
#include "base/output.hpp"
#include "common/tool.hpp"
#include "event/sink.hpp"
#include "ops/failure_watch.hpp"
#include "ops/id_lister.hpp"

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
    su::FailureWatch failures;
    su::TeeSink both{lister, failures};
    su::pump(*reader, both);
    return failures.failed() ? su::Exit::no : su::Exit::ok;
  });
}

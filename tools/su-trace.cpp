// su-trace: follow a test run as it happens, one line per finished test,
// failures' output inline and a summary at the end. See su-trace(1).
// Accepts os-testr subunit-trace's options.
#include <cstdlib>
#include <unistd.h>

#include "base/output.hpp"
#include "common/terminal.hpp"
#include "common/tool.hpp"
#include "report/trace_report.hpp"

namespace {

// Passes events on and shows what has been printed whenever the input
// pauses, so a live run is followed test by test.
class LiveSink : public su::EventSink {
 public:
  LiveSink(su::EventSink& inner, su::Output& out) : inner_(inner), out_(out) {}
  void on_event(const su::Event& e) override { inner_.on_event(e); }
  void finish() override { inner_.finish(); }
  void flush() override { out_.flush(); }

 private:
  su::EventSink& inner_;
  su::Output& out_;
};

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-trace", "Follow a subunit stream: one line per test, failures, a summary."};
  std::string input = "-", color = "auto", threshold;
  su::TraceOptions options;
  bool no_failure_debug = false, no_summary = false, perc_diff = false;
  options.failonly = std::getenv("TRACE_FAILONLY") != nullptr;
  tool.app.add_option("input", input, "stream to read (v1, v2, zstd); '-' is standard input");
  tool.app.add_flag("-n,--no-failure-debug", no_failure_debug, "don't print failures' attachments inline");
  tool.app.add_flag("-f,--fails", options.post_fails, "print failures' attachments again at the end");
  tool.app.add_flag("--failonly", options.failonly, "print only failed tests");
  tool.app.add_flag("-a,--abbreviate", options.abbreviate, "one character per test");
  tool.app.add_flag("--all-attachments", options.all_attachments, "print every attachment of passing tests");
  tool.app.add_flag("--no-summary", no_summary, "don't print the totals and worker balance");
  su::add_color_option(tool.app, color);
  tool.app.add_flag("-d,--perc-diff", perc_diff, "accepted for compatibility; ignored");
  tool.app.add_option("-t,--diff-threshold", threshold, "accepted for compatibility; ignored");
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    options.color = su::color_wanted(color);
    options.escape = su::escape_for_terminal();
    options.failure_debug = !no_failure_debug;
    options.summary = !no_summary;
    auto reader = tool.open(input);
    su::Output& out = su::standard_output();
    su::TraceReport report{out, options};
    su::ResultAggregator aggregator{report, {.keep_attachments = true, .drop_exists = false}};
    LiveSink live{aggregator, out};
    su::pump(*reader, live);
    return report.finish() == su::TraceVerdict::ok ? su::Exit::ok : su::Exit::no;
  });
}

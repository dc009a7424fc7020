// su-stats: count the tests of a subunit stream by outcome. See su-stats(1).
// The text report and exit code match python-subunit's subunit-stats.
#include <cstdio>

#include <fmt/format.h>

#include "base/error.hpp"
#include "base/json.hpp"
#include "base/output.hpp"
#include "base/visible_text.hpp"
#include "common/terminal.hpp"
#include "common/report_filter_options.hpp"
#include "common/tool.hpp"
#include "ops/stats_counter.hpp"

namespace {

// Writes non-test bytes through, raw, as subunit-stats does.
class RawPassthrough : public su::ResultHandler {
 public:
  explicit RawPassthrough(su::Output& out) : out_(out) {}
  void on_result(const su::TestResult&) override {}
  void on_non_test(const su::Event& e) override {
    if (e.file_name) out_.write(e.file_bytes);
  }

 private:
  su::Output& out_;
};

// Tags come from the stream: on a terminal their control bytes are shown
// as escapes (common/terminal.hpp).
std::string text_report(const su::RunStats& s, bool escape) {
  std::string out = fmt::format(
      "Total tests:   {:5}\nPassed tests:  {:5}\nFailed tests:  {:5}\nSkipped tests: {:5}\n"
      "Seen tags: ",
      s.total, s.passed(), s.failed, s.skipped);
  bool first = true;
  for (const auto& t : s.tags) {
    if (!first) out += ", ";
    if (escape)
      su::append_visible(out, t);
    else
      out += t;
    first = false;
  }
  out += '\n';
  return out;
}

std::string json_report(const su::RunStats& s) {
  std::string out = fmt::format(
      "{{\"total\": {}, \"passed\": {}, \"failed\": {}, \"skipped\": {}, \"success\": {}, "
      "\"xfail\": {}, \"uxsuccess\": {}, \"incomplete\": {}, \"tags\": [",
      s.total, s.passed(), s.failed, s.skipped, s.success, s.xfail, s.uxsuccess, s.incomplete);
  bool first = true;
  for (const auto& t : s.tags) {
    if (!first) out += ", ";
    su::append_json_string(out, t);
    first = false;
  }
  out += "], \"start\": ";
  out += s.first ? su::json_string(su::format_iso8601(s.first->micros())) : "null";
  out += ", \"stop\": ";
  out += s.last ? su::json_string(su::format_iso8601(s.last->micros())) : "null";
  if (s.first && s.last)
    out += fmt::format(", \"elapsed_seconds\": {:.6f}",
                       static_cast<double>(s.last->micros() - s.first->micros()) / 1e6);
  else
    out += ", \"elapsed_seconds\": null";
  out += fmt::format(", \"test_seconds\": {:.6f}}}\n", s.test_seconds());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-stats", "Count the tests of a subunit stream by outcome."};
  su::ReportFilterOptions io;  // the input and output options python's report filters share
  std::string format = "text";
  tool.app.add_option("--format", format, "report as 'text' (subunit-stats) or 'json'")
      ->check(CLI::IsMember({"text", "json"}));
  io.add_to(tool, "hide non-test output in the stream", "the report");
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    auto reader = tool.open(io.input);
    su::Output& out = su::standard_output();
    RawPassthrough raw{out};
    bool raw_passthrough = !io.no_passthrough && !io.forward;
    su::StatsCounter counter{raw_passthrough ? &raw : nullptr};
    su::pump_forwarding(*reader, counter, io.forward);
    std::string report = format == "json" ? json_report(counter.stats)
                                          : text_report(counter.stats, su::escape_for_terminal());
    if (io.output_to.empty()) {
      out.write(report);
    } else {
      auto file = su::create_output_file(io.output_to);
      file->write(report);
      file->flush();
    }
    return counter.stats.failed > 0 ? su::Exit::no : su::Exit::ok;
  });
}

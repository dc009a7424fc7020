// IdLister: what su-ls prints, with subunit-ls's rules
// (spec/reference-tools.md §4). It watches raw events, not aggregated tests:
//
// - an id is printed when its final event arrives (completion order), and
//   tests still open at the end are printed last, in the order first seen;
// - `exists` events are printed only when asked;
// - with times, a test's duration runs from the latest timestamp seen when
//   its last inprogress or status-less event arrived to the latest seen at
//   its final event; "latest" counts only events with a test id;
// - events with no test id pass their file bytes through, raw, in order.
//
// Where python crashes (times for a test whose start is unknown) it prints
// 0.000, the duration python means to report there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/output.hpp"
#include "event/open_test_index.hpp"
#include "event/sink.hpp"

namespace su {

struct ListOptions {
  bool times = false;
  bool exists = false;
  bool passthrough = true;
};

class IdLister : public EventSink {
 public:
  IdLister(Output& out, ListOptions options) : out_(out), options_(options) {}

  void on_event(const Event& event) override;
  void finish() override;
  void flush() override { out_.flush(); }

 private:
  struct Active {
    std::string id;
    std::optional<std::int64_t> start;  // µs; none if no time was known
    std::uint64_t sequence = 0;
    bool live = false;
  };

  // The live record for `id`, or OpenTestIndex::kNone and `miss` for
  // adding one. su-ls keys tests by id alone, as subunit-ls does.
  std::uint32_t find(std::string_view id, OpenTestIndex::Miss& miss);
  static constexpr std::optional<std::string_view> kNoRoute{};
  void end_test(std::string_view id);
  void report(std::string_view id, std::optional<std::int64_t> micros);

  Output& out_;
  ListOptions options_;
  std::optional<std::int64_t> now_;
  // Tests in progress: records pooled in active_ (a finished test's record
  // is reused), found through open_ by id.
  std::vector<Active> active_;
  std::vector<std::uint32_t> free_;
  OpenTestIndex open_;
  std::string scratch_;  // the --times column, built without allocating
  std::uint64_t sequence_ = 0;
};

// "%0.3f" of a microsecond duration, computed as python does from a timedelta.
std::string format_seconds_3(std::int64_t micros);

}  // namespace su

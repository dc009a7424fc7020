// SPDX-License-Identifier: Apache-2.0
// ResultFilter: keeps or drops whole tests of a stream, losslessly (su-filter).
//
// A FilterSpec is plain data: what to keep, in the terms of python-subunit's
// subunit-filter plus the flaky-hunt filters. ResultFilter is an EventSink
// wrapping the sink downstream of it:
//
// - events with no test id (stray output, stream-level attachments) are
//   handed on at once, in place, unless `passthrough` is off;
// - the events of a test, keyed by (test id, route code) as python keys
//   them (spec/subunit-v2.md §10), are held from its first event until its
//   final status (anything but none/inprogress); then every predicate is
//   evaluated and the test is either dropped or handed on as its original
//   events, in their order (their `raw` packet bytes intact, so a V2Writer
//   forwards them unchanged). So kept tests come out in completion order, as
//   python's do; each test's own packets keep their order;
// - an `exists` event is a complete test by itself;
// - at finish(), tests still open are decided as `incomplete` and handed on
//   newest first (python's order).
//
// Memory is what the open tests hold. With no test predicate at all, events
// are not held: they go straight through.
//
// Deliberate differences from python (su-filter(1), COMPATIBILITY): every
// predicate applies to uxsuccess too; --rename renames every test, whatever
// its outcome; `exists` tests are kept unless asked otherwise; nothing is
// re-encoded unless a rename, a --fixup-expected-failures or a quarantine
// changes it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "event/sink.hpp"
#include "ops/run_summary.hpp"  // Outcome
#include "ops/id_pattern_list.hpp"
#include "ops/quarantine.hpp"

namespace su {

// --status names the outcomes of run_summary.hpp's Outcome ("exists",
// "success", "uxsuccess", "skip", "fail", "xfail", "incomplete": a test
// still open at the end of the stream); "inprogress" is accepted for
// `incomplete`.
bool parse_outcome(std::string_view name, Outcome& out);

struct FilterSpec {
  // python's switches (subunit-filter), as destinations: later options win.
  bool drop_success = false;  // --no-success / -s
  bool drop_failure = false;  // -f / --failure: fail and incomplete
  bool drop_error = false;    // -e: v2 has no "error" outcome, so a no-op
  bool drop_skip = false;     // --no-skip
  bool drop_xfail = false;    // --no-xfail / --xfail
  bool drop_exists = false;   // --no-exists (part of -F)
  bool passthrough = true;    // --no-passthrough: drop non-test events

  std::vector<Outcome> statuses;          // --status: keep only these (empty: all)
  std::vector<std::string> with_tags;     // keep tests carrying all of these
  std::vector<std::string> without_tags;  // drop tests carrying any of these
  std::vector<std::string> with_regexps;     // -m/--with (python re syntax)
  std::vector<std::string> without_regexps;  // --without
  std::vector<std::pair<std::string, std::string>> renames;  // re.sub(from, to, id)
  std::unordered_set<std::string> expected_failures;  // --fixup-expected-failures
  std::vector<std::string> routes;  // keep tests whose route is CODE or CODE/...
  std::optional<IdPatternList> include;  // keep tests matching a line of the list
  std::optional<IdPatternList> exclude;  // drop tests matching a line of the list
  std::optional<std::int64_t> since_micros;  // started at or after
  std::optional<std::int64_t> until_micros;  // finished at or before
  std::optional<std::int64_t> min_duration_micros;
  // --quarantine: a failing result of a listed test becomes xfail, with the
  // entry's reason and issue attached ("quarantine-reason",
  // "quarantine-issue"); the entries count what they did. Expired entries
  // are not applied.
  std::shared_ptr<Quarantine> quarantine;

  // --before=TEST_ID: keep tests of TEST_ID's worker that finished before
  // TEST_ID did, and TEST_ID. The worker must be known in advance (see
  // find_worker()): a tag "worker-N", a route code, or both.
  struct Before {
    std::string test_id;
    std::string worker_tag;                 // empty: none
    std::optional<std::string> route_code;  // none: no route code
  };
  std::optional<Before> before;

  // True if no option changes anything: the filter is the identity.
  bool keeps_everything() const;
  // True if some predicate looks at tests (so their events are held).
  bool judges_tests() const;
};

class ResultFilter : public EventSink {
 public:
  // Compiles the regexes of `spec`; throws std::invalid_argument naming a
  // pattern it cannot compile.
  ResultFilter(const FilterSpec& spec, EventSink& out);
  ~ResultFilter() override;

  void on_event(const Event& event) override;
  void finish() override;
  void flush() override;

  std::uint64_t tests_kept() const { return kept_; }
  std::uint64_t tests_dropped() const { return dropped_; }
  // With --before: whether TEST_ID was seen (kept or not).
  bool before_target_seen() const { return target_seen_; }
  // How many tests are held right now.
  std::size_t open_tests() const;

 private:
  struct Compiled;
  struct Pending;
  void decide(Pending& p, bool complete);

  std::unique_ptr<Compiled> c_;
  EventSink& out_;
  std::uint64_t kept_ = 0, dropped_ = 0;
  bool target_seen_ = false, target_done_ = false;
};

// The worker of the first test with id `test_id` that ends in `events`
// (after the spec's renames): its worker tag and route code. Returns false
// if no such test ends (or is left open) in the stream. Used by su-filter
// as the first of its two passes for --before.
class WorkerFinder : public EventSink {
 public:
  // Throws std::invalid_argument as ResultFilter does.
  WorkerFinder(std::string test_id, const FilterSpec& spec);
  ~WorkerFinder() override;
  void on_event(const Event& event) override;
  void finish() override;
  bool found() const { return found_; }
  const FilterSpec::Before& result() const { return result_; }

 private:
  struct State;
  std::unique_ptr<State> s_;
  FilterSpec::Before result_;
  bool found_ = false;
};

}  // namespace su

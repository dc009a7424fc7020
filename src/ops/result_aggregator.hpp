// ResultAggregator: turns events into one TestResult per test, following the
// lifecycle python's testtools uses (spec/subunit-v2.md §10):
//
// - a test is keyed by (test id, route code) and opened by the first event
//   carrying that key; events without a test id are not tests;
// - each event replaces the status if it has one, sets the stop time to its
//   timestamp (even to none), replaces the tags if it has a tag list, and
//   appends non-empty file chunks to the named attachment;
// - a final status (anything but none/inprogress) completes the test: it is
//   handed on and forgotten, so a later event with that key is a new test;
// - at the end, tests still open are handed on incomplete, newest first
//   (python's order), with no stop time.
//
// Memory is what the open tests hold; attachments are kept (or just listed
// with their sizes) only on request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/record_pool.hpp"
#include "event/open_test_index.hpp"
#include "event/sink.hpp"
#include "ops/outcome.hpp"

namespace su {

struct Attachment {
  std::string name;
  std::string mime_type;  // of the first non-empty chunk; may be empty
  std::string bytes;      // only with keep_attachments
  std::uint64_t size = 0;  // bytes seen, kept or not
};

struct TestResult {
  std::string id;
  std::optional<std::string> route_code;
  Status status = Status::none;  // none: never had one ("unknown")
  bool complete = false;         // false: still open at end of stream
  std::optional<Timestamp> start;  // the first event's timestamp
  std::optional<Timestamp> stop;   // the last event's timestamp
  std::optional<std::vector<std::string>> tags;  // the last tag list seen
  std::vector<Attachment> attachments;           // when collected
  std::uint64_t offset = 0;  // where the test's first event starts

  // fail, uxsuccess, or never completed (ops/outcome.hpp: the one rule).
  bool failed() const { return is_failing(outcome_of(status, complete)); }
  // The worker that ran it: the first tag starting with "worker-", else "".
  std::string_view worker_tag() const;
  // Seconds from start to stop, when both are known (python's µs rounding).
  std::optional<double> duration() const;
};

class ResultHandler {
 public:
  virtual ~ResultHandler() = default;
  virtual void on_result(const TestResult& result) = 0;
  // An event with no test id (stray output, stream-level attachments).
  virtual void on_non_test(const Event&) {}
};

struct AggregatorOptions {
  bool keep_attachments = false;
  bool drop_exists = false;  // as StreamToExtendedDecorator does, before keying
  // Lists attachments (name, MIME type, size) without keeping their bytes;
  // implied by keep_attachments.
  bool attachment_sizes = false;
  // Tag lists are copied into each result; a consumer that only counts
  // outcomes (su-ls' exit code) turns this off.
  bool keep_tags = true;
};

class ResultAggregator : public EventSink {
 public:
  explicit ResultAggregator(ResultHandler& out, AggregatorOptions options = {})
      : out_(out), options_(options) {}

  void on_event(const Event& event) override;
  void finish() override;

  std::size_t open_tests() const { return open_.size(); }

 private:
  struct Open {
    TestResult result;
    std::uint64_t sequence = 0;
    bool in_use = false;
    std::vector<std::string> spare_tags;  // storage kept while tags is empty
  };

  // The open test the event belongs to (its index in records_), opened if new.
  std::uint32_t open_for(const Event& e);
  std::uint32_t insert(const Event& e);
  void close(std::uint32_t index);

  ResultHandler& out_;
  AggregatorOptions options_;
  // Open tests live in records_ (finished ones are reused: a test costs no
  // allocation once the first few have warmed the pool up), found through
  // open_ by (id, route) without building a key string: lookups compare
  // the record's own fields.
  RecordPool<Open> records_;
  OpenTestIndex open_;
  std::uint64_t sequence_ = 0;
};

}  // namespace su

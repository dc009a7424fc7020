// FailureWatch: whether a run was unsuccessful by su-ls' exit status, the
// one subunit-ls takes from testtools' StreamSummary: some test's final
// status is `fail`, or some test never finished. Unlike the one rule
// (ops/outcome.hpp), an unexpected success does not count: su-ls' exit
// status is subunit-ls', which scripts rely on. Decided exactly as a
// ResultAggregator (`exists` kept) counting those results decides it,
// without building a result per test.
//
// The aggregator closes a test at the first event with a final status, so
// that event's status is the test's: each `fail` event is a failed test.
// Beyond those, the watch needs only which tests are open (key: id and
// route), to know whether any is left at the end. Once one test has
// failed the answer cannot change, and the watch stops looking.
#pragma once

#include <optional>
#include <string>

#include "base/record_pool.hpp"
#include "event/open_test_index.hpp"
#include "event/sink.hpp"

namespace su {

class FailureWatch : public EventSink {
 public:
  void on_event(const Event& event) override;
  void finish() override;

  // After finish(): whether a test failed or was left unfinished.
  bool failed() const { return failed_; }

 private:
  struct Key {
    std::string id;
    std::optional<std::string> route;
  };

  RecordPool<Key> keys_;
  OpenTestIndex open_;
  bool failed_ = false;
};

}  // namespace su

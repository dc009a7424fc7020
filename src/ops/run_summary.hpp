// RunSummary: what one run said about each of its tests, compact enough to
// hold a million-test run (su-diff keeps two). It is a ResultHandler: feed it
// a ResultAggregator's results.
//
// A test is keyed by its id, or with `by_route` by (id, route code). Every
// result for that key is counted by Outcome, so a test that ran several
// times in the run (retries, until-failure loops, the same test on two
// workers) keeps all of it:
//
// - `exists` results (enumeration, e.g. stestr's before each partition) do
//   not count as runs. A test with only `exists` results is present in the
//   run, with status `exists`, never failing.
// - A test *fails* in the run when any of its results is failing
//   (ops/outcome.hpp: fail, uxsuccess or incomplete).
// - It is *flaky within the run* when it fails and also has a result that
//   passed (success or xfail).
// - Its status is its last executed result's outcome, in the order the
//   aggregator hands them on (incomplete ones come at the end of the stream).
// - Its duration is the mean of the known durations of its executed results.
//
// Memory per test: the key's bytes (in a block arena), a 64-byte entry and
// two 8-byte index slots; nothing else is allocated per result. A summary
// built against a `baseline` (su-diff's NEW against OLD) shares the
// baseline's copy of every key they have in common and remembers where the
// test sits there, so comparing the two needs no more lookups.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ops/outcome.hpp"
#include "ops/result_aggregator.hpp"

namespace su {

inline Outcome outcome_of(const TestResult& result) {
  return outcome_of(result.status, result.complete);
}

struct TestSummary {
  std::array<std::uint32_t, kOutcomeCount> counts{};  // results per Outcome
  Outcome status = Outcome::exists;  // the last executed result's, see above
  std::uint32_t timed = 0;           // executed results with a known duration
  double seconds = 0;                // the sum of those durations

  std::uint32_t count(Outcome o) const { return counts[static_cast<std::size_t>(o)]; }
  // Executed results: everything but `exists`.
  std::uint32_t runs() const;
  bool fails() const;
  bool flaky() const;
  // Mean duration of the executed results, when any was timed.
  std::optional<double> duration() const;
  void add(Outcome o, std::optional<double> seconds);
};

class RunSummary : public ResultHandler {
 public:
  // `baseline`, when given, must outlive this summary and not change.
  explicit RunSummary(bool by_route = false, const RunSummary* baseline = nullptr);
  ~RunSummary() override;
  RunSummary(const RunSummary&) = delete;
  RunSummary& operator=(const RunSummary&) = delete;

  void on_result(const TestResult& result) override;
  // Counts `outcome` for `key` directly (tests, and callers that key
  // results themselves). `key` is made with make_key() when by route.
  void add(std::string_view key, Outcome outcome, std::optional<double> seconds = {});

  bool by_route() const { return by_route_; }
  // Number of distinct tests.
  std::size_t size() const { return size_; }
  // The i-th test in first-seen order, 0 <= i < size(); keys stay valid
  // for the summary's life.
  std::string_view key(std::size_t i) const { return entry(i).key; }
  const TestSummary& test(std::size_t i) const { return entry(i).summary; }
  const TestSummary* find(std::string_view key) const;
  // Where the i-th test sits in the baseline (an index for its key() and
  // test()), or kAbsent. Only with a baseline.
  static constexpr std::uint32_t kAbsent = UINT32_MAX;
  std::uint32_t baseline_index(std::size_t i) const { return baseline_index_[i]; }
  const RunSummary* baseline() const { return baseline_; }

  // Run-wide figures.
  std::uint64_t results() const { return results_; }
  std::optional<std::int64_t> first_micros() const { return first_; }
  std::optional<std::int64_t> last_micros() const { return last_; }
  // Seconds from the earliest to the latest timestamp of any test.
  std::optional<double> elapsed() const;

  // Keys: the id alone, or with a route code "id\0route" (test ids cannot
  // hold NUL), so an empty route differs from none.
  static std::string make_key(std::string_view id, std::optional<std::string_view> route);
  static std::string_view id_of(std::string_view key);
  static std::optional<std::string_view> route_of(std::string_view key);

 private:
  struct Entry {
    std::string_view key;  // into blocks_, or the baseline's
    TestSummary summary;
  };
  // Entries live in fixed blocks, so growing never copies them.
  static constexpr std::size_t kEntryBlockShift = 12;
  static constexpr std::size_t kEntryBlock = std::size_t{1} << kEntryBlockShift;

  Entry& entry(std::size_t i) {
    return entry_blocks_[i >> kEntryBlockShift][i & (kEntryBlock - 1)];
  }
  const Entry& entry(std::size_t i) const {
    return entry_blocks_[i >> kEntryBlockShift][i & (kEntryBlock - 1)];
  }
  // The slot for `key`: a used slot holding it, or the empty one where it
  // belongs. Slots hold the hash's top 32 bits (the tag, which also picks
  // the position) above the entry index + 1; 0 is empty.
  std::size_t probe(std::string_view key, std::uint64_t tag) const;
  std::uint32_t lookup(std::string_view key) const;  // entry index or kAbsent
  TestSummary& slot_for(std::string_view key);
  std::string_view store(std::string_view key);
  void grow();

  bool by_route_;
  const RunSummary* baseline_;
  std::size_t size_ = 0;
  std::vector<std::unique_ptr<Entry[]>> entry_blocks_;
  std::vector<std::uint64_t> slots_;
  std::vector<std::uint32_t> baseline_index_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_left_ = 0;
  char* block_next_ = nullptr;
  std::string scratch_;
  std::uint64_t results_ = 0;
  std::optional<std::int64_t> first_, last_;
};

}  // namespace su

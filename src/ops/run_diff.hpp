// RunDiff: what changed between two runs, as su-diff(1) reports it. Pure
// data over two RunSummary objects (see run_summary.hpp for what "fails",
// "status" and "flaky" mean for one run).
//
// Sections (a test may be in more than one: an added test that fails is in
// `added` and `new-failures`):
//
//   new-failures    fails in NEW; absent from OLD or did not fail there
//   fixed           failed in OLD; present in NEW and does not fail there
//   still-failing   fails in both
//   added           present only in NEW, whatever its status
//   removed         present only in OLD, whatever its status
//   status-changes  present in both, fails in neither, status differs
//                   (success, skip, xfail, exists)
//   slower, faster  present in both with known durations that differ by
//                   more than `min_seconds` and by more than
//                   `slower_percent` percent of the quicker one
//   flaky           flaky within the NEW run
//
// Every section is sorted by key (bytewise), so output is stable.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ops/run_summary.hpp"

namespace su {

enum class Section : std::uint8_t {
  new_failures,
  fixed,
  still_failing,
  added,
  removed,
  status_changes,
  slower,
  faster,
  flaky,
};
inline constexpr std::size_t kSectionCount = 9;

// "new-failures", "fixed", ..., as su-diff's --section takes them.
std::string_view section_name(Section s);
// Parses a section name; false if `name` is not one.
bool parse_section(std::string_view name, Section& out);

struct DiffOptions {
  double slower_percent = 50;  // relative threshold, percent
  double min_seconds = 0.1;    // absolute floor, seconds
};

// The sections one test belongs to, as a bit set (bit i = Section i).
// `old_test` or `new_test` is null when the test is absent from that run
// (not both).
using SectionSet = std::uint32_t;
SectionSet classify(const TestSummary* old_test, const TestSummary* new_test,
                    const DiffOptions& options = {});
inline bool in_section(SectionSet set, Section s) {
  return (set >> static_cast<unsigned>(s)) & 1u;
}

struct DiffEntry {
  std::string_view key;                  // RunSummary key: id, or id\0route
  const TestSummary* old_test = nullptr; // null: absent from OLD
  const TestSummary* new_test = nullptr; // null: absent from NEW
};

// The diff of two runs. Entries point into both summaries, which must
// outlive it. When `new_run` was built with `old_run` as its baseline the
// tests are paired without hash lookups.
class RunDiff {
 public:
  RunDiff(const RunSummary& old_run, const RunSummary& new_run, const DiffOptions& options = {});

  const std::vector<DiffEntry>& section(Section s) const {
    return sections_[static_cast<std::size_t>(s)];
  }
  const RunSummary& old_run() const { return old_; }
  const RunSummary& new_run() const { return new_; }
  const DiffOptions& options() const { return options_; }

  // Tests that fail in the run (the summary line's "failing").
  std::size_t old_failing() const { return old_failing_; }
  std::size_t new_failing() const { return new_failing_; }
  // True when any section but still-failing and flaky has an entry: what
  // su-diff --fail-on=any calls a difference.
  bool any_change() const;

 private:
  const RunSummary& old_;
  const RunSummary& new_;
  DiffOptions options_;
  std::array<std::vector<DiffEntry>, kSectionCount> sections_;
  std::size_t old_failing_ = 0, new_failing_ = 0;
};

}  // namespace su

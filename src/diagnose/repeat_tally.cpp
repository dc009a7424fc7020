// SPDX-License-Identifier: Apache-2.0
#include "diagnose/repeat_tally.hpp"

#include <algorithm>

#include "diagnose/command_probe_runner.hpp"

namespace su {

void RepeatTally::begin_run(std::uint64_t number, bool original_order) {
  if (in_run_) abandon_run();
  current_ = number;
  original_ = original_order;
  in_run_ = true;
}

std::size_t RepeatTally::test_index(std::string_view id) {
  auto [it, inserted] = index_.try_emplace(std::string(id), tests_.size());
  if (inserted) {
    tests_.emplace_back();
    tests_.back().id = id;
  }
  return it->second;
}

void RepeatTally::on_result(const TestResult& result) {
  if (!in_run_) return;
  if (result.complete && result.status == Status::exists) return;
  std::size_t test = test_index(result.id);
  auto [it, inserted] = run_index_.try_emplace(test, run_tests_.size());
  if (inserted) run_tests_.push_back(Seen{test});
  Seen& seen = run_tests_[it->second];
  if (counts_as_failure(result)) {
    seen.failed = true;
  } else if (result.status == Status::skip) {
    seen.skipped = true;
  } else {
    seen.ran = true;
  }
}

std::vector<std::string> RepeatTally::end_run() {
  std::vector<std::string> failed;
  if (!in_run_) return failed;
  for (const Seen& seen : run_tests_) {
    TestTally& t = tests_[seen.test];
    if (seen.failed || seen.ran) {
      ++t.runs;
      if (original_) ++t.original_runs;
    }
    if (seen.failed) {
      ++t.failures;
      if (original_) ++t.original_failures;
      t.failed_runs.push_back(current_);
      failed.push_back(t.id);
    } else if (!seen.ran && seen.skipped) {
      ++t.skips;
    }
  }
  ++runs_;
  if (!failed.empty()) ++failed_runs_;
  run_tests_.clear();
  run_index_.clear();
  in_run_ = false;
  return failed;
}

void RepeatTally::abandon_run() {
  // Tests first seen in the abandoned run stay listed, with nothing counted:
  // they were seen, but no run said anything about them.
  run_tests_.clear();
  run_index_.clear();
  in_run_ = false;
}

const TestTally* RepeatTally::find(std::string_view id) const {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &tests_[it->second];
}

std::uint64_t RepeatTally::failing_tests() const {
  return static_cast<std::uint64_t>(std::count_if(
      tests_.begin(), tests_.end(), [](const TestTally& t) { return t.failures > 0; }));
}

}  // namespace su

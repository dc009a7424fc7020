#include "ops/run_stats.hpp"

namespace su {

void RunStats::add(const TestResult& r) {
  if (r.complete && r.status == Status::exists) return;
  ++total;
  if (r.failed()) ++failed;
  if (!r.complete) {
    ++incomplete;
  } else {
    switch (r.status) {
      case Status::skip: ++skipped; break;
      case Status::success: ++success; break;
      case Status::xfail: ++xfail; break;
      case Status::uxsuccess: ++uxsuccess; break;
      default: break;
    }
  }
  if (r.tags)
    for (const auto& t : *r.tags)
      if (seen_tags_.find(std::string_view(t)) == seen_tags_.end()) {
        seen_tags_.insert(t);
        tags.insert(t);
      }
  std::int64_t start = r.start ? r.start->micros() : 0;
  std::int64_t stop = r.stop ? r.stop->micros() : 0;
  if (r.start) {
    if (!first || start < first_us_) { first = r.start; first_us_ = start; }
    if (!last || start > last_us_) { last = r.start; last_us_ = start; }
  }
  if (r.stop) {
    if (!first || stop < first_us_) { first = r.stop; first_us_ = stop; }
    if (!last || stop > last_us_) { last = r.stop; last_us_ = stop; }
  }
  if (r.start && r.stop) test_seconds += static_cast<double>(stop - start) / 1e6;
}

}  // namespace su

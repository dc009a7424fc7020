#include "ops/run_stats.hpp"

namespace su {

void RunStats::add(const TestResult& r) {
  if (r.complete && r.status == Status::exists) return;
  ++total;
  if (!r.complete) {
    ++failed;
    ++incomplete;
  } else {
    switch (r.status) {
      case Status::fail: ++failed; break;
      case Status::skip: ++skipped; break;
      case Status::success: ++success; break;
      case Status::xfail: ++xfail; break;
      case Status::uxsuccess: ++uxsuccess; break;
      default: break;
    }
  }
  if (r.tags)
    for (const auto& t : *r.tags) tags.insert(t);
  for (const auto& ts : {r.start, r.stop}) {
    if (!ts) continue;
    if (!first || ts->micros() < first->micros()) first = ts;
    if (!last || ts->micros() > last->micros()) last = ts;
  }
  if (auto d = r.duration()) test_seconds += *d;
}

}  // namespace su

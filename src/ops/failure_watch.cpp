#include "ops/failure_watch.hpp"

#include <utility>

#include "event/test_key.hpp"

namespace su {

void FailureWatch::on_event(const Event& e) {
  if (failed_ || !e.test_id) return;
  if (e.status == Status::fail) {
    failed_ = true;
    return;
  }
  OpenTestIndex::Miss miss;
  std::uint32_t held = open_.find(
      *e.test_id, e.route_code,
      [&](std::uint32_t r) { return has_test_key(e, keys_[r].id, keys_[r].route); }, miss);
  if (is_final(e.status)) {
    if (held != OpenTestIndex::kNone) {
      open_.remove(held);
      keys_.release(held);
    }
    return;
  }
  if (held != OpenTestIndex::kNone) return;
  std::uint32_t r = keys_.take();
  keys_[r].id.assign(*e.test_id);
  if (e.route_code) keys_[r].route.emplace(*e.route_code);
  else keys_[r].route.reset();
  open_.add(r, miss, [this](std::uint32_t k) {
    return std::pair(std::string_view(keys_[k].id), route_view(keys_[k].route));
  });
}

void FailureWatch::finish() {
  if (open_.size() > 0) failed_ = true;
}

}  // namespace su

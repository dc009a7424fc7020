#include "ops/stats_counter.hpp"

#include <algorithm>

#include "event/test_key.hpp"

namespace su {

void StatsCounter::on_event(const Event& e) {
  if (!e.test_id) {
    if (passthrough_) passthrough_->on_non_test(e);
    return;
  }
  // Dropped before keying, as StreamToExtendedDecorator drops them.
  if (e.status == Status::exists) return;
  OpenTestIndex::Miss miss;
  std::uint32_t index = open_.find(
      *e.test_id, e.route_code,
      [&](std::uint32_t r) {
        return has_test_key(e, records_[r].id, records_[r].route_code);
      },
      miss);
  // An open test's status is never final (a final one closes it), so the
  // event's own status says whether this event completes the test.
  if (is_final(e.status)) {
    if (index == OpenTestIndex::kNone) {
      // Opened and completed by this one event.
      stats.add_test(true, e.status, e.tags ? &*e.tags : nullptr, e.timestamp, e.timestamp);
      return;
    }
    const Open& open = records_[index];
    if (e.tags)
      stats.add_test(true, e.status, &*e.tags, open.start, e.timestamp);
    else
      stats.add_test(true, e.status, open.has_tags ? &open.tags : nullptr, open.start,
                     e.timestamp);
    close(index);
    return;
  }
  if (index == OpenTestIndex::kNone) {
    index = insert(e);
    open_.add(index, miss, [&](std::uint32_t r) {
      return std::pair(std::string_view(records_[r].id), route_view(records_[r].route_code));
    });
  }
  Open& open = records_[index];
  if (e.tags) {
    open.has_tags = true;
    open.tags.assign(e.tags->begin(), e.tags->end());
  }
}

std::uint32_t StatsCounter::insert(const Event& e) {
  std::uint32_t index = records_.take();
  Open& open = records_[index];
  open.in_use = true;
  open.sequence = sequence_++;
  open.id.assign(*e.test_id);
  if (e.route_code) open.route_code.emplace(*e.route_code);
  else open.route_code.reset();
  open.start = e.timestamp;
  open.has_tags = false;
  return index;
}

void StatsCounter::close(std::uint32_t index) {
  open_.remove(index);
  records_[index].in_use = false;
  records_.release(index);
}

void StatsCounter::finish() {
  std::vector<const Open*> left;
  left.reserve(open_.size());
  for (const auto& open : records_)
    if (open.in_use) left.push_back(&open);
  std::sort(left.begin(), left.end(),
            [](const Open* a, const Open* b) { return a->sequence > b->sequence; });
  // An incomplete test counts the same whatever its last (not final) status.
  for (const Open* open : left)
    stats.add_test(false, Status::none, open->has_tags ? &open->tags : nullptr, open->start,
                   std::nullopt);
  records_.clear();
  open_.clear();
}

}  // namespace su

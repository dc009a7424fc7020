#include "ops/result_aggregator.hpp"

#include <algorithm>
#include <utility>

#include "event/test_key.hpp"

namespace su {

std::string_view TestResult::worker_tag() const {
  if (tags)
    for (const auto& t : *tags)
      if (t.rfind("worker-", 0) == 0) return t;
  return {};
}

std::optional<double> TestResult::duration() const {
  if (!start || !stop) return std::nullopt;
  return static_cast<double>(stop->micros() - start->micros()) / 1e6;
}

std::uint32_t ResultAggregator::open_for(const Event& e) {
  OpenTestIndex::Miss miss;
  std::uint32_t index = open_.find(
      *e.test_id, e.route_code,
      [&](std::uint32_t r) {
        const TestResult& held = records_[r].result;
        return has_test_key(e, held.id, held.route_code);
      },
      miss);
  if (index != OpenTestIndex::kNone) return index;
  index = insert(e);
  open_.add(index, miss, [&](std::uint32_t r) {
    const TestResult& held = records_[r].result;
    return std::pair(std::string_view(held.id), route_view(held.route_code));
  });
  return index;
}

std::uint32_t ResultAggregator::insert(const Event& e) {
  std::uint32_t index = records_.take();
  Open& open = records_[index];
  open.in_use = true;
  open.sequence = sequence_++;
  TestResult& r = open.result;
  r.id.assign(*e.test_id);
  if (e.route_code) r.route_code.emplace(*e.route_code);
  else r.route_code.reset();
  r.status = Status::none;
  r.complete = false;
  r.start = e.timestamp;
  r.offset = e.offset;
  return index;
}

void ResultAggregator::close(std::uint32_t index) {
  Open& open = records_[index];
  open_.remove(index);
  open.in_use = false;
  if (open.result.tags) {
    open.spare_tags = std::move(*open.result.tags);
    open.result.tags.reset();
  }
  open.result.attachments.clear();
  records_.release(index);
}

void ResultAggregator::on_event(const Event& e) {
  if (!e.test_id) {
    out_.on_non_test(e);
    return;
  }
  if (options_.drop_exists && e.status == Status::exists) return;
  std::uint32_t index = open_for(e);
  Open& open = records_[index];
  TestResult& r = open.result;
  if (e.status != Status::none) r.status = e.status;
  r.stop = e.timestamp;
  if (e.tags && options_.keep_tags) {
    if (!r.tags) r.tags.emplace(std::move(open.spare_tags));
    r.tags->resize(e.tags->size());
    for (std::size_t i = 0; i < e.tags->size(); ++i) (*r.tags)[i].assign((*e.tags)[i]);
  }
  if ((options_.keep_attachments || options_.attachment_sizes) && e.file_name &&
      !e.file_bytes.empty()) {
    auto a = std::find_if(r.attachments.begin(), r.attachments.end(),
                          [&](const Attachment& x) { return x.name == *e.file_name; });
    if (a == r.attachments.end()) {
      r.attachments.push_back({std::string(*e.file_name),
                               std::string(e.mime_type.value_or("")), {}, 0});
      a = r.attachments.end() - 1;
    }
    a->size += e.file_bytes.size();
    if (options_.keep_attachments) a->bytes.append(e.file_bytes);
  }
  if (is_final(r.status)) {
    r.complete = true;
    out_.on_result(r);
    close(index);
  }
}

void ResultAggregator::finish() {
  std::vector<Open*> left;
  left.reserve(open_tests());
  for (auto& open : records_)
    if (open.in_use) left.push_back(&open);
  std::sort(left.begin(), left.end(),
            [](const Open* a, const Open* b) { return a->sequence > b->sequence; });
  for (Open* open : left) {
    open->result.stop.reset();
    out_.on_result(open->result);
  }
  records_.clear();
  open_.clear();
}

}  // namespace su

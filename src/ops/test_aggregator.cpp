#include "ops/test_aggregator.hpp"

#include <algorithm>

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

void TestAggregator::on_event(const Event& e) {
  if (!e.test_id) {
    out_.on_non_test(e);
    return;
  }
  if (options_.drop_exists && e.status == Status::exists) return;
  key_.assign(*e.test_id);
  key_.push_back('\0');  // ids cannot hold NUL, so this separates uniquely
  if (e.route_code) {
    key_.push_back('\1');
    key_.append(*e.route_code);
  }
  auto [it, created] = open_.try_emplace(key_);
  TestResult& r = it->second.result;
  if (created) {
    it->second.sequence = sequence_++;
    r.id.assign(*e.test_id);
    if (e.route_code) r.route_code.emplace(*e.route_code);
    r.start = e.timestamp;
    r.offset = e.offset;
  }
  if (e.status != Status::none) r.status = e.status;
  r.stop = e.timestamp;
  if (e.tags) r.tags.emplace(e.tags->begin(), e.tags->end());
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
    open_.erase(it);
  }
}

void TestAggregator::finish() {
  std::vector<Open*> left;
  left.reserve(open_.size());
  for (auto& [key, open] : open_) left.push_back(&open);
  std::sort(left.begin(), left.end(),
            [](const Open* a, const Open* b) { return a->sequence > b->sequence; });
  for (Open* open : left) {
    open->result.stop.reset();
    out_.on_result(open->result);
  }
  open_.clear();
}

}  // namespace su

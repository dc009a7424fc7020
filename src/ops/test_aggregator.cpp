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

TestAggregator::OpenMap::iterator TestAggregator::open_for(const Event& e) {
  if (last_valid_) {
    const TestResult& r = last_->second.result;
    if (r.id == *e.test_id && r.route_code.has_value() == e.route_code.has_value() &&
        (!e.route_code || *r.route_code == *e.route_code))
      return last_;
  }
  auto it = find_or_open(e);
  last_ = it;
  last_valid_ = true;
  return it;
}

TestAggregator::OpenMap::iterator TestAggregator::find_or_open(const Event& e) {
  key_.assign(*e.test_id);
  key_.push_back('\0');  // ids cannot hold NUL, so this separates uniquely
  if (e.route_code) {
    key_.push_back('\1');
    key_.append(*e.route_code);
  }
  auto it = open_.find(std::string_view(key_));
  if (it != open_.end()) return it;
  if (spare_.empty()) {
    it = open_.emplace(key_, Open{}).first;
  } else {
    OpenMap::node_type node = std::move(spare_.back());
    spare_.pop_back();
    node.key() = key_;
    it = open_.insert(std::move(node)).position;
  }
  Open& open = it->second;
  TestResult& r = open.result;
  open.sequence = sequence_++;
  r.id.assign(*e.test_id);
  if (e.route_code) r.route_code.emplace(*e.route_code);
  else r.route_code.reset();
  r.status = Status::none;
  r.complete = false;
  r.start = e.timestamp;
  r.offset = e.offset;
  return it;
}

void TestAggregator::recycle(OpenMap::iterator it) {
  last_valid_ = false;
  OpenMap::node_type node = open_.extract(it);
  if (spare_.size() >= 64) return;
  Open& open = node.mapped();
  if (open.result.tags) {
    open.spare_tags = std::move(*open.result.tags);
    open.result.tags.reset();
  }
  open.result.attachments.clear();
  spare_.push_back(std::move(node));
}

void TestAggregator::on_event(const Event& e) {
  if (!e.test_id) {
    out_.on_non_test(e);
    return;
  }
  if (options_.drop_exists && e.status == Status::exists) return;
  auto it = open_for(e);
  Open& open = it->second;
  TestResult& r = open.result;
  if (e.status != Status::none) r.status = e.status;
  r.stop = e.timestamp;
  if (e.tags) {
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
    recycle(it);
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
  last_valid_ = false;
}

}  // namespace su

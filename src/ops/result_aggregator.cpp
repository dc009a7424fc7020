#include "ops/result_aggregator.hpp"

#include <algorithm>
#include <cstring>

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

namespace {

std::uint64_t key_hash(const Event& e) { return test_key_hash(*e.test_id, e.route_code); }

std::uint64_t key_hash(const TestResult& r) {
  std::optional<std::string_view> route;
  if (r.route_code) route = *r.route_code;
  return test_key_hash(r.id, route);
}

[[gnu::always_inline]] inline bool same_test(const TestResult& r, const Event& e) {
  return same_string(r.id, *e.test_id) &&
         r.route_code.has_value() == e.route_code.has_value() &&
         (!e.route_code || same_string(*r.route_code, *e.route_code));
}

}  // namespace

std::uint32_t ResultAggregator::open_for(const Event& e) {
  if (indexed_) {
    if (last_ != kNoLast && same_test(records_[last_].result, e)) return last_;
    return last_ = open_hashed(e);
  }
  std::uint32_t fp = tail_fingerprint(*e.test_id);
  for (std::uint32_t m = few_.matches(fp); m != 0; m &= m - 1) {
    std::uint32_t record = few_.record(static_cast<unsigned>(std::countr_zero(m)));
    if (same_test(records_[record].result, e)) return record;
  }
  if (!few_.full()) {
    std::uint32_t index = insert(e, 0);
    records_[index].few_slot = few_.add(fp, index);
    return index;
  }
  start_indexing();
  return last_ = open_hashed(e);
}

void ResultAggregator::start_indexing() {
  for (std::uint32_t m = few_.used(); m != 0; m &= m - 1) {
    std::uint32_t record = few_.record(static_cast<unsigned>(std::countr_zero(m)));
    Open& open = records_[record];
    open.hash = key_hash(open.result);
    std::size_t slot = 0;
    index_.find(open.hash, [](std::uint32_t) { return false; }, slot);
    index_.insert(slot, record, hash_of());
  }
  few_.clear();
  indexed_ = true;
  last_ = kNoLast;
}

std::uint32_t ResultAggregator::open_hashed(const Event& e) {
  std::uint64_t h = key_hash(e);
  std::size_t slot = 0;
  std::uint32_t index = index_.find(
      h, [&](std::uint32_t r) { return records_[r].hash == h && same_test(records_[r].result, e); },
      slot);
  if (index == HashIndex::kNone) {
    index = insert(e, h);
    index_.insert(slot, index, hash_of());
  }
  return index;
}

std::uint32_t ResultAggregator::insert(const Event& e, std::uint64_t hash) {
  std::uint32_t index;
  if (free_.empty()) {
    index = static_cast<std::uint32_t>(records_.size());
    records_.emplace_back();
  } else {
    index = free_.back();
    free_.pop_back();
  }
  Open& open = records_[index];
  open.in_use = true;
  open.hash = hash;
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
  if (indexed_) {
    index_.erase(open.hash, index, hash_of());
    if (index_.size() == 0) indexed_ = false;
  } else {
    few_.remove(open.few_slot);
  }
  open.in_use = false;
  if (open.result.tags) {
    open.spare_tags = std::move(*open.result.tags);
    open.result.tags.reset();
  }
  open.result.attachments.clear();
  free_.push_back(index);
  if (last_ == index) last_ = kNoLast;
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
  free_.clear();
  index_.clear();
  few_.clear();
  indexed_ = false;
  last_ = kNoLast;
}

}  // namespace su

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

namespace {

std::uint64_t key_hash(const Event& e) {
  std::uint64_t h = hash_bytes(*e.test_id);
  if (e.route_code) h ^= (hash_bytes(*e.route_code) + 1) * 0x9E3779B97F4A7C15ull;
  return h;
}

bool same_test(const TestResult& r, const Event& e) {
  return r.id == *e.test_id && r.route_code.has_value() == e.route_code.has_value() &&
         (!e.route_code || *r.route_code == *e.route_code);
}

}  // namespace

std::uint32_t TestAggregator::open_for(const Event& e) {
  if (last_ != kEmpty && same_test(records_[last_ - 1].result, e)) return last_ - 1;
  std::uint64_t h = key_hash(e);
  std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  for (; slots_[i] != kEmpty; i = (i + 1) & mask) {
    const Open& o = records_[slots_[i] - 1];
    if (o.hash == h && same_test(o.result, e)) {
      last_ = slots_[i];
      return slots_[i] - 1;
    }
  }
  std::uint32_t index = insert(e, h, i);
  last_ = index + 1;
  return index;
}

std::uint32_t TestAggregator::insert(const Event& e, std::uint64_t hash, std::size_t slot) {
  std::uint32_t index;
  if (free_.empty()) {
    index = static_cast<std::uint32_t>(records_.size());
    records_.emplace_back();
  } else {
    index = free_.back();
    free_.pop_back();
  }
  slots_[slot] = index + 1;
  ++live_;
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
  if (live_ * 2 > slots_.size()) grow();
  return index;
}

void TestAggregator::close(std::uint32_t index) {
  Open& open = records_[index];
  std::size_t mask = slots_.size() - 1;
  std::size_t hole = open.hash & mask;
  while (slots_[hole] != index + 1) hole = (hole + 1) & mask;
  // Backward shift: move each later entry of the probe run into the hole
  // unless its home slot lies cyclically after the hole (it would then be
  // unreachable from its home).
  for (std::size_t j = (hole + 1) & mask; slots_[j] != kEmpty; j = (j + 1) & mask) {
    std::size_t home = records_[slots_[j] - 1].hash & mask;
    if (((j - home) & mask) >= ((j - hole) & mask)) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = kEmpty;
  open.in_use = false;
  if (open.result.tags) {
    open.spare_tags = std::move(*open.result.tags);
    open.result.tags.reset();
  }
  open.result.attachments.clear();
  free_.push_back(index);
  --live_;
  if (last_ == index + 1) last_ = kEmpty;
}

void TestAggregator::grow() {
  std::size_t size = slots_.size() * 2;
  slots_.assign(size, kEmpty);
  for (std::uint32_t index = 0; index < records_.size(); ++index) {
    if (!records_[index].in_use) continue;
    std::size_t i = records_[index].hash & (size - 1);
    while (slots_[i] != kEmpty) i = (i + 1) & (size - 1);
    slots_[i] = index + 1;
  }
}

void TestAggregator::on_event(const Event& e) {
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
    close(index);
  }
}

void TestAggregator::finish() {
  std::vector<Open*> left;
  left.reserve(live_);
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
  slots_.assign(64, kEmpty);
  live_ = 0;
  last_ = kEmpty;
}

}  // namespace su

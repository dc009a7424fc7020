#include "ops/run_summary.hpp"

#include <cstring>
#include <functional>

namespace su {
namespace {

// Keys are copied into blocks this big (longer keys get a block of their
// own), so a million ids cost a few hundred allocations, not a million.
constexpr std::size_t kBlockSize = 1 << 20;

}  // namespace

std::uint32_t TestSummary::runs() const {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < kOutcomeCount; ++i)
    if (static_cast<Outcome>(i) != Outcome::exists) n += counts[i];
  return n;
}

bool TestSummary::fails() const {
  for (std::size_t i = 0; i < kOutcomeCount; ++i)
    if (counts[i] && is_failing(static_cast<Outcome>(i))) return true;
  return false;
}

bool TestSummary::flaky() const {
  return fails() && count(Outcome::success) + count(Outcome::xfail) > 0;
}

std::optional<double> TestSummary::duration() const {
  if (timed == 0) return std::nullopt;
  return seconds / timed;
}

void TestSummary::add(Outcome o, std::optional<double> d) {
  ++counts[static_cast<std::size_t>(o)];
  if (o == Outcome::exists) {
    // An enumeration is not a run: it sets the status only until the test
    // really runs, and its (zero) duration would drag the mean down.
    if (runs() == 0) status = o;
    return;
  }
  status = o;
  if (d) {
    ++timed;
    seconds += *d;
  }
}

RunSummary::RunSummary(bool by_route, const RunSummary* baseline)
    : by_route_(by_route), baseline_(baseline), slots_(1024, 0) {}

RunSummary::~RunSummary() = default;

std::string RunSummary::make_key(std::string_view id, std::optional<std::string_view> route) {
  std::string key(id);
  if (route) {
    key.push_back('\0');
    key.append(*route);
  }
  return key;
}

std::string_view RunSummary::id_of(std::string_view key) {
  return key.substr(0, key.find('\0'));
}

std::optional<std::string_view> RunSummary::route_of(std::string_view key) {
  auto nul = key.find('\0');
  if (nul == std::string_view::npos) return std::nullopt;
  return key.substr(nul + 1);
}

void RunSummary::on_result(const TestResult& r) {
  ++results_;
  for (const auto& ts : {r.start, r.stop}) {
    if (!ts) continue;
    std::int64_t us = ts->micros();
    if (!first_ || us < *first_) first_ = us;
    if (!last_ || us > *last_) last_ = us;
  }
  std::string_view key = r.id;
  if (by_route_ && r.route_code) {
    scratch_.assign(r.id);
    scratch_.push_back('\0');
    scratch_.append(*r.route_code);
    key = scratch_;
  }
  slot_for(key).add(outcome_of(r), r.duration());
}

void RunSummary::add(std::string_view key, Outcome outcome, std::optional<double> seconds) {
  slot_for(key).add(outcome, seconds);
}

std::optional<double> RunSummary::elapsed() const {
  if (!first_ || !last_) return std::nullopt;
  return static_cast<double>(*last_ - *first_) / 1e6;
}

std::size_t RunSummary::probe(std::string_view key, std::uint64_t tag) const {
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
    std::uint64_t s = slots_[i];
    // Comparing tags first keeps most probes off the entries and keys.
    if (s == 0 || ((s >> 32) == tag && entry((s & 0xffffffffu) - 1).key == key)) return i;
  }
}

std::uint32_t RunSummary::lookup(std::string_view key) const {
  std::uint64_t s = slots_[probe(key, std::hash<std::string_view>{}(key) >> 32)];
  return s == 0 ? kAbsent : static_cast<std::uint32_t>((s & 0xffffffffu) - 1);
}

const TestSummary* RunSummary::find(std::string_view key) const {
  std::uint32_t i = lookup(key);
  return i == kAbsent ? nullptr : &entry(i).summary;
}

TestSummary& RunSummary::slot_for(std::string_view key) {
  std::uint64_t tag = std::hash<std::string_view>{}(key) >> 32;
  std::size_t i = probe(key, tag);
  if (slots_[i] != 0) return entry((slots_[i] & 0xffffffffu) - 1).summary;

  if ((size_ & (kEntryBlock - 1)) == 0) entry_blocks_.push_back(std::make_unique<Entry[]>(kEntryBlock));
  Entry& e = entry(size_);
  if (baseline_) {
    std::uint32_t there = baseline_->lookup(key);
    baseline_index_.push_back(there);
    e.key = there == kAbsent ? store(key) : baseline_->key(there);
  } else {
    e.key = store(key);
  }
  slots_[i] = tag << 32 | (size_ + 1);
  ++size_;
  // Linear probing stays short while at most half the slots are used.
  if (size_ * 2 > slots_.size()) grow();
  return e.summary;
}

void RunSummary::grow() {
  std::vector<std::uint64_t> slots(slots_.size() * 2, 0);
  std::size_t mask = slots.size() - 1;
  for (std::uint64_t s : slots_) {
    if (s == 0) continue;
    std::size_t i = (s >> 32) & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = s;
  }
  slots_ = std::move(slots);
}

std::string_view RunSummary::store(std::string_view key) {
  if (key.empty()) return {};
  if (key.size() > block_left_) {
    std::size_t size = key.size() > kBlockSize / 4 ? key.size() : kBlockSize;
    blocks_.push_back(std::make_unique<char[]>(size));
    if (size == kBlockSize) {
      block_next_ = blocks_.back().get();
      block_left_ = size;
    } else {
      // A big key's own block; keep filling the current one afterwards.
      std::memcpy(blocks_.back().get(), key.data(), key.size());
      return {blocks_.back().get(), key.size()};
    }
  }
  std::memcpy(block_next_, key.data(), key.size());
  std::string_view stored{block_next_, key.size()};
  block_next_ += key.size();
  block_left_ -= key.size();
  return stored;
}

}  // namespace su

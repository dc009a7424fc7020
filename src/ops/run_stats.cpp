#include "ops/run_stats.hpp"

namespace su {

void RunStats::add(const TestResult& r) {
  if (r.complete && r.status == Status::exists) return;
  add_test(r.complete, r.status, r.tags ? &*r.tags : nullptr, r.start, r.stop);
}

void RunStats::note_tag(std::string_view t) {
  std::uint64_t h = hash_bytes(t);
  std::size_t slot = 0;
  auto same = [&](std::uint32_t i) { return seen_hashes_[i] == h && same_string(seen_tags_[i], t); };
  if (seen_index_.find(h, same, slot) == HashIndex::kNone) {
    seen_tags_.push_back(*tags.insert(std::string(t)).first);
    seen_hashes_.push_back(h);
    seen_index_.insert(slot, static_cast<std::uint32_t>(seen_tags_.size() - 1),
                       [&](std::uint32_t i) { return seen_hashes_[i]; });
  }
  if (t.size() >= 8 && t.size() <= 16)
    recent_tags_[static_cast<unsigned char>(t.back()) % recent_tags_.size()] = {
        hash_detail::load64(t.data()), hash_detail::load64(t.data() + t.size() - 8), t.size()};
}

}  // namespace su

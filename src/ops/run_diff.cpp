#include "ops/run_diff.hpp"

#include <algorithm>

namespace su {
namespace {

constexpr std::array<std::string_view, kSectionCount> kSectionNames = {
    "new-failures", "fixed", "still-failing", "added", "removed",
    "status-changes", "slower", "faster", "flaky",
};

SectionSet bit(Section s) { return SectionSet{1} << static_cast<unsigned>(s); }

}  // namespace

std::string_view section_name(Section s) { return kSectionNames[static_cast<std::size_t>(s)]; }

bool parse_section(std::string_view name, Section& out) {
  for (std::size_t i = 0; i < kSectionCount; ++i) {
    if (kSectionNames[i] == name) {
      out = static_cast<Section>(i);
      return true;
    }
  }
  return false;
}

SectionSet classify(const TestSummary* o, const TestSummary* n, const DiffOptions& options) {
  SectionSet set = 0;
  if (n && n->flaky()) set |= bit(Section::flaky);
  if (!o) {
    if (!n) return set;
    set |= bit(Section::added);
    if (n->fails()) set |= bit(Section::new_failures);
    return set;
  }
  if (!n) return set | bit(Section::removed);
  if (n->fails())
    set |= bit(o->fails() ? Section::still_failing : Section::new_failures);
  else if (o->fails())
    set |= bit(Section::fixed);
  else if (o->status != n->status)
    set |= bit(Section::status_changes);
  auto before = o->duration(), after = n->duration();
  if (before && after) {
    // The same threshold read both ways, so "faster" undoes "slower".
    double factor = 1 + options.slower_percent / 100;
    if (*after - *before > options.min_seconds && *after > *before * factor)
      set |= bit(Section::slower);
    else if (*before - *after > options.min_seconds && *before > *after * factor)
      set |= bit(Section::faster);
  }
  return set;
}

RunDiff::RunDiff(const RunSummary& old_run, const RunSummary& new_run, const DiffOptions& options)
    : old_(old_run), new_(new_run), options_(options) {
  auto file = [&](std::string_view key, const TestSummary* o, const TestSummary* n) {
    SectionSet set = classify(o, n, options_);
    for (std::size_t s = 0; s < kSectionCount; ++s)
      if (in_section(set, static_cast<Section>(s))) sections_[s].push_back({key, o, n});
  };
  if (new_.baseline() == &old_) {
    // NEW was summarised against OLD: the pairs are known already.
    std::vector<bool> matched(old_.size());
    for (std::size_t i = 0; i < new_.size(); ++i) {
      const TestSummary& n = new_.test(i);
      if (n.fails()) ++new_failing_;
      std::uint32_t there = new_.baseline_index(i);
      if (there != RunSummary::kAbsent) matched[there] = true;
      file(new_.key(i), there == RunSummary::kAbsent ? nullptr : &old_.test(there), &n);
    }
    for (std::size_t i = 0; i < old_.size(); ++i) {
      const TestSummary& o = old_.test(i);
      if (o.fails()) ++old_failing_;
      if (!matched[i]) file(old_.key(i), &o, nullptr);
    }
  } else {
    for (std::size_t i = 0; i < old_.size(); ++i) {
      const TestSummary& o = old_.test(i);
      if (o.fails()) ++old_failing_;
      file(old_.key(i), &o, new_.find(old_.key(i)));
    }
    for (std::size_t i = 0; i < new_.size(); ++i) {
      const TestSummary& n = new_.test(i);
      if (n.fails()) ++new_failing_;
      if (!old_.find(new_.key(i))) file(new_.key(i), nullptr, &n);
    }
  }
  for (auto& entries : sections_)
    std::sort(entries.begin(), entries.end(),
              [](const DiffEntry& a, const DiffEntry& b) { return a.key < b.key; });
}

bool RunDiff::any_change() const {
  for (std::size_t s = 0; s < kSectionCount; ++s) {
    auto section = static_cast<Section>(s);
    if (section == Section::still_failing || section == Section::flaky) continue;
    if (!sections_[s].empty()) return true;
  }
  return false;
}

}  // namespace su

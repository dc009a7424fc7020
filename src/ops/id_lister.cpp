#include "ops/id_lister.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "base/hash.hpp"
#include "base/timestamp.hpp"

namespace su {

std::string format_seconds_3(std::int64_t micros) {
  std::string out;
  if (append_seconds_3(micros, out)) return out;
  // timedelta keeps whole seconds (floored) and 0..999999 microseconds;
  // python adds them as floats and prints "%0.3f".
  std::int64_t whole = micros / 1000000, frac = micros % 1000000;
  if (frac < 0) { frac += 1000000; --whole; }
  double seconds = static_cast<double>(whole) + static_cast<double>(frac) / 1000000.0;
  // Hand formatting kept (runs once per listed test on su-ls's hot path,
  // tuned by measurement); "%0.3f" is python's spelling of the same float.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%0.3f", seconds);
  return buf;
}

std::uint32_t IdLister::find(std::string_view id, OpenTestIndex::Miss& miss) {
  return open_.find(id, kNoRoute, [&](std::uint32_t r) { return same_string(active_[r].id, id); },
                    miss);
}

void IdLister::on_event(const Event& e) {
  if (!e.test_id) {
    if (options_.passthrough && e.file_name) out_.write(e.file_bytes);
    return;
  }
  std::string_view id = *e.test_id;
  if (id.empty()) return;
  if (e.timestamp) now_ = e.timestamp->micros();
  if (e.status == Status::exists) {
    if (options_.exists) report(id, 0);
  } else if (e.status == Status::inprogress || e.status == Status::none) {
    OpenTestIndex::Miss miss;
    std::uint32_t r = find(id, miss);
    if (r == OpenTestIndex::kNone) {
      if (free_.empty()) {
        r = static_cast<std::uint32_t>(active_.size());
        active_.emplace_back();
      } else {
        r = free_.back();
        free_.pop_back();
      }
      Active& a = active_[r];
      a.id.assign(id);
      a.sequence = sequence_++;
      a.live = true;
      open_.add(r, miss, [this](std::uint32_t held) {
        return std::pair(std::string_view(active_[held].id), kNoRoute);
      });
    }
    active_[r].start = now_;
  } else {
    end_test(id);
  }
}

void IdLister::end_test(std::string_view id) {
  OpenTestIndex::Miss miss;
  std::uint32_t r = find(id, miss);
  std::optional<std::int64_t> start;
  if (r != OpenTestIndex::kNone) {
    start = active_[r].start;
    active_[r].live = false;
    open_.remove(r);
    free_.push_back(r);
  }
  if (start && now_) report(id, *now_ - *start);
  else report(id, 0);
}

void IdLister::report(std::string_view id, std::optional<std::int64_t> micros) {
  out_.write(id);
  if (options_.times) {
    scratch_.assign(1, ' ');
    if (!append_seconds_3(micros.value_or(0), scratch_)) scratch_ += format_seconds_3(micros.value_or(0));
    out_.write(scratch_);
  }
  out_.put('\n');
}

void IdLister::finish() {
  std::vector<std::pair<std::uint64_t, std::string>> left;
  for (const Active& a : active_)
    if (a.live) left.emplace_back(a.sequence, a.id);
  std::sort(left.begin(), left.end());
  for (auto& [seq, id] : left) end_test(id);
  out_.flush();
}

}  // namespace su

#include "ops/test_lister.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace su {

std::string format_seconds_3(std::int64_t micros) {
  // timedelta keeps whole seconds (floored) and 0..999999 microseconds;
  // python adds them as floats, so do the same to print the same digits.
  std::int64_t whole = micros / 1000000, frac = micros % 1000000;
  if (frac < 0) { frac += 1000000; --whole; }
  double seconds = static_cast<double>(whole) + static_cast<double>(frac) / 1000000.0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%0.3f", seconds);
  return buf;
}

void TestLister::on_event(const Event& e) {
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
    key_.assign(id);
    auto [it, created] = active_.try_emplace(key_);
    if (created) it->second.sequence = sequence_++;
    it->second.start = now_;
  } else {
    end_test(id);
  }
}

void TestLister::end_test(std::string_view id) {
  key_.assign(id);
  auto it = active_.find(key_);
  std::optional<std::int64_t> start;
  if (it != active_.end()) {
    start = it->second.start;
    active_.erase(it);
  }
  if (start && now_) report(id, *now_ - *start);
  else report(id, 0);
}

void TestLister::report(std::string_view id, std::optional<std::int64_t> micros) {
  out_.write(id);
  if (options_.times) {
    out_.put(' ');
    out_.write(format_seconds_3(micros.value_or(0)));
  }
  out_.put('\n');
}

void TestLister::finish() {
  std::vector<std::pair<std::uint64_t, std::string>> left;
  for (auto& [id, a] : active_) left.emplace_back(a.sequence, id);
  std::sort(left.begin(), left.end());
  for (auto& [seq, id] : left) end_test(id);
  out_.flush();
}

}  // namespace su

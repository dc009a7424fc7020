#include "ops/test_lister.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace su {

std::string format_seconds_3(std::int64_t micros) {
  // timedelta keeps whole seconds (floored) and 0..999999 microseconds;
  // python adds them as floats and prints "%0.3f".
  std::int64_t whole = micros / 1000000, frac = micros % 1000000;
  if (frac < 0) { frac += 1000000; --whole; }
  if (frac % 1000 != 500 && whole >= 0 && whole < 1000000000) {
    // Not a tie: the float sum is within far less than 0.5 ms of the exact
    // value, so integer rounding gives the digits printf would.
    std::int64_t ms = (frac + 500) / 1000;
    std::int64_t w = whole + ms / 1000;
    ms %= 1000;
    std::string out = std::to_string(w);
    out.push_back('.');
    out.push_back(static_cast<char>('0' + ms / 100));
    out.push_back(static_cast<char>('0' + ms / 10 % 10));
    out.push_back(static_cast<char>('0' + ms % 10));
    return out;
  }
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
    auto it = active_.find(id);
    if (it == active_.end()) {
      if (spare_.empty()) {
        it = active_.emplace(std::string(id), Active{}).first;
      } else {
        ActiveMap::node_type node = std::move(spare_.back());
        spare_.pop_back();
        node.key().assign(id);
        it = active_.insert(std::move(node)).position;
      }
      it->second.sequence = sequence_++;
    }
    it->second.start = now_;
  } else {
    end_test(id);
  }
}

void TestLister::end_test(std::string_view id) {
  auto it = active_.find(id);
  std::optional<std::int64_t> start;
  if (it != active_.end()) {
    start = it->second.start;
    ActiveMap::node_type node = active_.extract(it);
    if (spare_.size() < 64) spare_.push_back(std::move(node));
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

// SPDX-License-Identifier: Apache-2.0
#include "archive/run_indexer.hpp"

#include <algorithm>

namespace su {
namespace {

// ResultAggregator's key: (test id, route code).
void test_key(std::string& key, std::string_view id, const std::optional<std::string_view>& route) {
  key.assign(id);
  key.push_back('\0');
  if (route) {
    key.push_back('\1');
    key.append(*route);
  }
}

std::int64_t to_ns(const Timestamp& t) {
  return static_cast<std::int64_t>(t.seconds) * 1000000000 + t.nanos;
}

}  // namespace

RunIndexer::RunIndexer()
    : aggregator_(*this, {.keep_attachments = false, .drop_exists = true}) {}

void RunIndexer::on_event(const Event& e) {
  // Attachment sizes are counted here, before the aggregator sees the
  // event: it completes the test (and calls on_result) on a final status,
  // by which time the test's content has all been counted.
  if (e.test_id && e.file_name && !e.file_bytes.empty() && e.status != Status::exists) {
    test_key(key_, *e.test_id, e.route_code);
    attachment_bytes_[key_] += e.file_bytes.size();
  }
  aggregator_.on_event(e);
}

std::uint32_t RunIndexer::intern(std::map<std::string, std::uint32_t, std::less<>>& table,
                                 std::string_view name) {
  auto it = table.find(name);
  if (it != table.end()) return it->second;
  auto number = static_cast<std::uint32_t>(table.size() + 1);
  table.emplace(std::string(name), number);
  return number;
}

void RunIndexer::on_result(const TestResult& r) {
  stats_.add(r);
  Pending& p = pending_.emplace_back();
  p.id = r.id;
  TestRow& row = p.row;
  row.status = r.status;
  row.complete = r.complete;
  if (r.start) row.start_ns = to_ns(*r.start);
  if (r.stop) row.stop_ns = to_ns(*r.stop);
  // A test without a start has no duration; keep the stop only with a start
  // (the index stores stop relative to start).
  if (!row.start_ns) row.stop_ns.reset();
  for (const auto& ns : {row.start_ns, row.stop_ns}) {
    if (!ns) continue;
    if (!first_ns_ || *ns < *first_ns_) first_ns_ = ns;
    if (!last_ns_ || *ns > *last_ns_) last_ns_ = ns;
  }
  if (auto d = row.duration_ns(); d && *d > 0) test_ns_ += static_cast<std::uint64_t>(*d);
  std::string_view worker = r.worker_tag();
  if (!worker.empty()) row.worker = intern(workers_, worker);
  if (r.route_code) row.route = intern(routes_, *r.route_code);
  if (r.tags) {
    key_.clear();
    for (const auto& t : *r.tags) {
      key_ += t;
      key_.push_back('\0');  // tags hold no NUL, so the join is unique
    }
    std::uint32_t before = static_cast<std::uint32_t>(tag_sets_.size());
    row.tag_set = intern(tag_sets_, key_);
    if (row.tag_set > before) tag_set_list_.push_back(*r.tags);
  }
  if (!attachment_bytes_.empty()) {
    test_key(key_, r.id,
             r.route_code ? std::optional<std::string_view>(*r.route_code) : std::nullopt);
    if (auto it = attachment_bytes_.find(key_); it != attachment_bytes_.end()) {
      row.attachment_bytes = it->second;
      attachment_bytes_.erase(it);
    }
  }
  row.offset = r.offset;
}

RunIndex RunIndexer::take(IdTable& ids) {
  RunIndex index;
  auto& h = index.header;
  h.set_tests(stats_.total);
  // The file keeps fail-or-incomplete apart from uxsuccess (su-archive(5));
  // failing_count() adds them.
  h.set_failures(stats_.failed - stats_.uxsuccess);
  h.set_skips(stats_.skipped);
  h.set_successes(stats_.success);
  h.set_xfails(stats_.xfail);
  h.set_uxsuccesses(stats_.uxsuccess);
  h.set_incomplete(stats_.incomplete);
  h.set_has_times(first_ns_.has_value());
  h.set_first_ns(first_ns_.value_or(0));
  h.set_last_ns(last_ns_.value_or(0));
  h.set_test_ns(test_ns_);

  // Position in the worker's order: the order in which the worker's tests
  // began (their first event), which is stream order.
  std::vector<std::uint32_t> by_start(pending_.size());
  for (std::uint32_t i = 0; i < by_start.size(); ++i) by_start[i] = i;
  std::stable_sort(by_start.begin(), by_start.end(), [&](std::uint32_t a, std::uint32_t b) {
    return pending_[a].row.offset < pending_[b].row.offset;
  });
  std::vector<std::uint32_t> next(workers_.size() + 1, 0);
  for (auto i : by_start) {
    TestRow& row = pending_[i].row;
    row.position = next[row.worker]++;
  }

  index.rows.reserve(pending_.size());
  std::uint32_t max_test = 0;
  for (auto& p : pending_) {
    p.row.test = ids.intern(p.id);
    max_test = std::max(max_test, p.row.test);
    index.rows.push_back(p.row);
  }
  h.set_id_count(pending_.empty() ? 0 : max_test + 1);
  std::deque<Pending>().swap(pending_);
  std::sort(index.rows.begin(), index.rows.end(), [](const TestRow& a, const TestRow& b) {
    return a.test != b.test ? a.test < b.test : a.offset < b.offset;
  });

  index.workers.resize(workers_.size());
  for (const auto& [name, n] : workers_) index.workers[n - 1] = name;
  index.routes.resize(routes_.size());
  for (const auto& [name, n] : routes_) index.routes[n - 1] = name;
  index.tag_sets = std::move(tag_set_list_);
  return index;
}

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
#include "archive/run_indexer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "base/error.hpp"

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

// Rows are first gathered in stream order (the order their tests began),
// which gives each row its position in its worker's order...
bool by_offset(const SortRow& a, const SortRow& b) {
  return a.row.offset != b.row.offset ? a.row.offset < b.row.offset : a.seq < b.seq;
}

// ... then sorted as the index stores them.
bool by_test(const SortRow& a, const SortRow& b) {
  if (a.row.test != b.row.test) return a.row.test < b.row.test;
  return by_offset(a, b);
}

constexpr std::size_t kIdsBuffer = 1 << 20;

void write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t w = ::write(fd, bytes.data(), bytes.size());
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) throw IoError("cannot write '" + path + "': " + std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(w));
  }
}

}  // namespace

RunIndexer::RunIndexer(std::string spill_prefix)
    : prefix_(std::move(spill_prefix)),
      aggregator_(*this, {.keep_attachments = false, .drop_exists = true}),
      by_offset_(prefix_.empty() ? std::string() : prefix_ + ".rows", by_offset) {
  if (!prefix_.empty()) {
    std::string path = prefix_ + ".ids";
    ids_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (ids_fd_ < 0) throw IoError("cannot create '" + path + "': " + std::strerror(errno));
  }
}

RunIndexer::~RunIndexer() {
  if (ids_fd_ >= 0) {
    ::close(ids_fd_);
    ::unlink((prefix_ + ".ids").c_str());
  }
}

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

void RunIndexer::put_id(std::string_view id) {
  if (ids_fd_ < 0) {
    ids_.emplace_back(id);
    return;
  }
  auto n = static_cast<std::uint32_t>(id.size());
  char len[4];
  std::memcpy(len, &n, 4);
  ids_buf_.append(len, 4);
  ids_buf_.append(id);
  if (ids_buf_.size() >= kIdsBuffer) {
    write_all(ids_fd_, ids_buf_, prefix_ + ".ids");
    ids_buf_.clear();
  }
}

void RunIndexer::on_result(const TestResult& r) {
  stats_.add(r);
  SortRow sorted;
  sorted.seq = results_++;
  TestRow& row = sorted.row;
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
    if (*ns % 1000 != 0) micros_ = false;
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
  put_id(r.id);
  by_offset_.add(sorted);
}

void RunIndexer::number_tests(const std::function<std::uint32_t(std::string_view)>& number) {
  numbers_.clear();
  numbers_.reserve(results_);
  std::uint32_t max_test = 0;
  auto take = [&](std::string_view id) {
    numbers_.push_back(number(id));
    max_test = std::max(max_test, numbers_.back());
  };
  if (ids_fd_ < 0) {
    for (const auto& id : ids_) take(id);
    std::vector<std::string>().swap(ids_);
  } else {
    // Read the ids back in order, a buffer at a time.
    std::string path = prefix_ + ".ids";
    write_all(ids_fd_, ids_buf_, path);
    ids_buf_.clear();
    std::string buf;
    std::size_t at = 0;
    off_t off = 0;
    auto need = [&](std::size_t n) {
      if (buf.size() - at >= n) return;
      buf.erase(0, at);
      at = 0;
      while (buf.size() < n) {
        std::size_t old = buf.size();
        buf.resize(std::max(n, old + kIdsBuffer));
        ssize_t r = ::pread(ids_fd_, buf.data() + old, buf.size() - old, off);
        if (r < 0 && errno == EINTR) {
          buf.resize(old);
          continue;
        }
        if (r <= 0) throw IoError("cannot read '" + path + "': " +
                                  (r < 0 ? std::strerror(errno) : "file cut short"));
        buf.resize(old + static_cast<std::size_t>(r));
        off += r;
      }
    };
    for (std::uint32_t i = 0; i < results_; ++i) {
      need(4);
      std::uint32_t n;
      std::memcpy(&n, buf.data() + at, 4);
      at += 4;
      need(n);
      take(std::string_view(buf.data() + at, n));
      at += n;
    }
    ::close(ids_fd_);
    ids_fd_ = -1;
    ::unlink(path.c_str());
  }
  auto& h = header_;
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
  h.set_id_count(results_ == 0 ? 0 : max_test + 1);
}

void RunIndexer::sorted_rows(const std::function<void(const TestRow&)>& each) {
  // Position in the worker's order: the order in which the worker's tests
  // began (their first event), which is stream order.
  RowSorter by_test_sorter(prefix_.empty() ? std::string() : prefix_ + ".sorted", by_test);
  std::vector<std::uint32_t> next(workers_.size() + 1, 0);
  by_offset_.drain([&](SortRow& r) {
    r.row.position = next[r.row.worker]++;
    r.row.test = numbers_[r.seq];
    by_test_sorter.add(r);
  });
  std::vector<std::uint32_t>().swap(numbers_);
  by_test_sorter.drain([&](SortRow& r) { each(r.row); });
}

RunIndex RunIndexer::tables() const {
  RunIndex index;
  index.header = header_;
  index.workers.resize(workers_.size());
  for (const auto& [name, n] : workers_) index.workers[n - 1] = name;
  index.routes.resize(routes_.size());
  for (const auto& [name, n] : routes_) index.routes[n - 1] = name;
  index.tag_sets = tag_set_list_;
  return index;
}

RunIndex RunIndexer::take(IdTable& ids) {
  number_tests([&](std::string_view id) { return ids.intern(id); });
  RunIndex index = tables();
  index.rows.reserve(results_);
  sorted_rows([&](const TestRow& r) { index.rows.push_back(r); });
  return index;
}

void RunIndexer::write_index(const std::string& path, const std::string& blocks_path) {
  std::int64_t base = first_ns_.value_or(0), unit = micros_ ? 1000 : 1;
  IndexWriter writer(base, unit, blocks_path);
  sorted_rows([&](const TestRow& r) { writer.add(r); });
  writer.finish(tables(), path);
}

}  // namespace su

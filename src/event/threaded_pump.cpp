#include "event/threaded_pump.hpp"

#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace su {
namespace {

// Big enough that handing a batch over is rare next to the work on its
// events; small enough that the sink starts soon, memory stays small and
// the batches stay in cache.
constexpr std::size_t kEventsPerBatch = 1024;
constexpr std::size_t kTagsPerBatch = 4 * kEventsPerBatch;
constexpr std::size_t kArenaBytes = 256 * 1024;
constexpr std::size_t kBatchesInFlight = 4;

// Events and a copy of every byte their views point to.
class Batch {
 public:
  Batch() {
    events_.reserve(kEventsPerBatch);
    tags_.reserve(kTagsPerBatch);
  }
  bool empty() const { return events_.empty(); }
  std::size_t size() const { return events_.size(); }
  const std::vector<Event>& events() const { return events_; }
  bool flush = false;  // the input was drained after the last event

  void clear() {
    events_.clear();
    tags_.clear();
    used_ = 0;
    flush = false;
  }

  // Copies `e` in; false, copying nothing, when it does not fit beside the
  // events already here. A lone event larger than the arena, or with more
  // tags than a batch holds, gets room of its own (nothing points into the
  // batch yet).
  bool add(const Event& e) {
    std::size_t need = bytes_of(e);
    std::size_t tags = e.tags ? e.tags->size() : 0;
    if (used_ + need > capacity_ || tags_.size() + tags > tags_.capacity()) {
      if (!events_.empty()) return false;
      if (need > capacity_) {
        arena_ = std::make_unique_for_overwrite<char[]>(need);
        capacity_ = need;
      }
      tags_.reserve(tags);
    }
    Event& c = events_.emplace_back(e);
    if (e.test_id) c.test_id = copy(*e.test_id);
    if (e.file_name) c.file_name = copy(*e.file_name);
    if (!e.file_bytes.empty()) c.file_bytes = copy(e.file_bytes);
    if (e.mime_type) c.mime_type = copy(*e.mime_type);
    if (e.route_code) c.route_code = copy(*e.route_code);
    if (!e.raw.empty()) c.raw = copy(e.raw);
    if (e.tags) {
      // tags_ never grows past its capacity here: the spans stay put.
      std::size_t first = tags_.size();
      for (std::string_view t : *e.tags) tags_.push_back(copy(t));
      c.tags = std::span<const std::string_view>(tags_.data() + first, tags);
    }
    return true;
  }

 private:
  static std::size_t bytes_of(const Event& e) {
    std::size_t n = e.raw.size() + e.file_bytes.size();
    if (e.test_id) n += e.test_id->size();
    if (e.file_name) n += e.file_name->size();
    if (e.mime_type) n += e.mime_type->size();
    if (e.route_code) n += e.route_code->size();
    if (e.tags)
      for (std::string_view t : *e.tags) n += t.size();
    return n;
  }

  std::string_view copy(std::string_view s) {
    char* at = arena_.get() + used_;
    std::memcpy(at, s.data(), s.size());
    used_ += s.size();
    return {at, s.size()};
  }

  std::vector<Event> events_;
  std::vector<std::string_view> tags_;
  std::unique_ptr<char[]> arena_ = std::make_unique_for_overwrite<char[]>(kArenaBytes);
  std::size_t capacity_ = kArenaBytes, used_ = 0;
};

// Batches going to the sink, and back empty to be filled again.
class Channel {
 public:
  // An empty batch: a returned one, or a new one while few are in flight.
  // Null once the sink has failed.
  std::unique_ptr<Batch> take() {
    std::unique_lock lock(mutex_);
    to_reader_.wait(lock, [&] { return !spare_.empty() || made_ < kBatchesInFlight || failed_; });
    if (failed_) return nullptr;
    if (spare_.empty()) {
      ++made_;
      return std::make_unique<Batch>();
    }
    std::unique_ptr<Batch> b = std::move(spare_.back());
    spare_.pop_back();
    b->clear();
    return b;
  }

  // False once the sink has failed (the batch is dropped).
  bool send(std::unique_ptr<Batch> b) {
    {
      std::lock_guard lock(mutex_);
      if (failed_) return false;
      full_.push_back(std::move(b));
    }
    to_sink_.notify_one();
    return true;
  }

  // No more batches; the sink is finished after the last if `finish`.
  void end(bool finish) {
    {
      std::lock_guard lock(mutex_);
      ended_ = true;
      finish_ = finish;
    }
    to_sink_.notify_one();
  }

  // The sink's side, on its own thread, until end() and every batch sent.
  void drain(EventSink& sink) {
    try {
      bool finish = false;
      for (;;) {
        std::unique_ptr<Batch> b;
        {
          std::unique_lock lock(mutex_);
          to_sink_.wait(lock, [&] { return !full_.empty() || ended_; });
          if (full_.empty()) {
            finish = finish_;
            break;
          }
          b = std::move(full_.front());
          full_.pop_front();
        }
        for (const Event& e : b->events()) sink.on_event(e);
        if (b->flush) sink.flush();
        {
          std::lock_guard lock(mutex_);
          spare_.push_back(std::move(b));
        }
        to_reader_.notify_one();
      }
      if (finish) sink.finish();
    } catch (...) {
      {
        std::lock_guard lock(mutex_);
        failed_ = true;
        error_ = std::current_exception();
        full_.clear();
      }
      to_reader_.notify_all();
    }
  }

  std::exception_ptr error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable to_sink_, to_reader_;
  std::deque<std::unique_ptr<Batch>> full_;
  std::vector<std::unique_ptr<Batch>> spare_;
  std::size_t made_ = 0;
  bool ended_ = false, finish_ = false, failed_ = false;
  std::exception_ptr error_;
};

}  // namespace

void pump_threaded(EventReader& reader, EventSink& sink) {
  Channel channel;
  std::thread worker([&] { channel.drain(sink); });
  std::unique_ptr<Batch> batch;
  try {
    batch = channel.take();
    Event e;
    while (batch && reader.next(e)) {
      if (!batch->add(e)) {
        if (!channel.send(std::move(batch))) break;
        batch = channel.take();
        if (!batch) break;
        batch->add(e);  // an empty batch takes any event
      }
      bool drained = reader.drained();
      if (drained || batch->size() == kEventsPerBatch) {
        batch->flush = drained;
        if (!channel.send(std::move(batch))) break;
        batch = channel.take();
      }
    }
    if (batch && !batch->empty()) channel.send(std::move(batch));
  } catch (...) {
    // As with pump(): what the reader handed out before reaches the sink,
    // which is not finished.
    if (batch && !batch->empty()) channel.send(std::move(batch));
    channel.end(false);
    worker.join();
    throw;
  }
  channel.end(true);
  worker.join();
  if (std::exception_ptr error = channel.error()) std::rethrow_exception(error);
}

}  // namespace su

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "event/threaded_pump.hpp"

namespace {

// Makes event i of a run: varied ids, tags, files and raw bytes, some
// larger than a batch's arena, some with more tags than a batch holds.
// Its strings live in the reader and are overwritten on the next call, as
// a real reader's are.
class ScriptedReader : public su::EventReader {
 public:
  ScriptedReader(std::size_t count, std::size_t throw_at = SIZE_MAX)
      : count_(count), throw_at_(throw_at) {}

  bool next(su::Event& e) override {
    if (i_ == throw_at_) throw std::runtime_error("reader broke");
    if (i_ == count_) return false;
    std::size_t i = i_++;
    e = su::Event{};
    id_ = "pkg.test_" + std::to_string(i);
    e.test_id = id_;
    e.status = static_cast<su::Status>(i % 8);
    e.offset = i;
    tags_.clear();
    views_.clear();
    std::size_t ntags = i % 997 == 0 ? 5000 : i % 3;
    for (std::size_t k = 0; k < ntags; ++k) tags_.push_back("t" + std::to_string(k + i % 5));
    for (const auto& t : tags_) views_.push_back(t);
    if (i % 4 != 0) e.tags = std::span<const std::string_view>(views_);
    if (i % 5 == 0) {
      name_ = "file" + std::to_string(i % 7);
      bytes_.assign(i % 1001 == 0 ? 600 * 1024 : i % 100, static_cast<char>('a' + i % 26));
      e.file_name = name_;
      e.file_bytes = bytes_;
      e.mime_type = "text/plain";
      e.eof = i % 2 == 0;
    }
    if (i % 11 == 0) {
      raw_ = "raw " + std::to_string(i);
      e.raw = raw_;
    }
    return true;
  }
  std::size_t read() const { return i_; }
  // A live pipe that pauses now and then.
  bool drained() const override { return i_ % 97 == 0; }

 private:
  std::size_t count_, throw_at_, i_ = 0;
  std::string id_, name_, bytes_, raw_;
  std::vector<std::string> tags_;
  std::vector<std::string_view> views_;
};

// Everything a sink is told, in order, as text.
class LogSink : public su::EventSink {
 public:
  explicit LogSink(std::size_t throw_at = SIZE_MAX) : throw_at_(throw_at) {}
  void on_event(const su::Event& e) override {
    if (events_ == throw_at_) throw std::runtime_error("sink broke");
    ++events_;
    log += std::to_string(e.offset) + " " + std::string(e.test_id.value_or("-")) + " " +
           std::to_string(static_cast<int>(e.status));
    if (e.tags) {
      log += " [";
      for (auto t : *e.tags) log += std::string(t) + ",";
      log += "]";
    }
    if (e.file_name)
      log += " " + std::string(*e.file_name) + "=" + std::string(e.file_bytes) + " " +
             std::string(e.mime_type.value_or("")) + (e.eof ? " eof" : "");
    log += " raw=" + std::string(e.raw) + "\n";
  }
  void flush() override { log += "flush\n"; }
  void finish() override { log += "finish\n"; }
  std::string log;
  std::size_t events_ = 0;

 private:
  std::size_t throw_at_;
};

}  // namespace

TEST_SUITE("threaded pump") {
  TEST_CASE("gives the sink exactly what pump gives it: events, flushes and the finish") {
    for (std::size_t count : {0, 1, 1023, 1024, 1025, 20000}) {
      ScriptedReader a(count), b(count);
      LogSink plain, threaded;
      su::pump(a, plain);
      su::pump_threaded(b, threaded);
      CHECK(threaded.log == plain.log);
      CHECK(threaded.events_ == count);
    }
  }

  TEST_CASE("a reader's error reaches the caller after the events before it, without a finish") {
    ScriptedReader a(10000, 5000), b(10000, 5000);
    LogSink plain, threaded;
    CHECK_THROWS_WITH(su::pump(a, plain), "reader broke");
    CHECK_THROWS_WITH(su::pump_threaded(b, threaded), "reader broke");
    CHECK(threaded.events_ == 5000);
    CHECK(threaded.log == plain.log);
  }

  TEST_CASE("a sink's error stops the reading and reaches the caller") {
    ScriptedReader reader(1000000);
    LogSink sink(3000);
    CHECK_THROWS_WITH(su::pump_threaded(reader, sink), "sink broke");
    CHECK(sink.events_ == 3000);
    CHECK(sink.log.find("finish") == std::string::npos);
    CHECK(reader.read() < 20000);  // a few batches in flight, not the whole input
  }
}

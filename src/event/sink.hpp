// The push side of a pipeline. Writers, filters and reports are sinks; a
// filter wraps the sink downstream of it. pump() joins a reader to a sink.
#pragma once

#include "event/event.hpp"

namespace su {

class EventReader;

class EventSink {
 public:
  virtual ~EventSink() = default;
  // One event. Its views are valid only during the call.
  virtual void on_event(const Event& event) = 0;
  // The input ended: emit what is still held (open tests, summaries).
  virtual void finish() {}
  // The input has nothing more ready right now (a live pipe): make what has
  // been produced so far visible downstream.
  virtual void flush() {}
};

// Reads every event from `reader` into `sink`, then calls sink.finish().
// Flushes the sink whenever the input is drained, so live pipelines show
// results as they arrive.
void pump(EventReader& reader, EventSink& sink);

}  // namespace su

namespace su {

// Hands every event to two sinks, in order.
class TeeSink : public EventSink {
 public:
  TeeSink(EventSink& first, EventSink& second) : first_(first), second_(second) {}
  void on_event(const Event& e) override {
    first_.on_event(e);
    second_.on_event(e);
  }
  void finish() override {
    first_.finish();
    second_.finish();
  }
  void flush() override {
    first_.flush();
    second_.flush();
  }

 private:
  EventSink& first_;
  EventSink& second_;
};

}  // namespace su

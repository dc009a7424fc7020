#include "event/sink.hpp"

#include "event/reader.hpp"

namespace su {

void pump(EventReader& reader, EventSink& sink) {
  Event event;
  while (reader.next(event)) {
    sink.on_event(event);
    if (reader.drained()) sink.flush();
  }
  sink.finish();
}

}  // namespace su

// pump() with the sink on a second thread: the reader decodes on the
// calling thread while the sink (an encoder, CRC and write, say) works on
// the events before, so a tool whose reading and writing cost about the
// same takes the time of the larger on two cores rather than their sum.
//
// Events cross in batches whose strings are copied into the batch (an
// Event's views last only until the reader's next call); a few batches are
// in flight at most, so memory stays bounded whatever the input. The sink
// sees exactly what pump() would give it, in order: every event, flush()
// after an event that left the input drained (a live pipe paused; that
// batch goes at once), and finish() at the end.
//
// Errors keep pump()'s meaning. If the reader throws, the events it handed
// out before still reach the sink, finish() is not called, and the
// exception is rethrown here. If the sink throws, reading stops and its
// exception is rethrown here. Damage handlers run on the calling thread,
// as they do with pump().
#pragma once

#include "event/reader.hpp"
#include "event/sink.hpp"

namespace su {

void pump_threaded(EventReader& reader, EventSink& sink);

}  // namespace su

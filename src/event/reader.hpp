// The pull side: a decoder hands out one Event per call. Damage in the input
// is reported to a DamageHandler (with offset and reason) and then, as
// python does, in-band as events, so every consumer downstream sees it.
#pragma once

#include <cstdint>
#include <string>

#include "event/event.hpp"

namespace su {

struct Damage {
  std::uint64_t offset = 0;  // where the damaged bytes start
  std::uint64_t length = 0;  // how many bytes the reader gave up on
  std::string reason;        // python's message where python has one
  // The bytes went on as non-test output (v1 lines) rather than as the
  // `subunit.parser` test python reports damaged v2 packets as.
  bool passed_through = false;
};

class DamageHandler {
 public:
  virtual ~DamageHandler() = default;
  // Called before the damage is reported in-band. May throw (--strict).
  virtual void on_damage(const Damage& damage) = 0;
};

class EventReader {
 public:
  virtual ~EventReader() = default;
  // Fills `event` with the next event; false at end of input. The event's
  // views stay valid until the next call.
  virtual bool next(Event& event) = 0;
  // True when the last read of the input returned early (a live pipe).
  virtual bool drained() const { return false; }
};

}  // namespace su

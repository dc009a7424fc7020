// V2Writer: writes events as subunit v2 (spec/subunit-v2.md §3-§8, §11).
//
// An event that still has its original packet bytes is forwarded unchanged
// (DESIGN.md: forward, don't re-encode). Anything else is encoded exactly as
// python-subunit's StreamResultToBytes would encode it, except that file
// content too large for one packet is split into chunks instead of failing.
#pragma once

#include <string>

#include "base/output.hpp"
#include "event/sink.hpp"

namespace su {

// Appends the v2 encoding of `event` to `out`, ignoring event.raw. Tags are
// written in the order given.
void encode_v2(const Event& event, std::string& out);

class V2Writer : public EventSink {
 public:
  explicit V2Writer(Output& out) : out_(out) {}
  void on_event(const Event& event) override;
  void finish() override { out_.flush(); }
  void flush() override { out_.flush(); }

 private:
  Output& out_;
  std::string scratch_;
};

}  // namespace su

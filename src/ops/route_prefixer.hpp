// RoutePrefixer: puts every event of one input under a route code prefix,
// the way a multiplexer labels its inputs (spec/subunit-v2.md §7.7): an event
// with no route code gets route P, one with route R gets P/R. su-cat uses it
// to combine runs from several machines into one stream whose tests stay
// distinct (a test is keyed by test id and route code).
//
// A packet that came from v2 is rewritten at the byte level: the route code
// is the last field, so only the flags, the length, that field and the CRC
// change and every other byte is kept as it was (unknown flag bits,
// non-minimal numbers, tag order). Events without packet bytes (stray text,
// v1 input, damage reports) are forwarded with the new route for the writer
// to encode.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "event/sink.hpp"

namespace su {

// Writes to `out` the v2 packet `packet` (whole and CRC-valid, as a reader
// hands it out) with its route code replaced by `route`, and returns true.
// Returns false, leaving `out` unchanged, when the packet's fields cannot be
// walked or the result would exceed the largest packet python accepts.
bool rewrite_route_code(std::string_view packet, std::string_view route, std::string& out);

class RoutePrefixer : public EventSink {
 public:
  explicit RoutePrefixer(EventSink& out) : out_(out) {}

  // The prefix for the events that follow; nullopt forwards them unchanged.
  void set_prefix(std::optional<std::string> prefix) { prefix_ = std::move(prefix); }

  void on_event(const Event& event) override;
  void finish() override { out_.finish(); }
  void flush() override { out_.flush(); }

 private:
  EventSink& out_;
  std::optional<std::string> prefix_;
  std::string route_, packet_;
};

}  // namespace su

// Event: the meaning of one subunit v2 packet (spec/subunit-v2.md §3-§7),
// whatever the input was. v1 lines are lifted into it, stray bytes become
// `stdout` file events with no test id, and damaged packets become the two
// `subunit.parser` events python reports (§9.4).
//
// Strings are views into storage owned by whoever produced the event (a
// reader's buffer); they are valid until that producer's next call. A
// consumer that keeps an event copies it into an OwnedEvent.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/timestamp.hpp"

namespace su {

// The wire values (flags & 0x0007), named as python/testtools name them.
enum class Status : std::uint8_t {
  none = 0,
  exists = 1,
  inprogress = 2,
  success = 3,
  uxsuccess = 4,
  skip = 5,
  fail = 6,
  xfail = 7,
};

// Python's name for a status ("exists", "fail", ...); none is "".
std::string_view status_name(Status s);
// Parses a python status name; returns false if `name` is not one.
bool parse_status(std::string_view name, Status& out);
// Final statuses end a test: anything but none and inprogress.
inline bool is_final(Status s) { return s != Status::none && s != Status::inprogress; }

struct Event {
  Status status = Status::none;
  bool runnable = true;
  bool eof = false;
  std::optional<Timestamp> timestamp;
  std::optional<std::string_view> test_id;
  std::optional<std::span<const std::string_view>> tags;
  std::optional<std::string_view> mime_type;
  std::optional<std::string_view> file_name;  // file_bytes only with a name
  std::string_view file_bytes;
  std::optional<std::string_view> route_code;

  // Where the event's first byte sits in its input, and the packet's bytes
  // when it came from a well-formed v2 packet (empty otherwise): a writer
  // forwards these unchanged instead of re-encoding.
  std::uint64_t offset = 0;
  std::string_view raw;

  bool has_test_id() const { return test_id.has_value(); }
  bool has_file() const { return file_name.has_value(); }
  // Back to a value-initialised Event, as readers do for every event.
  void clear();
};

// Field by field rather than `*this = Event{}`, which compiles to a
// `rep stos` whose start-up cost showed as an eighth of the v2 reader's
// packet parse. A new field of Event must be reset here too: the size
// check is the reminder.
inline void Event::clear() {
  static_assert(sizeof(void*) != 8 || sizeof(Event) == 176, "reset every field of Event here");
  status = Status::none;
  runnable = true;
  eof = false;
  timestamp.reset();
  test_id.reset();
  tags.reset();
  mime_type.reset();
  file_name.reset();
  file_bytes = {};
  route_code.reset();
  offset = 0;
  raw = {};
}

// An Event that owns its strings. view() is valid while this object lives
// and is not modified.
class OwnedEvent {
 public:
  OwnedEvent() = default;
  explicit OwnedEvent(const Event& e) { assign(e); }
  OwnedEvent(const OwnedEvent& o) { assign(o.view()); }
  OwnedEvent& operator=(const OwnedEvent& o) {
    if (this != &o) assign(o.view());
    return *this;
  }
  void assign(const Event& e);
  Event view() const;

  // Editable copies of the strings; keep has-flags in step via the setters.
  Event meta;  // scalar fields; its views are rebuilt by view()
  std::string test_id, mime_type, file_name, file_bytes, route_code, raw;
  std::vector<std::string> tags;

 private:
  mutable std::vector<std::string_view> tag_views_;
};

}  // namespace su

// TagEditor: adds and removes tags on every event of a stream, as
// python-subunit's subunit-tags does (spec/reference-tools.md §6): test
// packets, attachment chunks, `exists` records and non-test output alike.
//
// - The new tag set is (old tags + added) - removed: a tag both added and
//   removed is removed. An empty result means "no tags" (the TAGS field is
//   omitted, as python's encoder omits an empty set).
// - An event whose tag set does not change is forwarded untouched, raw
//   packet bytes included, so the writer copies the original bytes.
// - An event whose tag set changes is forwarded without its raw bytes (so
//   the writer re-encodes it, as python does), its surviving tags first in
//   their old order, then the added ones in the order they were given.
//
// Memory: the edit and one event's tags.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "event/sink.hpp"

namespace su {

struct TagEdit {
  std::vector<std::string> add;
  std::vector<std::string> remove;

  // From python's tag specs: "TAG" adds TAG, "-TAG" removes TAG. Returns
  // false, naming the spec in `error`, for "" or "-" (no tag to act on).
  static bool parse(std::span<const std::string> specs, TagEdit& out, std::string& error);
  bool empty() const { return add.empty() && remove.empty(); }
};

class TagEditor : public EventSink {
 public:
  TagEditor(EventSink& out, TagEdit edit);

  void on_event(const Event& event) override;
  void finish() override { out_.finish(); }
  void flush() override { out_.flush(); }

  // Events whose tags changed (and were re-encoded) so far.
  std::uint64_t edited() const { return edited_; }

 private:
  bool removed(std::string_view tag) const;

  EventSink& out_;
  TagEdit edit_;
  std::vector<std::string_view> tags_;
  std::uint64_t edited_ = 0;
};

}  // namespace su

#include "ops/tag_editor.hpp"

#include <algorithm>

namespace su {
namespace {

bool contains(std::span<const std::string_view> tags, std::string_view tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

}  // namespace

bool TagEdit::parse(std::span<const std::string> specs, TagEdit& out, std::string& error) {
  for (const auto& spec : specs) {
    // python indexes spec[0] and crashes on ""; "-" removes the empty tag,
    // which no stream can carry. Both are mistakes worth saying so.
    if (spec.empty() || spec == "-") {
      error = "'" + spec + "' names no tag (TAG adds it, -TAG removes it)";
      return false;
    }
    if (spec[0] == '-')
      out.remove.push_back(spec.substr(1));
    else
      out.add.push_back(spec);
  }
  return true;
}

TagEditor::TagEditor(EventSink& out, TagEdit edit) : out_(out), edit_(std::move(edit)) {}

bool TagEditor::removed(std::string_view tag) const {
  return std::find(edit_.remove.begin(), edit_.remove.end(), tag) != edit_.remove.end();
}

void TagEditor::on_event(const Event& event) {
  tags_.clear();
  // A present but empty tag list changes too: python re-encodes it without
  // the TAGS field.
  bool changed = event.tags && event.tags->empty();
  if (event.tags) {
    for (auto t : *event.tags) {
      if (removed(t) || contains(tags_, t)) {  // python's set drops duplicates
        changed = true;
        continue;
      }
      tags_.push_back(t);
    }
  }
  for (const auto& t : edit_.add) {
    if (removed(t) || contains(tags_, t)) continue;
    tags_.push_back(t);
    changed = true;
  }
  if (!changed) {
    out_.on_event(event);
    return;
  }
  ++edited_;
  Event edited = event;
  edited.raw = {};
  if (tags_.empty())
    edited.tags.reset();
  else
    edited.tags = std::span<const std::string_view>(tags_);
  out_.on_event(edited);
}

}  // namespace su

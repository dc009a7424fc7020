#include "event/event.hpp"

#include <array>

namespace su {
namespace {
constexpr std::array<std::string_view, 8> kNames = {
    "", "exists", "inprogress", "success", "uxsuccess", "skip", "fail", "xfail"};
}

std::string_view status_name(Status s) { return kNames[static_cast<int>(s) & 7]; }

bool parse_status(std::string_view name, Status& out) {
  for (std::size_t i = 1; i < kNames.size(); ++i) {
    if (kNames[i] == name) {
      out = static_cast<Status>(i);
      return true;
    }
  }
  return false;
}

void OwnedEvent::assign(const Event& e) {
  meta = e;
  test_id.assign(e.test_id.value_or(""));
  mime_type.assign(e.mime_type.value_or(""));
  file_name.assign(e.file_name.value_or(""));
  file_bytes.assign(e.file_bytes);
  route_code.assign(e.route_code.value_or(""));
  raw.assign(e.raw);
  tags.clear();
  if (e.tags)
    for (auto t : *e.tags) tags.emplace_back(t);
}

Event OwnedEvent::view() const {
  Event e = meta;
  if (e.test_id) e.test_id = test_id;
  if (e.mime_type) e.mime_type = mime_type;
  if (e.file_name) e.file_name = file_name;
  e.file_bytes = file_bytes;
  if (e.route_code) e.route_code = route_code;
  e.raw = raw;
  if (e.tags) {
    tag_views_.assign(tags.begin(), tags.end());
    e.tags = std::span<const std::string_view>(tag_views_);
  }
  return e;
}

}  // namespace su

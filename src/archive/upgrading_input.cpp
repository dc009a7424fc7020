// SPDX-License-Identifier: Apache-2.0
#include "archive/upgrading_input.hpp"

#include <algorithm>
#include <cstring>

#include "codec/v2_writer.hpp"

namespace su {

std::size_t UpgradingInput::read(std::uint8_t* buf, std::size_t n) {
  while (at_ == pending_.size() && !done_) {
    pending_.clear();
    at_ = 0;
    Event e;
    // A batch of events per refill, so reads are not a packet each.
    while (pending_.size() < 64 * 1024) {
      if (!events_->next(e)) {
        done_ = true;
        break;
      }
      if (!e.raw.empty()) {
        pending_.append(e.raw);
      } else {
        encode_v2(e, pending_);
      }
    }
  }
  std::size_t k = std::min(n, pending_.size() - at_);
  std::memcpy(buf, pending_.data() + at_, k);
  at_ += k;
  return k;
}

}  // namespace su

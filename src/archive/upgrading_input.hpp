// SPDX-License-Identifier: Apache-2.0
// UpgradingInput: the v2 bytes of a decoded stream, as an Input. `add`
// stores a v1 run as v2 and indexes what it stores: reading through this,
// the v1 input is upgraded a packet at a time instead of being taken whole.
#pragma once

#include <memory>
#include <string>

#include "base/input.hpp"
#include "event/reader.hpp"

namespace su {

class UpgradingInput : public Input {
 public:
  explicit UpgradingInput(std::unique_ptr<EventReader> events, std::string name)
      : Input(std::move(name)), events_(std::move(events)) {}

  std::size_t read(std::uint8_t* buf, std::size_t n) override;

 private:
  std::unique_ptr<EventReader> events_;
  std::string pending_;
  std::size_t at_ = 0;
  bool done_ = false;
};

}  // namespace su

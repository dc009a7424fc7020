// SPDX-License-Identifier: Apache-2.0
// Damage in an input being added: a warning naming the file and byte (the
// run is stored as it is, damage included), or with --strict the end.
#pragma once

#include <string>

#include <fmt/format.h>

#include "base/error.hpp"
#include "common/tool.hpp"

namespace su::archive_tool {

class DamageReporter : public DamageHandler {
 public:
  DamageReporter(const Tool& tool, std::string name, bool strict)
      : tool_(tool), name_(std::move(name)), strict_(strict) {}
  void on_damage(const Damage& d) override {
    if (strict_) throw DecodeError(d.offset, d.reason);
    tool_.warn(fmt::format("'{}': byte {}: {} ({} bytes reported as test subunit.parser)", name_,
                           d.offset, d.reason, d.length));
  }

 private:
  const Tool& tool_;
  std::string name_;
  bool strict_;
};

}  // namespace su::archive_tool

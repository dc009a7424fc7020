// DamageCount: a DamageHandler that counts the damage a reader reports,
// and passes each report on to another handler if given one. The archive
// keeps the count of every run (its index's damaged regions).
#pragma once

#include <cstdint>

#include "event/reader.hpp"

namespace su {

class DamageCount : public DamageHandler {
 public:
  explicit DamageCount(DamageHandler* next = nullptr) : next_(next) {}
  void on_damage(const Damage& damage) override {
    ++count;
    if (next_) next_->on_damage(damage);
  }
  std::uint32_t count = 0;

 private:
  DamageHandler* next_;
};

}  // namespace su

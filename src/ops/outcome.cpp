// SPDX-License-Identifier: Apache-2.0
#include "ops/outcome.hpp"

namespace su {

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::success: return "success";
    case Outcome::fail: return "fail";
    case Outcome::uxsuccess: return "uxsuccess";
    case Outcome::skip: return "skip";
    case Outcome::xfail: return "xfail";
    case Outcome::exists: return "exists";
    case Outcome::incomplete: return "incomplete";
  }
  return "";
}

Outcome outcome_of(Status status, bool complete) {
  if (!complete) return Outcome::incomplete;
  switch (status) {
    case Status::success: return Outcome::success;
    case Status::fail: return Outcome::fail;
    case Status::uxsuccess: return Outcome::uxsuccess;
    case Status::skip: return Outcome::skip;
    case Status::xfail: return Outcome::xfail;
    case Status::exists: return Outcome::exists;
    default: return Outcome::incomplete;  // not final: cannot be complete
  }
}

}  // namespace su

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

}  // namespace su

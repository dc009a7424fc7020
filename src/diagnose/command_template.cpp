// SPDX-License-Identifier: Apache-2.0
#include "diagnose/command_template.hpp"

#include "base/shell_quote.hpp"

namespace su {

bool has_test_placeholder(std::string_view command_template) {
  return command_template.find("{ids}") != std::string_view::npos ||
         command_template.find("{list}") != std::string_view::npos;
}

std::string expand_command_template(std::string_view command_template,
                                    const std::vector<std::string>& ids,
                                    std::string_view list_path) {
  std::string quoted_ids;
  for (const auto& id : ids) {
    if (!quoted_ids.empty()) quoted_ids += ' ';
    quoted_ids += shell_quote(id);
  }
  std::string quoted_list = shell_quote(list_path);
  std::string out;
  std::size_t i = 0;
  while (i < command_template.size()) {
    if (command_template.compare(i, 5, "{ids}") == 0) {
      out += quoted_ids;
      i += 5;
    } else if (command_template.compare(i, 6, "{list}") == 0) {
      out += quoted_list;
      i += 6;
    } else {
      out += command_template[i++];
    }
  }
  return out;
}

}  // namespace su

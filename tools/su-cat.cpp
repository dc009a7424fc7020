// su-cat: concatenate subunit streams into one v2 stream, optionally putting
// each input under its own route code prefix (spec/subunit-v2.md §7.7) so
// runs from several machines combine without their tests colliding.
// See su-cat(1).
#include <set>
#include <string>
#include <vector>

#include "base/output.hpp"
#include "base/utf8.hpp"
#include "codec/v2_writer.hpp"
#include "common/tool.hpp"
#include "ops/route_prefixer.hpp"

int main(int argc, char** argv) {
  su::Tool tool{"su-cat", "Concatenate subunit streams, optionally routing each input."};
  std::vector<std::string> inputs;
  std::vector<std::string> names;
  bool route_prefix = false;
  tool.app.add_option("inputs", inputs, "streams to read (v1, v2, zstd); '-' is standard input");
  tool.app.add_flag("--route-prefix", route_prefix,
                    "put input N (from 0) under route code N: R becomes N/R");
  tool.app.add_option("--route-names", names,
                      "prefixes to use instead of 0, 1, ... (one per input; implies "
                      "--route-prefix)")
      ->delimiter(',')
      ->allow_extra_args(false);  // the files that follow are inputs, not names
  tool.add_strict_flag();

  return tool.run(argc, argv, [&] {
    if (inputs.empty()) inputs.push_back("-");
    if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
      tool.error("standard input ('-') can be read only once");
      return su::Exit::usage;
    }
    if (!names.empty()) {
      route_prefix = true;
      if (names.size() != inputs.size()) {
        tool.error("--route-names gives " + std::to_string(names.size()) + " names for " +
                   std::to_string(inputs.size()) + " inputs");
        return su::Exit::usage;
      }
      for (const auto& n : names)
        if (n.empty() || su::check_utf8(n) != su::Utf8Check::valid) {
          tool.error("route name '" + n + "' must be non-empty UTF-8");
          return su::Exit::usage;
        }
    }
    su::V2Writer writer{su::standard_output()};
    su::RoutePrefixer prefixer{writer};
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (route_prefix) prefixer.set_prefix(names.empty() ? std::to_string(i) : names[i]);
      auto reader = tool.open(inputs[i]);
      su::pump(*reader, prefixer);  // finish() only flushes the writer
    }
    return su::Exit::ok;
  });
}

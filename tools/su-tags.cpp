// su-tags: add and remove tags on every event of a subunit stream, like
// python-subunit's subunit-tags. See su-tags(1).
//
// Python takes every argument as a tag spec, so `-old` must reach us as a
// spec, not as an unknown option: argv is split before CLI11 sees it. Only
// our own long options (and nothing after "--") are options.
#include <string_view>
#include <vector>

#include "base/output.hpp"
#include "codec/v2_writer.hpp"
#include "common/tool.hpp"
#include "ops/tag_editor.hpp"

namespace {

bool is_own_option(std::string_view arg) {
  return arg == "--help" || arg == "--version" || arg == "--strict" ||
         arg.starts_with("--input=");
}

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-tags", "Add and remove tags on every event of a subunit stream."};
  std::string input = "-";
  tool.app.add_option("--input", input, "stream to read (v1, v2, zstd); default standard input");
  tool.add_strict_flag();
  tool.app.set_help_flag("--help", "Print this help message and exit");  // -h is a tag spec
  tool.app.footer(
      "Tags:\n"
      "  TAG                     add TAG to every event\n"
      "  -TAG                    remove TAG from every event\n"
      "Arguments other than the options above are tags, as for subunit-tags;\n"
      "after '--' every argument is a tag ('su-tags -- --help' removes '-help').");

  std::vector<char*> options{argv[0]};
  std::vector<std::string> specs;
  bool only_tags = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (!only_tags && arg == "--") {
      only_tags = true;
    } else if (!only_tags && arg == "--input") {
      options.push_back(argv[i]);
      if (i + 1 < argc) options.push_back(argv[++i]);
    } else if (!only_tags && (is_own_option(arg) ||
                              (argc == 2 && arg.starts_with("--completion=")))) {
      options.push_back(argv[i]);
    } else {
      specs.emplace_back(arg);
    }
  }

  return tool.run(static_cast<int>(options.size()), options.data(), [&] {
    su::TagEdit edit;
    std::string problem;
    if (!su::TagEdit::parse(specs, edit, problem)) {
      tool.error(problem);
      return su::Exit::usage;
    }
    auto reader = tool.open(input);
    su::V2Writer writer{su::standard_output()};
    su::TagEditor editor{writer, std::move(edit)};
    su::pump(*reader, editor);
    return su::Exit::ok;
  });
}

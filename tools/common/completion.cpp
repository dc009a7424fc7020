// SPDX-License-Identifier: Apache-2.0
#include "common/completion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "base/shell_quote.hpp"

namespace su {
namespace {

// What a word after an option, or a positional word, is.
enum class Kind { none, file, dir, test_id, run };

struct Opt {
  std::vector<std::string> names;  // "-n", "--count"; a positional's name
  std::string desc;
  bool takes_value = false;
  bool attached_only = false;      // a flag with an optional =VALUE (--color)
  bool repeats = false;            // a positional taking several words
  std::vector<std::string> values; // what the tool accepts, if it says
  Kind kind = Kind::none;
};

struct Cmd {
  std::string name, desc;
  std::vector<Opt> options, positionals;
  std::vector<Cmd> subs;
};

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The values a validator allows, from its description: CLI::IsMember says
// "{text,json}", a check of our own "auto|always|never".
std::vector<std::string> allowed_values(const CLI::Option* o) {
  std::string type = o->get_type_name();
  auto open = type.find('{'), close = type.find('}');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return split(std::string_view(type).substr(open + 1, close - open - 1), ',');
  auto colon = type.rfind(':');
  std::string_view last = std::string_view(type).substr(colon == std::string::npos ? 0 : colon + 1);
  if (last.find('|') != std::string_view::npos) return split(last, '|');
  return {};
}

// From the value's type name where a tool set one (->type_name("TEST_ID"),
// "FILE", "DIR", "RUN"); else guessed from names, which the tools keep
// consistent: a RUN is "run", a test "test"/"--test", a directory
// "dir"/"--archive"; other positionals and options naming files are files.
Kind kind_of(const std::string& name, bool positional, const std::string& type = {}) {
  std::string_view t = std::string_view(type).substr(0, type.find(':'));
  if (t == "TEST_ID" || t == "TEST") return Kind::test_id;
  if (t == "FILE" || t == "LIST") return Kind::file;
  if (t == "DIR") return Kind::dir;
  if (t == "RUN") return Kind::run;
  std::string n = name;
  n.erase(0, n.find_first_not_of('-'));
  if (n == "test" || n == "test_id" || n == "test-id") return Kind::test_id;
  if (n == "run") return Kind::run;
  if (n == "dir" || n == "archive" || n.ends_with("-dir")) return Kind::dir;
  if (positional) return Kind::file;
  for (const char* f : {"file", "output", "list", "load", "input", "o"})
    if (n == f || n.find(std::string(f) + "-") == 0 || n.ends_with(std::string("-") + f))
      return Kind::file;
  return Kind::none;
}

Cmd model(const CLI::App& app) {
  Cmd cmd{app.get_name(), app.get_description(), {}, {}, {}};
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty()) continue;  // hidden
    Opt x;
    x.desc = o->get_description();
    x.values = allowed_values(o);
    if (o->get_positional() && o->get_lnames().empty() && o->get_snames().empty()) {
      x.names = {o->get_name()};
      x.takes_value = true;
      x.repeats = o->get_items_expected_max() > 1;
      x.kind = kind_of(o->get_name(), true, o->get_type_name());
      cmd.positionals.push_back(std::move(x));
      continue;
    }
    for (const auto& s : o->get_snames()) x.names.push_back("-" + s);
    for (const auto& l : o->get_lnames()) x.names.push_back("--" + l);
    x.takes_value = o->get_expected_max() != 0;  // a flag expects 0 values
    x.attached_only = !x.takes_value && !x.values.empty();
    x.kind = x.takes_value ? kind_of(x.names.back(), false, o->get_type_name()) : Kind::none;
    cmd.options.push_back(std::move(x));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (!sub->get_group().empty()) cmd.subs.push_back(model(*sub));
  return cmd;
}

std::string join(const std::vector<std::string>& words, std::string_view sep = " ") {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

std::string identifier(std::string_view program) {
  std::string out;
  for (char c : program) out += (c == '-' || c == '.') ? '_' : c;
  return out;
}

std::vector<std::string> option_names(const Cmd& cmd) {
  std::vector<std::string> out;
  for (const auto& o : cmd.options)
    for (const auto& n : o.names) out.push_back(n);
  return out;
}

std::vector<std::string> sub_names(const Cmd& cmd) {
  std::vector<std::string> out;
  for (const auto& s : cmd.subs) out.push_back(s.name);
  return out;
}

const char* const kRunWords = "last last-green -1 -2 -3";

// ---- bash ---------------------------------------------------------------

std::string bash_words(Kind kind, const std::vector<std::string>& values) {
  if (!values.empty())
    return fmt::format("COMPREPLY=($(compgen -W {} -- \"$cur\"))", su::shell_quote(join(values)));
  switch (kind) {
    case Kind::file: return "_sutools_files";
    case Kind::dir: return "_sutools_dirs";
    case Kind::test_id: return "_sutools_test_ids \"$cur\"";
    case Kind::run: return fmt::format("COMPREPLY=($(compgen -W '{}' -- \"$cur\"))", kRunWords);
    case Kind::none: break;
  }
  return ":";
}

// The body completing one command's words (after its subcommand, if any).
std::string bash_command(const Cmd& cmd, const std::string& indent) {
  std::string out;
  out += indent + "case $opt in\n";
  for (const auto& o : cmd.options) {
    if (!o.takes_value && !o.attached_only) continue;
    std::string guard = o.attached_only ? "[[ $attached == 1 ]] && " : "";
    out += fmt::format("{}  {}) {}{{ {}; return; }} ;;\n", indent, join(o.names, "|"), guard,
                       bash_words(o.kind, o.values));
  }
  out += indent + "esac\n";
  auto options = option_names(cmd);
  out += fmt::format("{}if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W {} -- \"$cur\")); "
                     "return; fi\n",
                     indent, su::shell_quote(join(options)));
  if (!cmd.subs.empty()) {
    out += fmt::format("{}COMPREPLY=($(compgen -W {} -- \"$cur\"))\n", indent,
                       su::shell_quote(join(sub_names(cmd))));
    return out;
  }
  Kind kind = Kind::none;
  std::vector<std::string> values;
  for (const auto& p : cmd.positionals) {
    if (kind == Kind::none || p.kind == Kind::test_id || p.kind == Kind::run) {
      kind = p.kind;
      values = p.values;
    }
  }
  if (kind != Kind::none || !values.empty()) out += indent + bash_words(kind, values) + "\n";
  return out;
}

std::string bash_script(const Cmd& top, const std::string& program) {
  std::string f = "_" + identifier(program);
  std::string out = fmt::format(
      "# bash completion for {0}, generated by `{0} --completion=bash` from its options.\n"
      "# Shared helpers (every sutools script defines the same ones).\n"
      "_sutools_files() {{ compopt -o filenames 2>/dev/null; "
      "COMPREPLY=($(compgen -f -- \"$cur\")); }}\n"
      "_sutools_dirs() {{ compopt -o filenames 2>/dev/null; "
      "COMPREPLY=($(compgen -d -- \"$cur\")); }}\n"
      "# Test ids starting with $1: from a stream named earlier on the line\n"
      "# (su-ls), else from the archive (su-archive __complete-ids).\n"
      "_sutools_test_ids() {{\n"
      "  local i w file='' archive=() id\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    w=${{COMP_WORDS[i]}}\n"
      "    if [[ $w == --archive ]]; then\n"
      "      [[ ${{COMP_WORDS[i+1]}} == = ]] && archive=(--archive \"${{COMP_WORDS[i+2]}}\") "
      "|| archive=(--archive \"${{COMP_WORDS[i+1]}}\")\n"
      "    elif [[ $w != -* && -f $w ]]; then file=$w; fi\n"
      "  done\n"
      "  COMPREPLY=()\n"
      "  while IFS= read -r id; do\n"
      "    [[ $id == \"$1\"* ]] && COMPREPLY+=(\"$id\")\n"
      "  done < <(if [[ -n $file ]]; then su-ls --no-passthrough -- \"$file\" 2>/dev/null\n"
      "           else su-archive \"${{archive[@]}}\" __complete-ids \"$1\" 2>/dev/null; fi)\n"
      "}}\n"
      "{1}() {{\n"
      "  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}\n"
      "  local opt=$prev attached=0 sub='' i\n"
      "  COMPREPLY=()\n"
      "  # --opt=VALUE: bash splits it into --opt, =, VALUE\n"
      "  if [[ $cur == = ]]; then cur=''; attached=1\n"
      "  elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then opt=${{COMP_WORDS[COMP_CWORD-2]}}; "
      "attached=1; fi\n",
      program, f);
  if (!top.subs.empty()) {
    out += fmt::format(
        "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
        "    case ${{COMP_WORDS[i]}} in {}) sub=${{COMP_WORDS[i]}}; break ;; esac\n"
        "  done\n"
        "  case $sub in\n",
        join(sub_names(top), "|"));
    for (const auto& s : top.subs) {
      Cmd merged = s;  // the top-level options may be given after the command
      auto names = option_names(s);
      for (const auto& o : top.options)
        if (std::find(names.begin(), names.end(), o.names.back()) == names.end())
          merged.options.push_back(o);
      out += fmt::format("    {})\n{}      ;;\n", s.name, bash_command(merged, "      "));
    }
    out += fmt::format("    *)\n{}      ;;\n  esac\n", bash_command(top, "      "));
  } else {
    out += bash_command(top, "  ");
  }
  out += fmt::format("}}\ncomplete -F {} {}\n", f, program);
  return out;
}

// ---- zsh ----------------------------------------------------------------

std::string zsh_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string zsh_action(Kind kind, const std::vector<std::string>& values) {
  if (!values.empty()) return "(" + join(values) + ")";
  switch (kind) {
    case Kind::file: return "_files";
    case Kind::dir: return "_files -/";
    case Kind::test_id: return "_sutools_test_ids";
    case Kind::run: return fmt::format("({})", kRunWords);
    case Kind::none: break;
  }
  return " ";
}

std::vector<std::string> zsh_specs(const Cmd& cmd) {
  std::vector<std::string> specs;
  for (const auto& o : cmd.options) {
    std::string desc = zsh_escape(o.desc);
    for (const auto& n : o.names) {
      if (o.attached_only)
        specs.push_back(su::shell_quote(fmt::format("{}=-[{}]::value:{}", n, desc, zsh_action(o.kind, o.values))));
      else if (!o.takes_value)
        specs.push_back(su::shell_quote(fmt::format("{}[{}]", n, desc)));
      else
        specs.push_back(su::shell_quote(fmt::format("{}{}[{}]:{}:{}", n, n.starts_with("--") ? "=" : "",
                                           desc, n, zsh_action(o.kind, o.values))));
    }
  }
  int n = 1;
  for (const auto& p : cmd.positionals) {
    std::string pos = p.repeats ? "*" : std::to_string(n++);
    specs.push_back(su::shell_quote(fmt::format("{}:{}:{}", pos, p.names[0], zsh_action(p.kind, p.values))));
  }
  return specs;
}

std::string zsh_script(const Cmd& top, const std::string& program) {
  std::string f = "_" + identifier(program);
  std::string out = fmt::format(
      "#compdef {0}\n"
      "# zsh completion for {0}, generated by `{0} --completion=zsh` from its options.\n"
      "(( $+functions[_sutools_test_ids] )) ||\n"
      "_sutools_test_ids() {{\n"
      "  local w file='' archive\n"
      "  local -a ids\n"
      "  for w in ${{words[2,CURRENT-1]}}; do\n"
      "    [[ $w != -* && -f $w ]] && file=$w\n"
      "  done\n"
      "  if [[ -n $file ]]; then ids=(${{(f)\"$(su-ls --no-passthrough -- $file 2>/dev/null)\"}})\n"
      "  else ids=(${{(f)\"$(su-archive ${{opt_args[--archive]:+--archive}} "
      "${{opt_args[--archive]}} __complete-ids \"$PREFIX\" 2>/dev/null)\"}}); fi\n"
      "  _describe -t test-ids 'test id' ids\n"
      "}}\n\n"
      "{1}() {{\n"
      "  local curcontext=$curcontext state line ret=1\n"
      "  typeset -A opt_args\n",
      program, f);
  auto specs = zsh_specs(top);
  if (top.subs.empty()) {
    out += "  _arguments -s \\\n    " + join(specs, " \\\n    ") + " && ret=0\n  return ret\n}\n";
  } else {
    std::vector<std::string> cmds;
    for (const auto& s : top.subs)
      cmds.push_back(fmt::format("{}\\:{}", s.name, zsh_escape(s.desc)));
    for (auto& c : cmds) {
      // inside (( )) a description needs its spaces quoted
      std::string q;
      for (char ch : c) q += (ch == ' ' || ch == '(' || ch == ')' || ch == '\'') ? std::string("\\") + ch : std::string(1, ch);
      c = q;
    }
    specs.push_back(su::shell_quote(fmt::format("1:command:(({}))", join(cmds))));
    specs.push_back(su::shell_quote("*::arg:->args"));
    out += "  _arguments -C \\\n    " + join(specs, " \\\n    ") + " && ret=0\n";
    out += "  case $state in\n    args)\n      case $words[1] in\n";
    for (const auto& s : top.subs) {
      auto sub_specs = zsh_specs(s);
      out += fmt::format("        {})\n          _arguments -s \\\n            {} && ret=0 ;;\n",
                         s.name, sub_specs.empty() ? "'*: :'" : join(sub_specs, " \\\n            "));
    }
    out += "      esac ;;\n  esac\n  return ret\n}\n";
  }
  out += fmt::format("\nif [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n  {0} \"$@\"\n"
                     "else\n  compdef {0} {1}\nfi\n",
                     f, program);
  return out;
}

// ---- fish ---------------------------------------------------------------

std::string fish_option(const std::string& program, const std::string& condition, const Opt& o) {
  std::string line = "complete -c " + program;
  if (!condition.empty()) line += " -n " + su::shell_quote(condition);
  for (const auto& n : o.names) {
    if (n.starts_with("--"))
      line += " -l " + n.substr(2);
    else if (n.size() == 2)
      line += " -s " + n.substr(1);
    else
      line += " -o " + n.substr(1);
  }
  if (o.takes_value || o.attached_only) {
    if (!o.values.empty())
      line += " -x -a " + su::shell_quote(join(o.values));
    else if (o.kind == Kind::file)
      line += " -r -F";
    else if (o.kind == Kind::dir)
      line += " -x -a '(__fish_complete_directories)'";
    else if (o.kind == Kind::test_id)
      line += " -x -a '(__sutools_test_ids)'";
    else if (o.kind == Kind::run)
      line += fmt::format(" -x -a '{}'", kRunWords);
    else
      line += " -x";
  }
  if (!o.desc.empty()) line += " -d " + su::shell_quote(o.desc);
  return line + "\n";
}

std::string fish_positionals(const std::string& program, const std::string& condition,
                             const Cmd& cmd) {
  std::string out;
  for (const auto& p : cmd.positionals) {
    std::string cond = condition.empty() ? "" : " -n " + su::shell_quote(condition);
    if (p.kind == Kind::test_id)
      out += fmt::format("complete -c {}{} -f -a '(__sutools_test_ids)'\n", program, cond);
    else if (p.kind == Kind::run)
      out += fmt::format("complete -c {}{} -f -a '{}'\n", program, cond, kRunWords);
    else if (!p.values.empty())
      out += fmt::format("complete -c {}{} -f -a {}\n", program, cond, su::shell_quote(join(p.values)));
    else if (p.kind == Kind::dir)
      out += fmt::format("complete -c {}{} -f -a '(__fish_complete_directories)'\n", program, cond);
  }
  return out;
}

std::string fish_script(const Cmd& top, const std::string& program) {
  std::string out = fmt::format(
      "# fish completion for {0}, generated by `{0} --completion=fish` from its options.\n"
      "function __sutools_test_ids\n"
      "    set -l file\n"
      "    set -l archive\n"
      "    set -l tokens (commandline -opc)\n"
      "    set -l next_is_archive 0\n"
      "    for t in $tokens[2..-1]\n"
      "        if test $next_is_archive = 1\n"
      "            set archive --archive $t\n"
      "            set next_is_archive 0\n"
      "        else if test \"$t\" = --archive\n"
      "            set next_is_archive 1\n"
      "        else if string match -q -- '--archive=*' $t\n"
      "            set archive --archive (string replace -- '--archive=' '' $t)\n"
      "        else if not string match -q -- '-*' $t; and test -f $t\n"
      "            set file $t\n"
      "        end\n"
      "    end\n"
      "    if test -n \"$file\"\n"
      "        su-ls --no-passthrough -- $file 2>/dev/null\n"
      "    else\n"
      "        su-archive $archive __complete-ids (commandline -ct) 2>/dev/null\n"
      "    end\n"
      "end\n",
      program);
  if (top.subs.empty()) {
    for (const auto& o : top.options) out += fish_option(program, "", o);
    out += fish_positionals(program, "", top);
    return out;
  }
  out += fmt::format("complete -c {} -f\n", program);
  for (const auto& o : top.options) out += fish_option(program, "", o);
  for (const auto& s : top.subs)
    out += fmt::format("complete -c {} -n '__fish_use_subcommand' -a {} -d {}\n", program, s.name,
                       su::shell_quote(s.desc));
  for (const auto& s : top.subs) {
    std::string cond = "__fish_seen_subcommand_from " + s.name;
    for (const auto& o : s.options) out += fish_option(program, cond, o);
    out += fish_positionals(program, cond, s);
    bool files = std::any_of(s.positionals.begin(), s.positionals.end(),
                             [](const Opt& p) { return p.kind == Kind::file; });
    if (files) out += fmt::format("complete -c {} -n {} -F\n", program, su::shell_quote(cond));
  }
  return out;
}

}  // namespace

std::string completion_script(const CLI::App& app, const std::string& program,
                              const std::string& shell) {
  Cmd top = model(app);
  if (shell == "bash") return bash_script(top, program);
  if (shell == "zsh") return zsh_script(top, program);
  if (shell == "fish") return fish_script(top, program);
  throw CLI::ValidationError("--completion", "'" + shell + "' is not one of bash, zsh, fish");
}

}  // namespace su

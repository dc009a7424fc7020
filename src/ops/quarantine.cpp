// SPDX-License-Identifier: Apache-2.0
#include "ops/quarantine.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "base/civil_date.hpp"
#include "base/error.hpp"

namespace su {
namespace {

[[noreturn]] void fail_at(const toml::source_region& where, const std::string& what) {
  throw QuarantineError(where.begin.line, where.begin.column, what);
}

// A TOML basic string: quotes, backslashes and control characters escaped.
void append_toml_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
  }
  out += '"';
}

}  // namespace

std::string civil_date(std::int32_t days) {
  CivilDate date = civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(date.year),
                date.month, date.day);
  return buf;
}

std::int32_t today_days() {
  using namespace std::chrono;
  return static_cast<std::int32_t>(
      floor<std::chrono::days>(system_clock::now()).time_since_epoch().count());
}

Quarantine Quarantine::parse(std::string_view text, std::string_view source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    std::string what(e.description());  // "Error while parsing ...": our messages are lower case
    if (!what.empty() && what[0] >= 'A' && what[0] <= 'Z') what[0] = static_cast<char>(what[0] - 'A' + 'a');
    fail_at(e.source(), what);
  }
  Quarantine q;
  q.today_ = today_days();
  for (auto&& [key, node] : root) {
    if (key.str() != "test")
      fail_at(key.source(), "unknown key '" + std::string(key.str()) +
                                "' (a quarantine file is a list of [[test]] tables)");
    const toml::array* tests = node.as_array();
    if (!tests || !tests->is_array_of_tables())
      fail_at(node.source(), "'test' must be a list of tables, written [[test]]");
    for (const toml::node& element : *tests) {
      const toml::table& t = *element.as_table();
      QuarantineEntry e;
      e.line = t.source().begin.line;
      std::optional<toml::source_region> id_at;
      for (auto&& [k, v_binding] : t) {
        std::string_view name = k.str();
        // A plain reference: clang 14 (the fuzz build) cannot capture a
        // structured binding in a lambda.
        const toml::node& v = v_binding;
        auto string_value = [&]() -> std::string {
          auto s = v.value<std::string>();
          if (!v.is_string() || !s) fail_at(v.source(), "'" + std::string(name) + "' must be a string");
          return *s;
        };
        if (name == "id") {
          e.id = string_value();
          if (e.id.empty()) fail_at(v.source(), "'id' is empty");
          id_at = v.source();
        } else if (name == "pattern") {
          e.pattern = string_value();
          if (e.pattern.empty()) fail_at(v.source(), "'pattern' is empty");
          id_at = v.source();
          try {
            q.regexes_.resize(q.entries_.size() + 1);
            q.regexes_.back() = std::make_unique<PythonRegex>(e.pattern);
          } catch (const std::invalid_argument& x) {
            fail_at(v.source(), x.what());
          }
        } else if (name == "reason") {
          e.reason = string_value();
        } else if (name == "issue") {
          e.issue = string_value();
        } else if (name == "expires") {
          std::optional<toml::date> d;
          if (v.is_date()) d = v.as_date()->get();
          if (v.is_date_time()) d = v.as_date_time()->get().date;
          if (!d) fail_at(v.source(), "'expires' must be a date, written like 2027-01-31 (no quotes)");
          e.expires = static_cast<std::int32_t>(days_from_civil(d->year, d->month, d->day));
        } else {
          fail_at(k.source(), "unknown key '" + std::string(name) +
                                  "' (an entry has id or pattern, reason, issue, expires)");
        }
      }
      if (e.id.empty() == e.pattern.empty())
        fail_at(t.source(), e.id.empty() ? "entry has neither 'id' nor 'pattern'"
                                         : "entry has both 'id' and 'pattern'; give one");
      if (e.reason.empty()) fail_at(t.source(), "entry has no 'reason'");
      q.regexes_.resize(q.entries_.size() + 1);
      if (!e.id.empty()) q.by_id_[e.id].push_back(q.entries_.size());
      q.entries_.push_back(std::move(e));
    }
  }
  return q;
}

Quarantine Quarantine::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw IoError("cannot read '" + path + "'");
  return parse(text.str(), path);
}

QuarantineEntry* Quarantine::match(std::string_view id) {
  QuarantineEntry* expired_match = nullptr;
  auto consider = [&](std::size_t i) {
    QuarantineEntry& e = entries_[i];
    if (!expired(e)) return &e;
    if (!expired_match) expired_match = &e;
    return static_cast<QuarantineEntry*>(nullptr);
  };
  if (auto it = by_id_.find(std::string(id)); it != by_id_.end())
    for (std::size_t i : it->second)
      if (auto* e = consider(i)) return e;
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (regexes_[i] && regexes_[i]->search(id))
      if (auto* e = consider(i)) return e;
  return expired_match;
}

std::string quarantine_toml(const QuarantineEntry& e) {
  std::string out = "[[test]]\n";
  out += e.id.empty() ? "pattern = " : "id = ";
  append_toml_string(out, e.id.empty() ? e.pattern : e.id);
  out += "\nreason = ";
  append_toml_string(out, e.reason);
  out += '\n';
  if (!e.issue.empty()) {
    out += "issue = ";
    append_toml_string(out, e.issue);
    out += '\n';
  }
  if (e.expires) out += "expires = " + civil_date(*e.expires) + "\n";
  out += '\n';
  return out;
}

}  // namespace su

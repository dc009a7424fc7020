// SPDX-License-Identifier: Apache-2.0
// Quarantine: tests whose failures are known and tracked, as data
// (su-filter(1), *--quarantine*). The file is TOML, one table per test:
//
//     [[test]]
//     id = "pkg.tests.test_x.TestX.test_y"    # or: pattern = "regex"
//     reason = "fails 1 in 30 on worker-0; interference under investigation"
//     issue = "https://tracker.example/123"
//     expires = 2027-01-31
//
// `id` names one test exactly; `pattern` is a python regular expression
// searched for in the id (as su-filter's list files are, PythonRegex).
// `reason` is required, `issue` optional, `expires` (a TOML date; the entry
// applies up to and including that day, UTC) optional. An entry past its
// date is expired: it is not applied, and is reported, so a quarantine
// cannot rot silently.
//
// su-filter uses it to turn a quarantined test's failing result into xfail
// with the reason and issue attached; su-archive flaky writes entries.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ops/python_regex.hpp"

namespace su {

// A malformed quarantine file: what is wrong, and where (1-based line and
// column; 0 when the problem is the whole file).
class QuarantineError : public std::runtime_error {
 public:
  QuarantineError(std::uint32_t line, std::uint32_t column, const std::string& what)
      : std::runtime_error(what), line_(line), column_(column) {}
  std::uint32_t line() const { return line_; }
  std::uint32_t column() const { return column_; }

 private:
  std::uint32_t line_, column_;
};

struct QuarantineEntry {
  std::string id;       // exact test id, or
  std::string pattern;  // a regex searched for in the id (when id is empty)
  std::string reason;
  std::string issue;                  // may be empty
  std::optional<std::int32_t> expires;  // last day it applies, in days since 1970-01-01
  std::uint32_t line = 0;             // where its [[test]] table starts

  // What happened to it in a stream (su-filter's report).
  std::uint64_t failures_quarantined = 0;  // failing results turned into xfail
  std::uint64_t passes_seen = 0;           // passing results, left alone
  std::uint64_t failures_standing = 0;     // failing results not quarantined: expired
};

// Days since 1970-01-01 as "YYYY-MM-DD" (the other way: base/civil_date.hpp).
std::string civil_date(std::int32_t days);
// Today, UTC.
std::int32_t today_days();

class Quarantine {
 public:
  // Parses a quarantine file's text. Throws QuarantineError: TOML syntax,
  // an entry without `id` or `pattern` (or with both), without `reason`,
  // with a key it does not know, a value of the wrong type, or a pattern
  // that does not compile.
  static Quarantine parse(std::string_view text, std::string_view source_name);
  // Reads and parses the file at `path`. Throws IoError, QuarantineError.
  static Quarantine load(const std::string& path);

  // Entries expire relative to `today` (days since 1970-01-01).
  void set_today(std::int32_t today) { today_ = today; }
  bool expired(const QuarantineEntry& e) const { return e.expires && *e.expires < today_; }

  // The entry for `id`: the first by file order among exact ids, then
  // patterns, preferring one that is not expired. Null if none lists it.
  QuarantineEntry* match(std::string_view id);

  std::vector<QuarantineEntry>& entries() { return entries_; }
  const std::vector<QuarantineEntry>& entries() const { return entries_; }

 private:
  std::vector<QuarantineEntry> entries_;
  std::vector<std::unique_ptr<PythonRegex>> regexes_;  // by entry; null for ids
  std::unordered_map<std::string, std::vector<std::size_t>> by_id_;
  std::int32_t today_ = 0;
};

// One `[[test]]` table for `entry`, in the format Quarantine::parse reads,
// ending with a blank line. Strings are TOML basic strings, escaped.
std::string quarantine_toml(const QuarantineEntry& entry);

}  // namespace su

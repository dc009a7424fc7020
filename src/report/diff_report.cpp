#include "report/diff_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "base/json.hpp"
#include "base/visible_text.hpp"

namespace su {
namespace {

// Past this many columns ids are not padded: one long id should not push
// every other line of its section off the screen.
constexpr std::size_t kMaxIdColumn = 80;

const char* const kReset = "\033[0m";
const char* const kBold = "\033[1m";

const char* section_color(Section s) {
  switch (s) {
    case Section::new_failures: return "\033[1;31m";
    case Section::fixed: return "\033[1;32m";
    case Section::still_failing: return "\033[1;33m";
    case Section::faster: return "\033[1;32m";
    case Section::slower:
    case Section::flaky: return "\033[1;35m";
    default: return "\033[1;36m";
  }
}

std::string seconds_text(double s) { return fmt::format("{:.3f} s", s); }

// Width on a terminal, counting UTF-8 code points (close enough for ids).
std::size_t columns(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Ids, routes and run names are escaped everywhere in the text report
// (terminal or not): a newline or escape in an id would break the table.
void append_escaped(std::string& out, std::string_view s) { append_visible(out, s); }

std::string display_name(std::string_view key, bool by_route) {
  std::string out;
  append_escaped(out, RunSummary::id_of(key));
  if (by_route) {
    auto route = RunSummary::route_of(key);
    out += route ? " [route " : " [no route]";
    if (route) {
      append_escaped(out, *route);
      out += ']';
    }
  }
  return out;
}

std::string test_label(const TestSummary* t, bool color) {
  if (!t) return "(absent)";
  std::uint32_t runs = t->runs();
  if (runs <= 1) return std::string(outcome_name(t->status));
  std::string out = fmt::format("{} runs:", runs);
  const char* sep = " ";
  for (std::size_t i = 0; i < kOutcomeCount; ++i) {
    auto o = static_cast<Outcome>(i);
    if (o == Outcome::exists || t->count(o) == 0) continue;
    out += sep;
    out += fmt::format("{} {}", t->count(o), outcome_name(o));
    sep = ", ";
  }
  if (t->flaky()) out += color ? std::string(" (\033[35mflaky\033[0m)") : " (flaky)";
  return out;
}

std::string change_text(const DiffEntry& e, Section s, bool color) {
  switch (s) {
    case Section::added:
    case Section::flaky: return test_label(e.new_test, color);
    case Section::removed: return test_label(e.old_test, color);
    case Section::slower:
    case Section::faster: {
      double before = *e.old_test->duration(), after = *e.new_test->duration();
      std::string out = seconds_text(before) + " -> " + seconds_text(after);
      if (before > 0) out += fmt::format(" ({:+.0f}%)", (after - before) / before * 100);
      return out;
    }
    default: return test_label(e.old_test, color) + " -> " + test_label(e.new_test, color);
  }
}

std::string run_line(const char* which, const std::string& name, const RunSummary& run,
                     std::size_t failing, std::optional<double> baseline) {
  std::string out = "  ";
  out += which;
  out += " '";
  append_escaped(out, name);
  out += fmt::format("': {} {}", run.size(), run.size() == 1 ? "test" : "tests");
  if (run.results() != run.size()) out += fmt::format(" ({} results)", run.results());
  out += fmt::format(", {} failing, ", failing);
  auto elapsed = run.elapsed();
  if (!elapsed) return out + "time unknown\n";
  out += seconds_text(*elapsed);
  if (baseline && *baseline > 0) out += fmt::format(" ({:+.1f}%)", (*elapsed - *baseline) / *baseline * 100);
  return out + "\n";
}

std::string counts_line(const RunDiff& diff) {
  auto n = [&](Section s) { return diff.section(s).size(); };
  std::string out = "  ";
  out += fmt::format(
      "{} {}, {} fixed, {} still failing, {} added, {} removed, {} {}, {} slower, {} faster, "
      "{} flaky\n",
      n(Section::new_failures), n(Section::new_failures) == 1 ? "new failure" : "new failures",
      n(Section::fixed), n(Section::still_failing), n(Section::added), n(Section::removed),
      n(Section::status_changes),
      n(Section::status_changes) == 1 ? "status change" : "status changes", n(Section::slower),
      n(Section::faster), n(Section::flaky));
  return out;
}

void append_number(std::string& out, std::optional<double> v) {
  out += v ? fmt::format("{:.6f}", *v) : "null";
}

void append_run_json(std::string& out, const std::string& name, const RunSummary& run,
                     std::size_t failing) {
  std::size_t flaky = 0;
  for (std::size_t i = 0; i < run.size(); ++i) flaky += run.test(i).flaky();
  out += "{\"name\": ";
  append_json_string(out, name);
  out += fmt::format(", \"tests\": {}, \"results\": {}, \"failing\": {}, \"flaky\": {}",
                     run.size(), run.results(), failing, flaky);
  out += ", \"elapsed_seconds\": ";
  append_number(out, run.elapsed());
  out += "}";
}

void append_test_json(std::string& out, const TestSummary* t) {
  if (!t) {
    out += "null";
    return;
  }
  out += "{\"status\": ";
  append_json_string(out, outcome_name(t->status));
  out += t->fails() ? ", \"fails\": true" : ", \"fails\": false";
  out += t->flaky() ? ", \"flaky\": true" : ", \"flaky\": false";
  out += fmt::format(", \"runs\": {}", t->runs());
  out += ", \"results\": {";
  const char* sep = "";
  for (std::size_t i = 0; i < kOutcomeCount; ++i) {
    auto o = static_cast<Outcome>(i);
    if (t->count(o) == 0) continue;
    out += sep;
    append_json_string(out, outcome_name(o));
    out += fmt::format(": {}", t->count(o));
    sep = ", ";
  }
  out += "}, \"seconds\": ";
  append_number(out, t->duration());
  out += "}";
}

}  // namespace

void write_text_report(Output& out, const RunDiff& diff, const ReportOptions& options) {
  bool by_route = diff.old_run().by_route();
  std::string line;
  for (std::size_t s = 0; s < kSectionCount; ++s) {
    auto section = static_cast<Section>(s);
    const auto& entries = diff.section(section);
    if (entries.empty()) continue;
    std::vector<std::string> names;
    names.reserve(entries.size());
    std::size_t width = 0;
    for (const auto& e : entries) {
      names.push_back(display_name(e.key, by_route));
      std::size_t w = columns(names.back());
      if (w <= kMaxIdColumn) width = std::max(width, w);
    }
    line.clear();
    if (options.color) line += section_color(section);
    line += section_name(section);
    if (options.color) line += kReset;
    line += fmt::format(" ({}):\n", entries.size());
    out.write(line);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      line = "  " + names[i];
      std::size_t w = columns(names[i]);
      line.append(w < width ? width - w : 0, ' ');
      line += "  " + change_text(entries[i], section, options.color) + "\n";
      out.write(line);
    }
    out.write("\n");
  }
  line = options.color ? std::string(kBold) + "summary" + kReset + ":\n" : "summary:\n";
  line += run_line("old", options.old_name, diff.old_run(), diff.old_failing(), std::nullopt);
  line += run_line("new", options.new_name, diff.new_run(), diff.new_failing(),
                   diff.old_run().elapsed());
  line += counts_line(diff);
  out.write(line);
}

void write_json_report(Output& out, const RunDiff& diff, const ReportOptions& options) {
  bool by_route = diff.old_run().by_route();
  std::string doc = "{\n  \"old\": ";
  append_run_json(doc, options.old_name, diff.old_run(), diff.old_failing());
  doc += ",\n  \"new\": ";
  append_run_json(doc, options.new_name, diff.new_run(), diff.new_failing());
  doc += ",\n  \"options\": {\"by_route\": ";
  doc += by_route ? "true" : "false";
  doc += fmt::format(", \"slower_percent\": {:g}, \"min_seconds\": {:g}",
                     diff.options().slower_percent, diff.options().min_seconds);
  doc += "},\n  \"counts\": {";
  for (std::size_t s = 0; s < kSectionCount; ++s) {
    if (s) doc += ", ";
    append_json_string(doc, section_name(static_cast<Section>(s)));
    doc += fmt::format(": {}", diff.section(static_cast<Section>(s)).size());
  }
  doc += "},\n  \"sections\": {";
  out.write(doc);
  for (std::size_t s = 0; s < kSectionCount; ++s) {
    const auto& entries = diff.section(static_cast<Section>(s));
    doc = s ? ",\n    " : "\n    ";
    append_json_string(doc, section_name(static_cast<Section>(s)));
    doc += ": [";
    out.write(doc);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const DiffEntry& e = entries[i];
      doc = i ? ",\n      {\"id\": " : "\n      {\"id\": ";
      append_json_string(doc, RunSummary::id_of(e.key));
      if (by_route) {
        doc += ", \"route_code\": ";
        auto route = RunSummary::route_of(e.key);
        if (route)
          append_json_string(doc, *route);
        else
          doc += "null";
      }
      doc += ", \"old\": ";
      append_test_json(doc, e.old_test);
      doc += ", \"new\": ";
      append_test_json(doc, e.new_test);
      doc += "}";
      out.write(doc);
    }
    out.write(entries.empty() ? "]" : "\n    ]");
  }
  out.write("\n  }\n}\n");
}

void write_section_ids(Output& out, const RunDiff& diff, Section section, bool escape) {
  std::string_view previous;
  bool first = true;
  for (const auto& e : diff.section(section)) {
    std::string_view id = RunSummary::id_of(e.key);
    // Sorted by key, so the routes of one id are adjacent.
    if (!first && id == previous) continue;
    if (escape)
      out.write(visible(id));
    else
      out.write(id);
    out.put('\n');
    previous = id;
    first = false;
  }
}

}  // namespace su

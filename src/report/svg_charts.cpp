// SPDX-License-Identifier: Apache-2.0
#include "report/svg_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace su {
namespace {

constexpr std::int64_t kUnits = 100000;  // timeline width in viewBox units
constexpr std::int64_t kMinBar = kUnits / 1500;
constexpr int kLanePx = 24;

std::string fmt_double(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::int64_t units(std::int64_t micros, std::int64_t span) {
  return static_cast<std::int64_t>(std::llround(static_cast<double>(micros) /
                                                static_cast<double>(span) * kUnits));
}

}  // namespace

void write_timeline(HtmlWriter& out, const std::vector<TimelineLane>& lanes,
                    std::vector<TimelineBar> bars, std::int64_t span,
                    const std::vector<std::string_view>& outcomes) {
  if (span <= 0) span = 1;
  std::sort(bars.begin(), bars.end(), [](const TimelineBar& a, const TimelineBar& b) {
    if (a.lane != b.lane) return a.lane < b.lane;
    if (a.outcome != b.outcome) return a.outcome < b.outcome;
    return a.start < b.start;
  });
  std::size_t n = lanes.size();
  out.raw("<div class=\"timeline\">\n<div class=\"lanes\" aria-hidden=\"true\">");
  for (const auto& lane : lanes) {
    out.raw("<div title=\"").number(lane.tests).raw(" tests\">");
    out.text(lane.worker.empty() ? "(no worker)" : lane.worker).raw("</div>");
  }
  out.raw("</div>\n<svg data-timeline xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
      .number(kUnits)
      .raw(" ")
      .number(n)
      .raw("\" preserveAspectRatio=\"none\" height=\"")
      .number(n * kLanePx)
      .raw("\" data-span=\"")
      .raw(fmt_double("%.6f", static_cast<double>(span) / 1e6))
      .raw("\" data-min=\"")
      .raw(fmt_double("%.6f", static_cast<double>(span) / 1e6 * kMinBar / kUnits))
      .raw("\" role=\"img\" aria-label=\"Timeline: one lane per worker, one bar per test\">\n");
  std::size_t i = 0;
  std::string d;
  for (std::size_t lane = 0; lane < n; ++lane) {
    out.raw("<g data-worker=\"").attr(lanes[lane].worker).raw("\"");
    if (lane) out.raw(" transform=\"translate(0 ").number(lane).raw(")\"");
    out.raw("><title>").text(lanes[lane].worker.empty() ? "(no worker)" : lanes[lane].worker);
    out.raw(": ").number(lanes[lane].tests).raw(" tests</title>");
    out.raw("<rect class=\"lane\" y=\".1\" height=\".8\" width=\"").number(kUnits).raw("\"/>");
    while (i < bars.size() && bars[i].lane == lane) {
      std::uint8_t outcome = bars[i].outcome;
      // One path for this lane and outcome: bars as relative moves, each
      // from the rounded absolute positions (no drift).
      d.clear();
      std::int64_t pen = 0;
      bool first = true;
      for (; i < bars.size() && bars[i].lane == lane && bars[i].outcome == outcome; ++i) {
        std::int64_t x = units(bars[i].start, span);
        std::int64_t w = std::max(units(bars[i].stop, span) - x, kMinBar);
        if (first) {
          d += 'M';
          d += std::to_string(x);
          d += " .5h";
          first = false;
        } else {
          d += 'm';
          d += std::to_string(x - pen);
          d += " 0h";
        }
        d += std::to_string(w);
        pen = x + w;
      }
      out.raw("<path class=\"p-")
          .raw(outcome < outcomes.size() ? outcomes[outcome] : std::string_view("skip"))
          .raw("\" d=\"")
          .raw(d)
          .raw("\"/>");
    }
    out.raw("</g>\n");
  }
  out.raw("</svg>\n<div class=\"axis\"><span>0 s</span><span>")
      .text(human_seconds(static_cast<double>(span) / 2e6))
      .raw("</span><span>")
      .text(human_seconds(static_cast<double>(span) / 1e6))
      .raw("</span></div>\n</div>\n");
}

void write_outcome_bar(HtmlWriter& out,
                       const std::vector<std::pair<std::string_view, std::uint64_t>>& parts) {
  std::uint64_t total = 0;
  for (const auto& p : parts) total += p.second;
  if (total == 0) return;
  out.raw("<svg class=\"outcomes\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
      .number(total)
      .raw(" 1\" preserveAspectRatio=\"none\" aria-hidden=\"true\">");
  std::uint64_t x = 0;
  for (const auto& [name, count] : parts) {
    if (!count) continue;
    out.raw("<rect x=\"").number(x).raw("\" width=\"").number(count);
    out.raw("\" height=\"1\" style=\"fill:var(--").raw(name).raw(")\"/>");
    x += count;
  }
  out.raw("</svg>\n");
}

void write_sparkline(HtmlWriter& out, const std::vector<std::optional<double>>& values,
                     const std::vector<bool>& marked, std::string_view label) {
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& v : values)
    if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
  out.raw("<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 90 22\" "
          "role=\"img\"><title>")
      .text(label)
      .raw("</title>");
  if (lo <= hi) {
    std::size_t n = values.size();
    auto x = [&](std::size_t i) { return n > 1 ? 3 + 84.0 * static_cast<double>(i) / static_cast<double>(n - 1) : 45.0; };
    auto y = [&](double v) { return hi > lo ? 19 - 16 * (v - lo) / (hi - lo) : 11.0; };
    std::string points;
    std::size_t in_line = 0;
    auto end_line = [&] {
      if (in_line > 1) out.raw("<polyline points=\"").raw(points).raw("\"/>");
      points.clear();
      in_line = 0;
    };
    for (std::size_t i = 0; i < n; ++i) {
      if (!values[i]) {
        end_line();
        continue;
      }
      if (in_line++) points += ' ';
      points += fmt_double("%.1f", x(i)) + "," + fmt_double("%.1f", y(*values[i]));
    }
    end_line();
    for (std::size_t i = 0; i < n; ++i)
      if (i < marked.size() && marked[i])
        out.raw("<circle r=\"2\" cx=\"")
            .raw(fmt_double("%.1f", x(i)))
            .raw("\" cy=\"")
            .raw(fmt_double("%.1f", values[i] ? y(*values[i]) : 11.0))
            .raw("\"/>");
  }
  out.raw("</svg>");
}

}  // namespace su

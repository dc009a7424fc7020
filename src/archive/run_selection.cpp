// SPDX-License-Identifier: Apache-2.0
#include "archive/run_selection.hpp"

#include <charconv>
#include <chrono>
#include <cstdint>

#include "archive/archive_error.hpp"

namespace su {

std::int64_t run_time_ns(const archive::pb::RunHeader& h) {
  return h.has_times() ? h.first_ns() : h.added_ns();
}

std::optional<std::string_view> run_meta(const archive::pb::RunHeader& h, std::string_view key) {
  // The last value given wins, as with repeated --meta.
  std::optional<std::string_view> out;
  for (const auto& m : h.meta())
    if (m.key() == key) out = m.value();
  return out;
}

bool infrastructure_failure(const archive::pb::RunHeader& h, double max_ratio) {
  if (h.tests() < kInfrastructureMinTests) return false;
  return static_cast<double>(failing_count(h)) > max_ratio * static_cast<double>(h.tests());
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  auto number = [&](std::size_t at, std::size_t len, int& out) {
    if (at + len > text.size()) return false;
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc() && end == text.data() + at + len;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!number(0, 4, y) || text.size() < 10 || text[4] != '-' || !number(5, 2, mo) ||
      text[7] != '-' || !number(8, 2, d))
    return std::nullopt;
  if (text.size() > 10) {
    bool ok = (text[10] == 'T' || text[10] == ' ') && text.size() >= 19 && number(11, 2, h) &&
              text[13] == ':' && number(14, 2, mi) && text[16] == ':' && number(17, 2, s) &&
              (text.size() == 19 || text.substr(19) == "Z");
    if (!ok || h > 23 || mi > 59 || s > 60) return std::nullopt;
  }
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  std::int64_t secs = (sys_days{ymd} + hours{h} + minutes{mi} + seconds{s}).time_since_epoch().count();
  // Past 2262 nanoseconds overflow: such a date is after every run.
  constexpr std::int64_t kMax = INT64_MAX / 1'000'000'000;
  if (secs >= kMax) return INT64_MAX;
  if (secs <= -kMax) return INT64_MIN;
  return secs * 1'000'000'000;
}

void select_runs(RunStore& store, const RunSelection& selection,
                 const std::function<bool(std::uint64_t, const archive::pb::RunHeader&)>& visit,
                 const std::function<void(std::uint64_t, const std::string&)>& damaged) {
  std::vector<std::uint64_t> runs = store.runs();
  if (selection.last && *selection.last < runs.size())
    runs.erase(runs.begin(), runs.end() - static_cast<std::ptrdiff_t>(*selection.last));
  for (std::uint64_t run : runs) {
    archive::pb::RunHeader h;
    try {
      h = store.header(run);
    } catch (const ArchiveDamage& e) {
      damaged(run, "'" + e.path() + "': " + e.what());
      continue;
    } catch (const ArchiveUsage&) {
      continue;  // removed while we read
    }
    if (selection.since_ns && run_time_ns(h) < *selection.since_ns) continue;
    if (!visit(run, h)) return;
  }
}

void select_outcomes(
    RunStore& store, const RunSelection& selection, double max_run_failure_ratio,
    std::vector<std::uint64_t>& infrastructure,
    const std::function<void(std::uint64_t, const archive::pb::RunHeader&, const RunIndex&)>& visit,
    const std::function<void(std::uint64_t, const std::string&)>& damaged) {
  select_runs(
      store, selection,
      [&](std::uint64_t run, const archive::pb::RunHeader& h) {
        if (infrastructure_failure(h, max_run_failure_ratio)) {
          infrastructure.push_back(run);
          return true;
        }
        RunIndex index;
        try {
          index = store.outcomes(run);
        } catch (const ArchiveDamage& e) {
          damaged(run, "'" + e.path() + "': " + e.what());
          return true;
        } catch (const ArchiveUsage&) {
          return true;  // removed while we read
        }
        visit(run, h, index);
        return true;
      },
      damaged);
}

}  // namespace su

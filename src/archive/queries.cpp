// SPDX-License-Identifier: Apache-2.0
#include "archive/queries.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>

#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/repository.hpp"
#include "base/crc32.hpp"
#include "base/error.hpp"
#include "base/input.hpp"

namespace su {
namespace {

bool parse_number(std::string_view text, std::uint64_t& out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

namespace {

constexpr std::string_view kRunForms =
    "an id, 'last', -N for the N-th most recent, 'last-green', or KEY=VALUE";

[[noreturn]] void not_a_run(std::string_view spec) {
  throw ArchiveUsage(fmt::format("'{}' is not a run ({})", spec, kRunForms));
}

// The most recent run whose header satisfies `match`. A run whose index
// cannot be read is passed over: it cannot be shown to match.
std::optional<std::uint64_t> most_recent(
    RunStore& store, const std::function<bool(const archive::pb::RunHeader&)>& match) {
  auto runs = store.runs();
  for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
    try {
      if (match(store.header(*it))) return *it;
    } catch (const ArchiveDamage&) {
    } catch (const ArchiveUsage&) {
      // removed while we read
    }
  }
  return std::nullopt;
}

}  // namespace

std::uint64_t resolve_run(RunStore& store, std::string_view spec) {
  std::uint64_t n = 0;
  if (spec == "last-green") {
    auto run = most_recent(store, [](const auto& h) { return h.failures() == 0; });
    if (!run) throw ArchiveUsage(fmt::format("no run in '{}' passed (nothing failed)", store.dir()));
    return *run;
  }
  if (auto eq = spec.find('='); eq != std::string_view::npos) {
    std::string_view key = spec.substr(0, eq), value = spec.substr(eq + 1);
    if (key.empty()) not_a_run(spec);
    auto run = most_recent(store, [&](const auto& h) {
      for (const auto& m : h.meta())
        if (m.key() == key && m.value() == value) return true;
      return false;
    });
    if (!run) throw ArchiveUsage(fmt::format("no run in '{}' has metadata {}", store.dir(), spec));
    return *run;
  }
  if (spec == "last" || (spec.size() > 1 && spec[0] == '-')) {
    std::uint64_t back = 1;
    if (spec != "last" && (!parse_number(spec.substr(1), back) || back == 0)) not_a_run(spec);
    auto runs = store.runs();
    if (runs.empty()) throw ArchiveUsage("'" + store.dir() + "' has no runs");
    if (back > runs.size())
      throw ArchiveUsage(fmt::format("'{}' has only {} runs, so '{}' names none", store.dir(),
                                     runs.size(), spec));
    return runs[runs.size() - back];
  }
  if (!parse_number(spec, n)) not_a_run(spec);
  return n;
}

std::vector<const TestRow*> failing_tests(const RunIndex& index) {
  std::vector<const TestRow*> out;
  for (const auto& r : index.rows)
    if (r.failed()) out.push_back(&r);
  std::sort(out.begin(), out.end(),
            [](const TestRow* a, const TestRow* b) { return a->offset < b->offset; });
  return out;
}

std::vector<const TestRow*> slowest_tests(const RunIndex& index, std::size_t n) {
  std::vector<const TestRow*> out;
  for (const auto& r : index.rows)
    if (r.duration_ns()) out.push_back(&r);
  auto longer = [](const TestRow* a, const TestRow* b) {
    auto da = *a->duration_ns(), db = *b->duration_ns();
    return da != db ? da > db : a->offset < b->offset;
  };
  if (n < out.size()) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), out.end(), longer);
    out.resize(n);
  } else {
    std::sort(out.begin(), out.end(), longer);
  }
  return out;
}

std::uint64_t test_history(
    RunStore& store, std::string_view test_id,
    const std::function<void(const RunIndex&, const TestRow&)>& found,
    const std::function<void(std::uint64_t, const std::string&)>& damaged) {
  std::uint64_t results = 0;
  auto in_stream_order = [&](const RunIndex& index, std::size_t lo, std::size_t hi) {
    std::vector<const TestRow*> rows;
    for (auto i = lo; i < hi; ++i) rows.push_back(&index.rows[i]);
    std::sort(rows.begin(), rows.end(),
              [](const TestRow* a, const TestRow* b) { return a->offset < b->offset; });
    for (const TestRow* r : rows) {
      found(index, *r);
      ++results;
    }
  };
  if (store.find_test_rows(test_id, [&](const RunIndex& index) {
        in_stream_order(index, 0, index.rows.size());
      }))
    return results;
  auto* archive = dynamic_cast<Archive*>(&store);
  // An archive's ids table names every test it has seen: a test missing
  // from it is in no run, and its number is found once.
  // It is looked up in the ids file a frame at a time, not loaded whole.
  std::optional<std::uint32_t> number;
  if (archive) {
    number = archive->find_id(test_id);
    if (!number && !IdTable::scan_file(archive->dir() + "/ids", [](std::uint32_t, std::string_view) {}).damaged) return 0;
  }
  for (std::uint64_t run : store.runs()) {
    try {
      RunIndex index = archive && number ? archive->index(run, number) : store.index(run);
      if (!archive) number = store.ids().find(test_id);
      if (!number) continue;
      auto [lo, hi] = index.rows_of(*number);
      in_stream_order(index, lo, hi);
    } catch (const ArchiveDamage& e) {
      damaged(run, "'" + e.path() + "': " + e.what());
    } catch (const ArchiveUsage&) {
      // removed while we read: it is simply not there any more
    }
  }
  return results;
}

std::vector<TestRow> failing_rows(RunStore& store, std::uint64_t run, RunIndex& tables) {
  std::vector<TestRow> out;
  auto keep = [&](std::span<const TestRow> rows) {
    for (const auto& r : rows)
      if (r.failed()) out.push_back(r);
  };
  if (auto* archive = dynamic_cast<Archive*>(&store)) {
    archive->scan(run, tables, keep);
  } else {
    tables = store.failed_index(run);
    keep(tables.rows);
    tables.rows.clear();
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TestRow& a, const TestRow& b) { return a.offset < b.offset; });
  return out;
}

std::vector<TestRow> slowest_rows(RunStore& store, std::uint64_t run, std::size_t n,
                                  RunIndex& tables) {
  // A heap of the n longest so far: memory is n rows, not the run.
  auto longer = [](const TestRow& a, const TestRow& b) {
    auto da = *a.duration_ns(), db = *b.duration_ns();
    return da != db ? da > db : a.offset < b.offset;
  };
  std::vector<TestRow> heap;
  auto keep = [&](std::span<const TestRow> rows) {
    for (const auto& r : rows) {
      if (!r.duration_ns() || n == 0) continue;
      if (heap.size() < n) {
        heap.push_back(r);
        std::push_heap(heap.begin(), heap.end(), longer);
      } else if (longer(r, heap.front())) {
        std::pop_heap(heap.begin(), heap.end(), longer);
        heap.back() = r;
        std::push_heap(heap.begin(), heap.end(), longer);
      }
    }
  };
  if (auto* archive = dynamic_cast<Archive*>(&store)) {
    archive->scan(run, tables, keep);
  } else {
    tables = store.index(run);
    keep(tables.rows);
    tables.rows.clear();
  }
  std::sort(heap.begin(), heap.end(), longer);
  return heap;
}

std::vector<std::string> test_names(RunStore& store, std::span<const TestRow> rows) {
  std::vector<std::uint32_t> numbers;
  for (const auto& r : rows) numbers.push_back(r.test);
  if (auto* archive = dynamic_cast<Archive*>(&store)) return archive->test_names(numbers);
  std::vector<std::string> names;
  for (auto n : numbers) names.emplace_back(store.ids().at(n));
  return names;
}

namespace {

// The key that says a repository run was imported: its number there, and
// its file's CRC-32 and size (a repository that was recreated reuses
// numbers for different runs).
std::string import_key(std::string_view run, std::string_view crc, std::string_view bytes) {
  return fmt::format("{}/{}/{}", run, crc, bytes);
}

std::unordered_set<std::string> imported_keys(WritableStore& archive) {
  std::unordered_set<std::string> keys;
  for (std::uint64_t run : archive.runs()) {
    archive::pb::RunHeader header;
    try {
      header = archive.header(run);
    } catch (const ArchiveDamage&) {
      continue;  // check reports it; at worst that run is imported again
    } catch (const ArchiveUsage&) {
      continue;  // removed while we read
    }
    std::string_view number, crc, bytes;
    for (const auto& m : header.meta()) {
      if (m.key() == "imported-run") number = m.value();
      if (m.key() == "imported-crc32") crc = m.value();
      if (m.key() == "imported-bytes") bytes = m.value();
    }
    if (!number.empty() && !crc.empty()) keys.insert(import_key(number, crc, bytes));
  }
  return keys;
}

}  // namespace

ImportResult import_repository(WritableStore& archive, const std::string& dir, DamageHandler* damage,
                               const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  Repository repository{dir};
  auto runs = repository.runs();
  auto seen = imported_keys(archive);
  ImportResult result;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (progress) progress(i, runs.size());
    std::string path = repository.run_path(runs[i]);
    // The key is of the file's bytes as they are (compressed or not).
    std::string bytes = read_file(path);
    std::string number = std::to_string(runs[i]);
    std::string crc = fmt::format("{:08x}", crc32(bytes.data(), bytes.size()));
    std::string size = std::to_string(bytes.size());
    if (!seen.insert(import_key(number, crc, size)).second) {
      ++result.already;
      continue;
    }
    AddOptions options;
    options.source = path;
    options.added_ns = modification_time_ns(path);
    options.meta = {{"imported-from", dir},
                    {"imported-run", number},
                    {"imported-crc32", crc},
                    {"imported-bytes", size}};
    options.damage = damage;
    bytes = {};
    result.ids.push_back(archive.add(open_input(path), options));
  }
  if (progress) progress(runs.size(), runs.size());
  return result;
}

std::string_view row_status(const TestRow& row) {
  if (!row.complete) return "incomplete";
  if (row.status == Status::none) return "unknown";
  return status_name(row.status);
}

}  // namespace su

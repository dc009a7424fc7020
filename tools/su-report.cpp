// SPDX-License-Identifier: Apache-2.0
// su-report: the HTML page of a run, or of an archive's recent history,
// as one self-contained file. See su-report(1). The pages are
// src/report/run_page and src/report/history_page.
#include <cstdlib>
#include <unistd.h>

#include <fmt/format.h>

#include "archive/archive_error.hpp"
#include "archive/queries.hpp"
#include "archive/run_store.hpp"
#include "base/error.hpp"
#include "base/output.hpp"
#include "base/timestamp.hpp"
#include "common/tool.hpp"
#include "report/history_page.hpp"
#include "report/run_page.hpp"

namespace {

// A file under $TMPDIR that is gone when this is.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    path_ = fmt::format("{}/su-report-XXXXXX", dir && *dir ? dir : "/tmp");
    fd_ = ::mkstemp(path_.data());
    if (fd_ < 0) throw su::IoError(fmt::format("cannot create a temporary file '{}'", path_));
  }
  ~TempFile() {
    ::unlink(path_.c_str());
    if (fd_ >= 0) ::close(fd_);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

// Damage in a stored run's stream: a warning naming the run's file.
class RunDamage : public su::DamageHandler {
 public:
  RunDamage(const su::Tool& tool, std::string name, bool strict)
      : tool_(tool), name_(std::move(name)), strict_(strict) {}
  void on_damage(const su::Damage& d) override {
    if (strict_) throw su::DecodeError(d.offset, d.reason);
    tool_.warn(fmt::format("'{}': byte {}: {} ({} bytes reported as test subunit.parser)", name_,
                           d.offset, d.reason, d.length));
  }

 private:
  const su::Tool& tool_;
  std::string name_;
  bool strict_;
};

// Writes the page only once it is complete, so a failed read leaves no
// half-written file behind.
template <typename Page>
void write_page(const Page& page, const std::string& path) {
  if (path == "-") {
    page.write(su::standard_output());
    return;
  }
  auto file = su::create_output_file(path);
  page.write(*file);
  file->flush();
}

}  // namespace

int main(int argc, char** argv) {
  su::Tool tool{"su-report", "Write a run, or an archive's history, as one self-contained HTML page."};
  auto& app = tool.app;
  std::string input = "-", output, archive_dir, run, title;
  su::RunPageOptions run_options;
  su::HistoryPageOptions history_options;
  auto* input_opt =
      app.add_option("input", input, "stream to read (v1, v2, zstd); '-' is standard input");
  app.add_option("-o,--output", output, "the page to write; '-' is standard output")->required();
  auto* archive_opt = app.add_option(
      "--archive", archive_dir,
      "an archive (su-archive, .testrepository or .stestr): its history, or with --run one run");
  archive_opt->excludes(input_opt);
  app.add_option("--last", history_options.last, "history: the most recent N runs (default 20)")
      ->needs(archive_opt)
      ->check(CLI::PositiveNumber);
  app.add_option("--run", run, "render this stored run: an id, 'last' or -N (write --run=-N)")
      ->needs(archive_opt);
  app.add_option("--title", title, "the page's title");
  app.add_option("--slowest", run_options.slowest, "how many slowest tests to list (default 10)");
  app.add_option("--attachment-limit", run_options.attachment_limit,
                 "bytes of each failure attachment shown (default 262144)");
  tool.add_strict_flag();

  return tool.run(argc, argv, [&]() -> su::Exit {
    if (archive_dir.empty()) {
      run_options.title = title.empty() ? "Test run" : title;
      run_options.subtitle = input == "-" ? "standard input" : input;
      su::RunPage page{run_options};
      auto reader = tool.open(input);
      su::ResultAggregator aggregator{page, {.keep_attachments = true, .drop_exists = true}};
      su::pump(*reader, aggregator);
      write_page(page, output);
      return su::Exit::ok;
    }
    try {
      auto store = su::open_store(archive_dir);
      if (run.empty()) {
        history_options.title = title.empty() ? "Test history" : title;
        history_options.subtitle = fmt::format("archive '{}'", archive_dir);
        su::HistoryPage page{history_options};
        bool damaged = false;
        page.read(*store, [&](const std::string& message) {
          tool.error(message);
          damaged = true;
        });
        write_page(page, output);
        return damaged ? su::Exit::undecodable : su::Exit::ok;
      }
      std::uint64_t id = su::resolve_run(*store, run);
      auto header = store->header(id);
      run_options.title = title.empty() ? fmt::format("Run {}", id) : title;
      run_options.subtitle = fmt::format("archive '{}', run {}", archive_dir, id);
      run_options.facts.emplace_back("source", header.source());
      run_options.facts.emplace_back("added", su::format_iso8601(header.added_ns() / 1000));
      for (const auto& m : header.meta()) run_options.facts.emplace_back(m.key(), m.value());
      TempFile stream;
      {
        su::Output copy{stream.fd(), stream.path()};
        store->write_stream(id, copy);
        copy.flush();
      }
      RunDamage damage{tool, store->run_path(id), tool.strict};
      su::RunPage page{run_options};
      auto reader = su::open_reader(stream.path(), {.damage = &damage});
      su::ResultAggregator aggregator{page, {.keep_attachments = true, .drop_exists = true}};
      su::pump(*reader, aggregator);
      write_page(page, output);
      return su::Exit::ok;
    } catch (const su::ArchiveDamage& e) {
      tool.error(fmt::format("'{}': {}", e.path(), e.what()));
      return su::Exit::undecodable;
    } catch (const su::ArchiveUsage& e) {
      tool.error(e.what());
      return su::Exit::usage;
    } catch (const su::DecodeError& e) {
      tool.error(fmt::format("archive '{}', run '{}': byte {}: {}", archive_dir, run, e.offset(),
                             e.what()));
      return su::Exit::undecodable;
    }
  });
}

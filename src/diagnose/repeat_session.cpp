// SPDX-License-Identifier: Apache-2.0
#include "diagnose/repeat_session.hpp"

#include <algorithm>

#include "archive/file_ops.hpp"
#include "base/output.hpp"
#include "diagnose/command_template.hpp"

namespace su {
namespace {

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  auto out = create_output_file(path);
  for (const auto& line : lines) {
    out->write(line);
    out->put('\n');
  }
  out->flush();
}

}  // namespace

RepeatSession::RepeatSession(RepeatPlan plan, CommandRunner run, RunRecorder* recorder)
    : plan_(std::move(plan)), run_(std::move(run)), recorder_(recorder),
      started_(std::chrono::steady_clock::now()) {}

bool RepeatSession::interrupted() const {
  return plan_.interrupted && plan_.interrupted->load();
}

double RepeatSession::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

std::vector<std::string> RepeatSession::order_of(std::uint64_t number) const {
  if (!plan_.orders() || is_original_run(number, plan_.original_every)) return plan_.tests;
  return make_order(plan_.tests, plan_.order, plan_.seed, number);
}

MetaPairs RepeatSession::meta_for(const RepeatRun& run) const {
  MetaPairs meta;
  if (plan_.orders()) {
    meta.emplace_back("order", run.original ? "original" : std::string(order_kind_name(plan_.order)));
    if (!run.original && plan_.order != OrderKind::reverse)
      meta.emplace_back("seed", std::to_string(plan_.seed));
  }
  if (!run.cut.empty()) meta.emplace_back("cut", run.cut);
  return meta;
}

void RepeatSession::keep(RepeatRun& run, const std::vector<std::string>& order,
                         const std::string& stream) {
  make_directory(plan_.keep_dir);
  std::string base = plan_.keep_dir + "/run-" + std::to_string(run.number);
  run.kept_order = base + ".txt";
  run.kept_stream = base + ".subunit";
  write_lines(run.kept_order, order);
  auto out = create_output_file(run.kept_stream);
  out->write(stream);
  out->flush();
}

bool RepeatSession::next() {
  if (stop_ != StopReason::running) return false;
  if (plan_.runs > 0 && made_ >= plan_.runs) {
    stop_ = StopReason::runs_done;
    return false;
  }
  double remaining = plan_.max_seconds > 0 ? plan_.max_seconds - elapsed() : 0;
  if (plan_.max_seconds > 0 && remaining <= 0) {
    stop_ = StopReason::time_limit;
    return false;
  }
  if (interrupted()) {
    stop_ = StopReason::interrupted;
    return false;
  }

  RepeatRun run;
  run.number = ++made_;
  run.original = !plan_.orders() || is_original_run(run.number, plan_.original_every);
  std::vector<std::string> order;
  if (plan_.orders()) {
    order = order_of(run.number);
    write_lines(plan_.list_path, order);
    run.command = expand_command_template(plan_.runner, order, plan_.list_path);
  } else {
    run.command = plan_.command;
  }

  // The run's events go to the recorder and, in orders mode, to a capture
  // of its stream, kept if a test fails in it.
  CommandOptions options;
  StreamCapture capture;
  std::optional<TeeSink> both;
  EventSink* recorded = recorder_ ? &recorder_->begin(run.number) : nullptr;
  bool capturing = plan_.orders() && !plan_.keep_dir.empty();
  if (recorded && capturing) {
    both.emplace(*recorded, capture);
    options.tee = &*both;
  } else {
    options.tee = recorded ? recorded : capturing ? &capture : nullptr;
  }
  // The time limit cuts a run short; a per-run limit applies as well.
  options.timeout_seconds = plan_.run_timeout;
  if (plan_.max_seconds > 0 && (options.timeout_seconds <= 0 || remaining < options.timeout_seconds))
    options.timeout_seconds = remaining;

  run.outcome = run_(run.command, options);
  std::vector<TestResult> results = std::move(run.outcome.results);
  run.outcome.results.clear();
  run.tests = results.size();
  bool cut_by_limit = run.outcome.ending == CommandRun::Ending::timed_out &&
                      plan_.max_seconds > 0 && elapsed() >= plan_.max_seconds;

  if (cut_by_limit || interrupted()) {
    // Kept (with -o and --archive, nothing is lost), but not counted: the
    // tests it did not reach say nothing, and the one it was in did not fail.
    run.cut = interrupted() ? "interrupted" : "max-time";
    if (recorder_) recorder_->end(meta_for(run));
    stop_ = interrupted() ? StopReason::interrupted : StopReason::time_limit;
    last_ = std::move(run);
    return false;
  }
  if (!run.outcome.wrote_subunit()) {
    if (recorder_) recorder_->abandon();
    stop_ = StopReason::no_subunit;
    last_ = std::move(run);
    return false;
  }

  tally_.begin_run(run.number, run.original);
  for (const auto& r : results) tally_.on_result(r);
  run.failed = tally_.end_run();
  if (capturing && !run.failed.empty()) {
    keep(run, order, capture.bytes());
    RepeatRun& kept = kept_[run.number] = run;
    kept.outcome.stderr_text.clear();  // kept runs add up; their stderr is not reported
  }
  if (recorder_) recorder_->end(meta_for(run));

  bool stopping_failure =
      plan_.watch ? std::find(run.failed.begin(), run.failed.end(), *plan_.watch) != run.failed.end()
                  : !run.failed.empty();
  if (plan_.until_failure && stopping_failure) stop_ = StopReason::failure;
  last_ = std::move(run);
  return true;
}

}  // namespace su

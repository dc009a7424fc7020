// SPDX-License-Identifier: Apache-2.0
#include "ops/result_filter.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "base/hash.hpp"
#include "event/open_test_index.hpp"
#include "event/test_key.hpp"

#include "ops/python_regex.hpp"
#include "ops/python_repr.hpp"

namespace su {
namespace {

Outcome outcome_for(Status s, bool complete) {
  if (!complete) return Outcome::incomplete;
  switch (s) {
    case Status::exists: return Outcome::exists;
    case Status::success: return Outcome::success;
    case Status::uxsuccess: return Outcome::uxsuccess;
    case Status::skip: return Outcome::skip;
    case Status::xfail: return Outcome::xfail;
    default: return Outcome::fail;
  }
}

// The outcome word python's match string uses (addFailure -> "failure", ...).
std::string_view python_outcome_word(Outcome o) {
  switch (o) {
    case Outcome::success: return "success";
    case Outcome::skip: return "skip";
    case Outcome::xfail: return "expectedfailure";
    case Outcome::uxsuccess: return "unexpectedsuccess";
    case Outcome::exists: return "exists";
    default: return "failure";
  }
}

void make_key(std::string& key, std::string_view id, std::optional<std::string_view> route) {
  key.assign(id);
  key.push_back('\0');  // ids cannot hold NUL, so this separates uniquely
  if (route) {
    key.push_back('\1');
    key.append(*route);
  }
}

std::string_view worker_of(const std::vector<std::string_view>& tags) {
  for (auto t : tags)
    if (t.rfind("worker-", 0) == 0) return t;
  return {};
}

}  // namespace

bool parse_outcome(std::string_view name, Outcome& out) {
  if (name == "inprogress") name = "incomplete";
  for (std::size_t i = 0; i < kOutcomeCount; ++i) {
    if (outcome_name(static_cast<Outcome>(i)) == name) {
      out = static_cast<Outcome>(i);
      return true;
    }
  }
  return false;
}

bool FilterSpec::judges_tests() const {
  return drop_success || drop_failure || drop_skip || drop_xfail || drop_exists ||
         !statuses.empty() || !with_tags.empty() || !without_tags.empty() ||
         !with_regexps.empty() || !without_regexps.empty() || !renames.empty() ||
         !expected_failures.empty() || !routes.empty() || include || exclude ||
         since_micros || until_micros || min_duration_micros || before || quarantine;
}

bool FilterSpec::keeps_everything() const { return passthrough && !judges_tests(); }

// The spec with its patterns compiled.
struct ResultFilter::Compiled {
  explicit Compiled(const FilterSpec& s) : spec(s) {
    for (const auto& r : s.with_regexps) with.emplace_back(r);
    for (const auto& r : s.without_regexps) without.emplace_back(r);
    for (const auto& [from, to] : s.renames) renames.emplace_back(PythonRegex(from), to);
    judges = s.judges_tests();
  }
  FilterSpec spec;
  std::vector<PythonRegex> with, without;
  std::vector<std::pair<PythonRegex, std::string>> renames;
  bool judges = false;

  // Open tests, found by key through an OpenTestIndex over `held` (slots
  // of finished tests are reused, and so are their Pendings): no node, key
  // string or std::hash per test, which cost a fifth of su-filter's time.
  std::vector<std::unique_ptr<Pending>> held;  // null where free
  std::vector<std::uint32_t> free_slots;
  OpenTestIndex open;
  std::vector<std::unique_ptr<Pending>> spare;  // cleared, capacity kept
  std::uint64_t sequence = 0;
  std::vector<std::string_view> tag_views, last_tags;
};

// A held test: copies of its events, packed into one arena. A string of an
// event that lies inside its raw packet is stored as an offset into the
// packet's copy, so a v2 event costs one copy of its packet.
struct ResultFilter::Pending {
  struct Range {
    std::size_t off = 0, len = 0;
  };
  struct Held {
    Status status = Status::none;
    bool runnable = true, eof = false;
    bool has_id = false, has_tags = false, has_mime = false, has_file = false,
         has_route = false;
    std::optional<Timestamp> timestamp;
    std::uint64_t offset = 0;
    Range raw, id, mime, file_name, file_bytes, route;
    std::uint32_t tags_begin = 0, tags_count = 0;
  };

  std::string arena;
  std::vector<Held> events;
  std::vector<Range> tags;
  Status status = Status::none;
  std::optional<Timestamp> start, stop;
  std::size_t tags_event = SIZE_MAX;  // the last event with a tag list
  std::uint64_t sequence = 0;

  void clear() {
    arena.clear();
    events.clear();
    tags.clear();
    status = Status::none;
    start.reset();
    stop.reset();
    tags_event = SIZE_MAX;
  }

  Range store(std::string_view s, std::string_view raw, std::size_t raw_off) {
    if (!raw.empty() && s.data() >= raw.data() && s.data() + s.size() <= raw.data() + raw.size())
      return {raw_off + static_cast<std::size_t>(s.data() - raw.data()), s.size()};
    Range r{arena.size(), s.size()};
    arena.append(s);
    return r;
  }

  void add(const Event& e) {
    // Built in place: a Held filled on the stack and then copied in stalls
    // the copy's wide loads on the narrow stores just made.
    Held& h = events.emplace_back();
    h.status = e.status;
    h.runnable = e.runnable;
    h.eof = e.eof;
    h.timestamp = e.timestamp;
    h.offset = e.offset;
    std::size_t raw_off = arena.size();
    h.raw = {raw_off, e.raw.size()};
    arena.append(e.raw);
    if ((h.has_id = e.test_id.has_value())) h.id = store(*e.test_id, e.raw, raw_off);
    if ((h.has_mime = e.mime_type.has_value())) h.mime = store(*e.mime_type, e.raw, raw_off);
    if ((h.has_file = e.file_name.has_value())) h.file_name = store(*e.file_name, e.raw, raw_off);
    h.file_bytes = store(e.file_bytes, e.raw, raw_off);
    if ((h.has_route = e.route_code.has_value())) h.route = store(*e.route_code, e.raw, raw_off);
    if ((h.has_tags = e.tags.has_value())) {
      h.tags_begin = static_cast<std::uint32_t>(tags.size());
      h.tags_count = static_cast<std::uint32_t>(e.tags->size());
      for (auto t : *e.tags) tags.push_back(store(t, e.raw, raw_off));
      tags_event = events.size() - 1;
    }
    if (events.size() == 1) start = e.timestamp;
    stop = e.timestamp;
    if (e.status != Status::none) status = e.status;
  }

  std::string_view view(Range r) const { return std::string_view(arena).substr(r.off, r.len); }

  // The event as it arrived; tag views go into `tag_views`.
  Event event(std::size_t i, std::vector<std::string_view>& tag_views) const {
    const Held& h = events[i];
    Event e;
    e.status = h.status;
    e.runnable = h.runnable;
    e.eof = h.eof;
    e.timestamp = h.timestamp;
    e.offset = h.offset;
    e.raw = view(h.raw);
    if (h.has_id) e.test_id = view(h.id);
    if (h.has_mime) e.mime_type = view(h.mime);
    if (h.has_file) e.file_name = view(h.file_name);
    e.file_bytes = view(h.file_bytes);
    if (h.has_route) e.route_code = view(h.route);
    if (h.has_tags) {
      tag_views.clear();
      for (std::uint32_t k = 0; k < h.tags_count; ++k) tag_views.push_back(view(tags[h.tags_begin + k]));
      e.tags = std::span<const std::string_view>(tag_views);
    }
    return e;
  }

  std::string_view id() const { return view(events.front().id); }
  std::optional<std::string_view> route() const {
    if (!events.front().has_route) return std::nullopt;
    return view(events.front().route);
  }
  // Whether `e` belongs to this test: same id, same route (or none).
  bool same_test(const Event& e) const {
    const Held& h = events.front();
    std::optional<std::string_view> route;
    if (h.has_route) route = view(h.route);
    return has_test_key(e, view(h.id), route);
  }
  void last_tags(std::vector<std::string_view>& out) const {
    out.clear();
    if (tags_event == SIZE_MAX) return;
    const Held& h = events[tags_event];
    for (std::uint32_t k = 0; k < h.tags_count; ++k) out.push_back(view(tags[h.tags_begin + k]));
  }
  std::vector<MatchAttachment> attachments() const {
    std::vector<MatchAttachment> out;
    for (const Held& h : events) {
      if (!h.has_file || h.file_bytes.len == 0) continue;
      std::string_view name = view(h.file_name);
      auto a = std::find_if(out.begin(), out.end(),
                            [&](const MatchAttachment& x) { return x.name == name; });
      if (a == out.end()) {
        out.push_back({name, h.has_mime ? std::optional(view(h.mime)) : std::nullopt, {}});
        a = out.end() - 1;
      }
      a->bytes.append(view(h.file_bytes));
    }
    return out;
  }
};

ResultFilter::ResultFilter(const FilterSpec& spec, EventSink& out)
    : c_(std::make_unique<Compiled>(spec)), out_(out) {}

ResultFilter::~ResultFilter() = default;

std::size_t ResultFilter::open_tests() const { return c_->open.size(); }

void ResultFilter::flush() { out_.flush(); }

void ResultFilter::on_event(const Event& e) {
  if (!e.test_id) {
    if (c_->spec.passthrough) out_.on_event(e);
    return;
  }
  if (!c_->judges) {
    out_.on_event(e);
    return;
  }
  Compiled& c = *c_;
  OpenTestIndex::Miss miss;
  std::uint32_t r = c.open.find(
      *e.test_id, e.route_code, [&](std::uint32_t i) { return c.held[i]->same_test(e); }, miss);
  if (r == OpenTestIndex::kNone) {
    std::unique_ptr<Pending> p;
    if (c.spare.empty()) {
      p = std::make_unique<Pending>();
    } else {
      p = std::move(c.spare.back());
      c.spare.pop_back();
    }
    p->sequence = c.sequence++;
    if (c.free_slots.empty()) {
      r = static_cast<std::uint32_t>(c.held.size());
      c.held.push_back(std::move(p));
    } else {
      r = c.free_slots.back();
      c.free_slots.pop_back();
      c.held[r] = std::move(p);
    }
    c.open.add(r, miss,
               [&c](std::uint32_t i) { return std::pair(c.held[i]->id(), c.held[i]->route()); });
  }
  Pending& p = *c.held[r];
  p.add(e);
  if (is_final(e.status)) {
    decide(p, true);
    c.open.remove(r);
    auto done = std::move(c.held[r]);
    c.free_slots.push_back(r);
    done->clear();
    if (done->arena.capacity() <= (1u << 20)) c.spare.push_back(std::move(done));
  }
}

void ResultFilter::finish() {
  std::vector<Pending*> left;
  left.reserve(c_->open.size());
  for (auto& p : c_->held)
    if (p) left.push_back(p.get());
  std::sort(left.begin(), left.end(),
            [](const Pending* a, const Pending* b) { return a->sequence > b->sequence; });
  for (Pending* p : left) decide(*p, false);
  c_->held.clear();
  c_->free_slots.clear();
  c_->open.clear();
  out_.finish();
}

void ResultFilter::decide(Pending& p, bool complete) {
  const FilterSpec& s = c_->spec;
  std::string_view original_id = p.id();
  std::string renamed;
  if (!c_->renames.empty()) {
    renamed.assign(original_id);
    for (const auto& [from, to] : c_->renames) renamed = from.sub(to, renamed);
  }
  std::string_view id = c_->renames.empty() ? original_id : std::string_view(renamed);
  Outcome outcome = outcome_for(p.status, complete);
  std::optional<Status> new_status;
  if (!s.expected_failures.empty() && s.expected_failures.count(std::string(id))) {
    if (outcome == Outcome::fail || outcome == Outcome::incomplete) {
      outcome = Outcome::xfail;
      new_status = Status::xfail;
    } else if (outcome == Outcome::success) {
      outcome = Outcome::uxsuccess;
      new_status = Status::uxsuccess;
    }
  }
  const QuarantineEntry* quarantined = nullptr;
  if (s.quarantine && (is_failing(outcome) || is_passing(outcome))) {
    if (QuarantineEntry* q = s.quarantine->match(id)) {
      if (is_passing(outcome)) {
        ++q->passes_seen;
      } else if (s.quarantine->expired(*q)) {
        ++q->failures_standing;
      } else {
        ++q->failures_quarantined;
        quarantined = q;
        outcome = Outcome::xfail;
        new_status = Status::xfail;
      }
    }
  }

  std::vector<std::string_view>& tags = c_->last_tags;
  p.last_tags(tags);
  auto has_tag = [&](const std::string& t) {
    return std::find(tags.begin(), tags.end(), t) != tags.end();
  };
  auto route = p.route();
  bool keep = true;
  switch (outcome) {
    case Outcome::success: keep = !s.drop_success; break;
    case Outcome::fail:
    case Outcome::incomplete: keep = !s.drop_failure; break;
    case Outcome::skip: keep = !s.drop_skip; break;
    case Outcome::xfail: keep = !s.drop_xfail; break;
    case Outcome::exists: keep = !s.drop_exists; break;
    case Outcome::uxsuccess: break;
  }
  if (keep && !s.statuses.empty())
    keep = std::find(s.statuses.begin(), s.statuses.end(), outcome) != s.statuses.end();
  if (keep) keep = std::all_of(s.with_tags.begin(), s.with_tags.end(), has_tag);
  if (keep) keep = std::none_of(s.without_tags.begin(), s.without_tags.end(), has_tag);
  if (keep && !s.routes.empty()) {
    keep = route && std::any_of(s.routes.begin(), s.routes.end(), [&](const std::string& r) {
             return route->size() >= r.size() && route->compare(0, r.size(), r) == 0 &&
                    (route->size() == r.size() || (*route)[r.size()] == '/' || r.empty());
           });
  }
  if (keep && s.include) keep = s.include->matches(id);
  if (keep && s.exclude) keep = !s.exclude->matches(id);
  if (keep && s.since_micros) keep = p.start && p.start->micros() >= *s.since_micros;
  if (keep && s.until_micros) keep = complete && p.stop && p.stop->micros() <= *s.until_micros;
  if (keep && s.min_duration_micros) {
    keep = complete && p.start && p.stop &&
           p.stop->micros() - p.start->micros() >= *s.min_duration_micros;
  }
  if (s.before) {
    // Decided for every test, kept or not, so that "after TEST_ID" is exact.
    const auto& b = *s.before;
    // A stream that lists its tests first (`exists`) has not run TEST_ID
    // yet at its listing: only a run of it ends "before".
    if (id == b.test_id && !target_done_ && outcome != Outcome::exists) {
      target_seen_ = target_done_ = true;
    } else if (target_done_ || !complete) {
      keep = false;  // finished after TEST_ID, or never finished
    } else if (!b.worker_tag.empty() || b.route_code) {
      bool same = (!b.worker_tag.empty() && worker_of(tags) == b.worker_tag) ||
                  (b.route_code && route && *route == *b.route_code);
      keep = keep && same;
    }
  }
  if (keep && (!c_->with.empty() || !c_->without.empty())) {
    std::string text = python_match_string(id, python_outcome_word(outcome), p.attachments());
    if (!c_->with.empty())
      keep = std::any_of(c_->with.begin(), c_->with.end(),
                         [&](const PythonRegex& r) { return r.search(text); });
    if (keep)
      keep = std::none_of(c_->without.begin(), c_->without.end(),
                          [&](const PythonRegex& r) { return r.search(text); });
  }
  if (!keep) {
    ++dropped_;
    return;
  }
  ++kept_;
  bool renamed_id = id != original_id;
  // A quarantined test says why and where it is tracked, in attachments
  // just before its (rewritten) final status, as su-trace, su-junit and
  // su-json show them.
  auto attach_quarantine = [&](std::optional<Timestamp> at) {
    if (!quarantined) return;
    for (auto [name, text] : {std::pair<std::string_view, std::string_view>{
                                  "quarantine-reason", quarantined->reason},
                              {"quarantine-issue", quarantined->issue}}) {
      if (text.empty()) continue;
      Event a;
      a.test_id = id;
      a.route_code = route;
      a.timestamp = at;
      a.file_name = name;
      a.mime_type = "text/plain; charset=utf8";
      a.file_bytes = text;
      a.eof = true;
      out_.on_event(a);
    }
  };
  for (std::size_t i = 0; i < p.events.size(); ++i) {
    Event e = p.event(i, c_->tag_views);
    bool last = i + 1 == p.events.size();
    if (renamed_id && e.test_id) {
      e.test_id = id;
      e.raw = {};
    }
    if (new_status && complete && last) {
      attach_quarantine(e.timestamp);
      e.status = *new_status;
      e.raw = {};
    }
    out_.on_event(e);
  }
  if (new_status && !complete) {
    attach_quarantine(std::nullopt);
    // A test left open that was expected to fail: python reports it as an
    // expected failure; say so with a final packet.
    Event e;
    e.test_id = id;
    e.route_code = route;
    e.status = *new_status;
    out_.on_event(e);
  }
}

// --before's first pass.
struct WorkerFinder::State {
  struct Open {
    std::string id;
    std::optional<std::string> route;
    std::vector<std::string> tags;
    std::uint64_t sequence = 0;
  };
  std::string target;
  std::vector<std::pair<PythonRegex, std::string>> renames;
  std::unordered_map<std::string, Open> open;
  std::string key;
  std::uint64_t sequence = 0;

  std::string renamed(const std::string& id) const {
    std::string out = id;
    for (const auto& [from, to] : renames) out = from.sub(to, out);
    return out;
  }
};

WorkerFinder::WorkerFinder(std::string test_id, const FilterSpec& spec)
    : s_(std::make_unique<State>()) {
  s_->target = std::move(test_id);
  for (const auto& [from, to] : spec.renames) s_->renames.emplace_back(PythonRegex(from), to);
  result_.test_id = s_->target;
}

WorkerFinder::~WorkerFinder() = default;

void WorkerFinder::on_event(const Event& e) {
  if (found_ || !e.test_id) return;
  make_key(s_->key, *e.test_id, e.route_code);
  auto [it, created] = s_->open.try_emplace(s_->key);
  State::Open& o = it->second;
  if (created) {
    o.id.assign(*e.test_id);
    if (e.route_code) o.route.emplace(*e.route_code);
    o.sequence = s_->sequence++;
  }
  if (e.tags) o.tags.assign(e.tags->begin(), e.tags->end());
  if (!is_final(e.status)) return;
  if (e.status == Status::exists) {  // a listing, not a run: its worker is unknown
    s_->open.erase(it);
    return;
  }
  if (s_->renamed(o.id) == s_->target) {
    found_ = true;
    std::vector<std::string_view> views(o.tags.begin(), o.tags.end());
    result_.worker_tag = std::string(worker_of(views));
    result_.route_code = o.route;
  }
  s_->open.erase(it);
}

void WorkerFinder::finish() {
  if (found_) return;
  // TEST_ID never finished: its last state at the end of the stream counts.
  const State::Open* best = nullptr;
  for (const auto& [key, o] : s_->open)
    if (s_->renamed(o.id) == s_->target && (!best || o.sequence > best->sequence)) best = &o;
  if (!best) return;
  found_ = true;
  std::vector<std::string_view> views(best->tags.begin(), best->tags.end());
  result_.worker_tag = std::string(worker_of(views));
  result_.route_code = best->route;
}

}  // namespace su

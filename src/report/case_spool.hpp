// CaseSpool: a report's test cases, held until the header in front of them
// (counts, times) is known, in about a third of the bytes of their XML.
//
// Most test cases are plain: a passing test whose id needs no escaping,
// written as a line that follows from its class name, its name, its time
// and a kind (an unexpected success, say). Those are kept as records of
// their parts: the class name by a slot of a table of recent class names
// (a run's tests come a class at a time), the name and the time as they
// are. Anything else is kept as the XML text it renders to. At the end
// the records are rendered, in order, by the report's own function.
//
// Why: su-junit held 140 bytes of XML per test, 14 MB for 100,000, and the
// first touch of fresh memory is what costs on a busy machine (with huge
// pages the kernel may compact memory first: 16 MB took 2 to 45 ms). The
// records take about 40 bytes a test.
//
// Records lie in a Spool (report/spool.hpp), so memory is bounded the same
// way. A record's fixed part never straddles two chunks: where it would
// not fit, a pad tag ends the chunk early; only the text of a text record
// runs on into the next chunk.
#pragma once

#include <vector>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/output.hpp"
#include "report/spool.hpp"

namespace su {

class CaseSpool {
 public:
  CaseSpool(std::string dir, std::size_t memory_limit);

  // A plain test case: `classname` and `name` as its id splits, its time
  // in microseconds, and `kind` (below kKinds), which the renderer gives
  // its meaning. Parts longer than kMaxPart go in as text, rendered at once
  // by `render`.
  static constexpr std::uint8_t kKinds = 4;
  struct Plain {
    std::string_view classname, name;
    std::int64_t micros;
    std::uint8_t kind;
  };
  // Renders a plain case: writes its XML at `out`, at most its class name
  // and name and kRenderSlack bytes, and returns where the XML ends.
  using Render = char* (*)(const Plain& plain, char* out);
  static constexpr std::size_t kRenderSlack = 256;
  void add_plain(const Plain& plain, Render render);
  // A test case as the XML text it renders to.
  void add_text(std::string_view xml);

  bool empty() const { return spool_.empty(); }
  std::uint64_t size() const { return spool_.size(); }
  std::size_t memory() const { return spool_.memory(); }
  // Writes every case, in order: plain ones through `render`.
  void copy_to(Output& out, Render render) const;

  static constexpr std::size_t kMaxPart = 4096;

 private:
  // A class name's slot is fixed by its hash. 256 slots missed on 43% of
  // the benchmark stream's tests (its 8 workers take a new class every two
  // tests or so, from 3,800), 4096 on 9%.
  static constexpr std::size_t kSlots = 4096;
  // The slot that holds `classname`, defining it there first if it holds
  // another.
  std::uint16_t slot_for(std::string_view classname);
  // Room for a record of at most `n` bytes in the current chunk, padding
  // it out and starting the next if need be.
  char* room_for(std::size_t n);

  Spool spool_;
  std::vector<std::string> slots_ = std::vector<std::string>(kSlots);
  std::string scratch_;
};

}  // namespace su

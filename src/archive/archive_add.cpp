// SPDX-License-Identifier: Apache-2.0
// Archive::add: decode, compress and index a run unlocked, then commit it
// under the lock (ids, index, and last the stream's rename).
#include "archive/archive.hpp"

#include "archive/archive_layout.hpp"
#include "archive/compressed_writer.hpp"
#include "archive/file_ops.hpp"
#include "archive/id_numberer.hpp"
#include "archive/run_indexer.hpp"
#include "archive/run_ingest.hpp"
#include "archive/run_uuid.hpp"
#include "archive/temp_file.hpp"
#include "base/error.hpp"
#include "event/sink.hpp"

namespace su {

using namespace archive_layout;

std::uint64_t Archive::add(std::unique_ptr<Input> input, const AddOptions& options) {
  std::int64_t added = options.added_ns.value_or(now_ns());
  TempFile stream_tmp{temp_path(kStreamSuffix.data())};
  // zstd on a thread of its own measured no faster here and cost 20 MB of
  // buffers on a 100,000-test run, so it compresses inline.
  CompressedWriter writer{stream_tmp.path(), options.level, 0};
  // Rows and test ids go to scratch files beside the stream: memory stays
  // a few megabytes whatever the run's size.
  std::string scratch = temp_path(".scratch");
  RunIndexer indexer{scratch};
  IngestedRun read = ingest_run(std::move(input), options, writer, indexer);
  writer.finish();

  TempFile index_tmp{temp_path(kIndexSuffix.data())};
  FileLock lock{path("lock")};
  // New ids are appended as they are numbered; if anything below fails,
  // `ids` cuts them off again, so the archive is left as it was.
  IdNumberer ids{path("ids"), indexer.results()};
  indexer.number_tests([&](std::string_view id) { return ids.number(id); });
  ids.release();  // sorting the rows needs the memory more
  std::uint64_t id = peek_next_id();
  auto& h = indexer.header();
  h.set_id(id);
  h.set_added_ns(added);
  h.set_source(options.source);
  for (const auto& [key, value] : options.meta) {
    auto* m = h.add_meta();
    m->set_key(key);
    m->set_value(value);
  }
  h.set_input_format(options.input_format.empty() ? read.input_format : options.input_format);
  h.set_uuid(options.uuid.empty() ? random_run_uuid() : options.uuid);
  h.set_stream_bytes(writer.plain_bytes());
  h.set_stream_crc32(writer.plain_crc32());
  h.set_stored_bytes(writer.stored_bytes());
  h.set_damaged_regions(read.damaged_regions);
  h.set_ids_generation(ids.generation());
  indexer.write_index(index_tmp.path(), scratch + ".blocks");
  // Everything is written; now the steps that make it visible, the ids
  // first (an index must never name ids the table lacks), the stream last.
  // A failure before the stream's rename undoes them all.
  ids.commit();
  write_next_id(id + 1);
  rename_durably(index_tmp.path(), index_path(id));
  index_tmp.committed();
  try {
    rename_durably(stream_tmp.path(), stream_path(id));  // the commit
  } catch (...) {
    remove_file(index_path(id));
    throw;
  }
  stream_tmp.committed();
  ids.keep();
  ids_loaded_ = false;
  return id;
}

}  // namespace su

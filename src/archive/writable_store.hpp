// SPDX-License-Identifier: Apache-2.0
// WritableStore: a RunStore that runs can be added to and removed from,
// and checked — the su archive directory (Archive) or a PostgreSQL
// database (PgStore). su-archive's subcommands talk to this interface and
// to the factories below, never to a backend, so each works on both.
//
// A store is named by one string, a "location": a directory, or a libpq
// connection string (`postgresql://...`, `postgres://...`, or
// `host=... dbname=...`) for PostgreSQL.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "archive/run_store.hpp"
#include "base/input.hpp"
#include "base/output.hpp"
#include "event/reader.hpp"

namespace su {

struct AddOptions {
  std::string source;  // the input as the user named it
  std::vector<std::pair<std::string, std::string>> meta;
  std::optional<std::int64_t> added_ns;  // default: now
  Output* tee = nullptr;                 // gets a copy of the input bytes
  DamageHandler* damage = nullptr;       // told about damaged packets; may throw
  std::function<void(std::uint64_t bytes_read)> progress;
  // zstd level for the stream. Level 1 measured 36% less CPU than 3 on
  // the 1M-test bench stream, and its output was 1% smaller.
  int level = 1;
  // `sync` copies a run as its source store recorded it: its uuid (16
  // bytes; empty: a new random one) and input format (empty: as read).
  std::string uuid;
  std::string input_format;
};

struct CheckReport {
  std::uint64_t runs = 0;
  std::vector<std::string> damage;   // what could not be repaired (a stream)
  std::vector<std::string> repairs;  // what was (or, read only, would be) fixed
};

class WritableStore : public RunStore {
 public:
  // Reads a stream (v2 kept byte for byte, v1 re-encoded as v2), stores and
  // indexes it, and returns its id. Throws what the input throws
  // (DecodeError for a corrupt zstd input, or from the damage handler); the
  // store is then unchanged.
  virtual std::uint64_t add(std::unique_ptr<Input> input, const AddOptions& options) = 0;
  // Removes a run. Throws ArchiveUsage if there is no such run.
  virtual void remove(std::uint64_t run) = 0;
  // Verifies every run's stream against its index, and with `repair`
  // rebuilds what is derived from the streams.
  virtual CheckReport check(
      bool repair, const std::function<void(std::uint64_t done, std::uint64_t total)>& progress) = 0;
  // The uuids (16 bytes each) of the runs the store has: `sync` copies the
  // others.
  virtual std::set<std::string> run_uuids() = 0;
};

// What `init` did.
enum class InitOutcome { created, existed, migrated };

// True if `location` names a PostgreSQL database rather than a directory.
bool is_database_location(const std::string& location);
// How messages name `location`: a connection string without its password.
std::string location_name(const std::string& location);
// Creates the store at `location` (a directory, or the schema in a
// database, migrating an older one). Throws ArchiveUsage, IoError.
InitOutcome init_store(const std::string& location);
// Opens the store at `location` for writing. Throws ArchiveUsage if there is
// none (or it is a repository, which is read only), IoError.
std::unique_ptr<WritableStore> open_writable_store(const std::string& location);

}  // namespace su

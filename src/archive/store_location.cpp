// SPDX-License-Identifier: Apache-2.0
// The factories of run_store.hpp and writable_store.hpp: which backend a
// location names.
#include <cctype>

#include "archive/archive.hpp"
#include "archive/archive_error.hpp"
#include "archive/file_ops.hpp"
#include "archive/pg_store.hpp"
#include "archive/repository.hpp"
#include "archive/writable_store.hpp"

namespace su {

bool is_database_location(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0)
    return true;
  // A key=value connection string ("host=/run/pg dbname=ci"): a word of
  // letters and underscores, then '='. A directory of that name would need
  // a path around it (./host=x).
  std::size_t i = 0;
  while (i < location.size() && std::isspace(static_cast<unsigned char>(location[i]))) ++i;
  std::size_t start = i;
  while (i < location.size() && (std::islower(static_cast<unsigned char>(location[i])) ||
                                 location[i] == '_'))
    ++i;
  if (i == start) return false;
  while (i < location.size() && location[i] == ' ') ++i;
  return i < location.size() && location[i] == '=';
}

std::string location_name(const std::string& location) {
  return is_database_location(location) ? redact_conninfo(location) : location;
}

InitOutcome init_store(const std::string& location) {
  if (is_database_location(location)) return PgStore::init(location);
  return Archive::init(location) ? InitOutcome::created : InitOutcome::existed;
}

std::unique_ptr<WritableStore> open_writable_store(const std::string& location) {
  if (is_database_location(location)) return std::make_unique<PgStore>(location);
  if (Repository::is_repository(location))
    throw ArchiveUsage("'" + location +
                       "' is not a su archive but a testrepository or stestr repository, which "
                       "is read only (copy its runs with 'su-archive import')");
  return std::make_unique<Archive>(location);
}

std::unique_ptr<RunStore> open_store(const std::string& location) {
  if (is_database_location(location)) return std::make_unique<PgStore>(location);
  if (Archive::is_archive(location)) return std::make_unique<Archive>(location);
  if (Repository::is_repository(location)) return std::make_unique<Repository>(location);
  if (!path_exists(location))
    throw ArchiveUsage("no archive at '" + location + "' (create one with 'su-archive init')");
  throw ArchiveUsage("'" + location +
                     "' is not a su archive, testrepository or stestr repository");
}

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
// Run uuids: the name a run keeps across stores, so `sync` can tell which
// runs a server already has. `add` gives each run 16 random bytes (a
// version 4 uuid). Runs that have none — added before uuids existed, or read
// in place from a .testrepository/.stestr directory — get one derived from
// what they hold (the stream's size and CRC-32, counts and times), so the
// same run has the same uuid every time it is read and `sync` twice adds
// nothing.
#pragma once

#include <string>
#include <string_view>

#include "archive/archive.pb.h"

namespace su {

// 16 random bytes, formatted as a version 4 uuid.
std::string random_run_uuid();
// The header's uuid, or one derived from its contents if it has none.
std::string run_uuid(const archive::pb::RunHeader& header);
// "0f4c...-..." (36 characters) for 16 bytes.
std::string uuid_text(std::string_view uuid);

}  // namespace su

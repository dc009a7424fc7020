// SPDX-License-Identifier: Apache-2.0
// Which backend a location names, how messages show it, and run uuids.
#include <doctest/doctest.h>

#include "archive/pg_connection.hpp"
#include "archive/run_uuid.hpp"
#include "archive/writable_store.hpp"

TEST_CASE("URIs and key=value connection strings name a database, paths do not") {
  CHECK(su::is_database_location("postgresql://ci@db/tests"));
  CHECK(su::is_database_location("postgres://db/tests"));
  CHECK(su::is_database_location("host=/run/pg dbname=tests"));
  CHECK(su::is_database_location("  dbname = tests"));
  CHECK_FALSE(su::is_database_location(".su"));
  CHECK_FALSE(su::is_database_location("/var/lib/su"));
  CHECK_FALSE(su::is_database_location("./host=x"));
  CHECK_FALSE(su::is_database_location("Host=x"));
  CHECK_FALSE(su::is_database_location(""));
}

TEST_CASE("messages name a connection without its password") {
  CHECK(su::redact_conninfo("postgresql://ci:s3cret@db:5432/tests") ==
        "postgresql://ci:***@db:5432/tests");
  CHECK(su::redact_conninfo("postgresql://ci@db/tests?password=s3cret&sslmode=require") ==
        "postgresql://ci@db/tests?password=***&sslmode=require");
  CHECK(su::redact_conninfo("host=db password=s3cret dbname=t") == "host=db password=*** dbname=t");
  CHECK(su::redact_conninfo("host=db password = 'a b\\' c' dbname=t") ==
        "host=db password = *** dbname=t");
  CHECK(su::redact_conninfo("postgresql://ci@/t?host=/run/pg") == "postgresql://ci@/t?host=/run/pg");
  CHECK(su::location_name(".su") == ".su");
}

TEST_CASE("a run without a uuid gets the same one from its contents every time") {
  su::archive::pb::RunHeader h;
  h.set_stream_bytes(1234);
  h.set_stream_crc32(0xdeadbeef);
  h.set_tests(200);
  h.set_failures(29);
  h.set_first_ns(1700000000000000000);
  h.set_added_ns(1);
  std::string a = su::run_uuid(h);
  REQUIRE(a.size() == 16);
  CHECK((static_cast<unsigned char>(a[6]) >> 4) == 8);
  h.set_added_ns(2);  // a copy of the file has another mtime: same run
  CHECK(su::run_uuid(h) == a);
  h.set_stream_crc32(0xdeadbeee);
  CHECK(su::run_uuid(h) != a);
}

TEST_CASE("a run's own uuid wins, and new ones are random version 4 uuids") {
  std::string u = su::random_run_uuid(), v = su::random_run_uuid();
  REQUIRE(u.size() == 16);
  CHECK(u != v);
  CHECK((static_cast<unsigned char>(u[6]) >> 4) == 4);
  CHECK((static_cast<unsigned char>(u[8]) & 0xc0) == 0x80);
  su::archive::pb::RunHeader h;
  h.set_uuid(u);
  CHECK(su::run_uuid(h) == u);
  CHECK(su::uuid_text(std::string(16, '\x11')) == "11111111-1111-1111-1111-111111111111");
}

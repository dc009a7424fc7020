#include <doctest/doctest.h>

#include "archive/pg_meta.hpp"

using su::MetaPairs;
using su::parse_pg_meta_json;
using su::pg_meta_json;

TEST_SUITE("pg_meta") {
  TEST_CASE("reads back what it writes, in order, escapes and all") {
    MetaPairs meta{{"commit", "abc"}, {"branch", "main"}, {"a\"b\\c", "tab\there\nline"},
                   {"ctl", std::string("\x01\x1f", 2)}, {"é", "\xF0\x9F\x98\x80"}, {"", ""}};
    auto back = parse_pg_meta_json(pg_meta_json(meta));
    REQUIRE(back);
    CHECK(*back == meta);
    CHECK(parse_pg_meta_json(pg_meta_json({})) == MetaPairs{});
  }

  TEST_CASE("reads PostgreSQL's jsonb text: spaces, \\u escapes and surrogate pairs") {
    auto m = parse_pg_meta_json(
        R"( [ ["k\u00e9y" ,"\ud83d\ude00\/x"], ["\b\f\r","\u0001"] ] )");
    REQUIRE(m);
    CHECK(*m == MetaPairs{{"k\xC3\xA9y", "\xF0\x9F\x98\x80/x"}, {"\b\f\r", "\x01"}});
  }

  TEST_CASE("refuses anything but an array of two-string arrays") {
    for (const char* bad : {"", "{}", "[", "[[\"a\"]]", "[[\"a\", 1]]", "[[\"a\", \"b\", \"c\"]]",
                            "[[\"a\", \"b\"],]", "[[\"a\", \"b\"]] x", "[[\"a\\q\", \"b\"]]",
                            "[[\"\\ud800\", \"b\"]]", "[[\"\\udc00\", \"b\"]]", "[[\"a\", \"b]]",
                            "[[\"a\\u12\", \"b\"]]"})
      CHECK_MESSAGE(!parse_pg_meta_json(bad), bad);
  }

  TEST_CASE("refuses metadata JSON cannot carry") {
    CHECK_THROWS(pg_meta_json({{"k", std::string("a\0b", 3)}}));
    CHECK_THROWS(pg_meta_json({{"k", "\xff"}}));
  }
}

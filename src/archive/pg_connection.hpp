// SPDX-License-Identifier: Apache-2.0
// PgConnection: one libpq connection, and the little the PostgreSQL store
// asks of it: statements, parameterised queries with binary results, and
// COPY FROM STDIN. Internal to the PostgreSQL backend (not installed).
//
// Why libpq (C) and not libpqxx 6.4: COPY is the hot path of `add`, and
// libpq's PQputCopyData takes our binary COPY buffers as they are, where
// libpqxx 6.4's stream_to goes through text rows; its error fields
// (PQresultErrorField) give the server's one-line primary message, which
// is what su-archive prints, where libpqxx's exceptions carry the whole
// multi-line text; and it is the one C ABI every distribution ships with
// the server, where libpqxx 6.4 is a release behind upstream's 7.x API.
//
// Every failure is a PgError (an IoError: exit 4) whose text is one line:
// what was being done, and the server's or libpq's first line. Server
// notices are dropped, never printed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <libpq-fe.h>

#include "base/error.hpp"

namespace su {

class PgError : public IoError {
 public:
  PgError(const std::string& what, std::string sqlstate)
      : IoError(what), sqlstate_(std::move(sqlstate)) {}
  // The server's SQLSTATE ("40P01" for a deadlock), empty for client errors.
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// A result in binary format.
class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&&) = delete;
  ~PgResult() { PQclear(r_); }

  int rows() const { return PQntuples(r_); }
  bool null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  std::string_view bytes(int row, int col) const {
    return {PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))};
  }
  // int8, int4, int2 and bool columns (binary: big-endian).
  std::int64_t integer(int row, int col) const;
  bool boolean(int row, int col) const { return bytes(row, col) == std::string_view("\1", 1); }
  // A one-dimensional bytea[] or text[] column's elements.
  std::vector<std::string> array(int row, int col) const;
  PGresult* get() const { return r_; }

 private:
  PGresult* r_;
};

// A query parameter, sent in binary with its type named in the SQL
// ($1::bigint, $1::bytea).
struct PgParam {
  std::string value;
  bool binary = true;
  static PgParam int8(std::int64_t v);
  static PgParam bytea(std::string_view v) { return {std::string(v), true}; }
  static PgParam text(std::string_view v) { return {std::string(v), false}; }
  // A one-dimensional array of bytea (element type oid 17) or text (25).
  static PgParam array(const std::vector<std::string>& items, std::uint32_t oid = 17);
};

class PgConnection {
 public:
  // Connects to `conninfo`; `display` names the database in messages (the
  // connection string without its password). Throws PgError.
  PgConnection(const std::string& conninfo, std::string display);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs statements without parameters or results.
  void exec(const std::string& sql);
  PgResult query(const std::string& sql, const std::vector<PgParam>& params = {});

  // COPY ... FROM STDIN (FORMAT binary): begin, send, end.
  void copy_begin(const std::string& sql);
  void copy_send(std::string_view bytes);
  void copy_end();
  // Ends what is in progress, a COPY or a transaction, without committing
  // it. Never throws: it runs on the way out of a failure.
  void abandon() noexcept;

  const std::string& display() const { return display_; }

 private:
  [[noreturn]] void fail(const PGresult* r, const std::string& what) const;
  PGconn* conn_ = nullptr;
  std::string display_;
  bool in_copy_ = false;
};

// The name to show for a connection string: its password replaced by "***".
std::string redact_conninfo(const std::string& conninfo);

// Appends a binary COPY tuple's fields (PGCOPY format): call tuple(n)
// before each row's n fields.
class CopyBuffer {
 public:
  CopyBuffer();  // starts with the PGCOPY header
  void tuple(std::int16_t fields);
  void int8(std::int64_t v);
  void int4(std::int32_t v);
  void int2(std::int16_t v);
  void boolean(bool v);
  void null();
  void bytes(std::string_view v);
  // A one-dimensional array of bytea (or text, with `oid` 25).
  void array(const std::vector<std::string>& items, std::uint32_t oid = 17);
  void trailer();
  std::string& data() { return data_; }
  void clear_data() { data_.clear(); }

 private:
  void put32(std::uint32_t v);
  std::string data_;
};

}  // namespace su

// SPDX-License-Identifier: Apache-2.0
#include "archive/pg_connection.hpp"

#include <cstring>
#include <memory>

namespace su {
namespace {

// libpq's messages run over several lines (a hint indented by a tab);
// su-archive prints one.
std::string first_line(const char* message) {
  std::string s = message ? message : "";
  auto nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  for (const char* level : {"ERROR:  ", "FATAL:  "})
    for (auto p = s.find(level); p != std::string::npos; p = s.find(level)) s.erase(p, 8);
  return s.empty() ? "unknown error" : s;
}

void ignore_notice(void*, const char*) {}

std::uint64_t load_be(std::string_view b) {
  std::uint64_t v = 0;
  for (char c : b) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

}  // namespace

std::int64_t PgResult::integer(int row, int col) const {
  std::string_view b = bytes(row, col);
  std::uint64_t v = load_be(b);
  // Sign-extend the narrower types.
  if (b.size() == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  if (b.size() == 2) return static_cast<std::int16_t>(static_cast<std::uint16_t>(v));
  return static_cast<std::int64_t>(v);
}

std::vector<std::string> PgResult::array(int row, int col) const {
  // Binary array: ndim, has-null flag, element oid, then (size, lower
  // bound) per dimension, then each element as length + bytes.
  std::vector<std::string> out;
  if (null(row, col)) return out;
  std::string_view b = bytes(row, col);
  if (b.size() < 12) return out;
  std::uint32_t ndim = static_cast<std::uint32_t>(load_be(b.substr(0, 4)));
  if (ndim == 0 || b.size() < 20) return out;
  std::uint32_t n = static_cast<std::uint32_t>(load_be(b.substr(12, 4)));
  std::size_t pos = 12 + 8 * ndim;
  for (std::uint32_t i = 0; i < n && pos + 4 <= b.size(); ++i) {
    auto len = static_cast<std::int32_t>(static_cast<std::uint32_t>(load_be(b.substr(pos, 4))));
    pos += 4;
    if (len < 0) {
      out.emplace_back();
      continue;
    }
    out.emplace_back(b.substr(pos, static_cast<std::size_t>(len)));
    pos += static_cast<std::size_t>(len);
  }
  return out;
}

PgParam PgParam::int8(std::int64_t v) {
  std::string s;
  for (int i = 7; i >= 0; --i) s.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff));
  return {s, true};
}

namespace {

void put_be32(std::string& out, std::uint32_t v) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
               static_cast<char>(v)};
  out.append(b, 4);
}

// PostgreSQL's binary array: dimensions, has-nulls, element type, then
// (size, lower bound) per dimension and each element as length + bytes.
std::string binary_array(const std::vector<std::string>& items, std::uint32_t oid) {
  std::string out;
  put_be32(out, items.empty() ? 0 : 1);
  put_be32(out, 0);
  put_be32(out, oid);
  if (!items.empty()) {
    put_be32(out, static_cast<std::uint32_t>(items.size()));
    put_be32(out, 1);
  }
  for (const auto& i : items) {
    put_be32(out, static_cast<std::uint32_t>(i.size()));
    out += i;
  }
  return out;
}

}  // namespace

PgParam PgParam::array(const std::vector<std::string>& items, std::uint32_t oid) {
  return {binary_array(items, oid), true};
}

std::string redact_conninfo(const std::string& conninfo) {
  std::string s = conninfo;
  auto scheme = s.find("://");
  if (scheme != std::string::npos) {
    // postgresql://user:secret@host/db
    auto at = s.find('@', scheme + 3);
    auto slash = s.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      auto colon = s.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) s.replace(colon + 1, at - colon - 1, "***");
    }
    // ...?password=secret
    for (std::size_t p = s.find("password="); p != std::string::npos; p = s.find("password=", p + 1)) {
      if (p > 0 && s[p - 1] != '?' && s[p - 1] != '&') continue;
      auto end = s.find('&', p);
      s.replace(p + 9, (end == std::string::npos ? s.size() : end) - p - 9, "***");
    }
    return s;
  }
  // host=... password=secret ...
  for (std::size_t p = s.find("password"); p != std::string::npos; p = s.find("password", p + 1)) {
    if (p > 0 && s[p - 1] != ' ') continue;
    auto eq = s.find_first_not_of(' ', p + 8);
    if (eq == std::string::npos || s[eq] != '=') continue;
    auto start = s.find_first_not_of(' ', eq + 1);
    if (start == std::string::npos) break;
    std::size_t end = start;
    if (s[start] == '\'') {
      for (end = start + 1; end < s.size() && s[end] != '\''; ++end)
        if (s[end] == '\\') ++end;
      end = std::min(end + 1, s.size());
    } else {
      end = s.find(' ', start);
      if (end == std::string::npos) end = s.size();
    }
    s.replace(start, end - start, "***");
  }
  return s;
}

PgConnection::PgConnection(const std::string& conninfo, std::string display)
    : display_(std::move(display)) {
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (!options) {
    std::string why = first_line(parse_error);
    PQfreemem(parse_error);
    throw PgError("'" + display_ + "': not a valid connection string: " + why, "");
  }
  PQconninfoFree(options);
  // A client that cannot reach the server should say so, not hang.
  const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
  const char* values[] = {conninfo.c_str(), "10", "su-archive", nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (!conn_) throw PgError("'" + display_ + "': cannot connect: out of memory", "");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string why = first_line(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("'" + display_ + "': cannot connect: " + why, "");
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

void PgConnection::fail(const PGresult* r, const std::string& what) const {
  std::string message, state;
  if (r) {
    const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    const char* code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (primary) message = first_line(primary);
    if (code) state = code;
  }
  if (message.empty()) message = first_line(PQerrorMessage(conn_));
  throw PgError("'" + display_ + "': " + what + ": " + message, state);
}

void PgConnection::exec(const std::string& sql) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> r{PQexec(conn_, sql.c_str()), PQclear};
  auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.get(), "server error");
}

PgResult PgConnection::query(const std::string& sql, const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const auto& p : params) {
    values.push_back(p.value.data());
    lengths.push_back(static_cast<int>(p.value.size()));
    formats.push_back(p.binary ? 1 : 0);
  }
  PgResult r{PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                          values.data(), lengths.data(), formats.data(), 1)};
  auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.get(), "server error");
  return r;
}

void PgConnection::copy_begin(const std::string& sql) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> r{PQexec(conn_, sql.c_str()), PQclear};
  if (PQresultStatus(r.get()) != PGRES_COPY_IN) fail(r.get(), "server error");
  in_copy_ = true;
}

void PgConnection::copy_send(std::string_view bytes) {
  if (bytes.empty()) return;
  if (PQputCopyData(conn_, bytes.data(), static_cast<int>(bytes.size())) != 1)
    fail(nullptr, "COPY failed");
}

void PgConnection::copy_end() {
  in_copy_ = false;
  if (PQputCopyEnd(conn_, nullptr) != 1) fail(nullptr, "COPY failed");
  std::unique_ptr<PGresult, void (*)(PGresult*)> r{PQgetResult(conn_), PQclear};
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(r.get(), "server error");
  // Drain to the end of the command.
  while (PGresult* more = PQgetResult(conn_)) PQclear(more);
}

void PgConnection::abandon() noexcept {
  if (!conn_) return;
  if (in_copy_) {
    in_copy_ = false;
    PQputCopyEnd(conn_, "abandoned by su-archive");
  }
  while (PGresult* r = PQgetResult(conn_)) PQclear(r);
  if (PQtransactionStatus(conn_) != PQTRANS_IDLE) PQclear(PQexec(conn_, "ROLLBACK"));
}

CopyBuffer::CopyBuffer() {
  data_.append("PGCOPY\n\377\r\n\0", 11);
  put32(0);  // flags
  put32(0);  // header extension length
}

void CopyBuffer::put32(std::uint32_t v) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
               static_cast<char>(v)};
  data_.append(b, 4);
}

void CopyBuffer::tuple(std::int16_t fields) {
  auto v = static_cast<std::uint16_t>(fields);
  data_.push_back(static_cast<char>(v >> 8));
  data_.push_back(static_cast<char>(v & 0xff));
}

void CopyBuffer::int8(std::int64_t v) {
  put32(8);
  auto u = static_cast<std::uint64_t>(v);
  put32(static_cast<std::uint32_t>(u >> 32));
  put32(static_cast<std::uint32_t>(u));
}

void CopyBuffer::int4(std::int32_t v) {
  put32(4);
  put32(static_cast<std::uint32_t>(v));
}

void CopyBuffer::int2(std::int16_t v) {
  put32(2);
  auto u = static_cast<std::uint16_t>(v);
  data_.push_back(static_cast<char>(u >> 8));
  data_.push_back(static_cast<char>(u & 0xff));
}

void CopyBuffer::boolean(bool v) {
  put32(1);
  data_.push_back(v ? 1 : 0);
}

void CopyBuffer::null() { put32(0xffffffffu); }

void CopyBuffer::bytes(std::string_view v) {
  put32(static_cast<std::uint32_t>(v.size()));
  data_.append(v);
}

void CopyBuffer::array(const std::vector<std::string>& items, std::uint32_t oid) {
  bytes(binary_array(items, oid));
}

void CopyBuffer::trailer() {
  data_.push_back('\xff');
  data_.push_back('\xff');
}

}  // namespace su

-- A PostgreSQL archive at schema version 1, as su-archive 0.1 created it
-- (the 0 -> 1 migration of src/archive/pg_schema.cpp, frozen here), with
-- one test id interned the way version 1 did it (hash computed by the
-- column's expression). Loaded by
-- init-migrates-a-version-1-archive-and-keeps-its-test-ids.sh.
CREATE TABLE su_schema (version integer NOT NULL);
CREATE SEQUENCE su_run_ids MINVALUE 0 START 0;
CREATE TABLE su_runs (
  id bigint PRIMARY KEY DEFAULT nextval('su_run_ids'),
  uuid uuid NOT NULL UNIQUE,
  added_ns bigint NOT NULL,
  source bytea NOT NULL,
  meta jsonb NOT NULL,              -- [[key, value], ...] in the order given
  input_format text NOT NULL,       -- 'v2' (stored byte for byte) or 'v1' (upgraded)
  tests bigint NOT NULL,
  failures bigint NOT NULL,
  skips bigint NOT NULL,
  successes bigint NOT NULL,
  xfails bigint NOT NULL,
  uxsuccesses bigint NOT NULL,
  incomplete bigint NOT NULL,
  first_ns bigint,                  -- null: no test carried a timestamp
  last_ns bigint,
  test_ns bigint NOT NULL,
  stream_bytes bigint NOT NULL,     -- the uncompressed v2 stream
  stream_crc32 bigint NOT NULL,
  stored_bytes bigint NOT NULL,     -- the zstd frame in su_streams
  damaged_regions integer NOT NULL,
  workers bytea[] NOT NULL,         -- su_results.worker = 1 + index
  routes bytea[] NOT NULL,          -- su_results.route = 1 + index
  tag_sets bytea[] NOT NULL         -- each the set's tags joined by NUL
);
ALTER SEQUENCE su_run_ids OWNED BY su_runs.id;
CREATE INDEX su_runs_meta ON su_runs USING gin (meta jsonb_path_ops);
CREATE TABLE su_tests (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name bytea NOT NULL,
  -- Test ids may be longer than a btree entry allows: unique by a hash.
  hash bytea NOT NULL GENERATED ALWAYS AS (sha256(name)) STORED
);
CREATE UNIQUE INDEX su_tests_hash ON su_tests (hash);
CREATE TABLE su_results (
  run bigint NOT NULL,
  test integer NOT NULL,
  status smallint NOT NULL,         -- the v2 status (0 none ... 7 fail)
  complete boolean NOT NULL,        -- false: never completed
  start_ns bigint,
  stop_ns bigint,
  worker integer NOT NULL,          -- 0: no worker tag
  position integer NOT NULL,        -- order among its worker's tests
  route integer NOT NULL,           -- 0: no route code
  tag_set integer NOT NULL,         -- 0: no tags
  attachment_bytes bigint NOT NULL,
  stream_offset bigint NOT NULL     -- byte offset of its first event
);
CREATE INDEX su_results_run ON su_results (run);
CREATE INDEX su_results_test ON su_results (test, run);
-- `failing`: the few rows of a run that failed (fail, uxsuccess, incomplete).
CREATE INDEX su_results_failed ON su_results (run) WHERE status IN (4, 6) OR NOT complete;
CREATE TABLE su_streams (
  run bigint NOT NULL,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (run, seq)
);
-- Already zstd-compressed: TOAST should store it, not compress it again.
ALTER TABLE su_streams ALTER COLUMN data SET STORAGE EXTERNAL;
INSERT INTO su_schema VALUES (1);
INSERT INTO su_tests (name) VALUES ('sampleproj.tests.test_arith.TestAdd.test_add_01'), ('only.in.v1');

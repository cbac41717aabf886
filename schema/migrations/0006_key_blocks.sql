-- The keys of a first import in blocks of a day (issue 4, docs/performance.md).
--
-- An import into a ledger without entries (a bulk import: every entry is
-- new) wrote one entry_keys row per entry, and those rows were a fifth of
-- its work in SQLite. It now writes each day's keys as one block: the
-- day's keys, sorted, in a BLOB of 28-byte records
--
--   the key's last 12 bytes (its first 4 are the day), the entry's id as
--   8 bytes, its version (ledger/dedupe.go) as 8 bytes, both big-endian
--
-- so that a 100k-row export over three years writes some 1,100 rows instead
-- of 100,000. A day is one block of one import (at most 4,096 keys); keys
-- beyond that, and days an unsorted file comes back to, go to entry_keys
-- as before, as do the keys of every later import.
--
-- entry_keys stays the key table that an import looks in first: a key there
-- overrides the same key in a block. An import that finds an entry's key in
-- a block and learns a new version of it writes the key to entry_keys, and
-- an undo makes versions unknown there, so blocks are never rewritten. An
-- undo of the import that wrote them deletes them.
--
-- A rowid table with an index by day, not WITHOUT ROWID on (day,
-- import_id): a block is larger than an index page keeps of a row, and a
-- seek in such an index reads whole rows, overflow pages and all, at each
-- step. A re-import of 1M rows in random order took 16.4 s so (3.5 s with
-- key rows only).

CREATE TABLE key_blocks (
    id        INTEGER PRIMARY KEY,
    day       INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    keys      BLOB    NOT NULL,
    UNIQUE (day, import_id)
) STRICT;

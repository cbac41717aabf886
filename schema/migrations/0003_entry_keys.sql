-- De-duplication keys get a table of their own, for re-import speed
-- (issue 4, docs/performance.md).
--
-- An import looks up every row's key to tell new entries from known ones,
-- and for a known one compares the stored version with the row's. Through
-- the UNIQUE index on entries.dedupe_key, that took a seek in the index and
-- then one in entries for every row. entry_keys holds each key with its
-- entry's id and a hash of the fields an update may change (version: see
-- ledger/dedupe.go), so an unchanged row is settled by the key table alone.
-- version is NULL when it is not known (entries from before this migration,
-- and versions an undo put back): the import then compares the entry itself.
--
-- entries keeps dedupe_key, without an index, so that an undo finds the keys
-- of the entries it removes. SQLite cannot drop a UNIQUE constraint, so
-- entries is rebuilt, as in 0002.

CREATE TABLE entry_keys (
    dedupe_key BLOB    NOT NULL PRIMARY KEY,
    entry_id   INTEGER NOT NULL,
    version    INTEGER
) STRICT, WITHOUT ROWID;

INSERT INTO entry_keys (dedupe_key, entry_id, version)
SELECT dedupe_key, id, NULL FROM entries ORDER BY dedupe_key;

CREATE TABLE entries_new (
    id              INTEGER PRIMARY KEY,
    dedupe_key      BLOB    NOT NULL,
    date            TEXT    NOT NULL,
    platform        TEXT    NOT NULL,
    program         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    amount          INTEGER NOT NULL,
    currency        TEXT    NOT NULL,
    account_id      INTEGER NOT NULL,
    contra_id       INTEGER NOT NULL,
    external_id     TEXT    NOT NULL,
    views           INTEGER,
    qualified_views INTEGER,
    status          TEXT    NOT NULL,
    counterparty    TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    created_import  INTEGER NOT NULL,
    import_id       INTEGER NOT NULL,
    line            INTEGER NOT NULL
) STRICT;

INSERT INTO entries_new
SELECT id, dedupe_key, date, platform, program, kind, amount, currency, account_id, contra_id, external_id,
       views, qualified_views, status, counterparty, description, created_import, import_id, line
FROM entries ORDER BY id;

DROP TABLE entries;
ALTER TABLE entries_new RENAME TO entries;

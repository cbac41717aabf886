-- Smaller, cheaper-to-write entries and a key table of their own, for
-- import speed (issue 4, docs/performance.md).
--
-- De-duplication keys. An import looks up every row's key to tell new
-- entries from known ones, and for a known one compares the stored version
-- with the row's. Through the UNIQUE index on entries.dedupe_key, that took
-- a seek in the index and then one in entries for every row. entry_keys
-- holds each key with its entry's id and a hash of the fields an update may
-- change (version: see ledger/dedupe.go), so an unchanged row is settled by
-- the key table alone. version is NULL when it is not known (entries from
-- before this migration, and versions an undo put back): the import then
-- compares the entry itself. entries loses dedupe_key: an undo finds the
-- keys of the entries it removes by their ids (a scan of entry_keys, which
-- an undo can afford and an import cannot).
--
-- Classes. An entry's platform, program, kind, currency and its two
-- accounts repeat across thousands of entries: they move to entry_classes,
-- and an entry has the class's id. entry_view shows entries with those
-- columns, as entries had them; queries read it.
--
-- SQLite cannot drop a column with a UNIQUE constraint, so entries is
-- rebuilt, as in 0002.

CREATE TABLE entry_keys (
    dedupe_key BLOB    NOT NULL PRIMARY KEY,
    entry_id   INTEGER NOT NULL,
    version    INTEGER
) STRICT, WITHOUT ROWID;

INSERT INTO entry_keys (dedupe_key, entry_id, version)
SELECT dedupe_key, id, NULL FROM entries ORDER BY dedupe_key;

CREATE TABLE entry_classes (
    id         INTEGER PRIMARY KEY,
    platform   TEXT    NOT NULL,
    program    TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    currency   TEXT    NOT NULL,
    account_id INTEGER NOT NULL,
    contra_id  INTEGER NOT NULL,
    UNIQUE (platform, program, kind, currency, account_id, contra_id)
) STRICT;

INSERT INTO entry_classes (platform, program, kind, currency, account_id, contra_id)
SELECT DISTINCT platform, program, kind, currency, account_id, contra_id FROM entries
ORDER BY platform, program, kind, currency, account_id, contra_id;

-- An entry is one balanced movement: +amount to its class's account,
-- -amount to the contra account, both in the class's currency, signed as
-- the change to the balance of the account the source describes.
-- created_import first added it; import_id and line point at the file row
-- of its current version (in import_rows).
CREATE TABLE entries_new (
    id              INTEGER PRIMARY KEY,
    date            TEXT    NOT NULL,
    class_id        INTEGER NOT NULL,
    amount          INTEGER NOT NULL,
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

INSERT INTO entries_new (id, date, class_id, amount, external_id, views, qualified_views, status,
       counterparty, description, created_import, import_id, line)
SELECT e.id, e.date, c.id, e.amount, e.external_id, e.views, e.qualified_views, e.status,
       e.counterparty, e.description, e.created_import, e.import_id, e.line
FROM entries e JOIN entry_classes c
    ON c.platform = e.platform AND c.program = e.program AND c.kind = e.kind AND c.currency = e.currency
   AND c.account_id = e.account_id AND c.contra_id = e.contra_id
ORDER BY e.id;

DROP TABLE entries;
ALTER TABLE entries_new RENAME TO entries;

CREATE VIEW entry_view AS
SELECT e.id, e.date, c.platform, c.program, c.kind, e.amount, c.currency, c.account_id, c.contra_id,
       e.external_id, e.views, e.qualified_views, e.status, e.counterparty, e.description, e.created_import,
       e.import_id, e.line
FROM entries e JOIN entry_classes c ON c.id = e.class_id;

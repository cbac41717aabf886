-- Smaller entries, for import speed (issue 4, BENCHMARKS.md).
--
-- * The original file rows move out of entries and entry_history into
--   import_rows: one row per run of about 32 KiB of an import's rows, so an
--   entry is about a third smaller and an import writes its rows in a few
--   large records instead of a million small ones.
-- * entries loses its foreign-key clauses and the created_import index: the
--   importer is the only writer and checks accounts and imports itself, and
--   the checks cost a lookup per column per row. The entries an import
--   created are instead the id range imports.first_entry..last_entry, which
--   an import takes in one piece because it holds the write lock: undo
--   deletes that range through the table's own b-tree.
-- * entry_history loses its foreign-key clauses too: undo removes history
--   rows itself, before the entries.
--
-- SQLite cannot drop a column that is part of a foreign key, so both tables
-- are rebuilt. The old entry_history goes first: dropping entries while it
-- still refers to them would cascade.

-- Rows of the imported files, for `imports show`. data holds records
-- "<line>\t<row>\n" in line order, with backslash, newline and carriage
-- return in the row written as \\, \n and \r (see ledger/rawrows.go).
CREATE TABLE import_rows (
    id         INTEGER PRIMARY KEY,
    import_id  INTEGER NOT NULL,
    first_line INTEGER NOT NULL,
    last_line  INTEGER NOT NULL,
    data       TEXT    NOT NULL
) STRICT;

CREATE INDEX import_rows_import ON import_rows (import_id, first_line);

INSERT INTO import_rows (import_id, first_line, last_line, data)
SELECT import_id, MIN(line), MAX(line),
       group_concat(line || char(9) ||
           replace(replace(replace(raw, '\', '\\'), char(10), '\n'), char(13), '\r') || char(10), '' ORDER BY line)
FROM (SELECT import_id, line, raw FROM entries
      UNION
      SELECT import_id, line, raw FROM entry_history)
GROUP BY import_id, line / 512;

ALTER TABLE imports ADD COLUMN first_entry INTEGER NOT NULL DEFAULT 1;
ALTER TABLE imports ADD COLUMN last_entry  INTEGER NOT NULL DEFAULT 0;

UPDATE imports SET (first_entry, last_entry) =
    (SELECT COALESCE(MIN(id), 1), COALESCE(MAX(id), 0) FROM entries WHERE created_import = imports.id);

CREATE TABLE entry_history_new (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER NOT NULL,
    replaced_by     INTEGER NOT NULL,
    amount          INTEGER NOT NULL,
    views           INTEGER,
    qualified_views INTEGER,
    status          TEXT    NOT NULL,
    counterparty    TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    import_id       INTEGER NOT NULL,
    line            INTEGER NOT NULL
) STRICT;

INSERT INTO entry_history_new
SELECT id, entry_id, replaced_by, amount, views, qualified_views, status, counterparty, description, import_id, line
FROM entry_history;

DROP TABLE entry_history;
ALTER TABLE entry_history_new RENAME TO entry_history;

CREATE INDEX entry_history_entry ON entry_history (entry_id);
CREATE INDEX entry_history_replaced_by ON entry_history (replaced_by);
CREATE INDEX entry_history_import ON entry_history (import_id);

-- An entry is one balanced movement: +amount to account_id, -amount to
-- contra_id, both in currency, signed as the change to the balance of the
-- account the source describes. dedupe_key identifies it across imports
-- (ledger/dedupe.go); created_import first added it; import_id and line
-- point at the file row of its current version (in import_rows).
CREATE TABLE entries_new (
    id              INTEGER PRIMARY KEY,
    dedupe_key      BLOB    NOT NULL UNIQUE,
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

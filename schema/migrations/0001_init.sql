-- The first ledger schema.
--
-- Money is stored as INTEGER micro-units (1e-6 of the currency unit) so that
-- SUM() is exact; the Go side converts to decimal.Decimal at the boundary.
-- Dates are ISO 8601 text (YYYY-MM-DD), which sorts and compares correctly.
-- Tables are STRICT so no column ever silently changes type.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- One row per imported file.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file        TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    sha256      TEXT    NOT NULL UNIQUE,
    imported_at TEXT    NOT NULL,
    rows        INTEGER NOT NULL,
    new         INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    rounded     INTEGER NOT NULL
) STRICT;

-- Every account a posting has touched: income:<platform>:<program>,
-- assets:<platform>, assets:bank:<bank>, expenses:…, equity:….
CREATE TABLE accounts (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

-- An entry is one balanced movement: +amount to account_id, -amount to
-- contra_id, both in currency. amount is signed as the change to the balance
-- of the account the source describes (the platform balance, or the bank
-- account for a bank statement).
--
-- dedupe_key identifies the entry across imports (see ledger/dedupe.go).
-- import_id/line point at the file row of the current version; created_import
-- is the import that first added the entry. raw is that row as read.
CREATE TABLE entries (
    id              INTEGER PRIMARY KEY,
    dedupe_key      BLOB    NOT NULL UNIQUE,
    date            TEXT    NOT NULL,
    platform        TEXT    NOT NULL,
    program         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    amount          INTEGER NOT NULL,
    currency        TEXT    NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    contra_id       INTEGER NOT NULL REFERENCES accounts (id),
    external_id     TEXT    NOT NULL,
    views           INTEGER,
    qualified_views INTEGER,
    status          TEXT    NOT NULL,
    counterparty    TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    created_import  INTEGER NOT NULL REFERENCES imports (id),
    import_id       INTEGER NOT NULL REFERENCES imports (id),
    line            INTEGER NOT NULL,
    raw             TEXT    NOT NULL
) STRICT;

-- No index on date: reports read daily_totals, and an index maintained on
-- every insert cost 15% of import time for the rare export of a date range.
CREATE INDEX entries_created_import ON entries (created_import);

-- Totals per day, platform, program, kind, status and currency, kept up to
-- date by every import and undo, so reports over millions of entries read a
-- few thousand rows. views and qualified_views sum the entries that have them.
CREATE TABLE daily_totals (
    date            TEXT    NOT NULL,
    platform        TEXT    NOT NULL,
    program         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    amount          INTEGER NOT NULL,
    views           INTEGER NOT NULL,
    qualified_views INTEGER NOT NULL,
    entries         INTEGER NOT NULL,
    PRIMARY KEY (date, platform, program, kind, status, currency)
) STRICT, WITHOUT ROWID;

-- Earlier versions of entries that a later import changed (a pending
-- commission that became approved, an estimate that became final).
-- replaced_by is the import that wrote the newer version; undoing it puts
-- this version back.
CREATE TABLE entry_history (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    replaced_by     INTEGER NOT NULL REFERENCES imports (id),
    amount          INTEGER NOT NULL,
    views           INTEGER,
    qualified_views INTEGER,
    status          TEXT    NOT NULL,
    counterparty    TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    import_id       INTEGER NOT NULL REFERENCES imports (id),
    line            INTEGER NOT NULL,
    raw             TEXT    NOT NULL
) STRICT;

CREATE INDEX entry_history_entry ON entry_history (entry_id);
CREATE INDEX entry_history_replaced_by ON entry_history (replaced_by);
CREATE INDEX entry_history_import ON entry_history (import_id);

-- The schema of a new ledger: what the migrations (migrations/*.sql) build,
-- step by step, from an empty file, written in one step. A new ledger gets
-- it in one transaction and has every migration recorded as applied; an
-- existing ledger only ever runs the migrations it has not had.
--
-- The migrations stay the history and the explanation of each table. This
-- file exists because running them takes a new ledger through every shape
-- it ever had (tables built, rebuilt and renamed): about 8 ms of a first
-- import, against 1 ms for this. ledger.TestSchemaSnapshot checks that both
-- give the same tables, columns, indexes and views; a new migration must be
-- written here as well.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

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
    rounded     INTEGER NOT NULL,
    first_entry INTEGER NOT NULL DEFAULT 1,
    last_entry  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE accounts (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE entry_history (
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
CREATE INDEX entry_history_entry ON entry_history (entry_id);
CREATE INDEX entry_history_replaced_by ON entry_history (replaced_by);
CREATE INDEX entry_history_import ON entry_history (import_id);

CREATE TABLE entry_keys (
    dedupe_key BLOB    NOT NULL PRIMARY KEY,
    entry_id   INTEGER NOT NULL,
    version    INTEGER
) STRICT, WITHOUT ROWID;

CREATE TABLE key_blocks (
    id        INTEGER PRIMARY KEY,
    day       INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    keys      BLOB    NOT NULL,
    UNIQUE (day, import_id)
) STRICT;

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

CREATE TABLE entries (
    id              INTEGER PRIMARY KEY,
    day             INTEGER NOT NULL,
    class_id        INTEGER NOT NULL,
    amount          INTEGER NOT NULL,
    external_id     TEXT    NOT NULL,
    views           INTEGER,
    qualified_views INTEGER,
    status          INTEGER NOT NULL,
    counterparty    TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    created_import  INTEGER NOT NULL,
    import_id       INTEGER NOT NULL,
    line            INTEGER NOT NULL,
    invoice         INTEGER
) STRICT;
-- An invoice or credit note has invoice = 1, every other entry NULL; the
-- invoices in id order, with their days, amounts and numbers (0014).
CREATE INDEX entries_invoices ON entries (id, day, amount, external_id) WHERE invoice = 1;

CREATE VIEW entry_view AS
SELECT e.id, printf('%04d-%02d-%02d', e.day / 10000, e.day / 100 % 100, e.day % 100) AS date, e.day,
       c.platform, c.program, c.kind, e.amount, c.currency, c.account_id, c.contra_id, e.class_id,
       e.external_id, e.views, e.qualified_views,
       CASE e.status WHEN 1 THEN 'estimated' WHEN 2 THEN 'pending' WHEN 3 THEN 'approved' WHEN 4 THEN 'paid'
                     WHEN 5 THEN 'reversed' END AS status,
       e.counterparty, e.description, e.created_import, e.import_id, e.line
FROM entries e JOIN entry_classes c ON c.id = e.class_id;

CREATE TABLE daily_totals (
    day    INTEGER PRIMARY KEY,
    groups TEXT    NOT NULL
) STRICT;

CREATE VIEW daily_totals_view AS
SELECT t.day, g.value ->> 0 AS class_id, g.value ->> 1 AS status, g.value ->> 2 AS amount,
       g.value ->> 3 AS views, g.value ->> 4 AS qualified_views, g.value ->> 5 AS entries,
       g.value ->> 6 AS rpm_amount, g.value ->> 7 AS rpm_views, g.value ->> 8 AS rpm_entries
FROM daily_totals t, json_each(t.groups) g;

CREATE TABLE import_rows (
    id         INTEGER PRIMARY KEY,
    import_id  INTEGER NOT NULL,
    first_line INTEGER NOT NULL,
    last_line  INTEGER NOT NULL,
    data       ANY     NOT NULL
) STRICT;
CREATE INDEX import_rows_import ON import_rows (import_id, first_line);

-- Payout thresholds the creator sets (0008).
CREATE TABLE threshold_overrides (
    platform       TEXT    NOT NULL,
    program        TEXT    NOT NULL,
    currency       TEXT    NOT NULL,
    payment_method TEXT    NOT NULL,
    min_payout     INTEGER NOT NULL,
    schedule       TEXT    NOT NULL,
    set_at         TEXT    NOT NULL,
    PRIMARY KEY (platform, program, currency, payment_method)
) STRICT;

-- Entries an import holds without having written them (0009).
CREATE TABLE import_members (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL,
    kind      INTEGER NOT NULL,
    entries   INTEGER NOT NULL,
    data      BLOB    NOT NULL
) STRICT;
CREATE INDEX import_members_import ON import_members (import_id, kind);

-- ECB euro reference rates (0011).
CREATE TABLE rates (
    currency TEXT    NOT NULL,
    day      INTEGER NOT NULL,
    rate     INTEGER NOT NULL,
    PRIMARY KEY (currency, day)
) STRICT, WITHOUT ROWID;

-- Reconciliation: which entry settles which (0012).
CREATE TABLE matches (
    id        INTEGER PRIMARY KEY,
    kind      INTEGER NOT NULL,
    entry_id  INTEGER NOT NULL,
    target_id INTEGER NOT NULL,
    platform  TEXT    NOT NULL,
    program   TEXT    NOT NULL,
    amount    INTEGER NOT NULL,
    currency  TEXT    NOT NULL,
    origin    INTEGER NOT NULL,
    why       TEXT    NOT NULL,
    made_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX matches_entry ON matches (entry_id);
CREATE INDEX matches_target ON matches (target_id);

-- A statement's opening and closing balance per account (0012).
CREATE TABLE statement_balances (
    import_id INTEGER NOT NULL,
    platform  TEXT    NOT NULL,
    account   TEXT    NOT NULL,
    currency  TEXT    NOT NULL,
    first_day INTEGER NOT NULL,
    opening   INTEGER NOT NULL,
    last_day  INTEGER NOT NULL,
    closing   INTEGER NOT NULL,
    PRIMARY KEY (import_id, platform, account, currency)
) STRICT;

-- Sponsorship invoices: each version's due and paid day, VAT, disclosure,
-- deliverables, the invoice a credit note corrects, the customer's country
-- (0013).
CREATE TABLE invoices (
    entry_id         INTEGER NOT NULL,
    import_id        INTEGER NOT NULL,
    due_day          INTEGER,
    paid_day         INTEGER,
    vat_rate         INTEGER,
    vat              INTEGER NOT NULL,
    disclosure       TEXT    NOT NULL,
    urls             TEXT    NOT NULL,
    corrects         TEXT    NOT NULL,
    customer_country TEXT    NOT NULL,
    PRIMARY KEY (entry_id, import_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX invoices_import ON invoices (import_id);

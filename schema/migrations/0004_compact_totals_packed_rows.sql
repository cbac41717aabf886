-- Smaller daily totals and file rows, for import speed (issue 4,
-- docs/performance.md).
--
-- daily_totals kept one row per date, platform, program, kind, status and
-- currency, keyed by those six texts: about 80 bytes a row, and an import
-- of a 100k-row export over three years writes some 36,000 of them, each
-- placed by comparing texts. Platform, program, kind and currency are an
-- entry class's (entry_classes, 0003), and the date fits an integer: a row
-- is now keyed by day (the date as YYYYMMDD, so a month is day / 100),
-- class and status. Queries join entry_classes for the names.
--
-- The rows are computed again from the entries, which is what they sum: a
-- class also holds the accounts, so one old row may split into several.

CREATE TABLE daily_totals_new (
    day             INTEGER NOT NULL,
    class_id        INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    amount          INTEGER NOT NULL,
    views           INTEGER NOT NULL,
    qualified_views INTEGER NOT NULL,
    entries         INTEGER NOT NULL,
    PRIMARY KEY (day, class_id, status)
) STRICT, WITHOUT ROWID;

INSERT INTO daily_totals_new (day, class_id, status, amount, views, qualified_views, entries)
SELECT CAST(replace(date, '-', '') AS INTEGER), class_id, status, SUM(amount),
       COALESCE(SUM(views), 0), COALESCE(SUM(qualified_views), 0), COUNT(*)
FROM entries GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

DROP TABLE daily_totals;
ALTER TABLE daily_totals_new RENAME TO daily_totals;

-- import_rows.data may now also be a blob: the run's text compressed in
-- S2's block format, as imports write it (see ledger/rawrows.go). The text
-- runs stay as they are. A STRICT column cannot change its type, so the
-- table is rebuilt.
CREATE TABLE import_rows_new (
    id         INTEGER PRIMARY KEY,
    import_id  INTEGER NOT NULL,
    first_line INTEGER NOT NULL,
    last_line  INTEGER NOT NULL,
    data       ANY     NOT NULL
) STRICT;

INSERT INTO import_rows_new (id, import_id, first_line, last_line, data)
SELECT id, import_id, first_line, last_line, data FROM import_rows ORDER BY id;

DROP TABLE import_rows;
ALTER TABLE import_rows_new RENAME TO import_rows;
CREATE INDEX import_rows_import ON import_rows (import_id, first_line);

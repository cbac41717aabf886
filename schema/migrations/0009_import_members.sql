-- Which entries an import holds without having written them (issue 13).
--
-- An entry belongs to every import whose file contains it. The import that
-- added it owns its id (imports.first_entry..last_entry), an import that
-- changed it is in entry_history (replaced_by); an import that found it
-- unchanged (a duplicate) left no trace until now, so undoing the import
-- that added the entry deleted it although a later file still held it.
--
-- Each row is a run of (entry id, file line) pairs of one import, as
-- zigzag varint deltas compressed with S2 (ledger/membership.go), written
-- once per 16,384 pairs: a re-import of 1M rows writes about 60 small rows
-- instead of a row per duplicate. kind 0: duplicates, written by the
-- import; kind 1: entries the import took over as their writer when an
-- undo removed the import that had written them (written by that undo).
-- Only an undo reads them.

CREATE TABLE import_members (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL,
    kind      INTEGER NOT NULL,
    entries   INTEGER NOT NULL,
    data      BLOB    NOT NULL
) STRICT;
CREATE INDEX import_members_import ON import_members (import_id, kind);

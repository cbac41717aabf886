-- Invoices without reading every entry (issue 16): entries.invoice is 1 for
-- an invoice or credit note (an entry of platform sponsorship, kind earning
-- or reversal) and NULL for every other entry, so that a partial index holds
-- the invoices alone. SQLite keeps it as entries are inserted, updated and
-- deleted; the other entries cost a NULL.
--
-- entries_invoices: the invoices in the order they were written (id), with
--     their day, amount and number, so that the invoices of some days, the
--     credit notes and the invoices a credit note names are found without
--     reading the entries. In id order an import adds to its end: by day,
--     a file in no date order wrote its pages all over (+23% of the CPU of
--     a shuffled 1M-row import, against +2%). One index: SQLite weighs a
--     partial index's condition for every entry written.
ALTER TABLE entries ADD COLUMN invoice INTEGER;
UPDATE entries SET invoice = 1 WHERE class_id IN (SELECT id FROM entry_classes
    WHERE platform = 'sponsorship' AND kind IN ('earning', 'reversal'));
CREATE INDEX entries_invoices ON entries (id, day, amount, external_id) WHERE invoice = 1;

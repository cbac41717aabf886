-- Invoices without reading every entry (issue 16): entries.invoice is 1 for
-- an invoice or credit note (an entry of platform sponsorship, kind earning
-- or reversal) and NULL for every other entry, so that a partial index holds
-- the invoices alone. SQLite keeps it as entries are inserted, updated and
-- deleted; the other entries cost a NULL.
--
-- entries_invoices: the invoices by day (the open invoices listed first,
--     the invoices report) with their amounts (the credit notes) and
--     numbers (the invoices a credit note names), both found in it without
--     reading the entries. One index: SQLite weighs a partial index's
--     condition for every entry written, so each costs every import.
ALTER TABLE entries ADD COLUMN invoice INTEGER;
UPDATE entries SET invoice = 1 WHERE class_id IN (SELECT id FROM entry_classes
    WHERE platform = 'sponsorship' AND kind IN ('earning', 'reversal'));
CREATE INDEX entries_invoices ON entries (day, amount, external_id) WHERE invoice = 1;
